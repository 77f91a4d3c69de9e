// Realistic model-sized cases with exactly one mistake each (mixed diagnostic ids).
// Split-input-file: cases are separated by split-marker lines; each case has exactly
// one expected error (hwopt diagnostic id). Every case is rejected by
// `mlir-opt-19 --split-input-file --allow-unregistered-dialect`; its message is
// quoted on the "// mlir-opt-19:" line of the case.
// mlir-opt-19: use of undeclared SSA value name
#id = affine_map<(d0, d1) -> (d0, d1)>
#bc = affine_map<(d0, d1) -> (d1)>
func.func @bias_gelu(%x: tensor<128x3072xf32>, %b: tensor<3072xf32>) -> tensor<128x3072xf32> {
  %half = arith.constant 5.000000e-01 : f32
  %e = tensor.empty() : tensor<128x3072xf32>
  %r = linalg.generic {indexing_maps = [#id, #bc, #id], iterator_types = ["parallel", "parallel"]}
      ins(%x, %b : tensor<128x3072xf32>, tensor<3072xf32>) outs(%e : tensor<128x3072xf32>) {
  ^bb0(%in: f32, %bias: f32, %out: f32):
    %s = arith.addf %in, %bias : f32
    %t = math.tanh %s : f32
    %m = arith.mulf %half, %tt : f32 // expected-error {{HW1005}}
    linalg.yield %m : f32
  } -> tensor<128x3072xf32>
  return %r : tensor<128x3072xf32>
}

// -----

// mlir-opt-19: redefinition of SSA value '%cst'
func.func @softmax_row(%x: tensor<1000xf32>) -> tensor<1000xf32> {
  %cst = arith.constant 0xFF800000 : f32
  %cst = arith.constant 0.000000e+00 : f32 // expected-error {{HW1006}}
  %e = tensor.empty() : tensor<1000xf32>
  return %e : tensor<1000xf32>
}

// -----

// mlir-opt-19: tensor literal is invalid; ranks are not consistent between elements
func.func @fc_weights() -> tensor<2x2xf32> {
  // expected-error@+1 {{HW1010}}
  %w = arith.constant dense<[[1.0, 2.0], [3.0]]> : tensor<2x2xf32>
  return %w : tensor<2x2xf32>
}

// -----

// mlir-opt-19: use of value '%k' expects different type than prior uses: 'tensor<12x128x64xf32>' vs 'tensor<12x64x128xf32>'
func.func @attention_scores(%q: tensor<12x128x64xf32>, %k: tensor<12x64x128xf32>) -> tensor<12x128x128xf32> {
  %zero = arith.constant 0.000000e+00 : f32
  %e = tensor.empty() : tensor<12x128x128xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<12x128x128xf32>) -> tensor<12x128x128xf32>
  %s = "mydialect.batch_matmul"(%q, %k, %f) : (tensor<12x128x64xf32>, tensor<12x128x64xf32>, tensor<12x128x128xf32>) -> tensor<12x128x128xf32> // expected-error {{HW1018}}
  return %s : tensor<12x128x128xf32>
}

// -----

// mlir-opt-19: operation defines 1 results but was provided 2 to bind
func.func @conv_stem(%img: tensor<1x224x224x3xf32>) -> tensor<1x112x112x64xf32> {
  %w = "tosa.const"() <{value = dense<0.02> : tensor<64x7x7x3xf32>}> : () -> tensor<64x7x7x3xf32>
  %b = "tosa.const"() <{value = dense<0.0> : tensor<64xf32>}> : () -> tensor<64xf32>
  // expected-error@+1 {{HW1011}}
  %c, %d = "tosa.conv2d"(%img, %w, %b) <{pad = array<i64: 3, 3, 3, 3>, stride = array<i64: 2, 2>, dilation = array<i64: 1, 1>}> : (tensor<1x224x224x3xf32>, tensor<64x7x7x3xf32>, tensor<64xf32>) -> tensor<1x112x112x64xf32>
  return %c : tensor<1x112x112x64xf32>
}
