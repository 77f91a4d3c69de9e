using HwOpt.Analysis.Work;
using static HwOpt.Analysis.Tests.Work.WorkTestSupport;

namespace HwOpt.Analysis.Tests.Work;

public sealed class WorkEstimatorTests
{
    [Fact]
    public void MatmulIsTwoMnkFlopsAndReadsItsAccumulator()
    {
        const int M = 64, K = 32, N = 16;
        var w = WorkEstimator.Estimate(Op("""
            func.func @f(%a: tensor<64x32xf32>, %b: tensor<32x16xf32>, %c: tensor<64x16xf32>) -> tensor<64x16xf32> {
              %0 = linalg.matmul ins(%a, %b : tensor<64x32xf32>, tensor<32x16xf32>) outs(%c : tensor<64x16xf32>) -> tensor<64x16xf32>
              return %0 : tensor<64x16xf32>
            }
            """));
        Assert.True(w.Known);
        Assert.Equal(2.0 * M * N * K, w.Flops);
        // A, B and the accumulator C (the mul-add body reads it) are read; C is written.
        Assert.Equal(4.0 * (M * K + K * N + M * N), w.BytesRead);
        Assert.Equal(4.0 * M * N, w.BytesWritten);
        Assert.Equal((double)M * N * K, w.IterationPoints);
        Assert.Equal(K, w.ReductionPoints);
        Assert.Equal(3, w.LoopDepth);
        Assert.Equal("f32", w.ComputeType);
        Assert.Equal(w.Flops / (w.BytesRead + w.BytesWritten), w.ArithmeticIntensity);
    }

    [Fact]
    public void IntegerMatmulComputesInItsInputType()
    {
        var w = WorkEstimator.Estimate(Op("""
            "func.func"() <{function_type = (tensor<3x5xi8>, tensor<5x2xi8>, tensor<3x2xi32>) -> tensor<3x2xi32>, sym_name = "kernel"}> ({
            ^bb0(%in0: tensor<3x5xi8>, %in1: tensor<5x2xi8>, %in2: tensor<3x2xi32>):
              %0 = "linalg.matmul"(%in0, %in1, %in2) <{operandSegmentSizes = array<i32: 2, 1>}> ({
              ^bb0(%arg0: i8, %arg1: i8, %arg2: i32):
                %1 = "arith.extsi"(%arg0) : (i8) -> i32
                %2 = "arith.extsi"(%arg1) : (i8) -> i32
                %3 = "arith.muli"(%1, %2) : (i32, i32) -> i32
                %4 = "arith.addi"(%arg2, %3) : (i32, i32) -> i32
                "linalg.yield"(%4) : (i32) -> ()
              }) : (tensor<3x5xi8>, tensor<5x2xi8>, tensor<3x2xi32>) -> tensor<3x2xi32>
              "func.return"(%0) : (tensor<3x2xi32>) -> ()
            }) : () -> ()
            """));
        Assert.True(w.Known);
        Assert.Equal(2.0 * 3 * 2 * 5, w.Flops); // the two casts count no FLOPs
        Assert.Equal("i8", w.ComputeType); // MAC units run at the width the multiplies consume (casts looked through)
        Assert.Equal(15 + 10 + 4 * 6, w.BytesRead); // i8 inputs are one byte per element
    }

    [Fact]
    public void StridedConvolutionTakesOutputLoopsFromTheOutputAndWindowFromTheFilter()
    {
        // N=1, OH=OW=8, F=16, KH=KW=3, C=8, stride 2: input 17 = (8-1)*2 + 3.
        var w = WorkEstimator.Estimate(Op("""
            func.func @f(%i: tensor<1x17x17x8xf32>, %k: tensor<3x3x8x16xf32>, %o: tensor<1x8x8x16xf32>) -> tensor<1x8x8x16xf32> {
              %0 = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>}
                ins(%i, %k : tensor<1x17x17x8xf32>, tensor<3x3x8x16xf32>) outs(%o : tensor<1x8x8x16xf32>) -> tensor<1x8x8x16xf32>
              return %0 : tensor<1x8x8x16xf32>
            }
            """));
        Assert.True(w.Known);
        Assert.Equal(2.0 * 1 * 8 * 8 * 16 * 3 * 3 * 8, w.Flops);
        Assert.Equal(3 * 3 * 8, w.ReductionPoints);
        Assert.Equal(7, w.LoopDepth);
        Assert.Equal(4.0 * (17 * 17 * 8 + 3 * 3 * 8 * 16 + 8 * 8 * 16), w.BytesRead);
        Assert.Equal(4.0 * 8 * 8 * 16, w.BytesWritten);
    }

