// Custom syntax split over lines where a keyword, not an op, starts the next line: scf.for's `to` / `step` /
// `iter_args`, linalg.generic's `ins` / `outs`, tensor.pad's `low` / `high`, affine.for's `to` / `step`, scf.if's
// `else`, cf.cond_br's successors. A custom op ends only where the next op starts, so none of these may end it.
#id = affine_map<(d0) -> (d0)>
module {
  func.func @split(%t: tensor<8xf32>, %m: memref<8xf32>, %c: i1, %lb: index, %ub: index, %st: index, %p: index) -> f32 {
    %zero = arith.constant 0.0 : f32
    %sum = scf.for %i = %lb
        to %ub
        step %st
        iter_args(%acc = %zero)
        -> (f32) {
      %v = memref.load %m[%i] : memref<8xf32>
      %n = arith.addf %acc, %v : f32
      scf.yield %n : f32
    }
    %g = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
        ins(%t : tensor<8xf32>)
        outs(%t : tensor<8xf32>) {
    ^bb0(%a: f32, %b: f32):
      %s = arith.mulf %a, %a : f32
      linalg.yield %s : f32
    } -> tensor<8xf32>
    %padded = tensor.pad %g
        low[%p]
        high[2] {
    ^bb0(%j: index):
      tensor.yield %zero : f32
    } : tensor<8xf32> to tensor<?xf32>
    affine.for %k = 0
        to 8
        step 2 {
      %w = affine.load %m[%k] : memref<8xf32>
      affine.store %w, %m[%k] : memref<8xf32>
    }
    %r = scf.if %c
        -> (f32) {
      scf.yield %sum : f32
    }
    else {
      scf.yield %zero : f32
    }
    cf.assert %c,
        "split message"
    cf.cond_br %c,
        ^bb1,
        ^bb2
  ^bb1:
    return %r : f32
  ^bb2:
    return %zero : f32
  }
}
