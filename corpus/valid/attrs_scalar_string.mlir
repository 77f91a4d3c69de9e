// Scalar attributes: integers, floats (decimal, exponent, hex, negative),
// strings with escapes, booleans, unit, type attributes.
module attributes {test.module_tag = "scalars"} {
  func.func @scalars() {
    "test.ints"() {
      a = 0 : i32,
      b = -1 : i64,
      c = 255 : i8,          // unsigned-looking value in signless i8
      d = -128 : i8,
      e = 1 : i1,
      f = 42 : index,
      g = 0x1F : i32,        // hex integer
      h = 170141183460469231731687303715884105727 : i128,
      i = 7,                 // defaults to i64
      j = -3 : si16,
      k = 65535 : ui16
    } : () -> ()
    "test.floats"() {
      a = 1.0 : f32,
      b = -0.5 : f64,
      c = 1.0e-5 : f32,      // layernorm epsilon
      d = 6.02E+23 : f64,
      e = -2.5e3 : f16,
      f = 0x7FC00000 : f32,  // quiet NaN
      g = 0x7F800000 : f32,  // +inf
      h = 0xFF800000 : f32,  // -inf
      i = 0x3C00 : f16,      // 1.0 in half
      j = 0x7FF8000000000000 : f64,
      k = 3.14159,           // defaults to f64
      l = 0.044715 : bf16,   // GELU tanh coefficient
      m = 0x7F : f8E4M3FN
    } : () -> ()
    "test.strings"() {
      plain = "hello",
      empty = "",
      quote = "say \"hi\"",
      newline = "line1\nline2",
      nul = "nul\00byte",
      tab = "a\tb",
      backslash = "C:\\path\\file",
      hex_escape = "\FF\0A\7f",
      utf8 = "caf\C3\A9",
      typed = "abc" : !mydialect.str
    } : () -> ()
    "test.misc"() {
      t = true,
      f = false,
      u,                     // unit attribute (no value)
      explicit_unit = unit,
      ty = f32,
      ty2 = tensor<?x4xbf16>,
      ty3 = !llvm.ptr,
      ty4 = (i32) -> (i64, f32),
      ty5 = none,
      "quoted key" = 1 : i32,
      "dotted.key" = "v"
    } : () -> ()
    return
  }
}
