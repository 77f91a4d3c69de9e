// ml_program (model state in torch-mlir and IREE inputs): globals with and without an initial value, mutable,
// an external initial value with its type, loads, constant loads, stores, ml_program.func / subgraph, token.
ml_program.global private mutable @state(dense<0.0> : tensor<4xf32>) : tensor<4xf32>
ml_program.global public @c(dense<4> : tensor<4xi32>) : tensor<?xi32>
ml_program.global private mutable @noinit : tensor<?xi32>
ml_program.global private @ext(#ml_program.extern : tensor<2xf32>) : tensor<2xf32>
ml_program.func @f(%a: tensor<4xf32>) -> tensor<4xf32> {
  %s = ml_program.global_load @state : tensor<4xf32>
  %k = ml_program.global_load_const @c : tensor<?xi32>
  ml_program.global_store @state = %a : tensor<4xf32>
  ml_program.return %s : tensor<4xf32>
}
ml_program.subgraph private @g(%a: tensor<4xf32>) -> tensor<4xf32> {
  %t = ml_program.token
  ml_program.output %a : tensor<4xf32>
}
func.func @h() -> tensor<4xf32> {
  %s = ml_program.global_load @state : tensor<4xf32>
  return %s : tensor<4xf32>
}
