// TOLERANT: pre-2021 MLIR std dialect custom syntax: std.constant, std.addf, bare constant/load/store/cmpf/select/addf.
// Op statements written in the text: 17, counting module,
// functions and terminators. Op names:
//   module, func x2, constant x3, std.constant, scf.for, load, std.mulf, cmpf, select, store,
//   std.return, std.addf, addf, return
// mlir-opt-19 FILE                              -> rejected, line 10:3: custom op 'func' is unknown (tried 'builtin.func' as well)
// mlir-opt-19 --allow-unregistered-dialect FILE -> rejected, line 10:3: custom op 'func' is unknown (tried 'builtin.func' as well)
// (end of header)
module {
  func @relu_scale(%arg0: memref<128xf32>, %alpha: f32) {
    %c0 = constant 0 : index
    %c1 = constant 1 : index
    %c128 = constant 128 : index
    %zero = std.constant 0.000000e+00 : f32
    scf.for %i = %c0 to %c128 step %c1 {
      %v = load %arg0[%i] : memref<128xf32>
      %s = std.mulf %v, %alpha : f32
      %p = cmpf "ogt", %s, %zero : f32
      %r = select %p, %s, %zero : f32
      store %r, %arg0[%i] : memref<128xf32>
    }
    std.return
  }
  func @add(%a: f32, %b: f32) -> f32 {
    %0 = std.addf %a, %b : f32
    %1 = addf %0, %b : f32
    return %1 : f32
  }
}
