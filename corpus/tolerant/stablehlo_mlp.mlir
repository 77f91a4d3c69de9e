// TOLERANT: StableHLO (JAX export) MLP with softmax: dot_general contracting_dims, reduce ... applies ... across dimensions.
// Op statements written in the text: 18 (+2 reducer bodies implied by `applies stablehlo.add, stablehlo.maximum`), counting module,
// functions and terminators. Op names:
//   module, func.func, stablehlo.constant x2, stablehlo.dot_general x2,
//   stablehlo.broadcast_in_dim x4, stablehlo.add, stablehlo.maximum, stablehlo.reduce x2,
//   stablehlo.subtract, stablehlo.exponential, stablehlo.divide, return
// mlir-opt-19 FILE                              -> rejected, line 12:12: Dialect `stablehlo' not found for custom op 'stablehlo.constant'
// mlir-opt-19 --allow-unregistered-dialect FILE -> rejected, line 12:12: Dialect `stablehlo' not found for custom op 'stablehlo.constant'
// (end of header)
module @jit_mlp attributes {mhlo.num_partitions = 1 : i32, mhlo.num_replicas = 1 : i32} {
  func.func public @main(%arg0: tensor<8x784xf32> {mhlo.sharding = "{replicated}"}, %arg1: tensor<784x128xf32>, %arg2: tensor<128xf32>, %arg3: tensor<128x10xf32>) -> (tensor<8x10xf32> {jax.result_info = ""}) {
    %cst = stablehlo.constant dense<0.000000e+00> : tensor<f32>
    %cst_0 = stablehlo.constant dense<0xFF800000> : tensor<f32>
    %0 = stablehlo.dot_general %arg0, %arg1, contracting_dims = [1] x [0], precision = [DEFAULT, DEFAULT] : (tensor<8x784xf32>, tensor<784x128xf32>) -> tensor<8x128xf32>
    %1 = stablehlo.broadcast_in_dim %arg2, dims = [1] : (tensor<128xf32>) -> tensor<8x128xf32>
    %2 = stablehlo.add %0, %1 : tensor<8x128xf32>
    %3 = stablehlo.broadcast_in_dim %cst, dims = [] : (tensor<f32>) -> tensor<8x128xf32>
    %4 = stablehlo.maximum %2, %3 : tensor<8x128xf32>
    %5 = stablehlo.dot_general %4, %arg3, contracting_dims = [1] x [0] : (tensor<8x128xf32>, tensor<128x10xf32>) -> tensor<8x10xf32>
    %6 = stablehlo.reduce(%5 init: %cst_0) applies stablehlo.maximum across dimensions = [1] : (tensor<8x10xf32>, tensor<f32>) -> tensor<8xf32>
    %7 = stablehlo.broadcast_in_dim %6, dims = [0] : (tensor<8xf32>) -> tensor<8x10xf32>
    %8 = stablehlo.subtract %5, %7 : tensor<8x10xf32>
    %9 = stablehlo.exponential %8 : tensor<8x10xf32>
    %10 = stablehlo.reduce(%9 init: %cst) applies stablehlo.add across dimensions = [1] : (tensor<8x10xf32>, tensor<f32>) -> tensor<8xf32>
    %11 = stablehlo.broadcast_in_dim %10, dims = [0] : (tensor<8xf32>) -> tensor<8x10xf32>
    %12 = stablehlo.divide %9, %11 : tensor<8x10xf32>
    return %12 : tensor<8x10xf32>
  }
}
