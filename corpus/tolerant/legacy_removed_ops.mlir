// TOLERANT: ops/keys removed before MLIR 19: linalg.init_tensor, linalg.fill(%a, %b), arith.maxf, expand_shape w/o output_shape, memref.tensor_load/buffer_cast, scf.foreach_thread, vector.extract w/o `from`, sparse dimLevelType.
// Op statements written in the text: 21, counting module,
// functions and terminators. Op names:
//   module, func.func x4, linalg.init_tensor, arith.constant, linalg.fill, linalg.generic,
//   arith.maxf, linalg.yield, tensor.expand_shape, return x4, memref.tensor_load,
//   memref.buffer_cast, scf.foreach_thread, scf.foreach_thread.perform_concurrently,
//   vector.extract
// mlir-opt-19 FILE                              -> rejected, line 11:23: unexpected key: dimLevelType
// mlir-opt-19 --allow-unregistered-dialect FILE -> rejected, line 11:23: unexpected key: dimLevelType
// (end of header)
#CSR = #sparse_tensor.encoding<{ dimLevelType = [ "dense", "compressed" ] }>
module {
  func.func @init_and_maxf(%x: tensor<4x768xf32>, %s: tensor<4x768xf32, #CSR>) -> tensor<4x12x64xf32> {
    %0 = linalg.init_tensor [4, 768] : tensor<4x768xf32>
    %cst = arith.constant 0.000000e+00 : f32
    %1 = linalg.fill(%cst, %0) : f32, tensor<4x768xf32> -> tensor<4x768xf32>
    %2 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%x : tensor<4x768xf32>) outs(%1 : tensor<4x768xf32>) {
    ^bb0(%arg1: f32, %arg2: f32):  // no predecessors
      %m = arith.maxf %arg1, %cst : f32
      linalg.yield %m : f32
    } -> tensor<4x768xf32>
    %3 = tensor.expand_shape %2 [[0], [1, 2]] : tensor<4x768xf32> into tensor<4x12x64xf32>
    return %3 : tensor<4x12x64xf32>
  }
  func.func @old_bufferization(%m: memref<16xf32>) -> tensor<16xf32> {
    %t = memref.tensor_load %m : memref<16xf32>
    %b = memref.buffer_cast %t : memref<16xf32>
    return %t : tensor<16xf32>
  }
  func.func @old_parallel(%t: tensor<64xf32>) -> tensor<64xf32> {
    %r = scf.foreach_thread (%i) in (4) shared_outs(%o = %t) -> (tensor<64xf32>) {
      scf.foreach_thread.perform_concurrently {
      }
    }
    return %r : tensor<64xf32>
  }
  func.func @old_vector(%v: vector<4x8xf32>) -> f32 {
    %e = vector.extract %v[1, 2] : vector<4x8xf32>
    return %e : f32
  }
}
