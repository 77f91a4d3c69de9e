// HW1001 syntax error: a token that is not allowed at this position.
// Split-input-file: cases are separated by split-marker lines; each case has exactly
// one expected error (hwopt diagnostic id). Every case is rejected by
// `mlir-opt-19 --split-input-file --allow-unregistered-dialect`; its message is
// quoted on the "// mlir-opt-19:" line of the case.
// mlir-opt-19: expected ')' to end operand list
func.func @missing_paren(%a: i32) -> i32 {
  %0 = "test.op"(%a : (i32) -> i32 // expected-error {{HW1001}}
  return %0 : i32
}

// -----

// mlir-opt-19: expected operation name in quotes
func.func @equals_without_op(%a: f32) {
  // expected-error@+1 {{HW1001}}
  %0 = : f32
  return
}

// -----

// mlir-opt-19: expected operation name in quotes (reported at the end of the previous token, line 26)
func.func @stray_brace() {
  return
}
} // expected-error {{HW1001}}

// -----

// mlir-opt-19: expected '{' to begin a region
func.func @missing_type_list(%a: i32) {
  %0 = "test.op"(%a) (i32) -> i32 // expected-error {{HW1001}}
  return
}

// -----

// mlir-opt-19: expected ')' to end operand list
func.func @missing_comma(%a: tensor<4xf32>, %b: tensor<4xf32>) -> tensor<4xf32> {
  %0 = "test.add"(%a %b) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32> // expected-error {{HW1001}}
  return %0 : tensor<4xf32>
}

// -----

// mlir-opt-19: expected '}' in attribute dictionary
"test.op"() {a = 1 : i32, b} : () -> () // ok
"test.op"() {a = 1 : i32 b = 2 : i32} : () -> () // expected-error {{HW1001}}
