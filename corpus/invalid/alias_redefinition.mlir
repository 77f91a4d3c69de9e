// HW1008 an attribute or type alias name defined twice.
// Split-input-file: cases are separated by split-marker lines; each case has exactly
// one expected error (hwopt diagnostic id). Every case is rejected by
// `mlir-opt-19 --split-input-file --allow-unregistered-dialect`; its message is
// quoted on the "// mlir-opt-19:" line of the case.
// mlir-opt-19: redefinition of attribute alias id 'map'
#map = affine_map<(d0, d1) -> (d0, d1)>
#map = affine_map<(d0, d1) -> (d1, d0)> // expected-error {{HW1008}}
"test.op"() {m = #map} : () -> ()

// -----

// mlir-opt-19: redefinition of type alias id 'tensor_t'
!tensor_t = tensor<1x128xf32>
!other = tensor<2xf32>
!tensor_t = tensor<1x256xf32> // expected-error {{HW1008}}
"test.op"() : () -> !tensor_t

// -----

// mlir-opt-19: redefinition of attribute alias id 'cfg'
#cfg = {tile = 64 : i64}
#map0 = affine_map<(d0) -> (d0)>
// expected-error@+1 {{HW1008}}
#cfg = {tile = 32 : i64}
"test.op"() {c = #cfg, m = #map0} : () -> ()
