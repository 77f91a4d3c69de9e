// gpu.launch as --convert-parallel-loops-to-gpu emits it: block and thread ids bound to grid and block sizes,
// index ops with and without an upper bound, a barrier, dynamic shared memory.
#tile = affine_map<(d0)[s0, s1] -> (d0 * s0 + s1)>
func.func @scale_rows(%x: memref<64x256xf32>, %alpha: f32) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c64 = arith.constant 64 : index
  %c256 = arith.constant 256 : index
  gpu.launch blocks(%bx, %by, %bz) in (%gx = %c64, %gy = %c1, %gz = %c1)
             threads(%tx, %ty, %tz) in (%sx = %c256, %sy = %c1, %sz = %c1) {
    %row = affine.apply #tile(%bx)[%c1, %c0]
    %v = memref.load %x[%row, %tx] : memref<64x256xf32>
    %s = arith.mulf %v, %alpha : f32
    gpu.barrier
    memref.store %s, %x[%row, %tx] : memref<64x256xf32>
    gpu.terminator
  } {mydialect.visited}
  return
}

func.func @ids(%n: index, %shm: i32) {
  %c1 = arith.constant 1 : index
  gpu.launch blocks(%bx, %by, %bz) in (%gx = %n, %gy = %c1, %gz = %c1)
             threads(%tx, %ty, %tz) in (%sx = %c1, %sy = %c1, %sz = %c1)
             dynamic_shared_memory_size %shm {
    %t = gpu.thread_id x
    %b = gpu.block_id y upper_bound 128
    %d = gpu.block_dim z
    %g = gpu.grid_dim x
    "mydialect.keep"(%t, %b, %d, %g) : (index, index, index, index) -> ()
    gpu.terminator
  }
  return
}
