// gpu dialect: host-side launch of a kernel in a gpu.module, plus an inline
// gpu.launch with shared memory (softmax row kernel shape).
module attributes {gpu.container_module} {
  gpu.module @kernels {
    gpu.func @scale(%buf: memref<?xf32>, %alpha: f32, %n: index) kernel attributes {known_block_size = array<i32: 256, 1, 1>} {
      %tid = gpu.thread_id x
      %bid = gpu.block_id x
      %bdim = gpu.block_dim x
      %base = arith.muli %bid, %bdim : index
      %gid = arith.addi %base, %tid : index
      %in = arith.cmpi ult, %gid, %n : index
      scf.if %in {
        %v = memref.load %buf[%gid] : memref<?xf32>
        %s = arith.mulf %v, %alpha : f32
        memref.store %s, %buf[%gid] : memref<?xf32>
      }
      gpu.return
    }
  }

  func.func @host(%buf: memref<?xf32>, %n: index) {
    %c1 = arith.constant 1 : index
    %c256 = arith.constant 256 : index
    %alpha = arith.constant 0.125 : f32
    %blocks = arith.ceildivui %n, %c256 : index
    gpu.launch_func @kernels::@scale blocks in (%blocks, %c1, %c1) threads in (%c256, %c1, %c1)
        args(%buf : memref<?xf32>, %alpha : f32, %n : index)
    return
  }

  func.func @inline_launch(%x: memref<128x1024xf32>) {
    %c1 = arith.constant 1 : index
    %c128 = arith.constant 128 : index
    %c256 = arith.constant 256 : index
    gpu.launch blocks(%bx, %by, %bz) in (%gx = %c128, %gy = %c1, %gz = %c1)
               threads(%tx, %ty, %tz) in (%sx = %c256, %sy = %c1, %sz = %c1) {
      %smem = memref.alloca() : memref<256xf32, #gpu.address_space<workgroup>>
      %v = memref.load %x[%bx, %tx] : memref<128x1024xf32>
      memref.store %v, %smem[%tx] : memref<256xf32, #gpu.address_space<workgroup>>
      gpu.barrier
      %m = gpu.all_reduce maximumf %v uniform {} : (f32) -> f32
      %sum = gpu.subgroup_reduce add %v : (f32) -> f32
      "test.keep"(%m, %sum) : (f32, f32) -> ()
      gpu.terminator
    }
    return
  }
}
