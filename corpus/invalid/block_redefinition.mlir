// HW1019 a block label defined twice in the same region.
// Split-input-file: cases are separated by split-marker lines; each case has exactly
// one expected error (hwopt diagnostic id). Every case is rejected by
// `mlir-opt-19 --split-input-file --allow-unregistered-dialect`; its message is
// quoted on the "// mlir-opt-19:" line of the case.
// mlir-opt-19: redefinition of block '^bb1'
func.func @duplicate_label(%c: i1) {
  cf.cond_br %c, ^bb1, ^bb2
^bb1:
  return
^bb2:
  return
^bb1: // expected-error {{HW1019}}
  return
}

// -----

// mlir-opt-19: redefinition of block '^loop'
func.func @duplicate_with_args(%v: i32) {
  cf.br ^loop(%v : i32)
^loop(%i: i32):
  cf.br ^loop(%i : i32)
^loop(%j: i32): // expected-error {{HW1019}}
  return
}

// -----

// mlir-opt-19: redefinition of block '^entry'
"test.op"() ({
^entry:
  "test.br"()[^entry] : () -> ()
// expected-error@+1 {{HW1019}}
^entry:
  "test.term"() : () -> ()
}) : () -> ()
