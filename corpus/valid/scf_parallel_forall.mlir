// scf.parallel with scf.reduce, scf.forall with shared_outs, execute_region.
module {
  func.func @parallel_sum(%A: memref<64x128xf32>) -> f32 {
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %c64 = arith.constant 64 : index
    %c128 = arith.constant 128 : index
    %zero = arith.constant 0.000000e+00 : f32
    %sum = scf.parallel (%i, %j) = (%c0, %c0) to (%c64, %c128) step (%c1, %c1) init (%zero) -> f32 {
      %v = memref.load %A[%i, %j] : memref<64x128xf32>
      scf.reduce(%v : f32) {
      ^bb0(%lhs: f32, %rhs: f32):
        %s = arith.addf %lhs, %rhs : f32
        scf.reduce.return %s : f32
      }
    }
    return %sum : f32
  }

  func.func @parallel_no_reduce(%A: memref<64xf32>, %B: memref<64xf32>) {
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %c64 = arith.constant 64 : index
    scf.parallel (%i) = (%c0) to (%c64) step (%c1) {
      %v = memref.load %A[%i] : memref<64xf32>
      %r = math.tanh %v : f32
      memref.store %r, %B[%i] : memref<64xf32>
      scf.reduce
    }
    return
  }

  // Tiled matmul: each (i, j) tile writes into the shared output.
  func.func @forall_tiles(%a: tensor<128x256xf32>, %b: tensor<256x128xf32>, %c: tensor<128x128xf32>) -> tensor<128x128xf32> {
    %r = scf.forall (%i, %j) in (4, 4) shared_outs(%out = %c) -> (tensor<128x128xf32>) {
      %oi = affine.apply affine_map<(d0) -> (d0 * 32)>(%i)
      %oj = affine.apply affine_map<(d0) -> (d0 * 32)>(%j)
      %at = tensor.extract_slice %a[%oi, 0] [32, 256] [1, 1] : tensor<128x256xf32> to tensor<32x256xf32>
      %bt = tensor.extract_slice %b[0, %oj] [256, 32] [1, 1] : tensor<256x128xf32> to tensor<256x32xf32>
      %ct = tensor.extract_slice %out[%oi, %oj] [32, 32] [1, 1] : tensor<128x128xf32> to tensor<32x32xf32>
      %mm = linalg.matmul ins(%at, %bt : tensor<32x256xf32>, tensor<256x32xf32>) outs(%ct : tensor<32x32xf32>) -> tensor<32x32xf32>
      scf.forall.in_parallel {
        tensor.parallel_insert_slice %mm into %out[%oi, %oj] [32, 32] [1, 1] : tensor<32x32xf32> into tensor<128x128xf32>
      }
    } {mapping = [#gpu.block<y>, #gpu.block<x>]}
    return %r : tensor<128x128xf32>
  }

  func.func @forall_bounds(%t: tensor<100xf32>) -> tensor<100xf32> {
    %c0 = arith.constant 0 : index
    %c100 = arith.constant 100 : index
    %c10 = arith.constant 10 : index
    %r = scf.forall (%i) = (%c0) to (%c100) step (%c10) shared_outs(%o = %t) -> (tensor<100xf32>) {
      %s = tensor.extract_slice %o[%i] [10] [1] : tensor<100xf32> to tensor<10xf32>
      %n = linalg.negf ins(%s : tensor<10xf32>) outs(%s : tensor<10xf32>) -> tensor<10xf32>
      scf.forall.in_parallel {
        tensor.parallel_insert_slice %n into %o[%i] [10] [1] : tensor<10xf32> into tensor<100xf32>
      }
    }
    return %r : tensor<100xf32>
  }

  func.func @exec_region(%c: i1) -> i32 {
    %r = scf.execute_region -> i32 {
      cf.cond_br %c, ^bb1, ^bb2
    ^bb1:
      %a = arith.constant 1 : i32
      cf.br ^bb3(%a : i32)
    ^bb2:
      %b = arith.constant 2 : i32
      cf.br ^bb3(%b : i32)
    ^bb3(%v: i32):
      scf.yield %v : i32
    }
    scf.execute_region {
      "test.side_effect"() : () -> ()
      scf.yield
    }
    return %r : i32
  }

  func.func @index_switch(%i: index) -> f32 {
    %r = scf.index_switch %i -> f32
    case 0 {
      %a = arith.constant 1.0 : f32
      scf.yield %a : f32
    }
    case 3 {
      %b = arith.constant 2.0 : f32
      scf.yield %b : f32
    }
    default {
      %c = arith.constant 0.0 : f32
      scf.yield %c : f32
    }
    return %r : f32
  }
}
