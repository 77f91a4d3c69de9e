// complex<>, tuple<>, function types (as values' types and as attributes), none.
module {
  func.func @complex_math(%a: complex<f32>, %b: complex<f32>) -> complex<f32> {
    %0 = complex.mul %a, %b : complex<f32>
    %1 = complex.exp %0 : complex<f32>
    %re = complex.re %1 : complex<f32>
    %im = complex.im %1 : complex<f32>
    %2 = complex.create %im, %re : complex<f32>
    return %2 : complex<f32>
  }

  func.func @complex_kinds(%c64: complex<f64>, %ci: complex<i32>, %ch: complex<f16>) {
    "test.consume"(%c64, %ci, %ch) : (complex<f64>, complex<i32>, complex<f16>) -> ()
    return
  }

  func.func @tuples(%t: tuple<i32, f32>, %nested: tuple<tuple<i1, index>, tensor<4xf32>>, %empty: tuple<>) -> tuple<i32, f32> {
    "test.consume"(%nested, %empty) : (tuple<tuple<i1, index>, tensor<4xf32>>, tuple<>) -> ()
    return %t : tuple<i32, f32>
  }

  // Function types used as type attributes.
  func.func @function_type_attrs() attributes {
      callee_type = (i32, f32) -> f32,
      no_result_type = () -> (),
      multi_result_type = (tensor<?xf32>) -> (tensor<?xf32>, index),
      nested_fn_type = ((i32) -> i32) -> ((f32) -> f32)
  } {
    %f = "test.make_fn"() {signature = (memref<4xf32>, i64) -> ()} : () -> ((i32) -> i32)
    "test.consume"(%f) : ((i32) -> i32) -> ()
    return
  }

  func.func @none_values() -> (none, none) {
    %n = "test.none"() {type = none} : () -> none
    return %n, %n : none, none
  }
  // Function types in a signature without argument names, and as a parenthesized result.
  func.func private @callbacks((tensor<4xf32>) -> tensor<4xf32>, () -> (i1, index)) -> (() -> (() -> i64))
  func.func @forward(%cb: (f16) -> f16) -> ((f16) -> f16) {
    return %cb : (f16) -> f16
  }
}
