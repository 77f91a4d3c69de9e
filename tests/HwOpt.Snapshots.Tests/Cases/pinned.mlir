// pinned.mlir: a matmul + bias + ReLU with user pins in the IR: the matmul must run on the GPU in bf16, the bias add
// must stay its own kernel (no fusion); the planners honour them as equality constraints.
func.func @forward(%x: tensor<16x256xf32>, %w: tensor<256x128xf32>, %bias: tensor<16x128xf32>) -> tensor<16x128xf32> {
  %zero = arith.constant 0.000000e+00 : f32
  %e0 = tensor.empty() : tensor<16x128xf32>
  %f0 = linalg.fill ins(%zero : f32) outs(%e0 : tensor<16x128xf32>) -> tensor<16x128xf32>
  %mm = linalg.matmul {hwopt.pin.device = "gpu", hwopt.pin.precision = "bf16"} ins(%x, %w : tensor<16x256xf32>, tensor<256x128xf32>) outs(%f0 : tensor<16x128xf32>) -> tensor<16x128xf32>
  %e1 = tensor.empty() : tensor<16x128xf32>
  %add = linalg.add {hwopt.pin.fuse = false} ins(%mm, %bias : tensor<16x128xf32>, tensor<16x128xf32>) outs(%e1 : tensor<16x128xf32>) -> tensor<16x128xf32>
  %e2 = tensor.empty() : tensor<16x128xf32>
  %relu = linalg.max ins(%add, %f0 : tensor<16x128xf32>, tensor<16x128xf32>) outs(%e2 : tensor<16x128xf32>) -> tensor<16x128xf32>
  return %relu : tensor<16x128xf32>
}
