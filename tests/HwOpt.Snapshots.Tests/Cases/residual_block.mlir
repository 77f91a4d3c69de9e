// residual_block.mlir: conv -> ReLU -> conv, added to the block's input, then ReLU (a ResNet basic block without
// normalization); the add joins two paths, so fusion must keep the kernel graph acyclic.
func.func @forward(%x: tensor<1x8x12x12xf32>, %w1: tensor<8x8x3x3xf32>, %w2: tensor<8x8x3x3xf32>) -> tensor<1x8x12x12xf32> {
  %zero = arith.constant 0.000000e+00 : f32
  %pad0 = tensor.pad %x low[0, 0, 1, 1] high[0, 0, 1, 1] {
  ^bb0(%i: index, %j: index, %k: index, %l: index):
    tensor.yield %zero : f32
  } : tensor<1x8x12x12xf32> to tensor<1x8x14x14xf32>
  %e0 = tensor.empty() : tensor<1x8x12x12xf32>
  %acc0 = linalg.fill ins(%zero : f32) outs(%e0 : tensor<1x8x12x12xf32>) -> tensor<1x8x12x12xf32>
  %c1 = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%pad0, %w1 : tensor<1x8x14x14xf32>, tensor<8x8x3x3xf32>) outs(%acc0 : tensor<1x8x12x12xf32>) -> tensor<1x8x12x12xf32>
  %e1 = tensor.empty() : tensor<1x8x12x12xf32>
  %r1 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%c1 : tensor<1x8x12x12xf32>) outs(%e1 : tensor<1x8x12x12xf32>) {
  ^bb0(%in: f32, %out: f32):
    %m = arith.maximumf %in, %zero : f32
    linalg.yield %m : f32
  } -> tensor<1x8x12x12xf32>
  %pad1 = tensor.pad %r1 low[0, 0, 1, 1] high[0, 0, 1, 1] {
  ^bb0(%i: index, %j: index, %k: index, %l: index):
    tensor.yield %zero : f32
  } : tensor<1x8x12x12xf32> to tensor<1x8x14x14xf32>
  %e2 = tensor.empty() : tensor<1x8x12x12xf32>
  %acc1 = linalg.fill ins(%zero : f32) outs(%e2 : tensor<1x8x12x12xf32>) -> tensor<1x8x12x12xf32>
  %c2 = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%pad1, %w2 : tensor<1x8x14x14xf32>, tensor<8x8x3x3xf32>) outs(%acc1 : tensor<1x8x12x12xf32>) -> tensor<1x8x12x12xf32>
  %e3 = tensor.empty() : tensor<1x8x12x12xf32>
  %sum = linalg.add ins(%c2, %x : tensor<1x8x12x12xf32>, tensor<1x8x12x12xf32>) outs(%e3 : tensor<1x8x12x12xf32>) -> tensor<1x8x12x12xf32>
  %e4 = tensor.empty() : tensor<1x8x12x12xf32>
  %out = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%sum : tensor<1x8x12x12xf32>) outs(%e4 : tensor<1x8x12x12xf32>) {
  ^bb0(%in: f32, %o: f32):
    %m = arith.maximumf %in, %zero : f32
    linalg.yield %m : f32
  } -> tensor<1x8x12x12xf32>
  return %out : tensor<1x8x12x12xf32>
}
