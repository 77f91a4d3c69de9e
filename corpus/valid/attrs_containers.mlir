// Arrays, nested dictionaries, dense arrays (array<T: ...>), symbol refs.
module @containers {
  func.func private @target()
  func.func @containers() {
    "test.arrays"() {
      empty = [],
      ints = [1, 2, 3],
      mixed = [1 : i32, 2.0 : f32, "three", unit, [4, [5]], f16],
      nested = [[0, 1], [1, 0]],
      dicts = [{name = "conv1", stride = 2}, {name = "conv2", stride = 1}]
    } : () -> ()
    "test.dicts"() {
      empty = {},
      config = {
        model = "bert-base",          // comment inside attribute dictionary
        layers = 12 : i32,
        hidden = {size = 768 : i64, act = "gelu", dropout = 1.0e-1 : f32},
        // MLIR has no block comments; only line comments like this one
        flags = {use_bias, fused = true}
      }
    } : () -> ()
    "test.dense_arrays"() {
      perm = array<i64: 0, 2, 1, 3>,
      kernel = array<i64: 3, 3>,
      scales = array<f32: 0.5, 1.0, -2.25>,
      weights = array<f64: 1.0e-3, 2.0>,
      flags = array<i1: true, false, true>,
      bytes = array<i8: -1, 127>,
      halves = array<i16: 1024>,
      none_i32 = array<i32>,
      none_f32 = array<f32>
    } : () -> ()
    "test.symbols"() {
      flat = @target,
      nested = @a::@b::@c,
      quoted = @"quoted name",
      quoted_nested = @"outer mod"::@"inner fn",
      list = [@relu, @gelu, @silu]
    } : () -> ()
    return
  }
}
