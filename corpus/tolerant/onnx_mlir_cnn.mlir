// TOLERANT: ONNX-MLIR import of a small CNN: custom-form `onnx.Constant` / `onnx.Return`, generic onnx ops with
// `si64` attributes and a `none` operand from `onnx.NoValue`, argument and result attributes, `onnx.EntryPoint`.
// Op statements written in the text: 13, counting module, functions and terminators.
// mlir-opt-19 FILE                              -> rejected, line 3:10: Dialect `onnx' not found for custom op 'onnx.Constant'
// mlir-opt-19 --allow-unregistered-dialect FILE -> rejected, line 3:10: Dialect `onnx' not found for custom op 'onnx.Constant'
// (end of header)
module attributes {llvm.data_layout = "e-m:e-i64:64-f80:128-n8:16:32:64-S128", "onnx-mlir.symbol-postfix" = "model"} {
  func.func @main_graph(%arg0: tensor<1x3x224x224xf32> {onnx.name = "input"}) -> (tensor<1x1000xf32> {onnx.name = "output"}) {
    %0 = onnx.Constant dense<0.1> : tensor<64x3x7x7xf32>
    %1 = "onnx.NoValue"() {value} : () -> none
    %2 = "onnx.Conv"(%arg0, %0, %1) {auto_pad = "NOTSET", dilations = [1, 1], group = 1 : si64, kernel_shape = [7, 7], pads = [3, 3, 3, 3], strides = [2, 2]} : (tensor<1x3x224x224xf32>, tensor<64x3x7x7xf32>, none) -> tensor<1x64x112x112xf32>
    %3 = "onnx.Relu"(%2) {onnx_node_name = "Relu_0"} : (tensor<1x64x112x112xf32>) -> tensor<1x64x112x112xf32>
    %4 = "onnx.GlobalAveragePool"(%3) : (tensor<1x64x112x112xf32>) -> tensor<1x64x1x1xf32>
    %5 = onnx.Constant dense<[1, 64]> : tensor<2xi64>
    %6 = "onnx.Reshape"(%4, %5) {allowzero = 0 : si64} : (tensor<1x64x1x1xf32>, tensor<2xi64>) -> tensor<1x64xf32>
    %7 = onnx.Constant dense<0.01> : tensor<64x1000xf32>
    %8 = "onnx.MatMul"(%6, %7) : (tensor<1x64xf32>, tensor<64x1000xf32>) -> tensor<1x1000xf32>
    onnx.Return %8 : tensor<1x1000xf32>
  }
  "onnx.EntryPoint"() {func = @main_graph} : () -> ()
}
