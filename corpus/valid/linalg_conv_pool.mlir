// linalg convolution and pooling named ops (ResNet / MobileNet shapes).
module {
  // ResNet stem: 7x7 stride-2 conv, NHWC / HWCF.
  func.func @conv_nhwc(%in: tensor<1x230x230x3xf32>, %w: tensor<7x7x3x64xf32>) -> tensor<1x112x112x64xf32> {
    %z = arith.constant 0.000000e+00 : f32
    %e = tensor.empty() : tensor<1x112x112x64xf32>
    %f = linalg.fill ins(%z : f32) outs(%e : tensor<1x112x112x64xf32>) -> tensor<1x112x112x64xf32>
    %r = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>}
        ins(%in, %w : tensor<1x230x230x3xf32>, tensor<7x7x3x64xf32>) outs(%f : tensor<1x112x112x64xf32>) -> tensor<1x112x112x64xf32>
    return %r : tensor<1x112x112x64xf32>
  }

  // Same layer in PyTorch layout: NCHW / FCHW.
  func.func @conv_nchw(%in: tensor<1x3x230x230xf32>, %w: tensor<64x3x7x7xf32>) -> tensor<1x64x112x112xf32> {
    %z = arith.constant 0.000000e+00 : f32
    %e = tensor.empty() : tensor<1x64x112x112xf32>
    %f = linalg.fill ins(%z : f32) outs(%e : tensor<1x64x112x112xf32>) -> tensor<1x64x112x112xf32>
    %r = linalg.conv_2d_nchw_fchw {dilations = dense<1> : vector<2xi64>, strides = dense<2> : vector<2xi64>}
        ins(%in, %w : tensor<1x3x230x230xf32>, tensor<64x3x7x7xf32>) outs(%f : tensor<1x64x112x112xf32>) -> tensor<1x64x112x112xf32>
    return %r : tensor<1x64x112x112xf32>
  }

  // MobileNet depthwise 3x3, quantized-friendly i8 x i8 -> i32 variant too.
  func.func @depthwise(%in: tensor<1x114x114x32xf32>, %w: tensor<3x3x32xf32>,
                       %qin: tensor<1x10x10x8xi8>, %qw: tensor<3x3x8xi8>) -> (tensor<1x112x112x32xf32>, tensor<1x8x8x8xi32>) {
    %z = arith.constant 0.000000e+00 : f32
    %zi = arith.constant 0 : i32
    %e = tensor.empty() : tensor<1x112x112x32xf32>
    %f = linalg.fill ins(%z : f32) outs(%e : tensor<1x112x112x32xf32>) -> tensor<1x112x112x32xf32>
    %r = linalg.depthwise_conv_2d_nhwc_hwc {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
        ins(%in, %w : tensor<1x114x114x32xf32>, tensor<3x3x32xf32>) outs(%f : tensor<1x112x112x32xf32>) -> tensor<1x112x112x32xf32>
    %qe = tensor.empty() : tensor<1x8x8x8xi32>
    %qf = linalg.fill ins(%zi : i32) outs(%qe : tensor<1x8x8x8xi32>) -> tensor<1x8x8x8xi32>
    %qr = linalg.depthwise_conv_2d_nhwc_hwc {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
        ins(%qin, %qw : tensor<1x10x10x8xi8>, tensor<3x3x8xi8>) outs(%qf : tensor<1x8x8x8xi32>) -> tensor<1x8x8x8xi32>
    return %r, %qr : tensor<1x112x112x32xf32>, tensor<1x8x8x8xi32>
  }

  // 3x3 stride-2 max pool after the stem, and global average pool as sum.
  func.func @pools(%x: tensor<1x114x114x64xf32>, %g: tensor<1x7x7x512xf32>) -> (tensor<1x56x56x64xf32>, tensor<1x1x1x512xf32>) {
    %ninf = arith.constant 0xFF800000 : f32
    %z = arith.constant 0.000000e+00 : f32
    %win = tensor.empty() : tensor<3x3xf32>
    %e = tensor.empty() : tensor<1x56x56x64xf32>
    %f = linalg.fill ins(%ninf : f32) outs(%e : tensor<1x56x56x64xf32>) -> tensor<1x56x56x64xf32>
    %mp = linalg.pooling_nhwc_max {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>}
        ins(%x, %win : tensor<1x114x114x64xf32>, tensor<3x3xf32>) outs(%f : tensor<1x56x56x64xf32>) -> tensor<1x56x56x64xf32>
    %gwin = tensor.empty() : tensor<7x7xf32>
    %ge = tensor.empty() : tensor<1x1x1x512xf32>
    %gf = linalg.fill ins(%z : f32) outs(%ge : tensor<1x1x1x512xf32>) -> tensor<1x1x1x512xf32>
    %sp = linalg.pooling_nhwc_sum {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
        ins(%g, %gwin : tensor<1x7x7x512xf32>, tensor<7x7xf32>) outs(%gf : tensor<1x1x1x512xf32>) -> tensor<1x1x1x512xf32>
    return %mp, %sp : tensor<1x56x56x64xf32>, tensor<1x1x1x512xf32>
  }

  func.func @conv_buffers(%in: memref<1x18x18x16xf32>, %w: memref<3x3x16x32xf32>, %out: memref<1x16x16x32xf32>) {
    linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
        ins(%in, %w : memref<1x18x18x16xf32>, memref<3x3x16x32xf32>) outs(%out : memref<1x16x16x32xf32>)
    return
  }
}
