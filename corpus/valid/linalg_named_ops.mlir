// linalg named contraction / data-movement / elementwise ops.
module {
  func.func @contractions(%a: tensor<128x768xf32>, %b: tensor<768x3072xf32>,
                          %qa: tensor<16x64xi8>, %qb: tensor<64x32xi8>,
                          %ha: tensor<32x64xf16>, %hb: tensor<64x32xf16>,
                          %q: tensor<12x128x64xf32>, %k: tensor<12x64x128xf32>,
                          %mat: tensor<1000x512xf32>, %vec: tensor<512xf32>) {
    %zf = arith.constant 0.000000e+00 : f32
    %zi = arith.constant 0 : i32
    // f32 matmul: hidden x FFN up-projection
    %e0 = tensor.empty() : tensor<128x3072xf32>
    %f0 = linalg.fill ins(%zf : f32) outs(%e0 : tensor<128x3072xf32>) -> tensor<128x3072xf32>
    %mm = linalg.matmul ins(%a, %b : tensor<128x768xf32>, tensor<768x3072xf32>) outs(%f0 : tensor<128x3072xf32>) -> tensor<128x3072xf32>
    // i8 x i8 -> i32 quantized matmul
    %e1 = tensor.empty() : tensor<16x32xi32>
    %f1 = linalg.fill ins(%zi : i32) outs(%e1 : tensor<16x32xi32>) -> tensor<16x32xi32>
    %qmm = linalg.matmul ins(%qa, %qb : tensor<16x64xi8>, tensor<64x32xi8>) outs(%f1 : tensor<16x32xi32>) -> tensor<16x32xi32>
    // f16 x f16 -> f32 mixed precision, with explicit cast attribute
    %e2 = tensor.empty() : tensor<32x32xf32>
    %f2 = linalg.fill ins(%zf : f32) outs(%e2 : tensor<32x32xf32>) -> tensor<32x32xf32>
    %hmm = linalg.matmul {cast = #linalg.type_fn<cast_signed>} ins(%ha, %hb : tensor<32x64xf16>, tensor<64x32xf16>) outs(%f2 : tensor<32x32xf32>) -> tensor<32x32xf32>
    // Attention scores: per-head Q x K^T
    %e3 = tensor.empty() : tensor<12x128x128xf32>
    %f3 = linalg.fill ins(%zf : f32) outs(%e3 : tensor<12x128x128xf32>) -> tensor<12x128x128xf32>
    %bmm = linalg.batch_matmul ins(%q, %k : tensor<12x128x64xf32>, tensor<12x64x128xf32>) outs(%f3 : tensor<12x128x128xf32>) -> tensor<12x128x128xf32>
    // Classifier head as matvec
    %e4 = tensor.empty() : tensor<1000xf32>
    %f4 = linalg.fill ins(%zf : f32) outs(%e4 : tensor<1000xf32>) -> tensor<1000xf32>
    %mv = linalg.matvec ins(%mat, %vec : tensor<1000x512xf32>, tensor<512xf32>) outs(%f4 : tensor<1000xf32>) -> tensor<1000xf32>
    %e5 = tensor.empty() : tensor<f32>
    %f5 = linalg.fill ins(%zf : f32) outs(%e5 : tensor<f32>) -> tensor<f32>
    %dot = linalg.dot ins(%vec, %vec : tensor<512xf32>, tensor<512xf32>) outs(%f5 : tensor<f32>) -> tensor<f32>
    "test.keep"(%mm, %qmm, %hmm, %bmm, %mv, %dot) : (tensor<128x3072xf32>, tensor<16x32xi32>, tensor<32x32xf32>,
        tensor<12x128x128xf32>, tensor<1000xf32>, tensor<f32>) -> ()
    return
  }

  func.func @matmul_variants(%a: tensor<64x32xf32>, %bt: tensor<128x32xf32>, %c: tensor<64x128xf32>,
                             %buf_a: memref<64x32xf32>, %buf_b: memref<32x128xf32>, %buf_c: memref<64x128xf32>) -> tensor<64x128xf32> {
    %r = linalg.matmul_transpose_b ins(%a, %bt : tensor<64x32xf32>, tensor<128x32xf32>) outs(%c : tensor<64x128xf32>) -> tensor<64x128xf32>
    // Buffer semantics: no results.
    linalg.matmul ins(%buf_a, %buf_b : memref<64x32xf32>, memref<32x128xf32>) outs(%buf_c : memref<64x128xf32>)
    return %r : tensor<64x128xf32>
  }

  func.func @data_movement(%x: tensor<1x128x12x64xf32>, %b: tensor<768xf32>, %src: memref<4x4xf32>, %dst: memref<4x4xf32>)
      -> (tensor<1x12x128x64xf32>, tensor<128x768xf32>) {
    %e0 = tensor.empty() : tensor<1x12x128x64xf32>
    %t = linalg.transpose ins(%x : tensor<1x128x12x64xf32>) outs(%e0 : tensor<1x12x128x64xf32>) permutation = [0, 2, 1, 3]
    %e1 = tensor.empty() : tensor<128x768xf32>
    %bc = linalg.broadcast ins(%b : tensor<768xf32>) outs(%e1 : tensor<128x768xf32>) dimensions = [0]
    linalg.copy ins(%src : memref<4x4xf32>) outs(%dst : memref<4x4xf32>)
    return %t, %bc : tensor<1x12x128x64xf32>, tensor<128x768xf32>
  }

  func.func @elementwise_named(%x: tensor<128x768xf32>, %y: tensor<128x768xf32>) -> tensor<128x768xf32> {
    %e = tensor.empty() : tensor<128x768xf32>
    %add = linalg.add ins(%x, %y : tensor<128x768xf32>, tensor<128x768xf32>) outs(%e : tensor<128x768xf32>) -> tensor<128x768xf32>
    %mul = linalg.mul ins(%add, %y : tensor<128x768xf32>, tensor<128x768xf32>) outs(%e : tensor<128x768xf32>) -> tensor<128x768xf32>
    %sub = linalg.sub ins(%mul, %x : tensor<128x768xf32>, tensor<128x768xf32>) outs(%e : tensor<128x768xf32>) -> tensor<128x768xf32>
    %div = linalg.div ins(%sub, %y : tensor<128x768xf32>, tensor<128x768xf32>) outs(%e : tensor<128x768xf32>) -> tensor<128x768xf32>
    %exp = linalg.exp ins(%div : tensor<128x768xf32>) outs(%e : tensor<128x768xf32>) -> tensor<128x768xf32>
    %max = linalg.max ins(%exp, %x : tensor<128x768xf32>, tensor<128x768xf32>) outs(%e : tensor<128x768xf32>) -> tensor<128x768xf32>
    %neg = linalg.negf ins(%max : tensor<128x768xf32>) outs(%e : tensor<128x768xf32>) -> tensor<128x768xf32>
    %sq = linalg.sqrt ins(%x : tensor<128x768xf32>) outs(%e : tensor<128x768xf32>) -> tensor<128x768xf32>
    %r = linalg.add ins(%neg, %sq : tensor<128x768xf32>, tensor<128x768xf32>) outs(%e : tensor<128x768xf32>) -> tensor<128x768xf32>
    return %r : tensor<128x768xf32>
  }
}
