// TOLERANT: TOSA as spelled by MLIR 20+/TOSA 1.0: tosa.const `values`, mul with shift operand, tosa.const_shape / !tosa.shape<2>, transpose perms attr, clamp min_val/max_val.
// Op statements written in the text: 9, counting module,
// functions and terminators. Op names:
//   module, func.func, tosa.const, tosa.mul, tosa.const_shape, tosa.reshape, tosa.transpose,
//   tosa.clamp, return
// mlir-opt-19 FILE                              -> rejected, line 13:14: custom op 'tosa.const_shape' is unknown
// mlir-opt-19 --allow-unregistered-dialect FILE -> rejected, line 13:14: custom op 'tosa.const_shape' is unknown
// (end of header)
module {
  func.func @newer_tosa(%x: tensor<1x128x768xf32>, %y: tensor<1x128x768xf32>) -> tensor<1x768x128xf32> {
    %shift = "tosa.const"() <{values = dense<0> : tensor<1xi8>}> : () -> tensor<1xi8>
    %0 = tosa.mul %x, %y, %shift : (tensor<1x128x768xf32>, tensor<1x128x768xf32>, tensor<1xi8>) -> tensor<1x128x768xf32>
    %shape = tosa.const_shape {values = dense<[128, 768]> : tensor<2xindex>} : () -> !tosa.shape<2>
    %1 = tosa.reshape %0, %shape : (tensor<1x128x768xf32>, !tosa.shape<2>) -> tensor<128x768xf32>
    %2 = tosa.transpose %0 {perms = array<i32: 0, 2, 1>} : (tensor<1x128x768xf32>) -> tensor<1x768x128xf32>
    %3 = tosa.clamp %2 {min_val = 0.000000e+00 : f32, max_val = 6.000000e+00 : f32} : (tensor<1x768x128xf32>) -> tensor<1x768x128xf32>
    return %3 : tensor<1x768x128xf32>
  }
}
