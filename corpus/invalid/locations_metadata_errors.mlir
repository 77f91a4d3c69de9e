// Errors inside locations and location aliases. (Malformed {-# ... #-} metadata is
// left out on purpose: hwopt has a separate id for it, HW1020.)
// Split-input-file: cases are separated by split-marker lines; each case has exactly
// one expected error (hwopt diagnostic id). Every case is rejected by
// `mlir-opt-19 --split-input-file --allow-unregistered-dialect`; its message is
// quoted on the "// mlir-opt-19:" line of the case.
// mlir-opt-19: expected ':' in FileLineColLoc
func.func @file_loc_missing_column() {
  "test.op"() : () -> () loc("model.py":12) // expected-error {{HW1001}}
  return
}

// -----

// mlir-opt-19: operation location alias was never defined
func.func @undefined_loc_alias() {
  "test.op"() : () -> () loc(#loc_missing) // expected-error {{HW1007}}
  return
}

// -----

// mlir-opt-19: redefinition of attribute alias id 'loc1'
#loc1 = loc("a.py":1:1)
#loc1 = loc("b.py":2:2) // expected-error {{HW1008}}
"test.op"() : () -> () loc(#loc1)

