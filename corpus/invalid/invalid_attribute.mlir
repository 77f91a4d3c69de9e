// HW1010 invalid attribute.
// Split-input-file: cases are separated by split-marker lines; each case has exactly
// one expected error (hwopt diagnostic id). Every case is rejected by
// `mlir-opt-19 --split-input-file --allow-unregistered-dialect`; its message is
// quoted on the "// mlir-opt-19:" line of the case.
// mlir-opt-19: expected ']'
func.func @unbalanced_dense() {
  "test.op"() {v = dense<[1, 2> : tensor<2xi32>} : () -> () // expected-error {{HW1010}}
  return
}

// -----

// mlir-opt-19: expected integer literal
func.func @float_in_i64_array() {
  "test.op"() {perm = array<i64: 1.5>} : () -> () // expected-error {{HW1010}}
  return
}

// -----

// mlir-opt-19: inferred shape of elements literal ([3]) does not match type ([2])
func.func @dense_shape_mismatch() {
  %0 = arith.constant dense<[1.0, 2.0, 3.0]> : tensor<2xf32> // expected-error {{HW1010}}
  return
}

// -----

// mlir-opt-19: use of undeclared identifier
func.func @affine_map_unknown_dim() {
  "test.op"() {m = affine_map<(d0) -> (d0 + d1)>} : () -> () // expected-error {{HW1010}}
  return
}

// -----

// mlir-opt-19: expected string containing hex digits starting with `0x`
func.func @bad_hex_blob() {
  // expected-error@+1 {{HW1010}}
  %0 = arith.constant dense<"0xZZ00803F"> : tensor<1xf32>
  return
}
