using HwOpt.Analysis.Work;
using static HwOpt.Analysis.Tests.Work.WorkTestSupport;

namespace HwOpt.Analysis.Tests.Work;

public sealed class LoopLocalityTests
{
    [Fact]
    public void MatmulWalksBDownAColumnInItsInnermostLoop()
    {
        // Loops (m, n, k), k innermost: A[m, k] moves 4 bytes, B[k, n] moves a row of N = 16 floats (64 bytes), C stays.
        var w = WorkEstimator.Estimate(Op("""
            func.func @f(%a: tensor<64x32xf32>, %b: tensor<32x16xf32>, %c: tensor<64x16xf32>) -> tensor<64x16xf32> {
              %0 = linalg.matmul ins(%a, %b : tensor<64x32xf32>, tensor<32x16xf32>) outs(%c : tensor<64x16xf32>) -> tensor<64x16xf32>
              return %0 : tensor<64x16xf32>
            }
            """));
        var l = Assert.IsType<LoopLocality>(w.Locality);
        Assert.Equal(64, l.InnerStrideBytes);
        Assert.Equal(1, l.StridedOperands);
        // k alone: a row of A (32 floats), a column of B (32 floats), one C element; (n, k): plus all of B and a row of C.
        Assert.Equal(4.0 * (32 + 32 + 1), l.FootprintBytes[0]);
        Assert.Equal(4.0 * (32 + 32 * 16 + 16), l.FootprintBytes[1]);
        Assert.Equal(4.0 * (64 * 32 + 32 * 16 + 64 * 16), l.FootprintBytes[2]);
    }

    [Fact]
    public void ATransposeReadsItsInputAcrossRows()
    {
        var w = WorkEstimator.Estimate(Op("""
            func.func @f(%a: tensor<128x256xf32>, %b: tensor<256x128xf32>) -> tensor<256x128xf32> {
              %0 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d1, d0)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%a : tensor<128x256xf32>) outs(%b : tensor<256x128xf32>) {
              ^bb0(%x: f32, %y: f32):
                linalg.yield %x : f32
              } -> tensor<256x128xf32>
              return %0 : tensor<256x128xf32>
            }
            """));
        var l = Assert.IsType<LoopLocality>(w.Locality);
        Assert.Equal(4.0 * 256, l.InnerStrideBytes);
        Assert.Equal(1, l.StridedOperands);
    }

    [Fact]
    public void UnknownOpsHaveNoLocality()
    {
        var w = WorkEstimator.Estimate(Op("""
            func.func @f(%a: tensor<8xf32>) -> tensor<8xf32> {
              %0 = "mystery.op"(%a) : (tensor<8xf32>) -> tensor<8xf32>
              return %0 : tensor<8xf32>
            }
            """));
        Assert.Null(w.Locality);
    }
}
