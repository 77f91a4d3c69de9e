// TOLERANT: Triton TTIR kernel: tt.func, tt.load, tt.dot, !tt.ptr<f16>, tensor<32x32x!tt.ptr<f16>>.
// Op statements written in the text: 22, counting module,
// functions and terminators. Op names:
//   module, tt.func, arith.constant x3, tt.get_program_id, tt.make_range, tt.expand_dims,
//   tt.broadcast, tt.splat x3, tt.addptr x3, scf.for, tt.load x2, tt.dot, scf.yield, tt.store,
//   tt.return
// mlir-opt-19 FILE                              -> rejected, line 10:24: #"triton_gpu"<"blocked<{sizePerThread = [1, 4], threadsPerWarp = [8, 4], warpsPerCTA = [4, 1], order = [1, 0]}>"> : 'n...
// mlir-opt-19 --allow-unregistered-dialect FILE -> rejected, line 12:3: Dialect `tt' not found for custom op 'tt.func'
// (end of header)
#blocked = #triton_gpu.blocked<{sizePerThread = [1, 4], threadsPerWarp = [8, 4], warpsPerCTA = [4, 1], order = [1, 0]}>
module attributes {"triton_gpu.num-warps" = 4 : i32, "triton_gpu.threads-per-warp" = 32 : i32} {
  tt.func public @matmul_kernel(%a_ptr: !tt.ptr<f16> {tt.divisibility = 16 : i32}, %b_ptr: !tt.ptr<f16> {tt.divisibility = 16 : i32}, %c_ptr: !tt.ptr<f32> {tt.divisibility = 16 : i32}, %K: i32) attributes {noinline = false} {
    %cst = arith.constant dense<0.000000e+00> : tensor<32x32xf32>
    %c0_i32 = arith.constant 0 : i32
    %c32_i32 = arith.constant 32 : i32
    %pid = tt.get_program_id x : i32
    %r = tt.make_range {end = 32 : i32, start = 0 : i32} : tensor<32xi32>
    %r2 = tt.expand_dims %r {axis = 1 : i32} : tensor<32xi32> -> tensor<32x1xi32>
    %rb = tt.broadcast %r2 : tensor<32x1xi32> -> tensor<32x32xi32>
    %a_base = tt.splat %a_ptr : !tt.ptr<f16> -> tensor<32x32x!tt.ptr<f16>>
    %a_ptrs = tt.addptr %a_base, %rb : tensor<32x32x!tt.ptr<f16>>, tensor<32x32xi32>
    %b_base = tt.splat %b_ptr : !tt.ptr<f16> -> tensor<32x32x!tt.ptr<f16>>
    %b_ptrs = tt.addptr %b_base, %rb : tensor<32x32x!tt.ptr<f16>>, tensor<32x32xi32>
    %acc = scf.for %k = %c0_i32 to %K step %c32_i32 iter_args(%acc_it = %cst) -> (tensor<32x32xf32>) : i32 {
      %a = tt.load %a_ptrs : tensor<32x32x!tt.ptr<f16>>
      %b = tt.load %b_ptrs : tensor<32x32x!tt.ptr<f16>>
      %d = tt.dot %a, %b, %acc_it, inputPrecision = tf32 : tensor<32x32xf16> * tensor<32x32xf16> -> tensor<32x32xf32>
      scf.yield %d : tensor<32x32xf32>
    }
    %c_base = tt.splat %c_ptr : !tt.ptr<f32> -> tensor<32x32x!tt.ptr<f32>>
    %c_ptrs = tt.addptr %c_base, %rb : tensor<32x32x!tt.ptr<f32>>, tensor<32x32xi32>
    tt.store %c_ptrs, %acc : tensor<32x32x!tt.ptr<f32>>
    tt.return
  }
}
