// TOLERANT: onnx-mlir MNIST MLP: onnx.Constant/onnx.Return custom, onnx.Gemm generic.
// Op statements written in the text: 12, counting module,
// functions and terminators. Op names:
//   module, func.func, onnx.Constant x4, onnx.Gemm x2, onnx.Relu, onnx.Softmax, onnx.Return,
//   onnx.EntryPoint
// mlir-opt-19 FILE                              -> rejected, line 11:10: Dialect `onnx' not found for custom op 'onnx.Constant'
// mlir-opt-19 --allow-unregistered-dialect FILE -> rejected, line 11:10: Dialect `onnx' not found for custom op 'onnx.Constant'
// (end of header)
module attributes {llvm.data_layout = "e-m:e-i64:64-n32:64-S128", "onnx-mlir.symbol-postfix" = "mnist"} {
  func.func @main_graph(%arg0: tensor<1x784xf32> {onnx.name = "input"}) -> (tensor<1x10xf32> {onnx.name = "output"}) {
    %0 = onnx.Constant dense_resource<__elided__> : tensor<128x784xf32>
    %1 = onnx.Constant dense<1.000000e-02> : tensor<128xf32>
    %2 = onnx.Constant dense_resource<__elided__> : tensor<10x128xf32>
    %3 = onnx.Constant dense<0.000000e+00> : tensor<10xf32>
    %4 = "onnx.Gemm"(%arg0, %0, %1) {alpha = 1.000000e+00 : f32, beta = 1.000000e+00 : f32, onnx_node_name = "/fc1/Gemm", transA = 0 : si64, transB = 1 : si64} : (tensor<1x784xf32>, tensor<128x784xf32>, tensor<128xf32>) -> tensor<1x128xf32>
    %5 = "onnx.Relu"(%4) {onnx_node_name = "/Relu"} : (tensor<1x128xf32>) -> tensor<1x128xf32>
    %6 = "onnx.Gemm"(%5, %2, %3) {alpha = 1.000000e+00 : f32, beta = 1.000000e+00 : f32, onnx_node_name = "/fc2/Gemm", transA = 0 : si64, transB = 1 : si64} : (tensor<1x128xf32>, tensor<10x128xf32>, tensor<10xf32>) -> tensor<1x10xf32>
    %7 = "onnx.Softmax"(%6) {axis = 1 : si64, onnx_node_name = "/Softmax"} : (tensor<1x10xf32>) -> tensor<1x10xf32>
    onnx.Return %7 : tensor<1x10xf32>
  }
  "onnx.EntryPoint"() {func = @main_graph} : () -> ()
}
