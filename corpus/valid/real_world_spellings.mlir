// Spellings found in real and hand-written MLIR that MLIR 19 accepts, beyond what its printer emits:
// spaced dimension lists (`tensor<42 x i1>`), a linalg.generic trait given as an attribute alias,
// `call_indirect` without a result and without the `func.` prefix, top-level ops with their
// `builtin.` prefix dropped, a typed dialect attribute (`#d.attr<...> : !d.type`, as IREE writes device targets),
// one quantized type spelled two ways (`1.0:0` and `1.000000e+00` are the same scale and zero point),
// linalg.fill of a vector into a tensor of vectors, and less common core ops (extended arith, math.fpowi,
// memref.realloc).
#pointwise = {
  indexing_maps = [affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (j)>, affine_map<(i, j) -> (i, j)>],
  iterator_types = ["parallel", "parallel"],
  library_call = "external_bias_add"
}

%cast = unrealized_conversion_cast to !mydialect.handle
%pair:2 = unrealized_conversion_cast %cast : !mydialect.handle to i32, i32

func.func @spaced_dims(%mask: tensor<42 x i1>, %a: tensor<42 x i32>, %b: tensor<42xi32>,
                       %m: memref<? x 4 x f32>, %v: vector<[4]xf32>, %w: vector<2 x 8 x f16>) -> tensor<42 x i32> {
  %0 = arith.select %mask, %a, %b : tensor<42 x i1>, tensor<42 x i32>
  %c0 = arith.constant 0 : index
  %1 = memref.load %m[%c0, %c0] : memref<? x 4 x f32>
  return %0 : tensor<42 x i32>
}

func.func @aliased_trait(%x: tensor<8x16xf32>, %bias: tensor<16xf32>, %init: tensor<8x16xf32>) -> tensor<8x16xf32> {
  %0 = linalg.generic #pointwise
      ins(%x, %bias : tensor<8x16xf32>, tensor<16xf32>)
      outs(%init : tensor<8x16xf32>)
      attrs = {mydialect.tag = 3 : i32} {
    ^bb0(%in: f32, %b: f32, %out: f32):
      %s = arith.addf %in, %b : f32
      linalg.yield %s : f32
  } -> tensor<8x16xf32>
  return %0 : tensor<8x16xf32>
}

func.func @sink(%x: i32) {
  return
}

func.func @indirect(%x: i32) {
  %f = constant @sink : (i32) -> ()
  call_indirect %f(%x) : (i32) -> ()
  %g = func.constant @sink : (i32) -> ()
  call_indirect %g(%x) : (i32) -> ()
  return
}

func.func @core_ops(%a: i32, %b: i32, %v: vector<4xi64>, %f: f32, %n: i32, %t: tensor<4xf64>, %ti: tensor<4xi32>,
                    %m: memref<64xf32>, %d: memref<?xf32>, %size: index) -> (i32, i1, f32) {
  %sum, %overflow = arith.addui_extended %a, %b : i32, i1
  %lo, %hi = arith.mulsi_extended %a, %b : i32
  %vlo, %vhi = arith.mului_extended %v, %v {mydialect.note = "vector"} : vector<4xi64>
  %p = math.fpowi %f, %n : f32, i32
  %q = math.fpowi %t, %ti fastmath<nnan,ninf> : tensor<4xf64>, tensor<4xi32>
  %grown = memref.realloc %m : memref<64xf32> to memref<124xf32>
  %resized = memref.realloc %d(%size) {alignment = 16} : memref<?xf32> to memref<?xf32>
  return %sum, %overflow, %p : i32, i1, f32
}

func.func @typed_dialect_attrs() attributes {mydialect.targets = [#mydialect.target<"local", [#mydialect.exe<"x">]> : !mydialect.device], mydialect.kind = #mydialect.kind<fast> : i32} {
  return
}

func.func @same_quantized_type(%q: tensor<4x!quant.uniform<i16:f32, 1.0:0>>) {
  "mydialect.use"(%q) : (tensor<4x!quant.uniform<i16:f32, 1.000000e+00>>) -> ()
  return
}

func.func @fill_vectors(%v: vector<2x4xf32>) -> tensor<3xvector<2x4xf32>> {
  %e = tensor.empty() : tensor<3xvector<2x4xf32>>
  %0 = linalg.fill ins(%v : vector<2x4xf32>) outs(%e : tensor<3xvector<2x4xf32>>) -> tensor<3xvector<2x4xf32>>
  return %0 : tensor<3xvector<2x4xf32>>
}
