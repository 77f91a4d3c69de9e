// Output of `mlir-opt-19 --mlir-print-op-generic --mlir-print-debuginfo model_layernorm.mlir`:
// linalg.generic in generic form (operandSegmentSizes, #linalg.iterator_type<...>),
// regions with located block arguments, deferred location aliases at EOF.
#loc2 = loc("model_layernorm.mlir":8:25)
#loc3 = loc("model_layernorm.mlir":8:52)
#loc4 = loc("model_layernorm.mlir":8:77)
#loc11 = loc(unknown)
#loc13 = loc("model_layernorm.mlir":18:10)
#loc14 = loc("model_layernorm.mlir":18:20)
#loc18 = loc("model_layernorm.mlir":25:10)
#loc19 = loc("model_layernorm.mlir":25:19)
#loc23 = loc("model_layernorm.mlir":32:10)
#loc24 = loc("model_layernorm.mlir":32:20)
#loc25 = loc("model_layernorm.mlir":32:29)
#loc31 = loc("model_layernorm.mlir":43:10)
#loc32 = loc("model_layernorm.mlir":43:20)
#loc33 = loc("model_layernorm.mlir":43:29)
#loc34 = loc("model_layernorm.mlir":43:40)
#loc35 = loc("model_layernorm.mlir":43:49)
#loc36 = loc("model_layernorm.mlir":43:58)
#map = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
#map1 = affine_map<(d0, d1, d2) -> (d0, d1)>
#map2 = affine_map<(d0, d1) -> (d0, d1)>
#map3 = affine_map<(d0, d1, d2) -> (d2)>
"builtin.module"() ({
  "func.func"() <{function_type = (tensor<1x128x768xf32>, tensor<768xf32>, tensor<768xf32>) -> tensor<1x128x768xf32>, sym_name = "layer_norm"}> ({
  ^bb0(%arg0: tensor<1x128x768xf32> loc("model_layernorm.mlir":8:25), %arg1: tensor<768xf32> loc("model_layernorm.mlir":8:52), %arg2: tensor<768xf32> loc("model_layernorm.mlir":8:77)):
    %0 = "arith.constant"() <{value = 0.000000e+00 : f32}> : () -> f32 loc(#loc5)
    %1 = "arith.constant"() <{value = 7.680000e+02 : f32}> : () -> f32 loc(#loc6)
    %2 = "arith.constant"() <{value = 9.99999974E-6 : f32}> : () -> f32 loc(#loc7)
    %3 = "tensor.empty"() : () -> tensor<1x128xf32> loc(#loc8)
    %4 = "tensor.empty"() : () -> tensor<1x128x768xf32> loc(#loc9)
    %5 = "linalg.fill"(%0, %3) <{operandSegmentSizes = array<i32: 1, 1>}> ({
    ^bb0(%arg16: f32 loc(unknown), %arg17: f32 loc(unknown)):
      "linalg.yield"(%arg16) : (f32) -> () loc(#loc11)
    }) : (f32, tensor<1x128xf32>) -> tensor<1x128xf32> loc(#loc10)
    %6 = "linalg.generic"(%arg0, %5) <{indexing_maps = [#map, #map1], iterator_types = [#linalg.iterator_type<parallel>, #linalg.iterator_type<parallel>, #linalg.iterator_type<reduction>], operandSegmentSizes = array<i32: 1, 1>}> ({
    ^bb0(%arg14: f32 loc("model_layernorm.mlir":18:10), %arg15: f32 loc("model_layernorm.mlir":18:20)):
      %21 = "arith.addf"(%arg14, %arg15) <{fastmath = #arith.fastmath<none>}> : (f32, f32) -> f32 loc(#loc15)
      "linalg.yield"(%21) : (f32) -> () loc(#loc16)
    }) : (tensor<1x128x768xf32>, tensor<1x128xf32>) -> tensor<1x128xf32> loc(#loc12)
    %7 = "linalg.generic"(%6, %3) <{indexing_maps = [#map2, #map2], iterator_types = [#linalg.iterator_type<parallel>, #linalg.iterator_type<parallel>], operandSegmentSizes = array<i32: 1, 1>}> ({
    ^bb0(%arg12: f32 loc("model_layernorm.mlir":25:10), %arg13: f32 loc("model_layernorm.mlir":25:19)):
      %20 = "arith.divf"(%arg12, %1) <{fastmath = #arith.fastmath<none>}> : (f32, f32) -> f32 loc(#loc20)
      "linalg.yield"(%20) : (f32) -> () loc(#loc21)
    }) : (tensor<1x128xf32>, tensor<1x128xf32>) -> tensor<1x128xf32> loc(#loc17)
    %8 = "linalg.generic"(%arg0, %7, %5) <{indexing_maps = [#map, #map1, #map1], iterator_types = [#linalg.iterator_type<parallel>, #linalg.iterator_type<parallel>, #linalg.iterator_type<reduction>], operandSegmentSizes = array<i32: 2, 1>}> ({
    ^bb0(%arg9: f32 loc("model_layernorm.mlir":32:10), %arg10: f32 loc("model_layernorm.mlir":32:20), %arg11: f32 loc("model_layernorm.mlir":32:29)):
      %17 = "arith.subf"(%arg9, %arg10) <{fastmath = #arith.fastmath<none>}> : (f32, f32) -> f32 loc(#loc26)
      %18 = "arith.mulf"(%17, %17) <{fastmath = #arith.fastmath<none>}> : (f32, f32) -> f32 loc(#loc27)
      %19 = "arith.addf"(%18, %arg11) <{fastmath = #arith.fastmath<none>}> : (f32, f32) -> f32 loc(#loc28)
      "linalg.yield"(%19) : (f32) -> () loc(#loc29)
    }) : (tensor<1x128x768xf32>, tensor<1x128xf32>, tensor<1x128xf32>) -> tensor<1x128xf32> loc(#loc22)
    %9 = "linalg.generic"(%arg0, %7, %8, %arg1, %arg2, %4) <{indexing_maps = [#map, #map1, #map1, #map3, #map3, #map], iterator_types = [#linalg.iterator_type<parallel>, #linalg.iterator_type<parallel>, #linalg.iterator_type<parallel>], operandSegmentSizes = array<i32: 5, 1>}> ({
    ^bb0(%arg3: f32 loc("model_layernorm.mlir":43:10), %arg4: f32 loc("model_layernorm.mlir":43:20), %arg5: f32 loc("model_layernorm.mlir":43:29), %arg6: f32 loc("model_layernorm.mlir":43:40), %arg7: f32 loc("model_layernorm.mlir":43:49), %arg8: f32 loc("model_layernorm.mlir":43:58)):
      %10 = "arith.divf"(%arg5, %1) <{fastmath = #arith.fastmath<none>}> : (f32, f32) -> f32 loc(#loc37)
      %11 = "arith.addf"(%10, %2) <{fastmath = #arith.fastmath<none>}> : (f32, f32) -> f32 loc(#loc38)
      %12 = "math.rsqrt"(%11) <{fastmath = #arith.fastmath<none>}> : (f32) -> f32 loc(#loc39)
      %13 = "arith.subf"(%arg3, %arg4) <{fastmath = #arith.fastmath<none>}> : (f32, f32) -> f32 loc(#loc40)
      %14 = "arith.mulf"(%13, %12) <{fastmath = #arith.fastmath<none>}> : (f32, f32) -> f32 loc(#loc41)
      %15 = "arith.mulf"(%14, %arg6) <{fastmath = #arith.fastmath<none>}> : (f32, f32) -> f32 loc(#loc42)
      %16 = "arith.addf"(%15, %arg7) <{fastmath = #arith.fastmath<none>}> : (f32, f32) -> f32 loc(#loc43)
      "linalg.yield"(%16) : (f32) -> () loc(#loc44)
    }) : (tensor<1x128x768xf32>, tensor<1x128xf32>, tensor<1x128xf32>, tensor<768xf32>, tensor<768xf32>, tensor<1x128x768xf32>) -> tensor<1x128x768xf32> loc(#loc30)
    "func.return"(%9) : (tensor<1x128x768xf32>) -> () loc(#loc45)
  }) : () -> () loc(#loc1)
}) : () -> () loc(#loc)
#loc = loc("model_layernorm.mlir":7:1)
#loc1 = loc("model_layernorm.mlir":8:3)
#loc5 = loc("model_layernorm.mlir":9:13)
#loc6 = loc("model_layernorm.mlir":10:10)
#loc7 = loc("model_layernorm.mlir":11:12)
#loc8 = loc("model_layernorm.mlir":12:11)
#loc9 = loc("model_layernorm.mlir":13:11)
#loc10 = loc("model_layernorm.mlir":14:13)
#loc12 = loc("model_layernorm.mlir":16:12)
#loc15 = loc("model_layernorm.mlir":19:12)
#loc16 = loc("model_layernorm.mlir":20:7)
#loc17 = loc("model_layernorm.mlir":22:13)
#loc20 = loc("model_layernorm.mlir":26:12)
#loc21 = loc("model_layernorm.mlir":27:7)
#loc22 = loc("model_layernorm.mlir":30:11)
#loc26 = loc("model_layernorm.mlir":33:12)
#loc27 = loc("model_layernorm.mlir":34:13)
#loc28 = loc("model_layernorm.mlir":35:12)
#loc29 = loc("model_layernorm.mlir":36:7)
#loc30 = loc("model_layernorm.mlir":39:10)
#loc37 = loc("model_layernorm.mlir":44:14)
#loc38 = loc("model_layernorm.mlir":45:13)
#loc39 = loc("model_layernorm.mlir":46:14)
#loc40 = loc("model_layernorm.mlir":47:12)
#loc41 = loc("model_layernorm.mlir":48:14)
#loc42 = loc("model_layernorm.mlir":49:13)
#loc43 = loc("model_layernorm.mlir":50:12)
#loc44 = loc("model_layernorm.mlir":51:7)
#loc45 = loc("model_layernorm.mlir":53:5)
