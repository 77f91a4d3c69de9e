// TOLERANT: IREE input after flow formation: `util.global` / `util.func`, `hal.tensor.import` / `export`,
// `flow.dispatch.workgroups[...](...) : ... = (region arguments) { ... }` with `flow.dispatch.tensor.load/store`,
// and a typed dialect attribute in an array (`[#hal.device.target<...> : !hal.device]`).
// Op statements written in the text: 15, counting module, functions and terminators.
// mlir-opt-19 FILE                              -> rejected, line 1:27: #"hal"<...> : 'none' attribute created with unregistered dialect
// mlir-opt-19 --allow-unregistered-dialect FILE -> rejected, line 3:3: Dialect `util' not found for custom op 'util.global'
// (end of header)
#executable_target = #hal.executable.target<"llvm-cpu", "embedded-elf-x86_64", {cpu = "generic", native_vector_size = 16 : i64}>
module attributes {hal.device.targets = [#hal.device.target<"local", [#executable_target]> : !hal.device]} {
  util.global private @weights : tensor<4x4xf32>
  util.func public @main(%arg0: !hal.buffer_view) -> !hal.buffer_view attributes {iree.abi.stub} {
    %c4 = arith.constant 4 : index
    %0 = hal.tensor.import %arg0 "input0" : !hal.buffer_view -> tensor<4x4xf32>
    %w = util.global.load @weights : tensor<4x4xf32>
    %1 = flow.dispatch.workgroups[%c4](%0, %w) : (tensor<4x4xf32>, tensor<4x4xf32>) -> tensor<4x4xf32> =
        (%in: !flow.dispatch.tensor<readonly:tensor<4x4xf32>>, %wt: !flow.dispatch.tensor<readonly:tensor<4x4xf32>>, %out: !flow.dispatch.tensor<writeonly:tensor<4x4xf32>>) {
      %a = flow.dispatch.tensor.load %in, offsets = [0, 0], sizes = [4, 4], strides = [1, 1] : !flow.dispatch.tensor<readonly:tensor<4x4xf32>> -> tensor<4x4xf32>
      %b = flow.dispatch.tensor.load %wt, offsets = [0, 0], sizes = [4, 4], strides = [1, 1] : !flow.dispatch.tensor<readonly:tensor<4x4xf32>> -> tensor<4x4xf32>
      %e = tensor.empty() : tensor<4x4xf32>
      %m = linalg.matmul ins(%a, %b : tensor<4x4xf32>, tensor<4x4xf32>) outs(%e : tensor<4x4xf32>) -> tensor<4x4xf32>
      flow.dispatch.tensor.store %m, %out, offsets = [0, 0], sizes = [4, 4], strides = [1, 1] : tensor<4x4xf32> -> !flow.dispatch.tensor<writeonly:tensor<4x4xf32>>
      flow.return
    }
    %2 = hal.tensor.export %1 "output0" : tensor<4x4xf32> -> !hal.buffer_view
    util.return %2 : !hal.buffer_view
  }
}
