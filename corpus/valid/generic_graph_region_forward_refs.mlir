// Forward references: a value may be used before its defining op appears in
// the text. Inside regions of unregistered ops (treated as graph regions),
// dominance is not enforced, so even self-referencing cycles parse and
// verify. A parser must resolve these at the end of the region, not
// report "undefined value" eagerly.
"builtin.module"() ({
  "mydialect.dataflow_graph"() <{name = "gated_mlp"}> ({
    // %gate and %up are used before definition.
    %act = "mydialect.silu"(%gate) : (tensor<1x11008xf16>) -> tensor<1x11008xf16>
    %prod = "mydialect.mul"(%act, %up) : (tensor<1x11008xf16>, tensor<1x11008xf16>) -> tensor<1x11008xf16>
    %down = "mydialect.linear"(%prod) {out = 4096 : i64} : (tensor<1x11008xf16>) -> tensor<1x4096xf16>
    %gate = "mydialect.linear"(%x) {out = 11008 : i64} : (tensor<1x4096xf16>) -> tensor<1x11008xf16>
    %up = "mydialect.linear"(%x) {out = 11008 : i64} : (tensor<1x4096xf16>) -> tensor<1x11008xf16>
    %x = "mydialect.input"() {index = 0 : i64} : () -> tensor<1x4096xf16>
    "mydialect.output"(%down) : (tensor<1x4096xf16>) -> ()
  }) : () -> ()

  "test.graph"() ({
    // A cycle: %state feeds itself through %next (e.g. an RNN cell).
    %next = "test.cell"(%state, %inp#1) : (tensor<1x256xf32>, tensor<1x256xf32>) -> tensor<1x256xf32>
    %state = "test.delay"(%next) : (tensor<1x256xf32>) -> tensor<1x256xf32>
    %inp:2 = "test.split"() : () -> (tensor<1x256xf32>, tensor<1x256xf32>)
    %self = "test.self_loop"(%self) : (i32) -> i32
  }) : () -> ()

  // Forward references to blocks inside a normal SSACFG region.
  "func.func"() <{function_type = () -> (), sym_name = "forward_blocks"}> ({
    "cf.br"()[^bb2] : () -> ()
  ^bb1:
    "func.return"() : () -> ()
  ^bb2:
    "cf.br"()[^bb1] : () -> ()
  }) : () -> ()
}) : () -> ()
