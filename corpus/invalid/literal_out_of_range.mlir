// HW1015 numeric literal out of range for its context.
// Split-input-file: cases are separated by split-marker lines; each case has exactly
// one expected error (hwopt diagnostic id). Every case is rejected by
// `mlir-opt-19 --split-input-file --allow-unregistered-dialect`; its message is
// quoted on the "// mlir-opt-19:" line of the case.
// mlir-opt-19: invalid dimension
func.func @huge_dimension() {
  %0 = "test.op"() : () -> tensor<99999999999999999999xf32> // expected-error {{HW1015}}
  return
}

// -----

// mlir-opt-19: integer constant out of range for attribute
func.func @i8_overflow() {
  %0 = arith.constant 256 : i8 // expected-error {{HW1015}}
  return
}

// -----

// mlir-opt-19: integer constant out of range for attribute
func.func @i8_underflow() {
  "test.op"() {zero_point = -129 : i8} : () -> () // expected-error {{HW1015}}
  return
}

// -----

// mlir-opt-19: integer constant out of range for attribute
func.func @default_i64_overflow() {
  "test.op"() {big = 99999999999999999999} : () -> () // expected-error {{HW1015}}
  return
}

// -----

// mlir-opt-19: hexadecimal float constant out of range for type
func.func @hex_float_too_wide() {
  // expected-error@+1 {{HW1015}}
  %0 = arith.constant 0x1FFFFFFFF : f32
  return
}
