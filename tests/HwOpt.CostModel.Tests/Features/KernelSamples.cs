namespace HwOpt.CostModel.Tests.Features;

/// <summary>Kernel texts as the dataset's kernel_mlir column holds them (generic form, arguments %in0..).</summary>
internal static class KernelSamples
{
    public const string Matmul = """
        "func.func"() <{function_type = (tensor<64x32xf32>, tensor<32x16xf32>, tensor<64x16xf32>) -> tensor<64x16xf32>, sym_name = "kernel"}> ({
        ^bb0(%in0: tensor<64x32xf32>, %in1: tensor<32x16xf32>, %in2: tensor<64x16xf32>):
          %0 = "linalg.matmul"(%in0, %in1, %in2) <{operandSegmentSizes = array<i32: 2, 1>}> ({
          ^bb0(%arg0: f32, %arg1: f32, %arg2: f32):
            %1 = "arith.mulf"(%arg0, %arg1) : (f32, f32) -> f32
            %2 = "arith.addf"(%arg2, %1) : (f32, f32) -> f32
            "linalg.yield"(%2) : (f32) -> ()
          }) : (tensor<64x32xf32>, tensor<32x16xf32>, tensor<64x16xf32>) -> tensor<64x16xf32>
          "func.return"(%0) : (tensor<64x16xf32>) -> ()
        }) : () -> ()
        """;

    /// <summary><see cref="Matmul"/> with other SSA names, block labels and locations.</summary>
    public const string MatmulRenamed = """
        "func.func"() <{function_type = (tensor<64x32xf32>, tensor<32x16xf32>, tensor<64x16xf32>) -> tensor<64x16xf32>, sym_name = "other_name"}> ({
        ^entry(%a: tensor<64x32xf32> loc("x.py":1:2), %b: tensor<32x16xf32>, %c: tensor<64x16xf32>):
          %result = "linalg.matmul"(%a, %b, %c) <{operandSegmentSizes = array<i32: 2, 1>}> ({
          ^body(%x: f32, %y: f32, %acc: f32):
            %p = "arith.mulf"(%x, %y) : (f32, f32) -> f32 loc("model.py":10:4)
            %s = "arith.addf"(%acc, %p) : (f32, f32) -> f32 loc(unknown)
            "linalg.yield"(%s) : (f32) -> ()
          }) : (tensor<64x32xf32>, tensor<32x16xf32>, tensor<64x16xf32>) -> tensor<64x16xf32> loc(fused["a", "b"])
          "func.return"(%result) : (tensor<64x16xf32>) -> ()
        }) : () -> () loc("kernel.mlir":3:1)
        """;

    public const string MatmulWider = """
        "func.func"() <{function_type = (tensor<64x64xf32>, tensor<64x16xf32>, tensor<64x16xf32>) -> tensor<64x16xf32>, sym_name = "kernel"}> ({
        ^bb0(%in0: tensor<64x64xf32>, %in1: tensor<64x16xf32>, %in2: tensor<64x16xf32>):
          %0 = "linalg.matmul"(%in0, %in1, %in2) <{operandSegmentSizes = array<i32: 2, 1>}> ({
          ^bb0(%arg0: f32, %arg1: f32, %arg2: f32):
            %1 = "arith.mulf"(%arg0, %arg1) : (f32, f32) -> f32
            %2 = "arith.addf"(%arg2, %1) : (f32, f32) -> f32
            "linalg.yield"(%2) : (f32) -> ()
          }) : (tensor<64x64xf32>, tensor<64x16xf32>, tensor<64x16xf32>) -> tensor<64x16xf32>
          "func.return"(%0) : (tensor<64x16xf32>) -> ()
        }) : () -> ()
        """;

