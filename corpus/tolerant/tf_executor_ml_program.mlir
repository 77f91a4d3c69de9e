// TOLERANT: TensorFlow executor graph (`tf_executor.island wraps "tf.Const"(...)`, islands with regions, fetch),
// a top-level TFLite constant, a private function declaration, ml_program globals and quantized tensor types.
// Op statements written in the text: 21, counting module, functions and terminators.
// mlir-opt-19 FILE                              -> rejected, line 3:10: Dialect `tf_executor' not found for custom op 'tf_executor.graph'
// mlir-opt-19 --allow-unregistered-dialect FILE -> rejected, line 3:10: Dialect `tf_executor' not found for custom op 'tf_executor.graph'
// (end of header)
module attributes {tf.versions = {bad_consumers = [], min_consumer = 0 : i32, producer = 1087 : i32}} {
  func.func @main(%arg0: tensor<1x28x28x1xf32> {tf_saved_model.index_path = ["x"]}) -> (tensor<1x10xf32>) attributes {tf.entry_function = {control_outputs = "", inputs = "x", outputs = "y"}} {
    %0 = tf_executor.graph {
      %outputs, %control = tf_executor.island wraps "tf.Const"() {value = dense<1.0> : tensor<784x10xf32>} : () -> tensor<784x10xf32>
      %outputs_0, %control_1 = tf_executor.island wraps "tf.Reshape"(%arg0, %outputs) : (tensor<1x28x28x1xf32>, tensor<784x10xf32>) -> tensor<1x784xf32>
      %outputs_2, %control_3 = tf_executor.island {
        %1 = "tf.MatMul"(%outputs_0, %outputs) {transpose_a = false, transpose_b = false} : (tensor<1x784xf32>, tensor<784x10xf32>) -> tensor<1x10xf32>
        tf_executor.yield %1 : tensor<1x10xf32>
      }
      tf_executor.fetch %outputs_2 : tensor<1x10xf32>
    }
    return %0 : tensor<1x10xf32>
  }
  %cst = "tfl.pseudo_const"() <{value = dense<0.5> : tensor<10xf32>}> : () -> tensor<10xf32>
  func.func private @decl(tensor<4xf32>) -> tensor<4xf32>
  ml_program.global private mutable @state(dense<0.0> : tensor<4xf32>) : tensor<4xf32>
  func.func @use_state() -> tensor<4xf32> {
    %s = ml_program.global_load @state : tensor<4xf32>
    %q = "tfl.quantize"(%s) <{qtype = tensor<4x!quant.uniform<i8:f32, 0.0039215686274509803:-128>>}> : (tensor<4xf32>) -> tensor<4x!quant.uniform<i8:f32, 0.0039215686274509803:-128>>
    %u = "tfl.dequantize"(%q) : (tensor<4x!quant.uniform<i8:f32, 0.0039215686274509803:-128>>) -> tensor<4xf32>
    ml_program.global_store @state = %u : tensor<4xf32>
    return %u : tensor<4xf32>
  }
}
