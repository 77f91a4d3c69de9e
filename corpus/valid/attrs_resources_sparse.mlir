// dense_resource<> backed by the file-level dialect_resources section,
// and sparse<> elements attributes.
module {
  func.func @resources() -> (tensor<4xf32>, tensor<2x2xi32>) {
    // Linear layer weights stored out-of-line as resource blobs.
    %w = arith.constant dense_resource<blob1> : tensor<4xf32>
    %b = arith.constant dense_resource<bias_i32> : tensor<2x2xi32>
    "test.keep"() {table = dense_resource<blob1> : tensor<4xf32>} : () -> ()
    return %w, %b : tensor<4xf32>, tensor<2x2xi32>
  }

  func.func @sparse_consts() {
    // Indices list paired with values list.
    %s = arith.constant sparse<[[0, 0], [1, 2]], [1.0, 2.0]> : tensor<3x4xf32>
    %si = arith.constant sparse<[[0], [7]], [-1, 5]> : tensor<8xi32>
    %splat = arith.constant sparse<[[0, 1], [2, 3]], 1.5> : tensor<4x4xf32>
    %none = arith.constant sparse<[], []> : tensor<4xf32>
    "test.keep"(%s, %si, %splat, %none) : (tensor<3x4xf32>, tensor<8xi32>, tensor<4x4xf32>, tensor<4xf32>) -> ()
    return
  }
}

{-#
  dialect_resources: {
    builtin: {
      // Leading 4 bytes are the alignment (4), then 4 x f32 = 1,2,3,4.
      blob1: "0x040000000000803F000000400000404000008040",
      bias_i32: "0x0400000001000000020000000300000004000000"
    }
  }
#-}