    public const string Conv = """
        "func.func"() <{function_type = (tensor<1x32x15x15xf16>, tensor<128x32x5x5xf16>, tensor<1x128x7x7xf16>) -> tensor<1x128x7x7xf16>, sym_name = "kernel"}> ({
        ^bb0(%in0: tensor<1x32x15x15xf16>, %in1: tensor<128x32x5x5xf16>, %in2: tensor<1x128x7x7xf16>):
          %0 = "linalg.conv_2d_nchw_fchw"(%in0, %in1, %in2) <{operandSegmentSizes = array<i32: 2, 1>}> ({
          ^bb0(%arg0: f16, %arg1: f16, %arg2: f16):
            %1 = "arith.mulf"(%arg0, %arg1) : (f16, f16) -> f16
            %2 = "arith.addf"(%arg2, %1) : (f16, f16) -> f16
            "linalg.yield"(%2) : (f16) -> ()
          }) {dilations = dense<2> : tensor<2xi64>, strides = dense<[1, 2]> : tensor<2xi64>} : (tensor<1x32x15x15xf16>, tensor<128x32x5x5xf16>, tensor<1x128x7x7xf16>) -> tensor<1x128x7x7xf16>
          "func.return"(%0) : (tensor<1x128x7x7xf16>) -> ()
        }) : () -> ()
        """;

    public const string FusedMatmulBiasSilu = """
        "func.func"() <{function_type = (tensor<49x196xbf16>, tensor<196x2xbf16>, tensor<2xbf16>, tensor<49x2xbf16>) -> tensor<49x2xbf16>, sym_name = "kernel"}> ({
        ^bb0(%in0: tensor<49x196xbf16>, %in1: tensor<196x2xbf16>, %in2: tensor<2xbf16>, %in3: tensor<49x2xbf16>):
          %0 = "arith.constant"() <{value = 0.000000e+00 : bf16}> : () -> bf16
          %1 = "tensor.empty"() : () -> tensor<49x2xbf16>
          %2 = "linalg.fill"(%0, %1) <{operandSegmentSizes = array<i32: 1, 1>}> ({
          ^bb0(%arg0: bf16, %arg1: bf16):
            "linalg.yield"(%arg0) : (bf16) -> ()
          }) : (bf16, tensor<49x2xbf16>) -> tensor<49x2xbf16>
          %3 = "linalg.matmul"(%in0, %in1, %2) <{operandSegmentSizes = array<i32: 2, 1>}> ({
          ^bb0(%arg2: bf16, %arg3: bf16, %arg4: bf16):
            %4 = "arith.mulf"(%arg2, %arg3) : (bf16, bf16) -> bf16
            %5 = "arith.addf"(%arg4, %4) : (bf16, bf16) -> bf16
            "linalg.yield"(%5) : (bf16) -> ()
          }) : (tensor<49x196xbf16>, tensor<196x2xbf16>, tensor<49x2xbf16>) -> tensor<49x2xbf16>
          %6 = "linalg.generic"(%3, %in2, %in3) <{indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = [#linalg.iterator_type<parallel>, #linalg.iterator_type<parallel>], operandSegmentSizes = array<i32: 2, 1>}> ({
          ^bb0(%arg5: bf16, %arg6: bf16, %arg7: bf16):
            %7 = "arith.addf"(%arg5, %arg6) : (bf16, bf16) -> bf16
            %8 = "arith.constant"() <{value = 1.000000e+00 : bf16}> : () -> bf16
            %9 = "arith.negf"(%7) : (bf16) -> bf16
            %10 = "math.exp"(%9) : (bf16) -> bf16
            %11 = "arith.addf"(%8, %10) : (bf16, bf16) -> bf16
            %12 = "arith.divf"(%7, %11) : (bf16, bf16) -> bf16
            "linalg.yield"(%12) : (bf16) -> ()
          }) : (tensor<49x2xbf16>, tensor<2xbf16>, tensor<49x2xbf16>) -> tensor<49x2xbf16>
          "func.return"(%6) : (tensor<49x2xbf16>) -> ()
        }) : () -> ()
        """;

