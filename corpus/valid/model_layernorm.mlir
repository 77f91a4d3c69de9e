// LayerNorm over hidden=768 for BERT-base activations [1, 128, 768]:
//   mean = sum(x)/768; var = sum((x-mean)^2)/768
//   y = (x - mean) * rsqrt(var + 1e-5) * gamma + beta
#x3 = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
#r3 = affine_map<(d0, d1, d2) -> (d0, d1)>
#c3 = affine_map<(d0, d1, d2) -> (d2)>
module {
  func.func @layer_norm(%x: tensor<1x128x768xf32>, %gamma: tensor<768xf32>, %beta: tensor<768xf32>) -> tensor<1x128x768xf32> {
    %zero = arith.constant 0.000000e+00 : f32
    %n = arith.constant 7.680000e+02 : f32
    %eps = arith.constant 9.99999974E-6 : f32
    %er = tensor.empty() : tensor<1x128xf32>
    %ef = tensor.empty() : tensor<1x128x768xf32>
    %acc0 = linalg.fill ins(%zero : f32) outs(%er : tensor<1x128xf32>) -> tensor<1x128xf32>

    %sum = linalg.generic {indexing_maps = [#x3, #r3], iterator_types = ["parallel", "parallel", "reduction"]}
        ins(%x : tensor<1x128x768xf32>) outs(%acc0 : tensor<1x128xf32>) {
    ^bb0(%in: f32, %acc: f32):
      %s = arith.addf %in, %acc : f32
      linalg.yield %s : f32
    } -> tensor<1x128xf32>
    %mean = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>],
                            iterator_types = ["parallel", "parallel"]}
        ins(%sum : tensor<1x128xf32>) outs(%er : tensor<1x128xf32>) {
    ^bb0(%s: f32, %o: f32):
      %m = arith.divf %s, %n : f32
      linalg.yield %m : f32
    } -> tensor<1x128xf32>

    %sq = linalg.generic {indexing_maps = [#x3, #r3, #r3], iterator_types = ["parallel", "parallel", "reduction"]}
        ins(%x, %mean : tensor<1x128x768xf32>, tensor<1x128xf32>) outs(%acc0 : tensor<1x128xf32>) {
    ^bb0(%in: f32, %m: f32, %acc: f32):
      %d = arith.subf %in, %m : f32
      %d2 = arith.mulf %d, %d : f32
      %s = arith.addf %d2, %acc : f32
      linalg.yield %s : f32
    } -> tensor<1x128xf32>

    %y = linalg.generic {indexing_maps = [#x3, #r3, #r3, #c3, #c3, #x3],
                         iterator_types = ["parallel", "parallel", "parallel"]}
        ins(%x, %mean, %sq, %gamma, %beta : tensor<1x128x768xf32>, tensor<1x128xf32>, tensor<1x128xf32>, tensor<768xf32>, tensor<768xf32>)
        outs(%ef : tensor<1x128x768xf32>) {
    ^bb0(%in: f32, %m: f32, %ssq: f32, %g: f32, %b: f32, %o: f32):
      %var = arith.divf %ssq, %n : f32
      %ve = arith.addf %var, %eps : f32
      %inv = math.rsqrt %ve : f32
      %d = arith.subf %in, %m : f32
      %nrm = arith.mulf %d, %inv : f32
      %sc = arith.mulf %nrm, %g : f32
      %r = arith.addf %sc, %b : f32
      linalg.yield %r : f32
    } -> tensor<1x128x768xf32>
    return %y : tensor<1x128x768xf32>
  }
}
