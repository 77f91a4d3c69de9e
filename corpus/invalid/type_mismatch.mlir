// HW1018 a value is used with a type different from its definition.
// Split-input-file: cases are separated by split-marker lines; each case has exactly
// one expected error (hwopt diagnostic id). Every case is rejected by
// `mlir-opt-19 --split-input-file --allow-unregistered-dialect`; its message is
// quoted on the "// mlir-opt-19:" line of the case.
// mlir-opt-19: use of value '%0' expects different type than prior uses: 'i32' vs 'f32'
func.func @f32_used_as_i32() {
  %0 = "test.producer"() : () -> f32
  "test.consumer"(%0) : (i32) -> () // expected-error {{HW1018}}
  return
}

// -----

// mlir-opt-19: use of value '%x' expects different type than prior uses: 'tensor<1x128x3072xf32>' vs 'tensor<1x128x768xf32>'
func.func @argument_used_with_wrong_shape(%x: tensor<1x128x768xf32>) {
  %0 = "mydialect.gelu"(%x) : (tensor<1x128x3072xf32>) -> tensor<1x128x3072xf32> // expected-error {{HW1018}}
  return
}

// -----

// mlir-opt-19: use of value '%b' expects different type than prior uses: 'f16' vs 'f32'
func.func @second_operand_mismatch(%a: f16, %b: f32) {
  %0 = "test.add"(%a, %b) : (f16, f16) -> f16 // expected-error {{HW1018}}
  return
}

// -----

// mlir-opt-19: use of value '%r' expects different type than prior uses: 'i32' vs 'index'
func.func @result_of_group_mismatch() {
  %r:2 = "test.split"() : () -> (i32, index)
  // expected-error@+1 {{HW1018}}
  "test.use"(%r#1) : (i32) -> ()
  return
}
