using HwOpt.Profiling;

namespace HwOpt.Profiling.Tests;

public sealed class StaticMetricsTests
{
    [Fact]
    public void CountsSpillsReloadsAndInstructionsInRealLlcOutput()
    {
        // Fixture: llc-19 -O3 assembly of a depthwise convolution on f16, which spills (f16 math is done in f32
        // registers with conversions, so register pressure is high). Expected counts are from grep on the fixture:
        // "byte Spill" / "byte Folded Spill" = 9, "byte Reload" / "byte Folded Reload" = 10, instruction lines = 394.
        var asm = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "depthwise_conv_f16.s"));
        var metrics = StaticMetrics.FromAssembly(asm);
        var k1 = metrics["k1"];
        Assert.Equal(9, k1.Spills);
        Assert.Equal(10, k1.Reloads);
        Assert.Equal(394, k1.Instructions);
    }

    [Fact]
    public void SeparatesFunctionsAndIgnoresDirectivesLabelsAndComments()
    {
        const string asm = "\t.type\tf,@function\nf:\n# %bb.0:\n\tmovq\t%rdi, -8(%rsp)                # 8-byte Spill\n\t.p2align\t4\n.LBB0_1:\n" +
                           "\taddl\t-8(%rsp), %eax                # 8-byte Folded Reload\n\tretq\n.Lfunc_end0:\n" +
                           "\t.type\tg,@function\ng:\n\tretq\n.Lfunc_end1:\n";
        var metrics = StaticMetrics.FromAssembly(asm);
        Assert.Equal(new FunctionMetrics(1, 1, 3, -1), metrics["f"]);
        Assert.Equal(new FunctionMetrics(0, 0, 1, -1), metrics["g"]);
        var sized = StaticMetrics.WithSizes(metrics, "0000000000000000 0000000000000010 T f\n0000000000000010 0000000000000001 T g\n");
        Assert.Equal(16, sized["f"].CodeSizeBytes);
        Assert.Equal(1, sized["g"].CodeSizeBytes);
    }

    [Fact]
    public void SampleStatisticsUseTukeyFencesForOutliers()
    {
        var s = SampleStatistics.Of([100, 101, 99, 100, 102, 98, 100, 400]);
        Assert.Equal(100, s.MedianNs);
        Assert.Equal(98, s.MinNs);
        Assert.Equal(1, s.Outliers);
        Assert.True(s.Cov > 0.5);
    }
}
