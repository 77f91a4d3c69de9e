// The long-removed `std` dialect, in generic form. MLIR 19 does not know
// `std`, so these are plain unregistered ops: accepted ONLY with
// --allow-unregistered-dialect. (The custom form `std.addf %a, %b : f32` is
// rejected; see corpus/tolerant/legacy_std_custom.mlir.)
"builtin.module"() ({
  "func.func"() <{function_type = (f32, f32) -> f32, sym_name = "std_axpy"}> ({
  ^bb0(%a: f32, %x: f32):
    %alpha = "std.constant"() {value = 2.000000e+00 : f32} : () -> f32
    %ax = "std.mulf"(%alpha, %x) : (f32, f32) -> f32
    %r = "std.addf"(%ax, %a) : (f32, f32) -> f32
    %c = "std.cmpf"(%r, %a) {predicate = 2 : i64} : (f32, f32) -> i1
    %s = "std.select"(%c, %r, %a) : (i1, f32, f32) -> f32
    "std.return"(%s) : (f32) -> ()
  }) : () -> ()
  "func.func"() <{function_type = (memref<16xf32>) -> tensor<16xf32>, sym_name = "std_tensor_load"}> ({
  ^bb0(%m: memref<16xf32>):
    %t = "std.tensor_load"(%m) : (memref<16xf32>) -> tensor<16xf32>
    %i = "std.constant"() {value = 0 : index} : () -> index
    %d = "std.dim"(%t, %i) : (tensor<16xf32>, index) -> index
    "std.call"(%d) {callee = @use_index} : (index) -> ()
    "std.return"(%t) : (tensor<16xf32>) -> ()
  }) : () -> ()
}) : () -> ()