    [Fact]
    public void DepthwiseConvolutionHasNoChannelReduction()
    {
        var w = WorkEstimator.Estimate(Op("""
            "func.func"() <{function_type = (tensor<1x70x70x64xf32>, tensor<7x7x64xf32>, tensor<1x64x64x64xf32>) -> tensor<1x64x64x64xf32>, sym_name = "kernel"}> ({
            ^bb0(%in0: tensor<1x70x70x64xf32>, %in1: tensor<7x7x64xf32>, %in2: tensor<1x64x64x64xf32>):
              %0 = "linalg.depthwise_conv_2d_nhwc_hwc"(%in0, %in1, %in2) <{operandSegmentSizes = array<i32: 2, 1>}> ({
              ^bb0(%arg0: f32, %arg1: f32, %arg2: f32):
                %1 = "arith.mulf"(%arg0, %arg1) : (f32, f32) -> f32
                %2 = "arith.addf"(%arg2, %1) : (f32, f32) -> f32
                "linalg.yield"(%2) : (f32) -> ()
              }) {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} : (tensor<1x70x70x64xf32>, tensor<7x7x64xf32>, tensor<1x64x64x64xf32>) -> tensor<1x64x64x64xf32>
              "func.return"(%0) : (tensor<1x64x64x64xf32>) -> ()
            }) : () -> ()
            """));
        Assert.True(w.Known);
        Assert.Equal(2.0 * 64 * 64 * 64 * 7 * 7, w.Flops);
        Assert.Equal(49, w.ReductionPoints);
    }

    [Fact]
    public void MaxPoolingDoesNotReadItsWindowShapeOperand()
    {
        var w = WorkEstimator.Estimate(Op("""
            func.func @f(%i: tensor<1x8x8x3xf32>, %win: tensor<2x2xf32>, %o: tensor<1x4x4x3xf32>) -> tensor<1x4x4x3xf32> {
              %0 = linalg.pooling_nhwc_max {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>}
                ins(%i, %win : tensor<1x8x8x3xf32>, tensor<2x2xf32>) outs(%o : tensor<1x4x4x3xf32>) -> tensor<1x4x4x3xf32>
              return %0 : tensor<1x4x4x3xf32>
            }
            """));
        Assert.True(w.Known);
        Assert.Equal(4.0 * 4 * 3 * 2 * 2, w.Flops); // one maximumf per window element
        Assert.Equal(4.0 * (8 * 8 * 3 + 4 * 4 * 3), w.BytesRead); // input and the running maximum; not the 2x2 window tensor
        Assert.Equal(4, w.ReductionPoints);
    }

    [Fact]
    public void GenericReadsItsMapsAndIteratorTypes()
    {
        var w = WorkEstimator.Estimate(Op("""
            #in = affine_map<(d0, d1) -> (d0, d1)>
            #out = affine_map<(d0, d1) -> (d0)>
            func.func @f(%x: tensor<128x256xf16>, %acc: tensor<128xf16>) -> tensor<128xf16> {
              %0 = linalg.generic {indexing_maps = [#in, #out], iterator_types = ["parallel", "reduction"]}
                  ins(%x : tensor<128x256xf16>) outs(%acc : tensor<128xf16>) {
              ^bb0(%a: f16, %s: f16):
                %e = math.exp %a : f16
                %t = arith.addf %s, %e : f16
                linalg.yield %t : f16
              } -> tensor<128xf16>
              return %0 : tensor<128xf16>
            }
            """));
        Assert.True(w.Known);
        Assert.Equal(2.0 * 128 * 256, w.Flops);
        Assert.Equal(128.0 * 256, w.Transcendentals);
        Assert.Equal(256, w.ReductionPoints);
        Assert.Equal("f16", w.ComputeType);
        Assert.Equal(2.0 * (128 * 256 + 128), w.BytesRead);
    }