    public const string Pad = """
        "func.func"() <{function_type = (tensor<49x24xbf16>) -> tensor<51x27xbf16>, sym_name = "kernel"}> ({
        ^bb0(%in0: tensor<49x24xbf16>):
          %0 = "arith.constant"() <{value = 0.000000e+00 : bf16}> : () -> bf16
          %1 = "tensor.pad"(%in0) <{operandSegmentSizes = array<i32: 1, 0, 0>, static_high = array<i64: 1, 2>, static_low = array<i64: 1, 1>}> ({
          ^bb0(%arg0: index, %arg1: index):
            "tensor.yield"(%0) : (bf16) -> ()
          }) : (tensor<49x24xbf16>) -> tensor<51x27xbf16>
          "func.return"(%1) : (tensor<51x27xbf16>) -> ()
        }) : () -> ()
        """;

    public const string IntegerMatmul = """
        "func.func"() <{function_type = (tensor<3x1xi8>, tensor<1x2xi8>, tensor<3x2xi32>) -> tensor<3x2xi32>, sym_name = "kernel"}> ({
        ^bb0(%in0: tensor<3x1xi8>, %in1: tensor<1x2xi8>, %in2: tensor<3x2xi32>):
          %0 = "linalg.matmul"(%in0, %in1, %in2) <{operandSegmentSizes = array<i32: 2, 1>}> ({
          ^bb0(%arg0: i8, %arg1: i8, %arg2: i32):
            %1 = "arith.extsi"(%arg0) : (i8) -> i32
            %2 = "arith.extsi"(%arg1) : (i8) -> i32
            %3 = "arith.muli"(%1, %2) : (i32, i32) -> i32
            %4 = "arith.addi"(%arg2, %3) : (i32, i32) -> i32
            "linalg.yield"(%4) : (i32) -> ()
          }) : (tensor<3x1xi8>, tensor<1x2xi8>, tensor<3x2xi32>) -> tensor<3x2xi32>
          "func.return"(%0) : (tensor<3x2xi32>) -> ()
        }) : () -> ()
        """;

    public const string TosaConv = """
        "func.func"() <{function_type = (tensor<1x5x5x16xf32>, tensor<120x5x5x16xf32>, tensor<120xf32>) -> tensor<1x1x1x120xf32>, sym_name = "kernel"}> ({
        ^bb0(%in0: tensor<1x5x5x16xf32>, %in1: tensor<120x5x5x16xf32>, %in2: tensor<120xf32>):
          %0 = "tosa.conv2d"(%in0, %in1, %in2) {dilation = array<i64: 1, 1>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>} : (tensor<1x5x5x16xf32>, tensor<120x5x5x16xf32>, tensor<120xf32>) -> tensor<1x1x1x120xf32>
          "func.return"(%0) : (tensor<1x1x1x120xf32>) -> ()
        }) : () -> ()
        """;

    public const string Collapse = """
        "func.func"() <{function_type = (tensor<1x14x14x1536xf32>) -> tensor<196x1536xf32>, sym_name = "kernel"}> ({
        ^bb0(%in0: tensor<1x14x14x1536xf32>):
          %0 = "tensor.collapse_shape"(%in0) <{reassociation = [[0, 1, 2], [3]]}> : (tensor<1x14x14x1536xf32>) -> tensor<196x1536xf32>
          "func.return"(%0) : (tensor<196x1536xf32>) -> ()
        }) : () -> ()
        """;

    /// <summary>An op of a dialect hwopt does not know, in custom syntax (read in tolerant mode).</summary>
    public const string UnknownDialect = """
        func.func @kernel(%a: tensor<4x8xf32>, %b: tensor<4x8xf32>) -> tensor<4x8xf32> {
          %0 = stablehlo.add %a, %b : tensor<4x8xf32>
          return %0 : tensor<4x8xf32>
        }
        """;

    public static readonly string[] All = [Matmul, MatmulRenamed, MatmulWider, Conv, FusedMatmulBiasSilu, Pad, IntegerMatmul, TosaConv, Collapse];
}
