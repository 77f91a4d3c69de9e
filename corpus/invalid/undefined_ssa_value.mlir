// HW1005 use of an SSA value that is never defined in scope.
// Split-input-file: cases are separated by split-marker lines; each case has exactly
// one expected error (hwopt diagnostic id). Every case is rejected by
// `mlir-opt-19 --split-input-file --allow-unregistered-dialect`; its message is
// quoted on the "// mlir-opt-19:" line of the case.
// mlir-opt-19: use of undeclared SSA value name
func.func @typo_in_name(%x: tensor<1x768xf32>, %gamma: tensor<768xf32>) -> tensor<1x768xf32> {
  %0 = "mydialect.layer_norm"(%x, %gama) : (tensor<1x768xf32>, tensor<768xf32>) -> tensor<1x768xf32> // expected-error {{HW1005}}
  return %0 : tensor<1x768xf32>
}

// -----

// mlir-opt-19: use of undeclared SSA value name
func.func @undefined_branch_operand(%c: i1) {
  cf.cond_br %c, ^bb1, ^bb2
^bb1:
  cf.br ^bb2
^bb2:
  // expected-error@+1 {{HW1005}}
  "test.use"(%never) : (i32) -> ()
  return
}

// -----

// mlir-opt-19: use of undeclared SSA value name
func.func @value_from_other_function() -> f32 {
  %cst = arith.constant 1.000000e+00 : f32
  return %cst : f32
}
func.func @uses_it() -> f32 {
  return %cst : f32 // expected-error {{HW1005}}
}

// -----

// mlir-opt-19: use of undeclared SSA value name
func.func @sibling_region_scope(%c: i1) -> i32 {
  %r = scf.if %c -> (i32) {
    %inner = arith.constant 1 : i32
    scf.yield %inner : i32
  } else {
    scf.yield %inner : i32 // expected-error {{HW1005}}
  }
  return %r : i32
}