    [Fact]
    public void ElementwiseOpDoesNotReadItsInit()
    {
        var w = WorkEstimator.Estimate(Op("""
            func.func @f(%x: tensor<4x8xf32>, %init: tensor<4x8xf32>) -> tensor<4x8xf32> {
              %0 = linalg.exp ins(%x : tensor<4x8xf32>) outs(%init : tensor<4x8xf32>) -> tensor<4x8xf32>
              return %0 : tensor<4x8xf32>
            }
            """));
        Assert.True(w.Known);
        Assert.Equal(32, w.Flops);
        Assert.Equal(32, w.Transcendentals);
        Assert.Equal(128, w.BytesRead);
        Assert.Equal(128, w.BytesWritten);
        Assert.Equal(32, w.IterationPoints);
        Assert.Equal(1, w.ReductionPoints);
    }

    [Fact]
    public void FusedMatmulBiasActivationPaysNoTrafficForItsIntermediates()
    {
        var ops = Body("""
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
            """);
        Assert.Equal(["arith.constant", "tensor.empty", "linalg.fill", "linalg.matmul", "linalg.generic"], ops.Select(o => o.Name));
        var w = WorkEstimator.EstimateGroup(ops);
        Assert.True(w.Known);
        const double M = 49, K = 196, N = 2;
        Assert.Equal(2 * M * N * K + 5 * M * N, w.Flops);
        Assert.Equal(M * N, w.Transcendentals);
        Assert.Equal(M * N, w.Divisions);
        // Read: A, B and the bias; the filled accumulator and the matmul result stay inside; %in3 is an unread init.
        Assert.Equal(2 * (M * K + K * N + N), w.BytesRead);
        Assert.Equal(2 * M * N, w.BytesWritten);
        Assert.Equal(K, w.ReductionPoints);
        Assert.Equal("bf16", w.ComputeType);
        Assert.Equal(M * N + M * N * K + M * N, w.IterationPoints);

        // Each op alone pays for its own operands.
        double alone = ops.Sum(o => WorkEstimator.Estimate(o).Bytes);
        Assert.True(alone > w.Bytes);
    }

    [Fact]
    public void DynamicDimsMakeTheEstimateUnknown()
    {
        var w = WorkEstimator.Estimate(Op("""
            func.func @f(%a: tensor<?x32xf32>, %b: tensor<32x16xf32>, %c: tensor<?x16xf32>) -> tensor<?x16xf32> {
              %0 = linalg.matmul ins(%a, %b : tensor<?x32xf32>, tensor<32x16xf32>) outs(%c : tensor<?x16xf32>) -> tensor<?x16xf32>
              return %0 : tensor<?x16xf32>
            }
            """));
        Assert.False(w.Known);
        Assert.Equal(0, w.Flops);
        Assert.Equal(4.0 * 32 * 16, w.BytesRead); // what is static is still counted
    }

    [Fact]
    public void UnknownDialectOpIsUnknownWithBytesFromItsTypes()
    {
        var ops = Body("""
            func.func @f(%a: tensor<4x8xf32>, %b: tensor<4x8xf32>) -> tensor<4x8xf32> {
              %0 = stablehlo.add %a, %b : tensor<4x8xf32>
              return %0 : tensor<4x8xf32>
            }
            """);
        Assert.True(ops[0].IsOpaque);
        var w = WorkEstimator.EstimateGroup(ops);
        Assert.False(w.Known);
        Assert.Equal(0, w.Flops);
        Assert.Equal(2 * 128, w.BytesRead);
        Assert.Equal(128, w.BytesWritten);
        Assert.Equal("f32", w.ComputeType);
    }

