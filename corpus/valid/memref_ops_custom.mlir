// memref dialect custom syntax.
module {
  memref.global "private" constant @lut : memref<4xf32> = dense<[0.0, 0.5, 1.0, 2.0]>
  memref.global @kv_cache : memref<2x12x1024x64xf16> = uninitialized
  memref.global "private" @scratch : memref<256xi8, 3>
  memref.global "private" constant @aligned : memref<8xi32> = dense<0> {alignment = 64 : i64}
  func.func @alloc_dealloc(%m: index, %n: index) -> memref<?x?xf32> {
    %a = memref.alloc(%m, %n) : memref<?x?xf32>
    %b = memref.alloc() {alignment = 64 : i64} : memref<128x768xf32>
    %c = memref.alloc(%n)[%m] : memref<4x?xf32, affine_map<(d0, d1)[s0] -> (d0 * s0 + d1)>>
    %s = memref.alloca() : memref<16xf32>
    %sd = memref.alloca(%n) : memref<?xi8, 3>
    memref.dealloc %b : memref<128x768xf32>
    memref.dealloc %c : memref<4x?xf32, affine_map<(d0, d1)[s0] -> (d0 * s0 + d1)>>
    "test.keep"(%s, %sd) : (memref<16xf32>, memref<?xi8, 3>) -> ()
    return %a : memref<?x?xf32>
  }

  func.func @load_store(%A: memref<128x768xf32>, %i: index, %j: index) {
    %v = memref.load %A[%i, %j] : memref<128x768xf32>
    %w = arith.mulf %v, %v : f32
    memref.store %w, %A[%j, %i] : memref<128x768xf32>
    %g = memref.get_global @lut : memref<4xf32>
    %c0 = arith.constant 0 : index
    %x = memref.load %g[%c0] {nontemporal = true} : memref<4xf32>
    memref.store %x, %A[%c0, %c0] {nontemporal = false} : memref<128x768xf32>
    %kv = memref.get_global @kv_cache : memref<2x12x1024x64xf16>
    "test.keep"(%kv) : (memref<2x12x1024x64xf16>) -> ()
    return
  }

  func.func @views(%A: memref<128x768xf32>, %off: index, %sz: index, %raw: memref<2048xi8>) {
    %sv = memref.subview %A[0, 64] [128, 64] [1, 1] : memref<128x768xf32> to memref<128x64xf32, strided<[768, 1], offset: 64>>
    %dv = memref.subview %A[%off, 0] [%sz, 768] [1, 1] : memref<128x768xf32> to memref<?x768xf32, strided<[768, 1], offset: ?>>
    %rr = memref.subview %A[3, 0] [1, 768] [1, 1] : memref<128x768xf32> to memref<768xf32, strided<[1], offset: 2304>>
    %ca = memref.cast %A : memref<128x768xf32> to memref<?x?xf32>
    %cu = memref.cast %A : memref<128x768xf32> to memref<*xf32>
    %rc = memref.reinterpret_cast %A to offset: [0], sizes: [98304], strides: [1] : memref<128x768xf32> to memref<98304xf32>
    %rcd = memref.reinterpret_cast %cu to offset: [%off], sizes: [%sz, 64], strides: [64, 1] : memref<*xf32> to memref<?x64xf32, strided<[64, 1], offset: ?>>
    %ex = memref.expand_shape %A [[0], [1, 2]] output_shape [128, 12, 64] : memref<128x768xf32> into memref<128x12x64xf32>
    %co = memref.collapse_shape %ex [[0, 1, 2]] : memref<128x12x64xf32> into memref<98304xf32>
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %d1 = memref.dim %ca, %c1 : memref<?x?xf32>
    %vw = memref.view %raw[%c0][] : memref<2048xi8> to memref<16x32xf32>
    %vd = memref.view %raw[%c0][%sz] : memref<2048xi8> to memref<?x4xf32>
    memref.copy %sv, %sv : memref<128x64xf32, strided<[768, 1], offset: 64>> to memref<128x64xf32, strided<[768, 1], offset: 64>>
    "test.keep"(%dv, %rr, %rc, %rcd, %co, %d1, %vw, %vd) : (memref<?x768xf32, strided<[768, 1], offset: ?>>,
        memref<768xf32, strided<[1], offset: 2304>>, memref<98304xf32>, memref<?x64xf32, strided<[64, 1], offset: ?>>,
        memref<98304xf32>, index, memref<16x32xf32>, memref<?x4xf32>) -> ()
    return
  }

  func.func @spaces_transpose(%A: memref<64x32xf32>) -> memref<32x64xf32, strided<[1, 32]>> {
    %s = memref.memory_space_cast %A : memref<64x32xf32> to memref<64x32xf32, 1>
    %t = memref.transpose %A (i, j) -> (j, i) : memref<64x32xf32> to memref<32x64xf32, strided<[1, 32]>>
    %r = memref.rank %A : memref<64x32xf32>
    "test.keep"(%s, %r) : (memref<64x32xf32, 1>, index) -> ()
    return %t : memref<32x64xf32, strided<[1, 32]>>
  }
}

// An atomic read-modify-write with its own update region.
func.func @atomic_update(%buf: memref<8x4xf32>, %i: index, %j: index, %d: f32) -> f32 {
  %old = memref.generic_atomic_rmw %buf[%i, %j] : memref<8x4xf32> {
  ^bb0(%current: f32):
    %new = arith.maximumf %current, %d : f32
    memref.atomic_yield %new : f32
  }
  return %old : f32
}
