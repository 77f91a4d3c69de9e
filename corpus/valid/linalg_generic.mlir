// linalg.generic in custom syntax: maps, iterator types, regions,
// doc / library_call / extra attrs, linalg.index, tensors and buffers.
#id = affine_map<(d0, d1) -> (d0, d1)>
#row = affine_map<(d0, d1) -> (d0)>
#mk = affine_map<(m, n, k) -> (m, k)>
#kn = affine_map<(m, n, k) -> (k, n)>
#mn = affine_map<(m, n, k) -> (m, n)>
module {
  // Bias-add + ReLU, fully parallel.
  func.func @bias_relu(%x: tensor<128x3072xf32>, %b: tensor<3072xf32>) -> tensor<128x3072xf32> {
    %init = tensor.empty() : tensor<128x3072xf32>
    %zero = arith.constant 0.000000e+00 : f32
    %r = linalg.generic {
        indexing_maps = [#id, affine_map<(d0, d1) -> (d1)>, #id],
        iterator_types = ["parallel", "parallel"],
        doc = "y = max(x + b, 0)",
        library_call = "bias_relu_f32"}
        ins(%x, %b : tensor<128x3072xf32>, tensor<3072xf32>) outs(%init : tensor<128x3072xf32>)
        attrs = {mydialect.fusion_group = 3 : i64} {
    ^bb0(%in: f32, %bias: f32, %out: f32):
      %s = arith.addf %in, %bias : f32
      %m = arith.maximumf %s, %zero : f32
      linalg.yield %m : f32
    } -> tensor<128x3072xf32>
    return %r : tensor<128x3072xf32>
  }

  // Row-wise max reduction (softmax step 1).
  func.func @row_max(%x: tensor<12x128xf32>) -> tensor<12xf32> {
    %ninf = arith.constant 0xFF800000 : f32
    %e = tensor.empty() : tensor<12xf32>
    %acc = linalg.fill ins(%ninf : f32) outs(%e : tensor<12xf32>) -> tensor<12xf32>
    %r = linalg.generic {indexing_maps = [#id, #row], iterator_types = ["parallel", "reduction"]}
        ins(%x : tensor<12x128xf32>) outs(%acc : tensor<12xf32>) {
    ^bb0(%in: f32, %out: f32):
      %m = arith.maximumf %in, %out : f32
      linalg.yield %m : f32
    } -> tensor<12xf32>
    return %r : tensor<12xf32>
  }

  // Matmul written as a generic with mixed precision (f16 x f16 -> f32).
  func.func @matmul_generic(%a: tensor<64x256xf16>, %b: tensor<256x128xf16>, %c: tensor<64x128xf32>) -> tensor<64x128xf32> {
    %r = linalg.generic {indexing_maps = [#mk, #kn, #mn], iterator_types = ["parallel", "parallel", "reduction"]}
        ins(%a, %b : tensor<64x256xf16>, tensor<256x128xf16>) outs(%c : tensor<64x128xf32>) {
    ^bb0(%x: f16, %y: f16, %acc: f32):
      %xe = arith.extf %x : f16 to f32
      %ye = arith.extf %y : f16 to f32
      %p = arith.mulf %xe, %ye : f32
      %s = arith.addf %acc, %p : f32
      linalg.yield %s : f32
    } -> tensor<64x128xf32>
    return %r : tensor<64x128xf32>
  }

  // Causal mask from iteration indices, on buffers (no results).
  func.func @causal_mask(%m: memref<128x128xf32>) {
    %ninf = arith.constant -1.000000e+09 : f32
    %zero = arith.constant 0.000000e+00 : f32
    linalg.generic {indexing_maps = [#id], iterator_types = ["parallel", "parallel"]} outs(%m : memref<128x128xf32>) {
    ^bb0(%out: f32):
      %i = linalg.index 0 : index
      %j = linalg.index 1 : index
      %gt = arith.cmpi ugt, %j, %i : index
      %v = arith.select %gt, %ninf, %zero : f32
      linalg.yield %v : f32
    }
    return
  }

  // Generic with two results.
  func.func @two_outputs(%x: tensor<16x32xf32>) -> (tensor<16x32xf32>, tensor<16x32xf32>) {
    %e0 = tensor.empty() : tensor<16x32xf32>
    %e1 = tensor.empty() : tensor<16x32xf32>
    %r:2 = linalg.generic {indexing_maps = [#id, #id, #id], iterator_types = ["parallel", "parallel"]}
        ins(%x : tensor<16x32xf32>) outs(%e0, %e1 : tensor<16x32xf32>, tensor<16x32xf32>) {
    ^bb0(%in: f32, %o0: f32, %o1: f32):
      %ex = math.exp %in : f32
      %ng = arith.negf %in : f32
      linalg.yield %ex, %ng : f32, f32
    } -> (tensor<16x32xf32>, tensor<16x32xf32>)
    return %r#0, %r#1 : tensor<16x32xf32>, tensor<16x32xf32>
  }
}
