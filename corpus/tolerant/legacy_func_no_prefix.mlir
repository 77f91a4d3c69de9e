// TOLERANT: pre-2022 MLIR: `func @f` / `func private` without the func. prefix, bare `call`.
// Op statements written in the text: 13, counting module,
// functions and terminators. Op names:
//   module, func x3, linalg.matmul, return x2, memref.alloc x3, call x2, memref.cast
// mlir-opt-19 FILE                              -> rejected, line 9:3: custom op 'func' is unknown (tried 'builtin.func' as well)
// mlir-opt-19 --allow-unregistered-dialect FILE -> rejected, line 9:3: custom op 'func' is unknown (tried 'builtin.func' as well)
// (end of header)
module {
  func private @print_memref_f32(memref<*xf32>)
  func @matmul(%A: memref<16x32xf32>, %B: memref<32x8xf32>, %C: memref<16x8xf32>) {
    linalg.matmul ins(%A, %B : memref<16x32xf32>, memref<32x8xf32>) outs(%C : memref<16x8xf32>)
    return
  }
  func @main() {
    %A = memref.alloc() : memref<16x32xf32>
    %B = memref.alloc() : memref<32x8xf32>
    %C = memref.alloc() : memref<16x8xf32>
    call @matmul(%A, %B, %C) : (memref<16x32xf32>, memref<32x8xf32>, memref<16x8xf32>) -> ()
    %U = memref.cast %C : memref<16x8xf32> to memref<*xf32>
    call @print_memref_f32(%U) : (memref<*xf32>) -> ()
    return
  }
}
