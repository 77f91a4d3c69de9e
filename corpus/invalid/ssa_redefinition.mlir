// HW1006 redefinition of an SSA value name within the same region.
// Split-input-file: cases are separated by split-marker lines; each case has exactly
// one expected error (hwopt diagnostic id). Every case is rejected by
// `mlir-opt-19 --split-input-file --allow-unregistered-dialect`; its message is
// quoted on the "// mlir-opt-19:" line of the case.
// mlir-opt-19: redefinition of SSA value '%0'
func.func @same_block(%a: f32) -> f32 {
  %0 = arith.addf %a, %a : f32
  %0 = arith.mulf %a, %a : f32 // expected-error {{HW1006}}
  return %0 : f32
}

// -----

// mlir-opt-19: redefinition of SSA value '%sum'
func.func @across_blocks(%a: i32) -> i32 {
  %sum = arith.addi %a, %a : i32
  cf.br ^bb1
^bb1:
  %sum = arith.muli %a, %a : i32 // expected-error {{HW1006}}
  return %sum : i32
}

// -----

// mlir-opt-19: redefinition of SSA value '%x'
func.func @block_arg_twice(%c: i1, %v: i32) {
  cf.br ^bb1(%v, %v : i32, i32)
^bb1(%x: i32, %x: i32): // expected-error {{HW1006}}
  return
}

// -----

// mlir-opt-19: redefinition of SSA value '%arg0'
func.func @result_redefines_argument(%arg0: tensor<4xf32>) -> tensor<4xf32> {
  %arg0 = "test.identity"(%arg0) : (tensor<4xf32>) -> tensor<4xf32> // expected-error {{HW1006}}
  return %arg0 : tensor<4xf32>
}

// -----

// mlir-opt-19: redefinition of SSA value '%r'
"test.graph"() ({
  %r:2 = "test.split"() : () -> (i32, i32)
  %r = "test.join"() : () -> i32 // expected-error {{HW1006}}
}) : () -> ()
