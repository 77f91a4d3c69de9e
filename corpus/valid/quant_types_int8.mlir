// Quantized types (TFLite-style int8 models): uniform per-tensor and
// per-axis quantization, storage ranges, "quant.qcast" / "quant.dcast" (generic
// form only in MLIR 19: they have no custom assembly).
!qact = !quant.uniform<i8:f32, 0.0235294122:-128>
!qw = !quant.uniform<i8<-127:127>:f32:0, {0.0011:0, 0.0013:0, 0.0009:0, 0.0021:0}>
!qacc = !quant.uniform<i32:f32, 2.5882353e-5>
module {
  func.func @quantize_dequantize(%x: tensor<1x224x224x3xf32>) -> tensor<1x224x224x3xf32> {
    %q = "quant.qcast"(%x) : (tensor<1x224x224x3xf32>) -> tensor<1x224x224x3x!qact>
    %d = "quant.dcast"(%q) : (tensor<1x224x224x3x!qact>) -> tensor<1x224x224x3xf32>
    return %d : tensor<1x224x224x3xf32>
  }

  func.func @quant_kinds(%a: tensor<4x!qw>, %b: tensor<16x!qacc>,
                         %c: tensor<8x!quant.uniform<u8:f32, 0.5:128>>,
                         %d: tensor<2x!quant.any<i8:f32>>,
                         %e: tensor<2x!quant.calibrated<f32<-1.0:1.0>>>,
                         %f: tensor<3x!quant.uniform<i4:f16, 0.1>>) {
    "test.keep"(%a, %b, %c, %d, %e, %f) : (tensor<4x!qw>, tensor<16x!qacc>, tensor<8x!quant.uniform<u8:f32, 0.5:128>>,
        tensor<2x!quant.any<i8:f32>>, tensor<2x!quant.calibrated<f32<-1.0:1.0>>>, tensor<3x!quant.uniform<i4:f16, 0.1>>) -> ()
    return
  }

  // Integer-only fully-connected layer as emitted by a TFLite-to-linalg flow:
  // i8 x i8 -> i32 accumulate, then requantize with a fixed-point multiplier.
  func.func @int8_linear(%x: tensor<1x256xi8>, %w: tensor<256x128xi8>, %bias: tensor<128xi32>) -> tensor<1x128xi8> {
    %zi = arith.constant 0 : i32
    %e = tensor.empty() : tensor<1x128xi32>
    %f = linalg.fill ins(%zi : i32) outs(%e : tensor<1x128xi32>) -> tensor<1x128xi32>
    %acc = linalg.matmul ins(%x, %w : tensor<1x256xi8>, tensor<256x128xi8>) outs(%f : tensor<1x128xi32>) -> tensor<1x128xi32>
    %e8 = tensor.empty() : tensor<1x128xi8>
    %out = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d1)>, affine_map<(d0, d1) -> (d0, d1)>],
                           iterator_types = ["parallel", "parallel"]}
        ins(%acc, %bias : tensor<1x128xi32>, tensor<128xi32>) outs(%e8 : tensor<1x128xi8>) {
    ^bb0(%a: i32, %b: i32, %o: i8):
      %s = arith.addi %a, %b : i32
      %mult = arith.constant 1518500250 : i32
      %shift = arith.constant 38 : i8
      %zp = arith.constant -128 : i32
      %r = tosa.apply_scale %s, %mult, %shift {double_round = true} : (i32, i32, i8) -> i32
      %rz = arith.addi %r, %zp : i32
      %lo = arith.constant -128 : i32
      %hi = arith.constant 127 : i32
      %c0 = arith.maxsi %rz, %lo : i32
      %c1 = arith.minsi %c0, %hi : i32
      %t = arith.trunci %c1 : i32 to i8
      linalg.yield %t : i8
    } -> tensor<1x128xi8>
    return %out : tensor<1x128xi8>
  }
}
