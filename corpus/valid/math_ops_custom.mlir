// math dialect custom syntax on scalars, vectors and tensors (activation
// functions as they appear after lowering from frameworks).
module {
  func.func @unary(%x: f32) -> f32 {
    %0 = math.exp %x : f32
    %1 = math.exp2 %0 : f32
    %2 = math.expm1 %1 : f32
    %3 = math.log %2 : f32
    %4 = math.log2 %3 : f32
    %5 = math.log10 %4 : f32
    %6 = math.log1p %5 : f32
    %7 = math.tanh %6 : f32
    %8 = math.sqrt %7 : f32
    %9 = math.rsqrt %8 fastmath<fast> : f32
    %10 = math.erf %9 : f32
    %11 = math.absf %10 : f32
    %12 = math.floor %11 : f32
    %13 = math.ceil %12 : f32
    %14 = math.round %13 : f32
    %15 = math.roundeven %14 : f32
    %16 = math.trunc %15 : f32
    %17 = math.sin %16 : f32
    %18 = math.cos %17 : f32
    %19 = math.tan %18 : f32
    %20 = math.atan %19 : f32
    %21 = math.cbrt %20 : f32
    %22 = math.sinh %21 : f32
    %23 = math.cosh %22 : f32
    return %23 : f32
  }

  func.func @binary_ternary(%a: f32, %b: f32, %c: f32, %i: i32) -> f32 {
    %0 = math.powf %a, %b : f32
    %1 = math.fma %0, %b, %c : f32
    %2 = math.atan2 %1, %a : f32
    %3 = math.copysign %2, %b : f32
    %4 = math.fpowi %3, %i : f32, i32
    %5 = math.absi %i : i32
    %6 = math.ctlz %5 : i32
    %7 = math.ipowi %6, %i : i32
    %8 = arith.cmpf uno, %4, %4 : f32
    %9 = arith.select %8, %a, %4 : f32
    "test.keep"(%7) : (i32) -> ()
    return %9 : f32
  }

  // GELU (tanh approximation): 0.5*x*(1+tanh(sqrt(2/pi)*(x+0.044715*x^3)))
  func.func @gelu(%x: tensor<1x128x3072xf32>) -> tensor<1x128x3072xf32> {
    %half = arith.constant dense<5.000000e-01> : tensor<1x128x3072xf32>
    %one = arith.constant dense<1.000000e+00> : tensor<1x128x3072xf32>
    %k = arith.constant dense<4.471500e-02> : tensor<1x128x3072xf32>
    %s = arith.constant dense<0.797884583> : tensor<1x128x3072xf32>
    %x2 = arith.mulf %x, %x : tensor<1x128x3072xf32>
    %x3 = arith.mulf %x2, %x : tensor<1x128x3072xf32>
    %kx3 = arith.mulf %k, %x3 : tensor<1x128x3072xf32>
    %in = arith.addf %x, %kx3 : tensor<1x128x3072xf32>
    %sc = arith.mulf %s, %in : tensor<1x128x3072xf32>
    %th = math.tanh %sc : tensor<1x128x3072xf32>
    %p1 = arith.addf %one, %th : tensor<1x128x3072xf32>
    %hx = arith.mulf %half, %x : tensor<1x128x3072xf32>
    %y = arith.mulf %hx, %p1 : tensor<1x128x3072xf32>
    return %y : tensor<1x128x3072xf32>
  }

  func.func @vector_math(%v: vector<8xf16>, %w: vector<[4]xf32>) -> (vector<8xf16>, vector<[4]xf32>) {
    %0 = math.exp %v fastmath<afn> : vector<8xf16>
    %1 = math.erf %w : vector<[4]xf32>
    %2 = math.fma %w, %w, %1 : vector<[4]xf32>
    return %0, %2 : vector<8xf16>, vector<[4]xf32>
  }
}
