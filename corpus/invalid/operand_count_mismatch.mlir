// HW1012 number of operands does not match the op's operand types.
// Split-input-file: cases are separated by split-marker lines; each case has exactly
// one expected error (hwopt diagnostic id). Every case is rejected by
// `mlir-opt-19 --split-input-file --allow-unregistered-dialect`; its message is
// quoted on the "// mlir-opt-19:" line of the case.
// mlir-opt-19: expected 1 operand type<NUL> but had 0 (sic: MLIR 19 prints a NUL byte here)
func.func @operand_no_type(%a: i32) {
  "test.foo"(%a) : () -> () // expected-error {{HW1012}}
  return
}

// -----

// mlir-opt-19: expected 2 operand types but had 1
func.func @two_operands_one_type(%a: f32, %b: f32) {
  %0 = "test.add"(%a, %b) : (f32) -> f32 // expected-error {{HW1012}}
  return
}

// -----

// mlir-opt-19: expected 0 operand types but had 1
func.func @no_operands_one_type() {
  %0 = "test.neg"() : (f32) -> f32 // expected-error {{HW1012}}
  return
}

// -----

// mlir-opt-19: expected 2 operand types but had 1
func.func @matmul_missing_operand_type(%a: tensor<64x256xf16>, %b: tensor<256x128xf16>) {
  // expected-error@+1 {{HW1012}}
  %0 = "mydialect.matmul"(%a, %b) : (tensor<64x256xf16>) -> tensor<64x128xf32>
  return
}
