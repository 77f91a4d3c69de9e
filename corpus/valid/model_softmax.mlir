// Numerically stable softmax over the last dim of attention scores
// [batch=1, heads=12, seq=128, seq=128], linalg-on-tensors:
//   m = max(x), e = exp(x - m), s = sum(e), y = e / s
#in4 = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
#red4 = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>
module {
  func.func @softmax(%x: tensor<1x12x128x128xf32>) -> tensor<1x12x128x128xf32> {
    %ninf = arith.constant 0xFF800000 : f32
    %zero = arith.constant 0.000000e+00 : f32
    %e_red = tensor.empty() : tensor<1x12x128xf32>
    %e_full = tensor.empty() : tensor<1x12x128x128xf32>

    // 1. running max along the last dim
    %max_init = linalg.fill ins(%ninf : f32) outs(%e_red : tensor<1x12x128xf32>) -> tensor<1x12x128xf32>
    %max = linalg.generic {indexing_maps = [#in4, #red4], iterator_types = ["parallel", "parallel", "parallel", "reduction"]}
        ins(%x : tensor<1x12x128x128xf32>) outs(%max_init : tensor<1x12x128xf32>) {
    ^bb0(%in: f32, %acc: f32):
      %m = arith.maximumf %in, %acc : f32
      linalg.yield %m : f32
    } -> tensor<1x12x128xf32>

    // 2. exp(x - max)
    %exp = linalg.generic {indexing_maps = [#in4, #red4, #in4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
        ins(%x, %max : tensor<1x12x128x128xf32>, tensor<1x12x128xf32>) outs(%e_full : tensor<1x12x128x128xf32>) {
    ^bb0(%in: f32, %m: f32, %out: f32):
      %d = arith.subf %in, %m : f32
      %e = math.exp %d : f32
      linalg.yield %e : f32
    } -> tensor<1x12x128x128xf32>

    // 3. sum of exponentials
    %sum_init = linalg.fill ins(%zero : f32) outs(%e_red : tensor<1x12x128xf32>) -> tensor<1x12x128xf32>
    %sum = linalg.generic {indexing_maps = [#in4, #red4], iterator_types = ["parallel", "parallel", "parallel", "reduction"]}
        ins(%exp : tensor<1x12x128x128xf32>) outs(%sum_init : tensor<1x12x128xf32>) {
    ^bb0(%in: f32, %acc: f32):
      %s = arith.addf %in, %acc : f32
      linalg.yield %s : f32
    } -> tensor<1x12x128xf32>

    // 4. normalize
    %y = linalg.generic {indexing_maps = [#in4, #red4, #in4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
        ins(%exp, %sum : tensor<1x12x128x128xf32>, tensor<1x12x128xf32>) outs(%e_full : tensor<1x12x128x128xf32>) {
    ^bb0(%e: f32, %s: f32, %out: f32):
      %r = arith.divf %e, %s : f32
      linalg.yield %r : f32
    } -> tensor<1x12x128x128xf32>
    return %y : tensor<1x12x128x128xf32>
  }

  // Same computation with named ops + linalg.reduce/map (newer style).
  func.func @softmax_named(%x: tensor<32x1000xf32>) -> tensor<32x1000xf32> {
    %ninf = arith.constant 0xFF800000 : f32
    %zero = arith.constant 0.000000e+00 : f32
    %er = tensor.empty() : tensor<32xf32>
    %ef = tensor.empty() : tensor<32x1000xf32>
    %mi = linalg.fill ins(%ninf : f32) outs(%er : tensor<32xf32>) -> tensor<32xf32>
    %m = linalg.reduce { arith.maximumf } ins(%x : tensor<32x1000xf32>) outs(%mi : tensor<32xf32>) dimensions = [1]
    %mb = linalg.broadcast ins(%m : tensor<32xf32>) outs(%ef : tensor<32x1000xf32>) dimensions = [1]
    %d = linalg.sub ins(%x, %mb : tensor<32x1000xf32>, tensor<32x1000xf32>) outs(%ef : tensor<32x1000xf32>) -> tensor<32x1000xf32>
    %e = linalg.exp ins(%d : tensor<32x1000xf32>) outs(%ef : tensor<32x1000xf32>) -> tensor<32x1000xf32>
    %si = linalg.fill ins(%zero : f32) outs(%er : tensor<32xf32>) -> tensor<32xf32>
    %s = linalg.reduce { arith.addf } ins(%e : tensor<32x1000xf32>) outs(%si : tensor<32xf32>) dimensions = [1]
    %sb = linalg.broadcast ins(%s : tensor<32xf32>) outs(%ef : tensor<32x1000xf32>) dimensions = [1]
    %y = linalg.div ins(%e, %sb : tensor<32x1000xf32>, tensor<32x1000xf32>) outs(%ef : tensor<32x1000xf32>) -> tensor<32x1000xf32>
    return %y : tensor<32x1000xf32>
  }
}
