// scf.for (with/without iter_args, i32 bounds), scf.if/else, scf.while.
module {
  func.func @tiled_copy(%src: memref<1024xf32>, %dst: memref<1024xf32>) {
    %c0 = arith.constant 0 : index
    %c1024 = arith.constant 1024 : index
    %c64 = arith.constant 64 : index
    %c1 = arith.constant 1 : index
    scf.for %i = %c0 to %c1024 step %c64 {
      scf.for %j = %c0 to %c64 step %c1 {
        %idx = arith.addi %i, %j : index
        %v = memref.load %src[%idx] : memref<1024xf32>
        memref.store %v, %dst[%idx] : memref<1024xf32>
      }
    }
    return
  }

  func.func @sum(%buf: memref<?xf32>, %n: index) -> f32 {
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %zero = arith.constant 0.000000e+00 : f32
    %r = scf.for %i = %c0 to %n step %c1 iter_args(%acc = %zero) -> (f32) {
      %v = memref.load %buf[%i] : memref<?xf32>
      %s = arith.addf %acc, %v : f32
      scf.yield %s : f32
    }
    return %r : f32
  }

  // i32 induction variable and two loop-carried values (online softmax stats).
  func.func @online_max_sum(%x: tensor<128xf32>, %n: i32) -> (f32, f32) {
    %lb = arith.constant 0 : i32
    %st = arith.constant 1 : i32
    %ninf = arith.constant 0xFF800000 : f32
    %zero = arith.constant 0.000000e+00 : f32
    %res:2 = scf.for %i = %lb to %n step %st iter_args(%m = %ninf, %l = %zero) -> (f32, f32) : i32 {
      %ii = arith.index_cast %i : i32 to index
      %v = tensor.extract %x[%ii] : tensor<128xf32>
      %nm = arith.maximumf %m, %v : f32
      %d0 = arith.subf %m, %nm : f32
      %e0 = math.exp %d0 : f32
      %d1 = arith.subf %v, %nm : f32
      %e1 = math.exp %d1 : f32
      %sc = arith.mulf %l, %e0 : f32
      %nl = arith.addf %sc, %e1 : f32
      scf.yield %nm, %nl : f32, f32
    }
    return %res#0, %res#1 : f32, f32
  }

  func.func @branchy(%c: i1, %a: f32, %b: f32) -> f32 {
    %r = scf.if %c -> (f32) {
      %s = arith.addf %a, %b : f32
      scf.yield %s : f32
    } else {
      %d = arith.subf %a, %b : f32
      scf.yield %d : f32
    }
    scf.if %c {
      "test.side_effect"() : () -> ()
    }
    %p:2 = scf.if %c -> (f32, i32) {
      %one = arith.constant 1 : i32
      scf.yield %a, %one : f32, i32
    } else {
      %two = arith.constant 2 : i32
      scf.yield %b, %two : f32, i32
    }
    "test.keep"(%p#1) : (i32) -> ()
    return %r : f32
  }

  // Collatz-style while loop: before region computes the condition.
  func.func @while_loop(%init: i64) -> (i64, i32) {
    %one = arith.constant 1 : i64
    %two = arith.constant 2 : i64
    %zero32 = arith.constant 0 : i32
    %step32 = arith.constant 1 : i32
    %r:2 = scf.while (%x = %init, %steps = %zero32) : (i64, i32) -> (i64, i32) {
      %cont = arith.cmpi ne, %x, %one : i64
      scf.condition(%cont) %x, %steps : i64, i32
    } do {
    ^bb0(%y: i64, %s: i32):
      %half = arith.divui %y, %two : i64
      %ns = arith.addi %s, %step32 : i32
      scf.yield %half, %ns : i64, i32
    }
    return %r#0, %r#1 : i64, i32
  }
}
