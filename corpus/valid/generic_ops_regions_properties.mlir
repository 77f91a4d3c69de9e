// Unregistered dialect ops in generic form: properties, several regions,
// empty regions, zero-result ops and block arguments inside regions.
"builtin.module"() ({
  %0 = "mydialect.source"() : () -> tensor<4x8xf32>
  %1 = "mydialect.source"() <{seed = 42 : i64}> : () -> tensor<8xf32>

  // Zero-result op with properties and a discardable attribute dictionary.
  "mydialect.sink"(%0) <{mode = "async", depth = 3 : i32}> {tag = unit} : (tensor<4x8xf32>) -> ()

  // Op with two regions, each with its own block arguments.
  %res:2 = "test.two_regions"(%0, %1) <{kind = #mydialect.kind<fast>}> ({
  ^bb0(%lhs: f32, %rhs: f32):
    %m = "arith.mulf"(%lhs, %rhs) <{fastmath = #arith.fastmath<none>}> : (f32, f32) -> f32
    "test.yield"(%m) : (f32) -> ()
  }, {
  ^bb0(%acc: f32):
    "test.yield"(%acc) : (f32) -> ()
  }) {label = "reduce-then-map"} : (tensor<4x8xf32>, tensor<8xf32>) -> (tensor<4xf32>, tensor<4xf32>)

  // Op with three regions, the middle one empty.
  "test.three_regions"() ({
    "test.region_terminator"() : () -> ()
  }, {
  }, {
  ^bb0(%i: index):
    "test.region_terminator"() : () -> ()
  }) : () -> ()

  // Fully empty op: no operands, no results, one empty region.
  "test.op"() ({
  }) : () -> ()

  // Nested regions in unregistered ops.
  "mydialect.outer"(%res#0) ({
  ^bb0(%x: tensor<4xf32>):
    "mydialect.inner"(%x) ({
    ^bb0(%y: f32):
      "mydialect.leaf"(%y) : (f32) -> ()
    }) : (tensor<4xf32>) -> ()
    "mydialect.end"() : () -> ()
  }) : (tensor<4xf32>) -> ()

  // Multi-block region inside an unregistered op.
  "test.multi_block"(%res#1) ({
  ^bb0(%v: tensor<4xf32>):
    "test.br"(%v)[^bb1] : (tensor<4xf32>) -> ()
  ^bb1(%w: tensor<4xf32>):
    "test.done"(%w) : (tensor<4xf32>) -> ()
  }) : (tensor<4xf32>) -> ()

  "test.op"() : () -> ()
}) : () -> ()
