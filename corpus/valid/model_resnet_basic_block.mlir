// ResNet-18 basic block (layer2 shape, 28x28x128, NHWC) with batch-norm
// folded into conv bias: conv3x3 -> relu -> conv3x3 -> +identity -> relu.
#id4 = affine_map<(n, h, w, c) -> (n, h, w, c)>
#ch4 = affine_map<(n, h, w, c) -> (c)>
module @resnet18_layer2_block1 {
  func.func @basic_block(%x: tensor<1x28x28x128xf32>) -> tensor<1x28x28x128xf32> {
    %zero = arith.constant 0.000000e+00 : f32
    %w1 = arith.constant dense_resource<__elided__> : tensor<3x3x128x128xf32>
    %b1 = arith.constant dense_resource<__elided__> : tensor<128xf32>
    %w2 = arith.constant dense_resource<__elided__> : tensor<3x3x128x128xf32>
    %b2 = arith.constant dense_resource<__elided__> : tensor<128xf32>
    %e = tensor.empty() : tensor<1x28x28x128xf32>
    %f = linalg.fill ins(%zero : f32) outs(%e : tensor<1x28x28x128xf32>) -> tensor<1x28x28x128xf32>

    %p1 = tensor.pad %x low[0, 1, 1, 0] high[0, 1, 1, 0] {
    ^bb0(%i0: index, %i1: index, %i2: index, %i3: index):
      tensor.yield %zero : f32
    } : tensor<1x28x28x128xf32> to tensor<1x30x30x128xf32>
    %c1 = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
        ins(%p1, %w1 : tensor<1x30x30x128xf32>, tensor<3x3x128x128xf32>) outs(%f : tensor<1x28x28x128xf32>) -> tensor<1x28x28x128xf32>
    %r1 = linalg.generic {indexing_maps = [#id4, #ch4, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
        ins(%c1, %b1 : tensor<1x28x28x128xf32>, tensor<128xf32>) outs(%e : tensor<1x28x28x128xf32>) {
    ^bb0(%v: f32, %b: f32, %o: f32):
      %s = arith.addf %v, %b : f32
      %r = arith.maximumf %s, %zero : f32
      linalg.yield %r : f32
    } -> tensor<1x28x28x128xf32>

    %p2 = tensor.pad %r1 low[0, 1, 1, 0] high[0, 1, 1, 0] {
    ^bb0(%i0: index, %i1: index, %i2: index, %i3: index):
      tensor.yield %zero : f32
    } : tensor<1x28x28x128xf32> to tensor<1x30x30x128xf32>
    %c2 = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
        ins(%p2, %w2 : tensor<1x30x30x128xf32>, tensor<3x3x128x128xf32>) outs(%f : tensor<1x28x28x128xf32>) -> tensor<1x28x28x128xf32>
    // bias + residual + relu fused in one generic
    %y = linalg.generic {indexing_maps = [#id4, #ch4, #id4, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
        ins(%c2, %b2, %x : tensor<1x28x28x128xf32>, tensor<128xf32>, tensor<1x28x28x128xf32>) outs(%e : tensor<1x28x28x128xf32>) {
    ^bb0(%v: f32, %b: f32, %skip: f32, %o: f32):
      %s = arith.addf %v, %b : f32
      %t = arith.addf %s, %skip : f32
      %r = arith.maximumf %t, %zero : f32
      linalg.yield %r : f32
    } -> tensor<1x28x28x128xf32>
    return %y : tensor<1x28x28x128xf32>
  }
}
