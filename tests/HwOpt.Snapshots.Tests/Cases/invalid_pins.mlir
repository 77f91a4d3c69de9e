// invalid_pins.mlir: malformed pins in the IR, each an HW3004 at its op: a device that is not a string, a fuse pin
// that is not a bool, an unknown pin name, and a pin on an op that is never planned (an allocation).
func.func @forward(%a: tensor<8x8xf32>, %b: tensor<8x8xf32>) -> tensor<8x8xf32> {
  %e = tensor.empty() {hwopt.pin.device = "gpu"} : tensor<8x8xf32>
  %s = linalg.add {hwopt.pin.device = 1 : i64} ins(%a, %b : tensor<8x8xf32>, tensor<8x8xf32>) outs(%e : tensor<8x8xf32>) -> tensor<8x8xf32>
  %x = linalg.exp {hwopt.pin.fuse = "no"} ins(%s : tensor<8x8xf32>) outs(%e : tensor<8x8xf32>) -> tensor<8x8xf32>
  %y = linalg.abs {hwopt.pin.colour = "red"} ins(%x : tensor<8x8xf32>) outs(%e : tensor<8x8xf32>) -> tensor<8x8xf32>
  return %y : tensor<8x8xf32>
}
