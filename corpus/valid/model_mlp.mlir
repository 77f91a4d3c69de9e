// MNIST MLP 784 -> 256 -> 128 -> 10 in linalg-on-tensors, batch 64, as
// produced by torch-mlir/IREE (weights elided as dense_resource).
#map_bias = affine_map<(d0, d1) -> (d1)>
#map_id = affine_map<(d0, d1) -> (d0, d1)>
module @mnist_mlp attributes {torch.debug_module_name = "MLP"} {
  func.func private @linear_relu(%x: tensor<64x?xf32>, %w: tensor<?x?xf32>, %b: tensor<?xf32>, %relu: i1) -> tensor<64x?xf32>

  func.func @forward(%input: tensor<64x1x28x28xf32>) -> tensor<64x10xf32> {
    %zero = arith.constant 0.000000e+00 : f32
    %w1 = arith.constant dense_resource<__elided__> : tensor<784x256xf32>
    %b1 = arith.constant dense_resource<__elided__> : tensor<256xf32>
    %w2 = arith.constant dense_resource<__elided__> : tensor<256x128xf32>
    %b2 = arith.constant dense<0.01> : tensor<128xf32>
    %w3 = arith.constant dense_resource<__elided__> : tensor<128x10xf32>
    %b3 = arith.constant dense<0.000000e+00> : tensor<10xf32>
    // Flatten 1x28x28 -> 784
    %flat = tensor.collapse_shape %input [[0], [1, 2, 3]] : tensor<64x1x28x28xf32> into tensor<64x784xf32>

    // fc1 + relu
    %e1 = tensor.empty() : tensor<64x256xf32>
    %f1 = linalg.fill ins(%zero : f32) outs(%e1 : tensor<64x256xf32>) -> tensor<64x256xf32>
    %mm1 = linalg.matmul ins(%flat, %w1 : tensor<64x784xf32>, tensor<784x256xf32>) outs(%f1 : tensor<64x256xf32>) -> tensor<64x256xf32>
    %h1 = linalg.generic {indexing_maps = [#map_id, #map_bias, #map_id], iterator_types = ["parallel", "parallel"]}
        ins(%mm1, %b1 : tensor<64x256xf32>, tensor<256xf32>) outs(%e1 : tensor<64x256xf32>) {
    ^bb0(%in: f32, %bias: f32, %out: f32):
      %s = arith.addf %in, %bias : f32
      %r = arith.maximumf %s, %zero : f32
      linalg.yield %r : f32
    } -> tensor<64x256xf32>

    // fc2 + relu
    %e2 = tensor.empty() : tensor<64x128xf32>
    %f2 = linalg.fill ins(%zero : f32) outs(%e2 : tensor<64x128xf32>) -> tensor<64x128xf32>
    %mm2 = linalg.matmul ins(%h1, %w2 : tensor<64x256xf32>, tensor<256x128xf32>) outs(%f2 : tensor<64x128xf32>) -> tensor<64x128xf32>
    %h2 = linalg.generic {indexing_maps = [#map_id, #map_bias, #map_id], iterator_types = ["parallel", "parallel"]}
        ins(%mm2, %b2 : tensor<64x128xf32>, tensor<128xf32>) outs(%e2 : tensor<64x128xf32>) {
    ^bb0(%in: f32, %bias: f32, %out: f32):
      %s = arith.addf %in, %bias : f32
      %r = arith.maximumf %s, %zero : f32
      linalg.yield %r : f32
    } -> tensor<64x128xf32>

    // fc3 (logits, no activation)
    %e3 = tensor.empty() : tensor<64x10xf32>
    %f3 = linalg.fill ins(%zero : f32) outs(%e3 : tensor<64x10xf32>) -> tensor<64x10xf32>
    %mm3 = linalg.matmul ins(%h2, %w3 : tensor<64x128xf32>, tensor<128x10xf32>) outs(%f3 : tensor<64x10xf32>) -> tensor<64x10xf32>
    %bb3 = linalg.broadcast ins(%b3 : tensor<10xf32>) outs(%e3 : tensor<64x10xf32>) dimensions = [0]
    %logits = linalg.add ins(%mm3, %bb3 : tensor<64x10xf32>, tensor<64x10xf32>) outs(%e3 : tensor<64x10xf32>) -> tensor<64x10xf32>
    return %logits : tensor<64x10xf32>
  }
}
