// TOLERANT: StableHLO conv stem: convolution dim_numbers/window syntax, compare with GT/FLOAT, generic reduce_window with region.
// Op statements written in the text: 16, counting module,
// functions and terminators. Op names:
//   module, func.func, stablehlo.convolution, stablehlo.reshape, stablehlo.broadcast_in_dim,
//   stablehlo.add, stablehlo.constant x2, stablehlo.maximum x2, stablehlo.reduce_window,
//   stablehlo.return, stablehlo.compare, stablehlo.select, stablehlo.transpose, return
// mlir-opt-19 FILE                              -> rejected, line 12:10: Dialect `stablehlo' not found for custom op 'stablehlo.convolution'
// mlir-opt-19 --allow-unregistered-dialect FILE -> rejected, line 12:10: Dialect `stablehlo' not found for custom op 'stablehlo.convolution'
// (end of header)
module @jit_cnn_stem {
  func.func public @main(%arg0: tensor<1x28x28x1xf32>, %arg1: tensor<3x3x1x32xf32>, %arg2: tensor<32xf32>) -> tensor<1x14x14x32xf32> {
    %0 = stablehlo.convolution(%arg0, %arg1) dim_numbers = [b, 0, 1, f]x[0, 1, i, o]->[b, 0, 1, f], window = {stride = [1, 1], pad = [[1, 1], [1, 1]], lhs_dilate = [1, 1], rhs_dilate = [1, 1]} {batch_group_count = 1 : i64, feature_group_count = 1 : i64} : (tensor<1x28x28x1xf32>, tensor<3x3x1x32xf32>) -> tensor<1x28x28x32xf32>
    %1 = stablehlo.reshape %arg2 : (tensor<32xf32>) -> tensor<1x1x1x32xf32>
    %2 = stablehlo.broadcast_in_dim %1, dims = [0, 1, 2, 3] : (tensor<1x1x1x32xf32>) -> tensor<1x28x28x32xf32>
    %3 = stablehlo.add %0, %2 : tensor<1x28x28x32xf32>
    %cst = stablehlo.constant dense<0.000000e+00> : tensor<1x28x28x32xf32>
    %4 = stablehlo.maximum %3, %cst : tensor<1x28x28x32xf32>
    %cst_0 = stablehlo.constant dense<0xFF800000> : tensor<f32>
    %5 = "stablehlo.reduce_window"(%4, %cst_0) <{padding = dense<0> : tensor<4x2xi64>, window_dimensions = array<i64: 1, 2, 2, 1>, window_strides = array<i64: 1, 2, 2, 1>}> ({
    ^bb0(%arg3: tensor<f32>, %arg4: tensor<f32>):
      %6 = stablehlo.maximum %arg3, %arg4 : tensor<f32>
      stablehlo.return %6 : tensor<f32>
    }) : (tensor<1x28x28x32xf32>, tensor<f32>) -> tensor<1x14x14x32xf32>
    %7 = stablehlo.compare  GT, %5, %5,  FLOAT : (tensor<1x14x14x32xf32>, tensor<1x14x14x32xf32>) -> tensor<1x14x14x32xi1>
    %8 = stablehlo.select %7, %5, %5 : tensor<1x14x14x32xi1>, tensor<1x14x14x32xf32>
    %9 = stablehlo.transpose %8, dims = [0, 1, 2, 3] : (tensor<1x14x14x32xf32>) -> tensor<1x14x14x32xf32>
    return %9 : tensor<1x14x14x32xf32>
  }
}
