// linalg.reduce and linalg.map with regions (short and long region forms).
module {
  func.func @reduce_sum(%x: tensor<1x128x768xf32>) -> tensor<1x128xf32> {
    %z = arith.constant 0.000000e+00 : f32
    %e = tensor.empty() : tensor<1x128xf32>
    %f = linalg.fill ins(%z : f32) outs(%e : tensor<1x128xf32>) -> tensor<1x128xf32>
    %r = linalg.reduce ins(%x : tensor<1x128x768xf32>) outs(%f : tensor<1x128xf32>) dimensions = [2]
      (%in: f32, %acc: f32) {
        %s = arith.addf %in, %acc : f32
        linalg.yield %s : f32
      }
    return %r : tensor<1x128xf32>
  }

  func.func @reduce_short(%x: tensor<16x64xf32>, %init: tensor<16xf32>) -> tensor<16xf32> {
    %r = linalg.reduce { arith.maximumf } ins(%x : tensor<16x64xf32>) outs(%init : tensor<16xf32>) dimensions = [1]
    return %r : tensor<16xf32>
  }

  func.func @map_binary(%a: tensor<64xf32>, %b: tensor<64xf32>) -> tensor<64xf32> {
    %e = tensor.empty() : tensor<64xf32>
    %r = linalg.map ins(%a, %b : tensor<64xf32>, tensor<64xf32>) outs(%e : tensor<64xf32>)
      (%x: f32, %y: f32) {
        %d = arith.subf %x, %y : f32
        %sq = arith.mulf %d, %d : f32
        linalg.yield %sq : f32
      }
    return %r : tensor<64xf32>
  }

  func.func @map_short(%a: tensor<64xf32>, %b: tensor<64xf32>) -> tensor<64xf32> {
    %e = tensor.empty() : tensor<64xf32>
    %r = linalg.map { arith.addf } ins(%a, %b : tensor<64xf32>, tensor<64xf32>) outs(%e : tensor<64xf32>)
    %s = linalg.map { math.exp } ins(%r : tensor<64xf32>) outs(%e : tensor<64xf32>)
    return %s : tensor<64xf32>
  }

  func.func @reduce_two_outputs(%v: tensor<32x10xf32>, %i: tensor<32x10xi32>, %mv: tensor<32xf32>, %mi: tensor<32xi32>)
      -> (tensor<32xf32>, tensor<32xi32>) {
    // argmax-style reduction carrying (value, index).
    %r:2 = linalg.reduce ins(%v, %i : tensor<32x10xf32>, tensor<32x10xi32>) outs(%mv, %mi : tensor<32xf32>, tensor<32xi32>) dimensions = [1]
      (%xv: f32, %xi: i32, %av: f32, %ai: i32) {
        %gt = arith.cmpf ogt, %xv, %av : f32
        %nv = arith.select %gt, %xv, %av : f32
        %ni = arith.select %gt, %xi, %ai : i32
        linalg.yield %nv, %ni : f32, i32
      }
    return %r#0, %r#1 : tensor<32xf32>, tensor<32xi32>
  }
}
