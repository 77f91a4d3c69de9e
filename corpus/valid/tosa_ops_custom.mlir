// TOSA ops in MLIR 19 spelling (attributes as array<i64>, perms as operand).
module {
  func.func @elementwise(%a: tensor<1x128x768xf32>, %b: tensor<1x1x768xf32>) -> tensor<1x128x768xf32> {
    %0 = tosa.add %a, %b : (tensor<1x128x768xf32>, tensor<1x1x768xf32>) -> tensor<1x128x768xf32>
    %1 = tosa.mul %0, %a {shift = 0 : i8} : (tensor<1x128x768xf32>, tensor<1x128x768xf32>) -> tensor<1x128x768xf32>
    %2 = tosa.sub %1, %b : (tensor<1x128x768xf32>, tensor<1x1x768xf32>) -> tensor<1x128x768xf32>
    %3 = tosa.exp %2 : (tensor<1x128x768xf32>) -> tensor<1x128x768xf32>
    %4 = tosa.rsqrt %3 : (tensor<1x128x768xf32>) -> tensor<1x128x768xf32>
    %5 = tosa.reciprocal %4 : (tensor<1x128x768xf32>) -> tensor<1x128x768xf32>
    %6 = tosa.tanh %5 : (tensor<1x128x768xf32>) -> tensor<1x128x768xf32>
    %7 = tosa.sigmoid %6 : (tensor<1x128x768xf32>) -> tensor<1x128x768xf32>
    %8 = tosa.clamp %7 {min_int = 0 : i64, max_int = 6 : i64, min_fp = 0.000000e+00 : f32, max_fp = 6.000000e+00 : f32}
        : (tensor<1x128x768xf32>) -> tensor<1x128x768xf32>
    %9 = tosa.maximum %8, %b : (tensor<1x128x768xf32>, tensor<1x1x768xf32>) -> tensor<1x128x768xf32>
    %10 = tosa.negate %9 : (tensor<1x128x768xf32>) -> tensor<1x128x768xf32>
    %11 = tosa.pow %10, %a : (tensor<1x128x768xf32>, tensor<1x128x768xf32>) -> tensor<1x128x768xf32>
    return %11 : tensor<1x128x768xf32>
  }

  func.func @int_mul_shift(%a: tensor<4x16xi32>, %b: tensor<4x16xi32>) -> tensor<4x16xi32> {
    %0 = tosa.mul %a, %b {shift = 15 : i8} : (tensor<4x16xi32>, tensor<4x16xi32>) -> tensor<4x16xi32>
    return %0 : tensor<4x16xi32>
  }

  func.func @shape_ops(%x: tensor<1x128x768xf32>) -> (tensor<1x12x128x64xf32>, tensor<1x128x1xf32>) {
    %r = tosa.reshape %x {new_shape = array<i64: 1, 128, 12, 64>} : (tensor<1x128x768xf32>) -> tensor<1x128x12x64xf32>
    %perms = "tosa.const"() <{value = dense<[0, 2, 1, 3]> : tensor<4xi32>}> : () -> tensor<4xi32>
    %t = tosa.transpose %r, %perms : (tensor<1x128x12x64xf32>, tensor<4xi32>) -> tensor<1x12x128x64xf32>
    %s = tosa.reduce_sum %x {axis = 2 : i32} : (tensor<1x128x768xf32>) -> tensor<1x128x1xf32>
    %m = tosa.reduce_max %s {axis = 1 : i32} : (tensor<1x128x1xf32>) -> tensor<1x1x1xf32>
    "test.keep"(%m) : (tensor<1x1x1xf32>) -> ()
    return %t, %s : tensor<1x12x128x64xf32>, tensor<1x128x1xf32>
  }

  func.func @contractions(%x: tensor<1x128x64xf32>, %y: tensor<1x64x128xf32>, %fc_in: tensor<1x512xf32>) -> (tensor<1x128x128xf32>, tensor<1x1000xf32>) {
    %mm = tosa.matmul %x, %y : (tensor<1x128x64xf32>, tensor<1x64x128xf32>) -> tensor<1x128x128xf32>
    %w = "tosa.const"() <{value = dense<0.01> : tensor<1000x512xf32>}> : () -> tensor<1000x512xf32>
    %b = "tosa.const"() <{value = dense<0.0> : tensor<1000xf32>}> : () -> tensor<1000xf32>
    %fc = tosa.fully_connected %fc_in, %w, %b : (tensor<1x512xf32>, tensor<1000x512xf32>, tensor<1000xf32>) -> tensor<1x1000xf32>
    return %mm, %fc : tensor<1x128x128xf32>, tensor<1x1000xf32>
  }

  func.func @conv_pool(%img: tensor<1x224x224x3xf32>) -> (tensor<1x56x56x64xf32>, tensor<1x1x1x64xf32>) {
    %w = "tosa.const"() <{value = dense<0.02> : tensor<64x7x7x3xf32>}> : () -> tensor<64x7x7x3xf32>
    %b = "tosa.const"() <{value = dense<0.0> : tensor<64xf32>}> : () -> tensor<64xf32>
    %c = tosa.conv2d %img, %w, %b {pad = array<i64: 3, 3, 3, 3>, stride = array<i64: 2, 2>, dilation = array<i64: 1, 1>}
        : (tensor<1x224x224x3xf32>, tensor<64x7x7x3xf32>, tensor<64xf32>) -> tensor<1x112x112x64xf32>
    %mp = tosa.max_pool2d %c {kernel = array<i64: 2, 2>, stride = array<i64: 2, 2>, pad = array<i64: 0, 0, 0, 0>}
        : (tensor<1x112x112x64xf32>) -> tensor<1x56x56x64xf32>
    %ap = tosa.avg_pool2d %mp {acc_type = f32, kernel = array<i64: 56, 56>, stride = array<i64: 1, 1>, pad = array<i64: 0, 0, 0, 0>}
        : (tensor<1x56x56x64xf32>) -> tensor<1x1x1x64xf32>
    return %mp, %ap : tensor<1x56x56x64xf32>, tensor<1x1x1x64xf32>
  }

  func.func @quant(%acc: tensor<1x16xi32>, %f: tensor<1x16xf32>) -> (tensor<1x16xi8>, tensor<1x16xf16>, tensor<1x16xi32>) {
    %q = tosa.rescale %acc {input_zp = 0 : i32, output_zp = -128 : i32, multiplier = array<i32: 1073741824>, shift = array<i8: 30>,
                            scale32 = true, double_round = true, per_channel = false} : (tensor<1x16xi32>) -> tensor<1x16xi8>
    %h = tosa.cast %f : (tensor<1x16xf32>) -> tensor<1x16xf16>
    %i = tosa.cast %f : (tensor<1x16xf32>) -> tensor<1x16xi32>
    return %q, %h, %i : tensor<1x16xi8>, tensor<1x16xf16>, tensor<1x16xi32>
  }

  func.func @const_custom() -> tensor<2x2xf32> {
    %c = "tosa.const"() {value = dense<[[1.0, 2.0], [3.0, 4.0]]> : tensor<2x2xf32>} : () -> tensor<2x2xf32>
    return %c : tensor<2x2xf32>
  }
}

// Stateful models (TFLite variables): a variable with and without an initial value, read and written.
module @stateful {
  tosa.variable @counter = dense<0> : tensor<1xi32>
  tosa.variable @cache : tensor<4x8xf32>
  func.func @step(%update: tensor<4x8xf32>) -> tensor<1xi32> {
    %n = tosa.variable.read @counter : tensor<1xi32>
    tosa.variable.write @cache, %update : tensor<4x8xf32>
    return %n : tensor<1xi32>
  }
}
