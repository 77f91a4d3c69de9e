// Older custom-syntax spellings that MLIR 19 still accepts: quoted compare
// predicates, explicit `builtin.module`, explicit `-> ()`, memory space 0,
// "// no predecessors" printer comments, transform marker attributes,
// affine_map layouts where today one would write strided<>.
#map0 = affine_map<(d0, d1) -> (d0, d1)>
#map1 = affine_map<(d0, d1)[s0] -> (d0 * 768 + s0 + d1)>
builtin.module @legacy_spellings {
  func.func @compare(%a: f32, %b: f32, %i: i32, %j: i32) -> (i1, i1) {
    %0 = arith.cmpf "oeq", %a, %b : f32
    %1 = arith.cmpi "slt", %i, %j : i32
    return %0, %1 : i1, i1
  }

  func.func @void_arrow() -> () {
    func.return
  }

  func.func @buffers(%m: memref<128x768xf32, 0>, %v: memref<?x768xf32, #map1>) -> () {
    "test.keep"(%m, %v) : (memref<128x768xf32, 0>, memref<?x768xf32, #map1>) -> ()
    return
  }

  func.func @relu(%t: tensor<4x8xf32>) -> tensor<4x8xf32> {
    %z = arith.constant 0.000000e+00 : f32
    %r = linalg.generic {indexing_maps = [#map0, #map0], iterator_types = ["parallel", "parallel"]}
        ins(%t : tensor<4x8xf32>) outs(%t : tensor<4x8xf32>) {
    ^bb0(%arg1: f32, %arg2: f32):  // no predecessors
      %m = arith.maximumf %arg1, %z : f32
      linalg.yield %m : f32
    } -> tensor<4x8xf32>
    return %r : tensor<4x8xf32>
  }

  func.func @marked_matmul(%a: tensor<4x8xf32>, %b: tensor<8x4xf32>, %c: tensor<4x4xf32>) -> tensor<4x4xf32> {
    %r = linalg.matmul {__internal_linalg_transform__ = "workgroup"} ins(%a, %b : tensor<4x8xf32>, tensor<8x4xf32>)
        outs(%c : tensor<4x4xf32>) -> tensor<4x4xf32>
    return %r : tensor<4x4xf32>
  }
}
