// Dimension lists written with blanks and line breaks where MLIR's parser takes them: `* x f32`, `* xf32`, `4 xf32`,
// `4 x4xf32`, `? xf32`, `[4] x f32`, `4 xcomplex<f32>`, a line break before or after the `x`, and `0xf32` (a
// hexadecimal integer to the lexer). mlir-opt prints each in the canonical spelling (`tensor<*xf32>`).
module {
  // Declarations: every argument and result type is read by func.func's format, not in tolerant mode.
  func.func private @unranked(%a: tensor<* x f32>, %b: memref<* x f32>, %c: tensor<*x f32>, %d: tensor<* xf32>,
                              %e: memref<* xi8, 1>, %f: tensor<* x
                                                                 bf16>) -> tensor<* x index>
  func.func private @ranked(tensor<4 xf32>, tensor<4 x4xf32>, tensor<? xf32>, tensor<2x? xi32>, memref<8 xf16>,
                            memref<4 xf32, strided<[1]>>, tensor<0xf32>, tensor<0xbf16>, tensor<3
                            x f32>)
  func.func private @vectors(vector<[4] x f32>, vector<[4] xf32>, vector<2x[4] x f32>, vector<4 xf32>)
      -> vector<[8] x i1>
  // An element type with a body after a blank (MLIR's own test/IR/parser.mlir writes `tensor<* x vector<2x4xf32>>`),
  // or with its keyword glued to the `x`.
  func.func private @element_bodies(tensor<* x vector<2x4xf32>>, tensor<* xcomplex<f32>>, memref<4 xmemref<? xf32, 1>>,
                                    memref<* xmemref<* x i8>, 2>, tensor<? xvector<[4] x f32>>, tensor<2 xcomplex<i8>, "enc">)

  func.func @casts(%t: tensor<4 xf32>, %m: memref<4 x f32>) -> tensor<* x f32> {
    %0 = tensor.cast %t : tensor<4 xf32> to tensor<* x f32>
    %1 = memref.cast %m : memref<4xf32> to memref<* xf32>
    %2 = "test.op"(%0, %1) : (tensor<*xf32>, memref<* x f32>) -> tensor<? x 4xf32>
    %3 = tensor.cast %2 : tensor<? x 4xf32> to tensor<* x
                                                     f32>
    return %3 : tensor<*xf32>
  }

  func.func @scalable(%v: vector<[4] x f32>) -> vector<[4]xf32> {
    %0 = arith.addf %v, %v : vector<[4] xf32>
    return %0 : vector<[4] x f32>
  }
}
