// HW1003 invalid character: a character no token can start with.
// Split-input-file: cases are separated by split-marker lines; each case has exactly
// one expected error (hwopt diagnostic id). Every case is rejected by
// `mlir-opt-19 --split-input-file --allow-unregistered-dialect`; its message is
// quoted on the "// mlir-opt-19:" line of the case.
// mlir-opt-19: unexpected character
func.func @backtick() {
  `test.op`() : () -> () // expected-error {{HW1003}}
  return
}

// -----

// mlir-opt-19: unexpected character
func.func @dollar_at_op_position(%a: i32) {
  $foo = "test.op"(%a) : (i32) -> i32 // expected-error {{HW1003}}
  return
}

// -----

// mlir-opt-19: unexpected character
func.func @control_char() {
  // expected-error@+1 {{HW1003}}
  "test.op"() {a = 1 : i32} : () -> ()
  return
}

// -----

// mlir-opt-19: unexpected character
func.func @c_block_comment() {
  /* not a comment in MLIR */ // expected-error {{HW1003}}
  return
}

// -----

// mlir-opt-19: unexpected character
func.func @semicolon(%a: f32) -> f32 {
  %0 = arith.addf %a, %a : f32; // expected-error {{HW1003}}
  return %0 : f32
}
