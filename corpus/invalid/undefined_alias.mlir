// HW1007 reference to an attribute or type alias that is never defined.
// Split-input-file: cases are separated by split-marker lines; each case has exactly
// one expected error (hwopt diagnostic id). Every case is rejected by
// `mlir-opt-19 --split-input-file --allow-unregistered-dialect`; its message is
// quoted on the "// mlir-opt-19:" line of the case.
// mlir-opt-19: undefined symbol alias id 'nope'
#map = affine_map<(d0, d1) -> (d0, d1)>
func.func @undefined_attr_alias(%m: memref<4x4xf32, #map>) {
  "test.op"() {layout = #nope} : () -> () // expected-error {{HW1007}}
  return
}

// -----

// mlir-opt-19: undefined symbol alias id 'nope'
!act = tensor<1x128x768xf32>
// expected-error@+1 {{HW1007}}
func.func @undefined_type_alias(%x: !act) -> !nope {
  return %x : !act
}

// -----

// mlir-opt-19: undefined symbol alias id 'idd'
#id = affine_map<(d0) -> (d0)>
func.func @typo_in_map_alias(%t: tensor<8xf32>) -> tensor<8xf32> {
  %r = linalg.generic {indexing_maps = [#id, #idd], iterator_types = ["parallel"]} ins(%t : tensor<8xf32>) outs(%t : tensor<8xf32>) { // expected-error {{HW1007}}
  ^bb0(%a: f32, %b: f32):
    linalg.yield %a : f32
  } -> tensor<8xf32>
  return %r : tensor<8xf32>
}

// -----

// mlir-opt-19: undefined symbol alias id 'elt'
"test.op"() : () -> tensor<4x!elt> // expected-error {{HW1007}}
