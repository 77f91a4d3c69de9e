// HW1002 unterminated string literal (always annotated with @+1: a line-end comment would be inside the string).
// Split-input-file: cases are separated by split-marker lines; each case has exactly
// one expected error (hwopt diagnostic id). Every case is rejected by
// `mlir-opt-19 --split-input-file --allow-unregistered-dialect`; its message is
// quoted on the "// mlir-opt-19:" line of the case.
// mlir-opt-19: expected '"' in string literal
func.func @unterminated_attr() {
  // expected-error@+1 {{HW1002}}
  "test.op"() {name = "abc} : () -> ()
  return
}

// -----

// mlir-opt-19: expected '"' in string literal
func.func @unterminated_op_name() {
  // expected-error@+1 {{HW1002}}
  "test.op() : () -> ()
  return
}

// -----

// mlir-opt-19: expected '"' in string literal
// expected-error@+1 {{HW1002}}
#loc0 = loc("model.py
"test.op"() : () -> ()

// -----

// mlir-opt-19: expected '"' in string literal
module {
  // The escaped quote does not terminate the string.
  // expected-error@+1 {{HW1002}}
  "test.op"() {msg = "say \"hi\"} : () -> ()
}
