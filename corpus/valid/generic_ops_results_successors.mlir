// Generic-form operations: result groups, multi-result uses, successors,
// multiple blocks and block arguments that flow across blocks.
"builtin.module"() ({
  "func.func"() <{function_type = (i32, f32) -> (i32, f32), sym_name = "generic_results"}> ({
  ^bb0(%arg0: i32, %arg1: f32):
    // Two results bound as a group; individual results used as %r#0 / %r#1.
    %r:2 = "test.multi"(%arg0, %arg1) : (i32, f32) -> (i32, f32)
    %s:3 = "test.triple"(%r#1, %r#0) {note = "three results"} : (f32, i32) -> (i32, i32, f32)
    // Every piece of the generic grammar in one op: result group, #N use,
    // properties, a region with a block argument, discardable attributes.
    %q:2 = "mydialect.fused"(%arg0, %r#1) <{schedule = "tile", factors = array<i64: 4, 8>}> ({
    ^bb0(%lane: index):
      "mydialect.yield"(%lane) : (index) -> ()
    }) {mydialect.tag = "hot", cost = 1.5 : f32} : (i32, f32) -> (i32, f32)
    %sum = "arith.addi"(%s#0, %q#0) <{overflowFlags = #arith.overflow<none>}> : (i32, i32) -> i32
    "func.return"(%sum, %s#2) : (i32, f32) -> ()
  }) : () -> ()

  "func.func"() <{function_type = (i1, i32) -> i32, sym_name = "branches"}> ({
  ^bb0(%cond: i1, %x: i32):
    %c1 = "arith.constant"() <{value = 1 : i32}> : () -> i32
    "cf.cond_br"(%cond, %x, %c1)[^bb1, ^bb2] <{operandSegmentSizes = array<i32: 1, 1, 1>}> : (i1, i32, i32) -> ()
  ^bb1(%a: i32):  // then-branch receives %x
    %doubled = "arith.addi"(%a, %a) <{overflowFlags = #arith.overflow<none>}> : (i32, i32) -> i32
    "cf.br"(%doubled)[^bb3] : (i32) -> ()
  ^bb2(%b: i32):  // else-branch receives %c1
    %neg = "arith.subi"(%x, %b) <{overflowFlags = #arith.overflow<none>}> : (i32, i32) -> i32
    "cf.br"(%neg)[^bb3] : (i32) -> ()
  ^bb3(%merged: i32):
    // %c1 is defined in the entry block and is used here across blocks.
    %out = "arith.muli"(%merged, %c1) <{overflowFlags = #arith.overflow<none>}> : (i32, i32) -> i32
    "func.return"(%out) : (i32) -> ()
  }) : () -> ()

  "func.func"() <{function_type = (index) -> (), sym_name = "loop_blocks"}> ({
  ^entry(%n: index):
    %zero = "arith.constant"() <{value = 0 : index}> : () -> index
    %one = "arith.constant"() <{value = 1 : index}> : () -> index
    "cf.br"(%zero)[^header] : (index) -> ()
  ^header(%i: index):
    %lt = "arith.cmpi"(%i, %n) <{predicate = 2 : i64}> : (index, index) -> i1
    "cf.cond_br"(%lt)[^body, ^exit] <{operandSegmentSizes = array<i32: 1, 0, 0>}> : (i1) -> ()
  ^body:
    "test.use"(%i) : (index) -> ()
    %next = "arith.addi"(%i, %one) <{overflowFlags = #arith.overflow<none>}> : (index, index) -> index
    "cf.br"(%next)[^header] : (index) -> ()
  ^exit:
    "func.return"() : () -> ()
  }) : () -> ()
}) : () -> ()
