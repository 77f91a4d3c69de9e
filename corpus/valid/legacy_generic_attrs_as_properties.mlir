// Pre-"properties" generic form (as printed by MLIR <= 17 and by many tools
// today): inherent attributes live in the trailing attribute dictionary
// instead of <{...}>, `operand_segment_sizes` uses the old snake_case name,
// predicates are raw integers. MLIR 19 still accepts all of this.
"builtin.module"() ({
  "func.func"() ({
  ^bb0(%arg0: tensor<1x16xf32>, %arg1: i1, %arg2: f32, %arg3: f32):
    %0 = "arith.constant"() {value = 0.000000e+00 : f32} : () -> f32
    %1 = "arith.constant"() {value = dense<6.000000e+00> : tensor<1x16xf32>} : () -> tensor<1x16xf32>
    %2 = "arith.addf"(%arg2, %arg3) {fastmath = #arith.fastmath<fast>} : (f32, f32) -> f32
    %3 = "arith.cmpf"(%2, %0) {predicate = 2 : i64} : (f32, f32) -> i1
    %4 = "arith.select"(%3, %2, %0) : (i1, f32, f32) -> f32
    %5 = "tosa.clamp"(%arg0) {min_int = 0 : i64, max_int = 6 : i64, min_fp = 0.000000e+00 : f32, max_fp = 6.000000e+00 : f32}
        : (tensor<1x16xf32>) -> tensor<1x16xf32>
    %6 = "tosa.const"() {value = dense<1.000000e-01> : tensor<4x16xf32>} : () -> tensor<4x16xf32>
    %7 = "tosa.const"() {value = dense<0.000000e+00> : tensor<4xf32>} : () -> tensor<4xf32>
    %8 = "tosa.fully_connected"(%5, %6, %7) : (tensor<1x16xf32>, tensor<4x16xf32>, tensor<4xf32>) -> tensor<1x4xf32>
    "cf.cond_br"(%arg1, %4)[^bb1, ^bb2] {operand_segment_sizes = array<i32: 1, 1, 0>} : (i1, f32) -> ()
  ^bb1(%9: f32):  // pred: ^bb0
    "func.return"(%8, %9) : (tensor<1x4xf32>, f32) -> ()
  ^bb2:  // pred: ^bb0
    "func.return"(%8, %0) : (tensor<1x4xf32>, f32) -> ()
  }) {function_type = (tensor<1x16xf32>, i1, f32, f32) -> (tensor<1x4xf32>, f32), sym_name = "relu6_fc",
      arg_attrs = [{}, {}, {}, {}]} : () -> ()
  "func.func"() ({
  }) {function_type = (memref<?xf32>) -> (), sym_name = "extern_kernel", sym_visibility = "private"} : () -> ()
  "memref.global"() {sym_name = "bias", type = memref<4xf32>, initial_value = dense<[1.0, 2.0, 3.0, 4.0]> : tensor<4xf32>, constant, sym_visibility = "private"} : () -> ()
}) {sym_name = "legacy"} : () -> ()
