// TOLERANT: pre-2022 MLIR std ops without results (assert, store, dealloc, br, cond_br) on the line after a custom op.
// Op statements written in the text: 16, counting module,
// functions and terminators. Op names:
//   module, func, addf x2, assert x2, store x2, arith.mulf, scf.for, load, scf.yield,
//   cond_br, dealloc, br, std.return
// mlir-opt-19 FILE                              -> rejected, line 10:3: custom op 'func' is unknown (tried 'builtin.func' as well)
// mlir-opt-19 --allow-unregistered-dialect FILE -> rejected, line 10:3: custom op 'func' is unknown (tried 'builtin.func' as well)
// (end of header)
module {
  func @checks(%c: i1, %m: memref<4xf32>, %v: f32, %lb: index, %ub: index) {
    %x = addf %v, %v : f32
    assert %c, "x is finite"
    store %x, %m[%lb] : memref<4xf32>
    %y = arith.mulf %x, %v : f32
    store %y, %m[%ub] : memref<4xf32>
    %s = scf.for %i = %lb
        to %ub
        step %lb
        iter_args(%acc = %y) -> (f32) {
      %e = load %m[%i] : memref<4xf32>
      %n = addf %acc, %e : f32
      scf.yield %n : f32
    }
    assert %c, "sum is finite"
    cond_br %c, ^bb1, ^bb2
  ^bb1:
    dealloc %m : memref<4xf32>
    br ^bb2
  ^bb2:
    std.return
  }
}
