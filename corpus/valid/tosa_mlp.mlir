// MNIST MLP 784 -> 256 -> 10 in TOSA, as emitted by a TFLite/torch->TOSA
// legalization (batch 1, softmax at the end built from TOSA primitives).
module attributes {tf_saved_model.semantics, tfl.description = "MLP", tfl.schema_version = 3 : i32} {
  func.func @main(%arg0: tensor<1x28x28x1xf32> {tf_saved_model.index_path = ["input_1"]})
      -> (tensor<1x10xf32> {tf_saved_model.index_path = ["dense_2"]}) attributes {tf_saved_model.exported_names = ["serving_default"]} {
    %w1 = "tosa.const"() <{value = dense_resource<__elided__> : tensor<256x784xf32>}> : () -> tensor<256x784xf32>
    %b1 = "tosa.const"() <{value = dense<1.000000e-02> : tensor<256xf32>}> : () -> tensor<256xf32>
    %w2 = "tosa.const"() <{value = dense_resource<__elided__> : tensor<10x256xf32>}> : () -> tensor<10x256xf32>
    %b2 = "tosa.const"() <{value = dense<0.000000e+00> : tensor<10xf32>}> : () -> tensor<10xf32>
    %flat = tosa.reshape %arg0 {new_shape = array<i64: 1, 784>} : (tensor<1x28x28x1xf32>) -> tensor<1x784xf32>
    %fc1 = tosa.fully_connected %flat, %w1, %b1 : (tensor<1x784xf32>, tensor<256x784xf32>, tensor<256xf32>) -> tensor<1x256xf32>
    %relu = tosa.clamp %fc1 {min_int = 0 : i64, max_int = 2147483647 : i64, min_fp = 0.000000e+00 : f32, max_fp = 3.40282347E+38 : f32}
        : (tensor<1x256xf32>) -> tensor<1x256xf32>
    %fc2 = tosa.fully_connected %relu, %w2, %b2 : (tensor<1x256xf32>, tensor<10x256xf32>, tensor<10xf32>) -> tensor<1x10xf32>
    // softmax = exp(x - max) / sum(exp(x - max))
    %mx = tosa.reduce_max %fc2 {axis = 1 : i32} : (tensor<1x10xf32>) -> tensor<1x1xf32>
    %sub = tosa.sub %fc2, %mx : (tensor<1x10xf32>, tensor<1x1xf32>) -> tensor<1x10xf32>
    %exp = tosa.exp %sub : (tensor<1x10xf32>) -> tensor<1x10xf32>
    %sum = tosa.reduce_sum %exp {axis = 1 : i32} : (tensor<1x10xf32>) -> tensor<1x1xf32>
    %rcp = tosa.reciprocal %sum : (tensor<1x1xf32>) -> tensor<1x1xf32>
    %out = tosa.mul %exp, %rcp {shift = 0 : i8} : (tensor<1x10xf32>, tensor<1x1xf32>) -> tensor<1x10xf32>
    return %out : tensor<1x10xf32>
  }
}
