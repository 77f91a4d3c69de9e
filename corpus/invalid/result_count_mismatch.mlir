// HW1011 number of results bound does not match the op's result types.
// Split-input-file: cases are separated by split-marker lines; each case has exactly
// one expected error (hwopt diagnostic id). Every case is rejected by
// `mlir-opt-19 --split-input-file --allow-unregistered-dialect`; its message is
// quoted on the "// mlir-opt-19:" line of the case.
// mlir-opt-19: operation defines 1 results but was provided 2 to bind
func.func @group_of_two_one_type() {
  %0:2 = "test.op"() : () -> i32 // expected-error {{HW1011}}
  return
}

// -----

// mlir-opt-19: operation defines 1 results but was provided 2 to bind
func.func @two_names_one_type() {
  %a, %b = "test.op"() : () -> i32 // expected-error {{HW1011}}
  return
}

// -----

// mlir-opt-19: operation defines 2 results but was provided 1 to bind
func.func @one_name_two_types() {
  %q = "mydialect.qkv_split"() : () -> (tensor<1x128x768xf32>, tensor<1x128x768xf32>) // expected-error {{HW1011}}
  return
}

// -----

// mlir-opt-19: operation defines 2 results but was provided 3 to bind
func.func @group_of_three_two_types(%x: tensor<8xf32>) {
  // expected-error@+1 {{HW1011}}
  %r:3 = "test.minmax"(%x) : (tensor<8xf32>) -> (f32, f32)
  return
}
