// conv_bias_relu.mlir: a 3x3 convolution, a per-channel bias and a ReLU (the chain every CNN repeats).
func.func @forward(%input: tensor<1x8x16x16xf32>, %weight: tensor<16x8x3x3xf32>, %bias: tensor<16xf32>) -> tensor<1x16x14x14xf32> {
  %zero = arith.constant 0.000000e+00 : f32
  %e0 = tensor.empty() : tensor<1x16x14x14xf32>
  %acc = linalg.fill ins(%zero : f32) outs(%e0 : tensor<1x16x14x14xf32>) -> tensor<1x16x14x14xf32>
  %conv = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%input, %weight : tensor<1x8x16x16xf32>, tensor<16x8x3x3xf32>) outs(%acc : tensor<1x16x14x14xf32>) -> tensor<1x16x14x14xf32>
  %e1 = tensor.empty() : tensor<1x16x14x14xf32>
  %biased = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d1)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%conv, %bias : tensor<1x16x14x14xf32>, tensor<16xf32>) outs(%e1 : tensor<1x16x14x14xf32>) {
  ^bb0(%in: f32, %b: f32, %out: f32):
    %s = arith.addf %in, %b : f32
    linalg.yield %s : f32
  } -> tensor<1x16x14x14xf32>
  %e2 = tensor.empty() : tensor<1x16x14x14xf32>
  %relu = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%biased : tensor<1x16x14x14xf32>) outs(%e2 : tensor<1x16x14x14xf32>) {
  ^bb0(%in: f32, %out: f32):
    %m = arith.maximumf %in, %zero : f32
    linalg.yield %m : f32
  } -> tensor<1x16x14x14xf32>
  return %relu : tensor<1x16x14x14xf32>
}
