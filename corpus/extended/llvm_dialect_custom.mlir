// LLVM dialect after full lowering: globals, GEP, loads/stores, calls,
// intrinsics, branches, opaque pointers.
module attributes {llvm.data_layout = "e-m:e-i64:64-f80:128-n8:16:32:64-S128", llvm.target_triple = "x86_64-unknown-linux-gnu"} {
  llvm.mlir.global internal constant @fmt("sum = %f\0A\00") {addr_space = 0 : i32}
  llvm.mlir.global private @weights(dense<[1.0, 2.0, 3.0, 4.0]> : tensor<4xf32>) : !llvm.array<4 x f32>
  llvm.func @printf(!llvm.ptr, ...) -> i32
  llvm.func @malloc(i64) -> !llvm.ptr

  llvm.func @dot(%a: !llvm.ptr {llvm.noalias, llvm.readonly}, %b: !llvm.ptr {llvm.noalias}, %n: i64) -> f32 {
    %c0 = llvm.mlir.constant(0 : i64) : i64
    %c1 = llvm.mlir.constant(1 : i64) : i64
    %z = llvm.mlir.constant(0.000000e+00 : f32) : f32
    llvm.br ^loop(%c0, %z : i64, f32)
  ^loop(%i: i64, %acc: f32):
    %done = llvm.icmp "sge" %i, %n : i64
    llvm.cond_br %done, ^exit, ^body
  ^body:
    %pa = llvm.getelementptr inbounds %a[%i] : (!llvm.ptr, i64) -> !llvm.ptr, f32
    %pb = llvm.getelementptr %b[%i] : (!llvm.ptr, i64) -> !llvm.ptr, f32
    %x = llvm.load %pa {alignment = 4 : i64} : !llvm.ptr -> f32
    %y = llvm.load %pb : !llvm.ptr -> f32
    %acc2 = llvm.intr.fma(%x, %y, %acc) : (f32, f32, f32) -> f32
    %next = llvm.add %i, %c1 overflow<nsw> : i64
    llvm.br ^loop(%next, %acc2 : i64, f32)
  ^exit:
    llvm.return %acc : f32
  }

  llvm.func @main() -> i32 {
    %n = llvm.mlir.constant(4 : i64) : i64
    %w = llvm.mlir.addressof @weights : !llvm.ptr
    %r = llvm.call @dot(%w, %w, %n) : (!llvm.ptr, !llvm.ptr, i64) -> f32
    %rd = llvm.fpext %r : f32 to f64
    %f = llvm.mlir.addressof @fmt : !llvm.ptr
    %0 = llvm.call @printf(%f, %rd) vararg(!llvm.func<i32 (ptr, ...)>) : (!llvm.ptr, f64) -> i32
    %null = llvm.mlir.zero : !llvm.ptr
    %undef = llvm.mlir.undef : !llvm.struct<(ptr, ptr, i64)>
    %s0 = llvm.insertvalue %null, %undef[0] : !llvm.struct<(ptr, ptr, i64)>
    %s1 = llvm.insertvalue %n, %s0[2] : !llvm.struct<(ptr, ptr, i64)>
    %p = llvm.call @malloc(%n) : (i64) -> !llvm.ptr
    llvm.store %r, %p : f32, !llvm.ptr
    %zero = llvm.mlir.constant(0 : i32) : i32
    llvm.return %zero : i32
  }
}
