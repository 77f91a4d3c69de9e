// TOLERANT: MHLO (TF/XLA) attention scores: mhlo.constant, reduce ... applies mhlo.maximum, #mhlo.dot attribute.
// Op statements written in the text: 11 (+1 reducer bodies implied by `applies mhlo.maximum`), counting module,
// functions and terminators. Op names:
//   module, func.func, mhlo.constant x2, mhlo.dot_general, mhlo.multiply, mhlo.reduce,
//   mhlo.broadcast_in_dim, mhlo.subtract, mhlo.exponential, return
// mlir-opt-19 FILE                              -> rejected, line 11:10: Dialect `mhlo' not found for custom op 'mhlo.constant'
// mlir-opt-19 --allow-unregistered-dialect FILE -> rejected, line 11:10: Dialect `mhlo' not found for custom op 'mhlo.constant'
// (end of header)
module @tf_attention {
  func.func @main(%q: tensor<1x12x128x64xf32>, %k: tensor<1x12x128x64xf32>) -> tensor<1x12x128x128xf32> {
    %0 = mhlo.constant dense<1.250000e-01> : tensor<1x12x128x128xf32>
    %1 = "mhlo.dot_general"(%q, %k) {dot_dimension_numbers = #mhlo.dot<lhs_batching_dimensions = [0, 1], rhs_batching_dimensions = [0, 1], lhs_contracting_dimensions = [3], rhs_contracting_dimensions = [3]>} : (tensor<1x12x128x64xf32>, tensor<1x12x128x64xf32>) -> tensor<1x12x128x128xf32>
    %2 = mhlo.multiply %1, %0 : tensor<1x12x128x128xf32>
    %3 = mhlo.constant dense<0xFF800000> : tensor<f32>
    %4 = mhlo.reduce(%2 init: %3) applies mhlo.maximum across dimensions = [3] : (tensor<1x12x128x128xf32>, tensor<f32>) -> tensor<1x12x128xf32>
    %5 = "mhlo.broadcast_in_dim"(%4) {broadcast_dimensions = dense<[0, 1, 2]> : tensor<3xi64>} : (tensor<1x12x128xf32>) -> tensor<1x12x128x128xf32>
    %6 = mhlo.subtract %2, %5 : tensor<1x12x128x128xf32>
    %7 = mhlo.exponential %6 : tensor<1x12x128x128xf32>
    return %7 : tensor<1x12x128x128xf32>
  }
}
