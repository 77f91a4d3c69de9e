// arith.cmpf / arith.cmpi with every predicate, and every common cast.
module {
  func.func @cmpf_all(%a: f32, %b: f32) -> i1 {
    %0 = arith.cmpf false, %a, %b : f32
    %1 = arith.cmpf oeq, %a, %b : f32
    %2 = arith.cmpf ogt, %a, %b : f32
    %3 = arith.cmpf oge, %a, %b : f32
    %4 = arith.cmpf olt, %a, %b : f32
    %5 = arith.cmpf ole, %a, %b : f32
    %6 = arith.cmpf one, %a, %b : f32
    %7 = arith.cmpf ord, %a, %b : f32
    %8 = arith.cmpf ueq, %a, %b : f32
    %9 = arith.cmpf ugt, %a, %b : f32
    %10 = arith.cmpf uge, %a, %b : f32
    %11 = arith.cmpf ult, %a, %b : f32
    %12 = arith.cmpf ule, %a, %b : f32
    %13 = arith.cmpf une, %a, %b : f32
    %14 = arith.cmpf uno, %a, %b : f32
    %15 = arith.cmpf true, %a, %b fastmath<nnan> : f32
    %r = arith.andi %0, %15 : i1
    "test.keep"(%1, %2, %3, %4, %5, %6, %7, %8, %9, %10, %11, %12, %13, %14)
        : (i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1) -> ()
    return %r : i1
  }

  func.func @cmpi_all(%a: i32, %b: i32, %t: tensor<4xi64>, %u: tensor<4xi64>) -> tensor<4xi1> {
    %0 = arith.cmpi eq, %a, %b : i32
    %1 = arith.cmpi ne, %a, %b : i32
    %2 = arith.cmpi slt, %a, %b : i32
    %3 = arith.cmpi sle, %a, %b : i32
    %4 = arith.cmpi sgt, %a, %b : i32
    %5 = arith.cmpi sge, %a, %b : i32
    %6 = arith.cmpi ult, %a, %b : i32
    %7 = arith.cmpi ule, %a, %b : i32
    %8 = arith.cmpi ugt, %a, %b : i32
    %9 = arith.cmpi uge, %a, %b : i32
    %tv = arith.cmpi slt, %t, %u : tensor<4xi64>
    "test.keep"(%0, %1, %2, %3, %4, %5, %6, %7, %8, %9) : (i1, i1, i1, i1, i1, i1, i1, i1, i1, i1) -> ()
    return %tv : tensor<4xi1>
  }

  func.func @casts(%h: f16, %f: f32, %i: i32, %i8: i8, %idx: index, %t: tensor<16xf32>) {
    %0 = arith.extf %h : f16 to f32
    %1 = arith.truncf %f : f32 to bf16
    %2 = arith.sitofp %i : i32 to f32
    %3 = arith.uitofp %i8 : i8 to f16
    %4 = arith.fptosi %f : f32 to i32
    %5 = arith.fptoui %f : f32 to i8
    %6 = arith.extsi %i8 : i8 to i32
    %7 = arith.extui %i8 : i8 to i64
    %8 = arith.trunci %i : i32 to i8
    %9 = arith.index_cast %i : i32 to index
    %10 = arith.index_cast %idx : index to i64
    %11 = arith.index_castui %idx : index to i32
    %12 = arith.bitcast %f : f32 to i32
    %13 = arith.bitcast %h : f16 to i16
    %14 = arith.truncf %t : tensor<16xf32> to tensor<16xf16>
    %15 = arith.fptosi %t : tensor<16xf32> to tensor<16xi8>
    %16 = arith.truncf %f to_nearest_away : f32 to f16
    "test.keep"(%0, %1, %2, %3, %4, %5, %6, %7, %8, %9, %10, %11, %12, %13, %14, %15, %16)
        : (f32, bf16, f32, f16, i32, i8, i32, i64, i8, index, i64, i32, i32, i16, tensor<16xf16>, tensor<16xi8>, f16) -> ()
    return
  }
}
