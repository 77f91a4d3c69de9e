// Every floating-point type MLIR 19 parses. (f8E3M4, f8E8M0FNU, f6E2M3FN,
// f6E3M2FN and f4E2M1FN are NOT known to MLIR 19; see corpus/README.md.)
module {
  func.func @standard_floats(%h: f16, %b: bf16, %s: f32, %d: f64, %x: f80, %q: f128, %t: tf32) -> f64 {
    %0 = arith.extf %h : f16 to f64
    %1 = arith.extf %b : bf16 to f64
    %2 = arith.extf %s : f32 to f64
    %3 = arith.truncf %x : f80 to f64
    %4 = arith.truncf %q : f128 to f64
    %5 = arith.extf %t : tf32 to f64
    %6 = arith.addf %0, %1 : f64
    %7 = arith.addf %6, %2 : f64
    %8 = arith.addf %7, %3 : f64
    %9 = arith.addf %8, %4 : f64
    %10 = arith.addf %9, %5 : f64
    %11 = arith.addf %10, %d : f64
    return %11 : f64
  }

  func.func @fp8_variants(%a: f8E5M2, %b: f8E4M3, %c: f8E4M3FN, %d: f8E5M2FNUZ,
                          %e: f8E4M3FNUZ, %f: f8E4M3B11FNUZ) -> f32 {
    %0 = arith.extf %a : f8E5M2 to f32
    %1 = arith.extf %b : f8E4M3 to f32
    %2 = arith.extf %c : f8E4M3FN to f32
    %3 = arith.extf %d : f8E5M2FNUZ to f32
    %4 = arith.extf %e : f8E4M3FNUZ to f32
    %5 = arith.extf %f : f8E4M3B11FNUZ to f32
    %6 = arith.addf %0, %1 : f32
    %7 = arith.addf %6, %2 : f32
    %8 = arith.addf %7, %3 : f32
    %9 = arith.addf %8, %4 : f32
    %10 = arith.addf %9, %5 : f32
    return %10 : f32
  }

  // FP8 quantized matmul operands: e4m3 weights, e5m2 activations.
  func.func @fp8_tensors(%act: tensor<16x64xf8E5M2>, %w: tensor<64x32xf8E4M3FN>) -> tensor<16x32xf32> {
    %r = "mydialect.fp8_matmul"(%act, %w) {scale_a = 1.0 : f32, scale_b = 0.5 : f32}
        : (tensor<16x64xf8E5M2>, tensor<64x32xf8E4M3FN>) -> tensor<16x32xf32>
    return %r : tensor<16x32xf32>
  }

  func.func @float_constants() {
    %h = arith.constant 1.5 : f16
    %b = arith.constant -2.0 : bf16
    %t = arith.constant 0.25 : tf32
    %x = arith.constant 3.0 : f80
    %q = arith.constant 1.0e-10 : f128
    %e4 = arith.constant 0.5 : f8E4M3FN
    %e5 = arith.constant 2.0 : f8E5M2
    "test.keep"(%h, %b, %t, %x, %q, %e4, %e5) : (f16, bf16, tf32, f80, f128, f8E4M3FN, f8E5M2) -> ()
    return
  }
}