    [Fact]
    public void SliceReadsOnlyTheSliceAndReshapesMoveNothing()
    {
        var ops = Body("""
            "func.func"() <{function_type = (tensor<3072xf32>) -> tensor<1536x1xf32>, sym_name = "kernel"}> ({
            ^bb0(%in0: tensor<3072xf32>):
              %0 = "tensor.extract_slice"(%in0) <{operandSegmentSizes = array<i32: 1, 0, 0, 0>, static_offsets = array<i64: 768>, static_sizes = array<i64: 1536>, static_strides = array<i64: 1>}> : (tensor<3072xf32>) -> tensor<1536xf32>
              %1 = "tensor.expand_shape"(%0) <{reassociation = [[0, 1]], static_output_shape = array<i64: 1536, 1>}> : (tensor<1536xf32>) -> tensor<1536x1xf32>
              "func.return"(%1) : (tensor<1536x1xf32>) -> ()
            }) : () -> ()
            """);
        var slice = WorkEstimator.Estimate(ops[0]);
        Assert.True(slice.Known);
        Assert.Equal(4 * 1536, slice.BytesRead);
        Assert.Equal(4 * 1536, slice.BytesWritten);
        Assert.Equal(0, slice.Flops);
        var view = WorkEstimator.Estimate(ops[1]);
        Assert.True(view.Known);
        Assert.Equal(0, view.Bytes);
        var group = WorkEstimator.EstimateGroup(ops);
        Assert.Equal(4 * 1536, group.BytesRead);
        Assert.Equal(0, group.BytesWritten); // the escaping value is a view: nothing written by it
    }

    [Fact]
    public void TosaOpsUseTheirCatalogueMaps()
    {
        var ops = Body("""
            "func.func"() <{function_type = (tensor<1x84xf32>, tensor<10x84xf32>, tensor<10xf32>, tensor<1x28x28x6xf32>) -> (tensor<1x10xf32>, tensor<1x14x14x6xf32>), sym_name = "kernel"}> ({
            ^bb0(%in0: tensor<1x84xf32>, %in1: tensor<10x84xf32>, %in2: tensor<10xf32>, %in3: tensor<1x28x28x6xf32>):
              %0 = "tosa.fully_connected"(%in0, %in1, %in2) : (tensor<1x84xf32>, tensor<10x84xf32>, tensor<10xf32>) -> tensor<1x10xf32>
              %1 = "tosa.max_pool2d"(%in3) {kernel = array<i64: 2, 2>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 2, 2>} : (tensor<1x28x28x6xf32>) -> tensor<1x14x14x6xf32>
              %2 = "tosa.clamp"(%0) {max_fp = 6.0 : f32, max_int = 6 : i64, min_fp = 0.0 : f32, min_int = 0 : i64} : (tensor<1x10xf32>) -> tensor<1x10xf32>
              "func.return"(%2, %1) : (tensor<1x10xf32>, tensor<1x14x14x6xf32>) -> ()
            }) : () -> ()
            """);
        var fc = WorkEstimator.Estimate(ops[0]);
        Assert.True(fc.Known);
        Assert.Equal(2.0 * 10 * 84, fc.Flops);
        Assert.Equal(84, fc.ReductionPoints);
        var pool = WorkEstimator.Estimate(ops[1]);
        Assert.True(pool.Known);
        Assert.Equal(14.0 * 14 * 6 * 4, pool.Flops); // window 2x2 from the kernel attribute
        var clamp = WorkEstimator.Estimate(ops[2]);
        Assert.Equal(20, clamp.Flops);
        Assert.True(clamp.Known);
    }

    [Fact]
    public void MemrefMatmulWritesItsOutputOperand()
    {
        var w = WorkEstimator.Estimate(Op("""
            func.func @f(%a: memref<8x4xf32>, %b: memref<4x2xf32>, %c: memref<8x2xf32>) {
              linalg.matmul ins(%a, %b : memref<8x4xf32>, memref<4x2xf32>) outs(%c : memref<8x2xf32>)
              return
            }
            """));
        Assert.True(w.Known);
        Assert.Equal(2.0 * 8 * 2 * 4, w.Flops);
        Assert.Equal(4.0 * (32 + 8 + 16), w.BytesRead);
        Assert.Equal(4.0 * 16, w.BytesWritten);
    }

    [Fact]
    public void EmptyGroupIsZero() => Assert.Same(WorkEstimate.Zero, WorkEstimator.EstimateGroup([]));
}
