// TOLERANT: pre-LLVM-17 typed pointers: !llvm.ptr<i8>, !llvm.ptr<array<7 x i8>>, llvm.mlir.null.
// Op statements written in the text: 12, counting module,
// functions and terminators. Op names:
//   module, llvm.mlir.global, llvm.func x2, llvm.mlir.constant, llvm.mlir.addressof,
//   llvm.getelementptr, llvm.call, llvm.mlir.null, llvm.bitcast, llvm.load, llvm.return
// mlir-opt-19 FILE                              -> rejected, line 11:31: expected integer value
// mlir-opt-19 --allow-unregistered-dialect FILE -> rejected, line 11:31: expected integer value
// (end of header)
module attributes {llvm.data_layout = ""} {
  llvm.mlir.global internal constant @str("hello\0A\00") : !llvm.array<7 x i8>
  llvm.func @printf(!llvm.ptr<i8>, ...) -> i32
  llvm.func @main() -> i32 {
    %0 = llvm.mlir.constant(0 : index) : i64
    %1 = llvm.mlir.addressof @str : !llvm.ptr<array<7 x i8>>
    %2 = llvm.getelementptr %1[%0, %0] : (!llvm.ptr<array<7 x i8>>, i64, i64) -> !llvm.ptr<i8>
    %3 = llvm.call @printf(%2) : (!llvm.ptr<i8>) -> i32
    %4 = llvm.mlir.null : !llvm.ptr<f32>
    %5 = llvm.bitcast %4 : !llvm.ptr<f32> to !llvm.ptr<i8>
    %6 = llvm.load %2 : !llvm.ptr<i8>
    llvm.return %3 : i32
  }
}
