// affine dialect: loops with maps in bounds, if, load/store, min/max, parallel.
#lb = affine_map<(d0) -> (d0)>
#ub = affine_map<(d0)[s0] -> (d0 + 32, s0)>
module {
  func.func @tiled_matmul(%A: memref<?x?xf32>, %B: memref<?x?xf32>, %C: memref<?x?xf32>, %M: index, %N: index, %K: index) {
    affine.for %i0 = 0 to %M step 32 {
      affine.for %j0 = 0 to %N step 32 {
        affine.for %k = 0 to %K {
          affine.for %i = #lb(%i0) to min #ub(%i0)[%M] {
            affine.for %j = #lb(%j0) to min #ub(%j0)[%N] {
              %a = affine.load %A[%i, %k] : memref<?x?xf32>
              %b = affine.load %B[%k, %j] : memref<?x?xf32>
              %c = affine.load %C[%i, %j] : memref<?x?xf32>
              %p = arith.mulf %a, %b : f32
              %s = arith.addf %c, %p : f32
              affine.store %s, %C[%i, %j] : memref<?x?xf32>
            }
          }
        }
      }
    }
    return
  }

  func.func @reductions(%A: memref<1024xf32>) -> f32 {
    %zero = arith.constant 0.000000e+00 : f32
    %sum = affine.for %i = 0 to 1024 step 4 iter_args(%acc = %zero) -> (f32) {
      %v = affine.load %A[%i + 3] : memref<1024xf32>
      %n = arith.addf %acc, %v : f32
      affine.yield %n : f32
    }
    %r = affine.parallel (%i) = (0) to (1024) reduce ("maximumf") -> (f32) {
      %v = affine.load %A[%i] : memref<1024xf32>
      affine.yield %v : f32
    }
    %t = arith.addf %sum, %r : f32
    return %t : f32
  }

  func.func @guards(%A: memref<100x100xf32>, %n: index) {
    affine.parallel (%i, %j) = (0, 0) to (100, 100) step (2, 2) {
      affine.if affine_set<(d0, d1)[s0] : (d0 - d1 >= 0, s0 - d0 - 1 >= 0)>(%i, %j)[%n] {
        %v = affine.load %A[%i, %j] : memref<100x100xf32>
        affine.store %v, %A[%j, %i] : memref<100x100xf32>
      } else {
        %z = arith.constant 0.000000e+00 : f32
        affine.store %z, %A[%i, %j] : memref<100x100xf32>
      }
    }
    %lo = affine.min affine_map<(d0)[s0] -> (d0 + 8, s0)>(%n)[%n]
    %hi = affine.max affine_map<(d0) -> (d0 - 8, 0)>(%lo)
    %ap = affine.apply affine_map<(d0, d1) -> (d0 * 100 + d1)>(%lo, %hi)
    "test.keep"(%ap) : (index) -> ()
    return
  }

  // Reductions through iter_args, a negative constant bound, a max lower bound, subscripts with symbol(),
  // a repeated index, floordiv/mod, and vector loads and stores.
  func.func @windowed(%A: memref<256x256xf32>, %n: index) -> f32 {
    %zero = arith.constant 0.0 : f32
    %sum = affine.for %i = -4 to 4 iter_args(%acc = %zero) -> (f32) {
      %s = affine.for %j = max affine_map<(d0)[s0] -> (d0 + 4, s0)>(%i)[%n] to 256 step 8 iter_args(%inner = %acc) -> (f32) {
        %a = affine.load %A[%i + 4, symbol(%n) floordiv 2 + %j mod 8] : memref<256x256xf32>
        %d = affine.load %A[%j, %j] : memref<256x256xf32>
        %w = affine.vector_load %A[%i + 4, %j] : memref<256x256xf32>, vector<8xf32>
        affine.vector_store %w, %A[%j, (%i + 4) * 2] : memref<256x256xf32>, vector<8xf32>
        %t = arith.addf %a, %d : f32
        %u = arith.addf %inner, %t : f32
        affine.yield %u : f32
      }
      affine.yield %s : f32
    }
    return %sum : f32
  }
}
