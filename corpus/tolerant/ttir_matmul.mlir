// TOLERANT: tt-mlir TTIR: ttir.empty custom form, DPS-style generic ttir.* ops, #tt.system_desc attribute.
// Op statements written in the text: 9, counting module,
// functions and terminators. Op names:
//   module, func.func, ttir.empty x3, ttir.matmul, ttir.add, ttir.relu, return
// mlir-opt-19 FILE                              -> rejected, line 8:41: #"tt"<"system_desc<[{arch = <wormhole_b0>, grid = 8x8, l1_size = 1499136, num_dram_channels = 12}], [0], [3 : i32], [<0...
// mlir-opt-19 --allow-unregistered-dialect FILE -> rejected, line 10:10: Dialect `ttir' not found for custom op 'ttir.empty'
// (end of header)
module attributes {tt.system_desc = #tt.system_desc<[{arch = <wormhole_b0>, grid = 8x8, l1_size = 1499136, num_dram_channels = 12}], [0], [3 : i32], [<0, 0, 0, 0>]>} {
  func.func @forward(%arg0: tensor<64x128xbf16>, %arg1: tensor<128x96xbf16>, %arg2: tensor<64x96xbf16>) -> tensor<64x96xbf16> {
    %0 = ttir.empty() : tensor<64x96xbf16>
    %1 = "ttir.matmul"(%arg0, %arg1, %0) : (tensor<64x128xbf16>, tensor<128x96xbf16>, tensor<64x96xbf16>) -> tensor<64x96xbf16>
    %2 = ttir.empty() : tensor<64x96xbf16>
    %3 = "ttir.add"(%1, %arg2, %2) : (tensor<64x96xbf16>, tensor<64x96xbf16>, tensor<64x96xbf16>) -> tensor<64x96xbf16>
    %4 = ttir.empty() : tensor<64x96xbf16>
    %5 = "ttir.relu"(%3, %4) : (tensor<64x96xbf16>, tensor<64x96xbf16>) -> tensor<64x96xbf16>
    return %5 : tensor<64x96xbf16>
  }
}
