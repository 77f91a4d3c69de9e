// TOLERANT: tt-mlir TTNN output: a `ttcore.device` declaration whose custom syntax holds `meshShape = 1x1`
// (a shape outside any type), `#ttcore.system_desc` / `#ttnn.ttnn_layout` aliases, nested modules,
// generic-form ttnn ops and a custom-form ttir op.
// Op statements written in the text: 10, counting modules, functions and terminators.
// mlir-opt-19 FILE                              -> rejected, line 1:15: #"ttnn"<"buffer_type<dram>"> : 'none' attribute created with unregistered dialect
// mlir-opt-19 --allow-unregistered-dialect FILE -> rejected, line 5:3: Dialect `ttcore' not found for custom op 'ttcore.device_module'
// (end of header)
#dram = #ttnn.buffer_type<dram>
#system_desc = #ttcore.system_desc<[{role = host, target_triple = "x86_64-pc-linux"}], [{arch = <wormhole_b0>, grid = 8x8, l1_size = 1499136}], [0], [3 : i32], [ 0x0x0x0]>
#ttnn_layout = #ttnn.ttnn_layout<(d0, d1) -> (d0, d1), <1x1>, memref<1x4x!ttcore.tile<32x32, bf16>, #dram>, <interleaved>>
module @Model attributes {ttcore.system_desc = #system_desc} {
  ttcore.device_module {
    builtin.module @Model attributes {ttcore.system_desc = #system_desc} {
      ttcore.device @default_device = <workerGrid = #ttcore.grid<8x8, (d0, d1) -> (0, d0, d1)>, l1Map = (d0, d1, d2)[s0] -> (0, d0, d1, d2 + s0), meshShape = 1x1, chipIds = [0]>
      func.func @forward(%arg0: tensor<32x128xbf16, #ttnn_layout> {ttcore.argument_type = #ttcore.argument_type<input>}) -> tensor<32x128xbf16, #ttnn_layout> {
        %0 = "ttnn.get_device"() <{mesh_offset = #ttnn<mesh_offset 0x0>, mesh_shape = #ttnn<mesh_shape 1x1>}> : () -> !ttnn.device
        %1 = "ttnn.relu"(%arg0) : (tensor<32x128xbf16, #ttnn_layout>) -> tensor<32x128xbf16, #ttnn_layout>
        %2 = ttir.empty() : tensor<32x128xbf16>
        %3 = "ttir.add"(%1, %1, %2) : (tensor<32x128xbf16, #ttnn_layout>, tensor<32x128xbf16, #ttnn_layout>, tensor<32x128xbf16>) -> tensor<32x128xbf16, #ttnn_layout>
        return %3 : tensor<32x128xbf16, #ttnn_layout>
      }
    }
  }
}
