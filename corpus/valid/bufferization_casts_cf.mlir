// bufferization.*, builtin.unrealized_conversion_cast and cf.* custom syntax.
module {
  func.func @bufferize_boundary(%m: memref<128x768xf32>, %t: tensor<128x768xf32>, %n: index) -> tensor<128x768xf32> {
    %t0 = bufferization.to_tensor %m : memref<128x768xf32>
    %t1 = bufferization.to_tensor %m restrict writable : memref<128x768xf32>
    %m0 = bufferization.to_memref %t : memref<128x768xf32>
    %m1 = bufferization.to_memref %t read_only : memref<128x768xf32, strided<[?, ?], offset: ?>>
    %a0 = bufferization.alloc_tensor() : tensor<128x768xf32>
    %a1 = bufferization.alloc_tensor(%n) : tensor<?x768xf32>
    %a2 = bufferization.alloc_tensor() copy(%t) : tensor<128x768xf32>
    %a3 = bufferization.alloc_tensor() {memory_space = 1 : i64} : tensor<16xf32>
    %r = bufferization.materialize_in_destination %t0 in %a0 : (tensor<128x768xf32>, tensor<128x768xf32>) -> tensor<128x768xf32>
    bufferization.materialize_in_destination %t1 in restrict writable %m0 : (tensor<128x768xf32>, memref<128x768xf32>) -> ()
    %cl = bufferization.clone %m : memref<128x768xf32> to memref<128x768xf32>
    "test.keep"(%m1, %a1, %a2, %a3, %cl) : (memref<128x768xf32, strided<[?, ?], offset: ?>>, tensor<?x768xf32>,
        tensor<128x768xf32>, tensor<16xf32>, memref<128x768xf32>) -> ()
    return %r : tensor<128x768xf32>
  }

  func.func @conversion_casts(%x: tensor<4xf32>, %i: i64, %p: !llvm.ptr) -> (memref<4xf32>, index) {
    %0 = builtin.unrealized_conversion_cast %x : tensor<4xf32> to memref<4xf32>
    %1 = builtin.unrealized_conversion_cast %i : i64 to index
    %2:2 = builtin.unrealized_conversion_cast %p : !llvm.ptr to !llvm.ptr, i64
    %3 = builtin.unrealized_conversion_cast %2#0, %2#1 : !llvm.ptr, i64 to !mydialect.fat_ptr
    %4 = builtin.unrealized_conversion_cast to i32
    %5 = builtin.unrealized_conversion_cast %4 : i32 to !mydialect.token
    "test.keep"(%3, %5) : (!mydialect.fat_ptr, !mydialect.token) -> ()
    return %0, %1 : memref<4xf32>, index
  }

  func.func @control_flow(%c: i1, %x: f32, %sel: i32) -> f32 {
    cf.cond_br %c, ^then(%x : f32), ^else
  ^then(%a: f32):
    %t = arith.addf %a, %a : f32
    cf.br ^join(%t : f32)
  ^else:
    %e = arith.negf %x : f32
    cf.switch %sel : i32, [
      default: ^join(%e : f32),
      0: ^join(%x : f32),
      1: ^then(%e : f32)
    ]
  ^join(%r: f32):
    cf.assert %c, "join reached with false condition"
    cf.cond_br %c, ^done, ^join(%r : f32) {branch_weights = array<i32: 90, 10>}
  ^done:
    return %r : f32
  }
}

// bufferization.dealloc as ownership-based buffer deallocation writes it: memrefs with their conditions, retained
// values (one i1 result each), and the retain-only form.
func.func @dealloc_forms(%a: memref<4xf32>, %b: memref<2x2xi32>, %c0: i1, %c1: i1, %keep: memref<8xf32>) -> (i1, i1) {
  %0 = bufferization.dealloc (%a, %b : memref<4xf32>, memref<2x2xi32>) if (%c0, %c1) retain (%keep : memref<8xf32>)
  bufferization.dealloc (%a : memref<4xf32>) if (%c0)
  %1 = bufferization.dealloc retain (%keep : memref<8xf32>)
  return %0, %1 : i1, i1
}
