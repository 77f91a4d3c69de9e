// Vector types: fixed, scalable, mixed, 0-d.
module {
  func.func @vectors(%a: vector<4xf32>, %b: vector<[4]xf32>, %c: vector<4x[8]xf16>,
                     %d: vector<f32>, %e: vector<2x4x8xi8>, %f: vector<[2]x[2]xf64>,
                     %g: vector<16xi1>, %h: vector<[16]xi1>) -> vector<[4]xf32> {
    %0 = arith.addf %b, %b : vector<[4]xf32>
    %1 = arith.mulf %a, %a : vector<4xf32>
    %2 = vector.extract %d[] : f32 from vector<f32>
    %3 = vector.splat %2 : vector<[4]xf32>
    %4 = arith.maximumf %0, %3 : vector<[4]xf32>
    "test.consume"(%1, %c, %e, %f, %g, %h)
        : (vector<4xf32>, vector<4x[8]xf16>, vector<2x4x8xi8>, vector<[2]x[2]xf64>, vector<16xi1>, vector<[16]xi1>) -> ()
    return %4 : vector<[4]xf32>
  }

  // SVE-style scalable dot product fragment.
  func.func @scalable_fma(%x: vector<[8]xf16>, %y: vector<[8]xf16>, %acc: vector<[8]xf32>) -> vector<[8]xf32> {
    %xe = arith.extf %x : vector<[8]xf16> to vector<[8]xf32>
    %ye = arith.extf %y : vector<[8]xf16> to vector<[8]xf32>
    %r = vector.fma %xe, %ye, %acc : vector<[8]xf32>
    return %r : vector<[8]xf32>
  }

  func.func @zero_d(%t: tensor<f32>, %v: vector<f32>) -> tensor<f32> {
    %s = tensor.extract %t[] : tensor<f32>
    %e = vector.extractelement %v[] : vector<f32>
    %sum = arith.addf %s, %e : f32
    %r = tensor.from_elements %sum : tensor<f32>
    return %r : tensor<f32>
  }
}
