using HwOpt.CostModel.Features;

namespace HwOpt.CostModel.Tests.Features;

public sealed class FeaturizerTests
{
    private static readonly Featurizer F = Featurizer.Default;

    private static float[] Features(string kernel) => F.Featurize(Featurizer.KernelBody(kernel));

    private static float Get(float[] values, string name)
    {
        int i = F.Schema.Names.ToList().IndexOf(name);
        Assert.True(i >= 0, "no feature " + name);
        return values[i];
    }

    private static float[] Text(float[] values) => values[..512];

    [Fact]
    public void SchemaHasUniqueNamesAndAShortVersion()
    {
        var schema = F.Schema;
        Assert.Equal(schema.Names.Count, schema.Count);
        Assert.Equal(schema.Count, schema.Names.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(schema.Count, schema.Channels.Sum(c => c.Features.Count));
        Assert.Equal("text_000", schema.Names[0]);
        Assert.Matches("^[0-9a-f]{12}$", schema.Version);
        Assert.True(schema.IsCompatibleWith(schema.Version));
        Assert.False(schema.IsCompatibleWith("000000000000"));
        Assert.Equal(schema.Count, Features(KernelSamples.Matmul).Length);
    }

    [Fact]
    public void SsaNamesBlockLabelsAndLocationsDoNotChangeFeatures()
    {
        Assert.Equal(Features(KernelSamples.Matmul), Features(KernelSamples.MatmulRenamed));
    }

    [Fact]
    public void DifferentShapesGiveDifferentFeatures()
    {
        var a = Features(KernelSamples.Matmul);
        var b = Features(KernelSamples.MatmulWider);
        Assert.NotEqual(Text(a), Text(b));
        Assert.NotEqual(Get(a, "flops_log2"), Get(b, "flops_log2"));
        Assert.Equal(Math.Log2(1 + 2.0 * 64 * 16 * 32), Get(a, "flops_log2"), 4);
    }

    [Fact]
    public void FeaturesAreDeterministicAcrossCallsAndInstances()
    {
        var ops = Featurizer.KernelBody(KernelSamples.FusedMatmulBiasSilu);
        var first = F.Featurize(ops);
        var again = F.Featurize(ops);
        var other = new Featurizer();
        Assert.Equal(first, again);
        Assert.Equal(first, other.Featurize(ops));
        Assert.Equal(F.Schema.Version, other.Schema.Version);
        Assert.Equal(F.Schema.Names, other.Schema.Names);
    }

    [Fact]
    public void FeaturizingFromManyThreadsGivesTheSameVectors()
    {
        var bodies = KernelSamples.All.Select(Featurizer.KernelBody).ToArray();
        var expected = bodies.Select(F.Featurize).ToArray();
        Parallel.For(0, 200, i =>
        {
            int k = i % bodies.Length;
            Assert.Equal(expected[k], F.Featurize(bodies[k]));
        });
    }

    [Fact]
    public void EveryDatasetStyleSampleParsesAndFeaturizes()
    {
        foreach (string kernel in KernelSamples.All)
        {
            var v = Features(kernel);
            Assert.Equal(F.Schema.Count, v.Length);
            Assert.Equal(1, Get(v, "work_known"));
            Assert.True(Text(v).Sum() > 0);
            Assert.All(Text(v), x => Assert.False(float.IsNaN(x)));
            Assert.Equal(0, Get(v, "any_opaque"));
        }
    }

    [Fact]
    public void NumericChannelsDescribeTheKernel()
    {
        var conv = Features(KernelSamples.Conv);
        Assert.Equal(1, Get(conv, "trait_contraction"));
        Assert.Equal(1, Get(conv, "stride_0"));
        Assert.Equal(2, Get(conv, "stride_1"));
        Assert.Equal(2, Get(conv, "dilation_0"));
        Assert.Equal(2, Get(conv, "dilation_1"));
        Assert.Equal(1, Get(conv, "compute_f16"));
        Assert.Equal(1, Get(conv, "has_f16"));
        Assert.Equal(16, Get(conv, "max_bit_width"));
        Assert.Equal(3, Get(conv, "argument_count"));
        Assert.Equal(1, Get(conv, "result_count"));
        Assert.Equal(1, Get(conv, "body_mul"));
        Assert.Equal(1, Get(conv, "body_add"));
        Assert.Equal(7, Get(conv, "loop_depth"));
        // Largest argument: the filter 128x32x5x5.
        Assert.Equal(4, Get(conv, "arg0_rank"));
        Assert.Equal(7, Get(conv, "arg0_dim0_log2"));
        Assert.True(float.IsNaN(Get(conv, "arg0_dim4_log2")));
        Assert.Equal(4, Get(conv, "result_rank"));

        var matmul = Features(KernelSamples.Matmul);
        Assert.True(float.IsNaN(Get(matmul, "stride_0")));

        var fused = Features(KernelSamples.FusedMatmulBiasSilu);
        Assert.Equal(5, Get(fused, "op_count"));
        Assert.Equal(1, Get(fused, "body_transcendental"));
        Assert.Equal(1, Get(fused, "body_div"));
        Assert.Equal(1, Get(fused, "trait_allocation"));
        Assert.Equal(4, Get(fused, "argument_count"));
        Assert.Equal(1, Get(fused, "compute_bf16"));

        var int8 = Features(KernelSamples.IntegerMatmul);
        Assert.Equal(1, Get(int8, "compute_i8")); // the multiplies consume i8 (widened by casts)
        Assert.Equal(0, Get(int8, "compute_i32"));
        Assert.Equal(2, Get(int8, "body_cast"));
        Assert.Equal(8, Get(int8, "min_bit_width"));
    }

    [Fact]
    public void TolerantModeOpOfAnUnknownDialectStillHasText()
    {
        var ops = Featurizer.KernelBody(KernelSamples.UnknownDialect);
        Assert.True(ops.Single().IsOpaque);
        var v = F.Featurize(ops);
        Assert.True(Text(v).Sum() > 0);
        Assert.Equal(1, Get(v, "any_opaque"));
        Assert.Equal(1, Get(v, "opaque_op_count"));
        Assert.Equal(0, Get(v, "work_known"));
        Assert.Equal(Math.Log2(1 + 2 * 128.0), Get(v, "bytes_read_log2"), 4);
    }

    [Fact]
    public void MalformedKernelTextIsAFormatExceptionWithTheDiagnostic()
    {
        var e = Assert.Throws<FormatException>(() => Featurizer.KernelBody("\"func.func\"() ({\n  %0 = \n}) : () -> ()"));
        Assert.Contains("HW1", e.Message);
        Assert.Throws<FormatException>(() => Featurizer.KernelBody("\"test.op\"() : () -> ()"));
    }

    [Fact]
    public void DestinationOfTheWrongLengthIsRejected()
    {
        var ops = Featurizer.KernelBody(KernelSamples.Matmul);
        Assert.Throws<ArgumentException>(() => F.Featurize(ops, new float[F.Schema.Count - 1]));
    }
}
