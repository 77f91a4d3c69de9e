// vector dialect: transfers, contraction, reductions, shape ops (the
// vectorized inner loop of a matmul micro-kernel).
#mk = affine_map<(m, n, k) -> (m, k)>
#kn = affine_map<(m, n, k) -> (k, n)>
#mn = affine_map<(m, n, k) -> (m, n)>
module {
  func.func @microkernel(%A: memref<128x256xf32>, %B: memref<256x128xf32>, %C: memref<128x128xf32>, %i: index, %j: index, %k: index) {
    %pad = arith.constant 0.000000e+00 : f32
    %a = vector.transfer_read %A[%i, %k], %pad {in_bounds = [true, true]} : memref<128x256xf32>, vector<8x4xf32>
    %b = vector.transfer_read %B[%k, %j], %pad {in_bounds = [true, true]} : memref<256x128xf32>, vector<4x16xf32>
    %c = vector.transfer_read %C[%i, %j], %pad : memref<128x128xf32>, vector<8x16xf32>
    %d = vector.contract {indexing_maps = [#mk, #kn, #mn], iterator_types = ["parallel", "parallel", "reduction"], kind = #vector.kind<add>}
        %a, %b, %c : vector<8x4xf32>, vector<4x16xf32> into vector<8x16xf32>
    vector.transfer_write %d, %C[%i, %j] {in_bounds = [true, true]} : vector<8x16xf32>, memref<128x128xf32>
    return
  }

  func.func @shape_ops(%v: vector<8x16xf32>, %s: f32, %t: tensor<64xf32>, %m: vector<16xi1>) -> f32 {
    %0 = vector.broadcast %s : f32 to vector<8x16xf32>
    %1 = arith.addf %v, %0 : vector<8x16xf32>
    %2 = vector.shape_cast %1 : vector<8x16xf32> to vector<128xf32>
    %3 = vector.reduction <add>, %2 : vector<128xf32> into f32
    %4 = vector.reduction <maximumf>, %2, %3 : vector<128xf32> into f32
    %5 = vector.extract %1[3] : vector<16xf32> from vector<8x16xf32>
    %6 = vector.insert %5, %1 [0] : vector<16xf32> into vector<8x16xf32>
    %7 = vector.transpose %6, [1, 0] : vector<8x16xf32> to vector<16x8xf32>
    %8 = vector.multi_reduction <add>, %7, %5 [1] : vector<16x8xf32> to vector<16xf32>
    %9 = vector.fma %5, %8, %5 : vector<16xf32>
    %10 = vector.shuffle %9, %9 [0, 2, 4, 6, 8, 10, 12, 14, 1, 3, 5, 7, 9, 11, 13, 15] : vector<16xf32>, vector<16xf32>
    %c0 = arith.constant 0 : index
    %11 = vector.transfer_read %t[%c0], %s : tensor<64xf32>, vector<16xf32>
    %12 = arith.select %m, %10, %11 : vector<16xi1>, vector<16xf32>
    %13 = vector.extract_strided_slice %12 {offsets = [4], sizes = [8], strides = [1]} : vector<16xf32> to vector<8xf32>
    %14 = vector.splat %4 : vector<8xf32>
    %15 = arith.mulf %13, %14 : vector<8xf32>
    %16 = vector.reduction <add>, %15 : vector<8xf32> into f32
    return %16 : f32
  }

  func.func @masked(%buf: memref<?xf32>, %n: index) -> vector<[4]xf32> {
    %c0 = arith.constant 0 : index
    %pad = arith.constant 0.000000e+00 : f32
    %mask = vector.create_mask %n : vector<[4]xi1>
    %v = vector.mask %mask { vector.transfer_read %buf[%c0], %pad : memref<?xf32>, vector<[4]xf32> } : vector<[4]xi1> -> vector<[4]xf32>
    %st = vector.step : vector<[4]xindex>
    %vs = vector.vscale
    "test.keep"(%st, %vs) : (vector<[4]xindex>, index) -> ()
    return %v : vector<[4]xf32>
  }
}

// Outer products (with and without accumulator, AXPY, combining kind), strided insertion, constant masks,
// gather/scatter, masked, expanding and compressing memory ops, (de)interleave, type_cast and scan.
func.func @vector_more(%a: vector<4xf32>, %b: vector<8xf32>, %acc: vector<4x8xf32>, %m: memref<?xf32>, %i: index,
                       %mask: vector<16xi1>, %pass: vector<16xf32>, %idx: vector<16xi32>, %s: vector<2x4xf32>,
                       %mt: memref<8x8xf32>) -> vector<4x8xf32> {
  %0 = vector.outerproduct %a, %b, %acc : vector<4xf32>, vector<8xf32>
  %1 = vector.outerproduct %a, %b : vector<4xf32>, vector<8xf32>
  %2 = vector.outerproduct %a, %b, %0 {kind = #vector.kind<maxnumf>} : vector<4xf32>, vector<8xf32>
  %f = arith.constant 2.0 : f32
  %3 = vector.outerproduct %a, %f : vector<4xf32>, f32
  %4 = vector.insert_strided_slice %s, %2 {offsets = [1, 2], strides = [1, 1]} : vector<2x4xf32> into vector<4x8xf32>
  %5 = vector.constant_mask [3, 2] : vector<4x8xi1>
  %6 = vector.gather %m[%i] [%idx], %mask, %pass : memref<?xf32>, vector<16xi32>, vector<16xi1>, vector<16xf32> into vector<16xf32>
  vector.scatter %m[%i] [%idx], %mask, %6 : memref<?xf32>, vector<16xi32>, vector<16xi1>, vector<16xf32>
  %7 = vector.maskedload %m[%i], %mask, %pass : memref<?xf32>, vector<16xi1>, vector<16xf32> into vector<16xf32>
  vector.maskedstore %m[%i], %mask, %7 : memref<?xf32>, vector<16xi1>, vector<16xf32>
  %8 = vector.expandload %m[%i], %mask, %pass : memref<?xf32>, vector<16xi1>, vector<16xf32> into vector<16xf32>
  vector.compressstore %m[%i], %mask, %8 : memref<?xf32>, vector<16xi1>, vector<16xf32>
  %9 = vector.interleave %a, %a : vector<4xf32> -> vector<8xf32>
  %10, %11 = vector.deinterleave %9 : vector<8xf32> -> vector<4xf32>
  %12 = vector.type_cast %mt : memref<8x8xf32> to memref<vector<8x8xf32>>
  %init = arith.constant dense<0.0> : vector<4xf32>
  %13:2 = vector.scan <add>, %4, %init {inclusive = true, reduction_dim = 1 : i64} : vector<4x8xf32>, vector<4xf32>
  return %13#0 : vector<4x8xf32>
}
