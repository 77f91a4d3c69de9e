// MemRef types: layouts (strided, affine_map), memory spaces, unranked.
#tile = affine_map<(d0, d1) -> (d0 floordiv 32, d1 floordiv 32, d0 mod 32, d1 mod 32)>
#transposed = affine_map<(d0, d1) -> (d1, d0)>
module {
  func.func @memrefs(%a: memref<128x256xf32>,
                     %b: memref<?x?xf16>,
                     %c: memref<f32>,
                     %d: memref<4x8xf32, strided<[8, 1], offset: ?>>,
                     %e: memref<?x?xf32, strided<[?, 1], offset: ?>>,
                     %f: memref<16x4xf32, strided<[1, 16]>>,
                     %g: memref<64x64xf32, #tile>,
                     %h: memref<8x16xf32, #transposed>,
                     %i: memref<32xf32, affine_map<(d0) -> (d0 + 4)>>,
                     %j: memref<256xi8, 3>,                        // integer memory space
                     %k: memref<16x16xf16, #gpu.address_space<workgroup>>,
                     %l: memref<4xf32, "global">,                  // string memory space
                     %m: memref<4x4xf32, strided<[4, 1], offset: 0>, 1>,
                     %n: memref<*xf32>,                            // unranked
                     %o: memref<*xi32, 2>) {                        // unranked + memory space
    "test.consume"(%a, %b, %c, %d, %e, %f) : (memref<128x256xf32>, memref<?x?xf16>, memref<f32>,
        memref<4x8xf32, strided<[8, 1], offset: ?>>, memref<?x?xf32, strided<[?, 1], offset: ?>>,
        memref<16x4xf32, strided<[1, 16]>>) -> ()
    "test.consume"(%g, %h, %i, %j, %k, %l, %m) : (memref<64x64xf32, #tile>, memref<8x16xf32, #transposed>,
        memref<32xf32, affine_map<(d0) -> (d0 + 4)>>, memref<256xi8, 3>,
        memref<16x16xf16, #gpu.address_space<workgroup>>, memref<4xf32, "global">,
        memref<4x4xf32, strided<[4, 1], offset: 0>, 1>) -> ()
    "test.consume"(%n, %o) : (memref<*xf32>, memref<*xi32, 2>) -> ()
    return
  }

  func.func @memref_of_vectors(%buf: memref<1024xvector<8xf16>>, %idx: index) -> vector<8xf16> {
    %v = memref.load %buf[%idx] : memref<1024xvector<8xf16>>
    return %v : vector<8xf16>
  }
  // A memref may hold memrefs (ranked or unranked) as its elements.
  func.func private @nested_buffers(memref<4xmemref<?x8xf32>>, memref<*xmemref<16xi8, 1>>) -> memref<2xmemref<*xf16>>
}
