// LeNet-5 on 32x32 grayscale, NHWC, batch 1:
// conv5x5(6) -> relu -> maxpool2 -> conv5x5(16) -> relu -> maxpool2 ->
// flatten(400) -> fc120 -> relu -> fc84 -> relu -> fc10
#id4 = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
#ch4 = affine_map<(d0, d1, d2, d3) -> (d3)>
#id2 = affine_map<(d0, d1) -> (d0, d1)>
#ch2 = affine_map<(d0, d1) -> (d1)>
module @lenet5 {
  func.func @forward(%img: tensor<1x32x32x1xf32>) -> tensor<1x10xf32> {
    %zero = arith.constant 0.000000e+00 : f32
    %ninf = arith.constant 0xFF800000 : f32
    %k1 = arith.constant dense_resource<__elided__> : tensor<5x5x1x6xf32>
    %c1b = arith.constant dense<1.000000e-02> : tensor<6xf32>
    %k2 = arith.constant dense_resource<__elided__> : tensor<5x5x6x16xf32>
    %c2b = arith.constant dense<1.000000e-02> : tensor<16xf32>
    %w3 = arith.constant dense_resource<__elided__> : tensor<400x120xf32>
    %w4 = arith.constant dense_resource<__elided__> : tensor<120x84xf32>
    %w5 = arith.constant dense_resource<__elided__> : tensor<84x10xf32>
    %b3 = arith.constant dense<0.000000e+00> : tensor<120xf32>

    // conv1: 32x32x1 -> 28x28x6, bias + relu
    %e1 = tensor.empty() : tensor<1x28x28x6xf32>
    %f1 = linalg.fill ins(%zero : f32) outs(%e1 : tensor<1x28x28x6xf32>) -> tensor<1x28x28x6xf32>
    %c1 = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
        ins(%img, %k1 : tensor<1x32x32x1xf32>, tensor<5x5x1x6xf32>) outs(%f1 : tensor<1x28x28x6xf32>) -> tensor<1x28x28x6xf32>
    %r1 = linalg.generic {indexing_maps = [#id4, #ch4, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
        ins(%c1, %c1b : tensor<1x28x28x6xf32>, tensor<6xf32>) outs(%e1 : tensor<1x28x28x6xf32>) {
    ^bb0(%v: f32, %b: f32, %o: f32):
      %s = arith.addf %v, %b : f32
      %r = arith.maximumf %s, %zero : f32
      linalg.yield %r : f32
    } -> tensor<1x28x28x6xf32>
    // pool1: -> 14x14x6
    %w2x2 = tensor.empty() : tensor<2x2xf32>
    %ep1 = tensor.empty() : tensor<1x14x14x6xf32>
    %fp1 = linalg.fill ins(%ninf : f32) outs(%ep1 : tensor<1x14x14x6xf32>) -> tensor<1x14x14x6xf32>
    %p1 = linalg.pooling_nhwc_max {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>}
        ins(%r1, %w2x2 : tensor<1x28x28x6xf32>, tensor<2x2xf32>) outs(%fp1 : tensor<1x14x14x6xf32>) -> tensor<1x14x14x6xf32>

    // conv2: 14x14x6 -> 10x10x16, bias + relu
    %e2 = tensor.empty() : tensor<1x10x10x16xf32>
    %f2 = linalg.fill ins(%zero : f32) outs(%e2 : tensor<1x10x10x16xf32>) -> tensor<1x10x10x16xf32>
    %c2 = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
        ins(%p1, %k2 : tensor<1x14x14x6xf32>, tensor<5x5x6x16xf32>) outs(%f2 : tensor<1x10x10x16xf32>) -> tensor<1x10x10x16xf32>
    %r2 = linalg.generic {indexing_maps = [#id4, #ch4, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
        ins(%c2, %c2b : tensor<1x10x10x16xf32>, tensor<16xf32>) outs(%e2 : tensor<1x10x10x16xf32>) {
    ^bb0(%v: f32, %b: f32, %o: f32):
      %s = arith.addf %v, %b : f32
      %r = arith.maximumf %s, %zero : f32
      linalg.yield %r : f32
    } -> tensor<1x10x10x16xf32>
    // pool2: -> 5x5x16, flatten -> 400
    %ep2 = tensor.empty() : tensor<1x5x5x16xf32>
    %fp2 = linalg.fill ins(%ninf : f32) outs(%ep2 : tensor<1x5x5x16xf32>) -> tensor<1x5x5x16xf32>
    %p2 = linalg.pooling_nhwc_max {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>}
        ins(%r2, %w2x2 : tensor<1x10x10x16xf32>, tensor<2x2xf32>) outs(%fp2 : tensor<1x5x5x16xf32>) -> tensor<1x5x5x16xf32>
    %flat = tensor.collapse_shape %p2 [[0], [1, 2, 3]] : tensor<1x5x5x16xf32> into tensor<1x400xf32>

    // fc3 (+bias, relu), fc4 (relu), fc5
    %e3 = tensor.empty() : tensor<1x120xf32>
    %f3 = linalg.fill ins(%zero : f32) outs(%e3 : tensor<1x120xf32>) -> tensor<1x120xf32>
    %m3 = linalg.matmul ins(%flat, %w3 : tensor<1x400xf32>, tensor<400x120xf32>) outs(%f3 : tensor<1x120xf32>) -> tensor<1x120xf32>
    %h3 = linalg.generic {indexing_maps = [#id2, #ch2, #id2], iterator_types = ["parallel", "parallel"]}
        ins(%m3, %b3 : tensor<1x120xf32>, tensor<120xf32>) outs(%e3 : tensor<1x120xf32>) {
    ^bb0(%v: f32, %b: f32, %o: f32):
      %s = arith.addf %v, %b : f32
      %r = arith.maximumf %s, %zero : f32
      linalg.yield %r : f32
    } -> tensor<1x120xf32>
    %e4 = tensor.empty() : tensor<1x84xf32>
    %f4 = linalg.fill ins(%zero : f32) outs(%e4 : tensor<1x84xf32>) -> tensor<1x84xf32>
    %m4 = linalg.matmul ins(%h3, %w4 : tensor<1x120xf32>, tensor<120x84xf32>) outs(%f4 : tensor<1x84xf32>) -> tensor<1x84xf32>
    %h4 = linalg.map { arith.maximumf } ins(%m4, %f4 : tensor<1x84xf32>, tensor<1x84xf32>) outs(%e4 : tensor<1x84xf32>)
    %e5 = tensor.empty() : tensor<1x10xf32>
    %f5 = linalg.fill ins(%zero : f32) outs(%e5 : tensor<1x10xf32>) -> tensor<1x10xf32>
    %m5 = linalg.matmul ins(%h4, %w5 : tensor<1x84xf32>, tensor<84x10xf32>) outs(%f5 : tensor<1x10xf32>) -> tensor<1x10xf32>
    return %m5 : tensor<1x10xf32>
  }
}
