// HW1009 invalid type.
// Split-input-file: cases are separated by split-marker lines; each case has exactly
// one expected error (hwopt diagnostic id). Every case is rejected by
// `mlir-opt-19 --split-input-file --allow-unregistered-dialect`; its message is
// quoted on the "// mlir-opt-19:" line of the case.
// mlir-opt-19: integer bitwidth is limited to 16777215 bits
func.func @too_wide_integer(%a: i16777216) { // expected-error {{HW1009}}
  return
}

// -----

// mlir-opt-19: expected non-function type
func.func @unknown_element_type() {
  %0 = "test.op"() : () -> tensor<4x?xfoo> // expected-error {{HW1009}}
  return
}

// -----

// mlir-opt-19: invalid element type for complex
func.func @complex_of_tensor() {
  %0 = "test.op"() : () -> complex<tensor<f32>> // expected-error {{HW1009}}
  return
}

// -----

// mlir-opt-19: expected non-function type
func.func @dynamic_vector_dim() {
  %0 = "test.op"() : () -> vector<?x4xf32> // expected-error {{HW1009}}
  return
}

// -----

// mlir-opt-19: invalid memref element type
func.func @memref_of_tensor() {
  // expected-error@+1 {{HW1009}}
  %0 = "test.op"() : () -> memref<4xtensor<4xf32>>
  return
}
