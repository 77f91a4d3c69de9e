// arith dialect custom syntax: constants, float and integer arithmetic,
// fastmath flags, overflow flags, select.
module {
  func.func @constants() -> (i32, f32, index, tensor<4xf32>, i1, vector<4xi8>) {
    %i = arith.constant 42 : i32
    %neg = arith.constant -7 : i64
    %f = arith.constant 3.140000e+00 : f32
    %h = arith.constant 0x7E00 : f16
    %idx = arith.constant 128 : index
    %t = arith.constant dense<[1.0, 2.0, 3.0, 4.0]> : tensor<4xf32>
    %b = arith.constant true
    %v = arith.constant dense<1> : vector<4xi8>
    "test.keep"(%neg, %h) : (i64, f16) -> ()
    return %i, %f, %idx, %t, %b, %v : i32, f32, index, tensor<4xf32>, i1, vector<4xi8>
  }

  func.func @float_arith(%a: f32, %b: f32, %t: tensor<8x16xf32>) -> f32 {
    %0 = arith.addf %a, %b : f32
    %1 = arith.subf %0, %b fastmath<fast> : f32
    %2 = arith.mulf %1, %a fastmath<nnan,ninf> : f32
    %none = arith.addf %2, %a fastmath<none> : f32
    %3 = arith.divf %2, %b fastmath<reassoc,contract,arcp> : f32
    %4 = arith.maximumf %3, %a : f32
    %5 = arith.minimumf %4, %b fastmath<nsz> : f32
    %6 = arith.negf %5 : f32
    %7 = arith.remf %6, %a : f32
    %8 = arith.maxnumf %7, %a : f32
    %9 = arith.minnumf %8, %b fastmath<afn> : f32
    %10 = arith.negf %9 fastmath<fast> : f32
    %t0 = arith.addf %t, %t fastmath<fast> : tensor<8x16xf32>
    %t1 = arith.mulf %t0, %t : tensor<8x16xf32>
    "test.keep"(%t1) : (tensor<8x16xf32>) -> ()
    return %10 : f32
  }

  func.func @int_arith(%a: i32, %b: i32, %v: vector<8xi32>) -> i32 {
    %0 = arith.addi %a, %b : i32
    %1 = arith.subi %0, %b overflow<nsw> : i32
    %2 = arith.muli %1, %a overflow<nsw, nuw> : i32
    %3 = arith.divsi %2, %b : i32
    %4 = arith.divui %3, %b : i32
    %5 = arith.remsi %4, %a : i32
    %6 = arith.remui %5, %a : i32
    %7 = arith.andi %6, %b : i32
    %8 = arith.ori %7, %a : i32
    %9 = arith.xori %8, %b : i32
    %10 = arith.shli %9, %a : i32
    %11 = arith.shrsi %10, %b : i32
    %12 = arith.shrui %11, %b : i32
    %13 = arith.ceildivsi %12, %a : i32
    %14 = arith.floordivsi %13, %a : i32
    %15 = arith.maxsi %14, %a : i32
    %16 = arith.minui %15, %b : i32
    %vv = arith.addi %v, %v overflow<nuw> : vector<8xi32>
    "test.keep"(%vv) : (vector<8xi32>) -> ()
    return %16 : i32
  }

  func.func @select(%c: i1, %a: f32, %b: f32, %mask: tensor<4x4xi1>, %x: tensor<4x4xf32>, %y: tensor<4x4xf32>)
      -> (f32, tensor<4x4xf32>, tensor<4x4xf32>) {
    %s = arith.select %c, %a, %b : f32
    %t = arith.select %mask, %x, %y : tensor<4x4xi1>, tensor<4x4xf32>
    %u = arith.select %c, %x, %y : tensor<4x4xf32>
    return %s, %t, %u : f32, tensor<4x4xf32>, tensor<4x4xf32>
  }
}
