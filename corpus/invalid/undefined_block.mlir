// HW1013 reference to a block label that is not defined in the region.
// Split-input-file: cases are separated by split-marker lines; each case has exactly
// one expected error (hwopt diagnostic id). Every case is rejected by
// `mlir-opt-19 --split-input-file --allow-unregistered-dialect`; its message is
// quoted on the "// mlir-opt-19:" line of the case.
// mlir-opt-19: reference to an undefined block
func.func @generic_br() {
  "cf.br"()[^bb9] : () -> () // expected-error {{HW1013}}
^bb1:
  "func.return"() : () -> ()
}

// -----

// mlir-opt-19: reference to an undefined block
func.func @custom_cond_br(%c: i1) {
  cf.cond_br %c, ^bb1, ^exit // expected-error {{HW1013}}
^bb1:
  return
}

// -----

// mlir-opt-19: reference to an undefined block
func.func @typo_in_loop_header(%n: index) {
  %c0 = arith.constant 0 : index
  cf.br ^header(%c0 : index)
^header(%i: index):
  %lt = arith.cmpi slt, %i, %n : index
  // expected-error@+1 {{HW1013}}
  cf.cond_br %lt, ^body, ^exiit
^body:
  cf.br ^header(%i : index)
^exit:
  return
}

// -----

// mlir-opt-19: reference to an undefined block
func.func @block_in_other_region(%c: i1) {
  "test.region_op"() ({
  ^inner:
    "test.term"() : () -> ()
  }) : () -> ()
  cf.br ^inner // expected-error {{HW1013}}
}
