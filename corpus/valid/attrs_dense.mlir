// dense<> elements attributes in every shape the parser accepts.
module {
  func.func @dense_consts() {
    // Nested lists
    %w = arith.constant dense<[[0.1, -0.2, 0.3], [0.4, 0.5, -0.6]]> : tensor<2x3xf32>
    %i = arith.constant dense<[[1, 2], [3, 4], [5, 6]]> : tensor<3x2xi32>
    %cube = arith.constant dense<[[[1, 2], [3, 4]], [[5, 6], [7, 8]]]> : tensor<2x2x2xi8>
    // Splats
    %zeros = arith.constant dense<0.000000e+00> : tensor<1x128x768xf32>
    %ones = arith.constant dense<1> : tensor<64xi64>
    %neg_inf = arith.constant dense<0xFF800000> : tensor<8x8xf32>
    %eps = arith.constant dense<9.99999974E-6> : tensor<768xf32>
    // Hex blob: 4 x f32 {1.0, 2.0, 3.0, 4.0}, little-endian
    %blob = arith.constant dense<"0x0000803F000000400000404000008040"> : tensor<4xf32>
    // Splat given as hex blob of one element
    %hsplat = arith.constant dense<"0x0000803F"> : tensor<16xf32>
    // Booleans and i1
    %mask = arith.constant dense<[true, false, true, true]> : tensor<4xi1>
    %imask = arith.constant dense<[1, 0, 0, 1]> : tensor<4xi1>
    %allt = arith.constant dense<true> : tensor<2x2xi1>
    // Complex elements
    %c = arith.constant dense<[(1.0, 0.0), (0.0, -1.0)]> : tensor<2xcomplex<f32>>
    %ci = arith.constant dense<(1, 2)> : tensor<3xcomplex<i32>>
    // Empty
    %empty = arith.constant dense<> : tensor<0xf32>
    %empty2 = arith.constant dense<[]> : tensor<0xi32>
    // 0-d
    %scalar = arith.constant dense<3.5> : tensor<f32>
    // Vector-typed dense
    %vec = arith.constant dense<[1.0, 2.0, 3.0, 4.0]> : vector<4xf32>
    %vsplat = arith.constant dense<0> : vector<4x[8]xi32>
    // bf16 / f16 / f64 / index elements
    %bf = arith.constant dense<[1.0, -1.5]> : tensor<2xbf16>
    %hf = arith.constant dense<[0x3C00, 0xBC00]> : tensor<2xf16>
    %df = arith.constant dense<2.7182818284590451> : tensor<3xf64>
    %idx = arith.constant dense<[0, 1, 2]> : tensor<3xindex>
    "test.keep"(%w, %i, %cube, %zeros, %ones, %neg_inf, %eps, %blob, %hsplat) : (tensor<2x3xf32>, tensor<3x2xi32>,
        tensor<2x2x2xi8>, tensor<1x128x768xf32>, tensor<64xi64>, tensor<8x8xf32>, tensor<768xf32>, tensor<4xf32>,
        tensor<16xf32>) -> ()
    "test.keep"(%mask, %imask, %allt, %c, %ci, %empty, %empty2, %scalar, %vec, %vsplat, %bf, %hf, %df, %idx)
        : (tensor<4xi1>, tensor<4xi1>, tensor<2x2xi1>, tensor<2xcomplex<f32>>, tensor<3xcomplex<i32>>, tensor<0xf32>,
           tensor<0xi32>, tensor<f32>, vector<4xf32>, vector<4x[8]xi32>, tensor<2xbf16>, tensor<2xf16>,
           tensor<3xf64>, tensor<3xindex>) -> ()
    return
  }

  // Dense attributes as plain attribute values (not just constants).
  func.func @dense_in_dicts() attributes {
    lut = dense<[0, 1, 4, 9, 16]> : tensor<5xi16>,
    strings = dense<["relu", "gelu"]> : tensor<2x!mydialect.string>,
    perm = dense<[0, 2, 1]> : tensor<3xi64>
  } {
    return
  }
}
