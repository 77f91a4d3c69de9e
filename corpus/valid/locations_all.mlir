// Every location form: unknown, file-line-col, name, name with child,
// callsite, fused (with and without metadata), aliases, block-arg locations.
#loc = loc("model.py":10:5)
#loc1 = loc("layers/attention.py":42:12)
#loc2 = loc("q_proj"(#loc1))
#loc3 = loc(callsite("softmax" at "model.py":88:3))
module @located {
  func.func @forward(%x: tensor<1x128xf32> loc("input_ids"), %w: tensor<128x64xf32> loc(#loc)) -> tensor<1x64xf32> {
    %cst = arith.constant 0.000000e+00 : f32 loc(unknown)
    %0 = tensor.empty() : tensor<1x64xf32> loc("file.mlir":3:7)
    %1 = linalg.fill ins(%cst : f32) outs(%0 : tensor<1x64xf32>) -> tensor<1x64xf32> loc("fill_acc")
    %2 = linalg.matmul ins(%x, %w : tensor<1x128xf32>, tensor<128x64xf32>)
                       outs(%1 : tensor<1x64xf32>) -> tensor<1x64xf32> loc("name"("a.py":1:2))
    %3 = math.exp %2 : tensor<1x64xf32> loc(callsite("f" at "g.py":1:1))
    %4 = math.tanh %3 : tensor<1x64xf32> loc(fused["a":1:1, "b":2:2])
    %5 = arith.addf %4, %3 : tensor<1x64xf32> loc(fused<"x">["a":1:1])
    %6 = arith.mulf %5, %5 : tensor<1x64xf32> loc(fused<{pass = "canonicalize"}>["x.py":7:1, #loc3, "y"])
    %7 = arith.subf %6, %5 : tensor<1x64xf32> loc(#loc2)
    %8 = arith.divf %7, %6 : tensor<1x64xf32> loc(#loc3)
    %9 = arith.negf %8 : tensor<1x64xf32> loc(callsite(#loc2 at callsite("outer"("m.py":1:1) at #loc)))
    %10 = arith.maximumf %9, %8 : tensor<1x64xf32> loc("layer.0/mlp/act"("model.py":77:9))
    %11 = arith.minimumf %10, %9 : tensor<1x64xf32> loc("kernel.cu":12:1)
    return %11 : tensor<1x64xf32> loc(#loc)
  } loc(#loc1)

  // Locations on block arguments of a non-entry block and on region args.
  func.func @blocks(%c: i1 loc("cond")) -> i32 {
    %a = arith.constant 1 : i32
    cf.cond_br %c, ^bb1(%a : i32), ^bb2
  ^bb1(%v: i32 loc("bb1_arg")):
    return %v : i32
  ^bb2:
    %r = "test.op"() ({
    ^bb0(%inner: f32 loc("inner_arg"), %idx: index loc(unknown)):
      "test.yield"() : () -> () loc(#loc)
    }) : () -> i32 loc(fused[#loc, #loc1])
    return %r : i32
  }
} loc("module_loc")
