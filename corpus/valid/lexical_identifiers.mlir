// Lexical corner cases: SSA names with $ . - _, numeric SSA names, block
// labels with punctuation, symbol names with $ and dots, quoted symbols,
// bare-identifier attribute keys with dots, unicode in strings.
module @"my model (v2)" {
  func.func @"fn with spaces"(%arg0: i32) -> i32 {
    return %arg0 : i32
  }
  func.func @layer.0.attn$fwd(%x.y: f32, %_tmp: f32, %a-b: f32, %$dollar: f32, %CamelCase_9: f32) -> f32 {
    %0 = arith.addf %x.y, %_tmp : f32
    %1 = arith.addf %0, %a-b : f32
    %2 = arith.addf %1, %$dollar : f32
    %3 = arith.addf %2, %CamelCase_9 : f32
    %42 = arith.mulf %3, %3 : f32
    %007 = arith.negf %42 : f32
    %result.final = arith.subf %007, %3 : f32
    cf.br ^bb-next.1(%result.final : f32)
  ^bb-next.1(%v: f32):
    cf.br ^exit$(%v : f32)
  ^exit$(%w: f32):
    return %w : f32
  }
  func.func @_private_helper() attributes {
      dotted.key.name = 1 : i32,
      key$with$dollars = "x",
      _leading = unit,
      "key with spaces" = "quoted",
      unicode = "名前 – naïve ✓",
      escapes = "\\\"\n\t"
  } {
    %c = arith.constant 3 : i32
    %r = func.call @"fn with spaces"(%c) : (i32) -> i32
    return
  }
}
