// matmul_chain.mlir: three matmuls in a row with an exp between the first two (a contraction chain whose
// intermediate results a fused kernel could keep in cache).
func.func @forward(%a: tensor<32x64xf32>, %b: tensor<64x128xf32>, %c: tensor<128x64xf32>, %d: tensor<64x16xf32>) -> tensor<32x16xf32> {
  %zero = arith.constant 0.000000e+00 : f32
  %e0 = tensor.empty() : tensor<32x128xf32>
  %f0 = linalg.fill ins(%zero : f32) outs(%e0 : tensor<32x128xf32>) -> tensor<32x128xf32>
  %ab = linalg.matmul ins(%a, %b : tensor<32x64xf32>, tensor<64x128xf32>) outs(%f0 : tensor<32x128xf32>) -> tensor<32x128xf32>
  %e1 = tensor.empty() : tensor<32x128xf32>
  %x = linalg.exp ins(%ab : tensor<32x128xf32>) outs(%e1 : tensor<32x128xf32>) -> tensor<32x128xf32>
  %e2 = tensor.empty() : tensor<32x64xf32>
  %f2 = linalg.fill ins(%zero : f32) outs(%e2 : tensor<32x64xf32>) -> tensor<32x64xf32>
  %abc = linalg.matmul ins(%x, %c : tensor<32x128xf32>, tensor<128x64xf32>) outs(%f2 : tensor<32x64xf32>) -> tensor<32x64xf32>
  %e3 = tensor.empty() : tensor<32x16xf32>
  %f3 = linalg.fill ins(%zero : f32) outs(%e3 : tensor<32x16xf32>) -> tensor<32x16xf32>
  %abcd = linalg.matmul ins(%abc, %d : tensor<32x64xf32>, tensor<64x16xf32>) outs(%f3 : tensor<32x16xf32>) -> tensor<32x16xf32>
  return %abcd : tensor<32x16xf32>
}
