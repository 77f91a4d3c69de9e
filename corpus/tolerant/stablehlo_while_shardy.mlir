// TOLERANT: StableHLO (JAX export with Shardy) conv + reduce + while loop: `stablehlo.while(%iterArg = %c, ...)`
// names the loop-carried values once for both its `cond` and `do` regions; `sdy.mesh`, `#sdy.sharding` attributes,
// `dim_numbers = [b, 0, 1, f]x[0, 1, i, o]->[b, 0, 1, f]`, `batching_dims = [0] x [0]`, custom_call, reduce_window.
// Op statements written in the text: 27, counting module, functions and terminators.
// mlir-opt-19 FILE                              -> rejected, line 2:3: Dialect `sdy' not found for custom op 'sdy.mesh'
// mlir-opt-19 --allow-unregistered-dialect FILE -> rejected, line 2:3: Dialect `sdy' not found for custom op 'sdy.mesh'
// (end of header)
module @jit_f attributes {mhlo.num_partitions = 1 : i32, mhlo.num_replicas = 1 : i32} {
  sdy.mesh @mesh = <["x"=2]>
  func.func public @main(%arg0: tensor<1x28x28x1xf32> {sdy.sharding = #sdy.sharding<@mesh, [{"x"}, {}, {}, {}]>}, %arg1: tensor<3x3x1x32xf32>, %arg2: tensor<4xi64>) -> (tensor<1x32xf32> {jax.result_info = ""}) {
    %cst = stablehlo.constant dense<0.000000e+00> : tensor<f32>
    %0 = stablehlo.convolution(%arg0, %arg1) dim_numbers = [b, 0, 1, f]x[0, 1, i, o]->[b, 0, 1, f], window = {stride = [1, 1], pad = [[1, 1], [1, 1]], rhs_dilate = [1, 1]} {batch_group_count = 1 : i64, feature_group_count = 1 : i64, precision_config = [#stablehlo<precision DEFAULT>, #stablehlo<precision DEFAULT>]} : (tensor<1x28x28x1xf32>, tensor<3x3x1x32xf32>) -> tensor<1x28x28x32xf32>
    %1 = stablehlo.broadcast_in_dim %cst, dims = [] : (tensor<f32>) -> tensor<1x28x28x32xf32>
    %2 = stablehlo.maximum %0, %1 : tensor<1x28x28x32xf32>
    %3 = stablehlo.reduce(%2 init: %cst) applies stablehlo.add across dimensions = [1, 2] : (tensor<1x28x28x32xf32>, tensor<f32>) -> tensor<1x32xf32>
    %4 = stablehlo.compare  GT, %3, %3,  FLOAT : (tensor<1x32xf32>, tensor<1x32xf32>) -> tensor<1x32xi1>
    %5 = stablehlo.select %4, %3, %3 : tensor<1x32xi1>, tensor<1x32xf32>
    %c = stablehlo.constant dense<0> : tensor<i64>
    %6:2 = stablehlo.while(%iterArg = %c, %iterArg_0 = %5) : tensor<i64>, tensor<1x32xf32>
     cond {
      %c_1 = stablehlo.constant dense<10> : tensor<i64>
      %8 = stablehlo.compare  LT, %iterArg, %c_1,  SIGNED : (tensor<i64>, tensor<i64>) -> tensor<i1>
      stablehlo.return %8 : tensor<i1>
    } do {
      %c_1 = stablehlo.constant dense<1> : tensor<i64>
      %8 = stablehlo.add %iterArg, %c_1 : tensor<i64>
      %9 = stablehlo.tanh %iterArg_0 : tensor<1x32xf32>
      stablehlo.return %8, %9 : tensor<i64>, tensor<1x32xf32>
    }
    %7 = stablehlo.custom_call @Sharding(%6#1) {backend_config = "", mhlo.sharding = "{replicated}"} : (tensor<1x32xf32>) -> tensor<1x32xf32>
    %10 = "stablehlo.reduce_window"(%7, %cst) <{window_dimensions = array<i64: 1, 2>}> ({
    ^bb0(%a: tensor<f32>, %b: tensor<f32>):
      %m = stablehlo.maximum %a, %b : tensor<f32>
      stablehlo.return %m : tensor<f32>
    }) : (tensor<1x32xf32>, tensor<f32>) -> tensor<1x31xf32>
    %11 = stablehlo.dot_general %7, %7, batching_dims = [0] x [0], contracting_dims = [1] x [1], precision = [DEFAULT, DEFAULT] : (tensor<1x32xf32>, tensor<1x32xf32>) -> tensor<1xf32>
    return %7 : tensor<1x32xf32>
  }
}
