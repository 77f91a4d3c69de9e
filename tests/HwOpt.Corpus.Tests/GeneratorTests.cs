namespace HwOpt.Corpus.Tests;

/// <summary>Options, file names, element types and the emitter's exact MLIR 19 spellings.</summary>
public sealed class GeneratorTests
{
    [Fact]
    public void ElementTypeOptionChangesEveryTensorAndTheFileName()
    {
        var m = ModelZoo.Generate("mlp", new ModelOptions(Element: ElementType.BF16));
        Assert.Equal("mlp_bf16.mlir", m.FileName);
        Assert.Contains("tensor<1x784xbf16>", m.Text);
        Assert.DoesNotContain("xf32>", m.Text);
        Assert.Contains("arith.constant 0.000000e+00 : bf16", m.Text);
    }

    [Fact]
    public void UnknownModelAndMissingTosaVariantAreArgumentErrors()
    {
        Assert.Throws<ArgumentException>(() => ModelZoo.Generate("alexnet", new ModelOptions()));
        Assert.Throws<ArgumentException>(() => ModelZoo.Generate("resnet50", new ModelOptions(Tosa: true)));
        Assert.Throws<ArgumentException>(() => ModelZoo.Generate("bert_base", new ModelOptions(Sequence: 0)));
    }

    [Fact]
    public void OptionsThatDoNotApplyAreIgnored()
    {
        var m = ModelZoo.Generate("resnet50", new ModelOptions(Sequence: 512, Layers: 3));
        Assert.Equal("resnet50.mlir", m.FileName);
        Assert.Equal(ModelZoo.Generate("resnet50", new ModelOptions()).Text, m.Text);
    }

    [Fact]
    public void SequenceOptionReachesInputsAndFileName()
    {
        var m = ModelZoo.Generate("gpt2_small", new ModelOptions(Sequence: 32, Layers: 1));
        Assert.Equal("gpt2_small_1layers_s32.mlir", m.FileName);
        Assert.Contains("%hidden_states: tensor<1x32x768xf32>", m.Text);
        Assert.Contains("tensor<1x12x32x32xf32>", m.Text);
    }

    [Fact]
    public void EmitterWritesMlir19Spellings()
    {
        var b = new MlirBuilder(ElementType.F32);
        var x = b.Input("x", 6, 4);
        var e = b.Reshape(x, [2, 3, 4]);
        var back = b.Reshape(e, [6, 4]);
        var p = b.Pad(b.Reshape(back, [1, 1, 6, 4]), [0, 0, 1, 1], [0, 0, 1, 1], 0);
        string text = b.Finish(["t"], p);
        Assert.Contains("tensor.expand_shape %x [[0, 1], [2]] output_shape [2, 3, 4] : tensor<6x4xf32> into tensor<2x3x4xf32>", text);
        Assert.Contains("tensor.collapse_shape %0 [[0, 1], [2]] : tensor<2x3x4xf32> into tensor<6x4xf32>", text);
        Assert.Contains("tensor.pad %2 low[0, 0, 1, 1] high[0, 0, 1, 1] {", text);
        Assert.Equal(0, b.ContractionFlops);
    }

    [Fact]
    public void BroadcastingMapsUseZeroForSizeOneDimsAndDropMissingLeadingDims()
    {
        var b = new MlirBuilder(ElementType.F32);
        var a = b.Input("a", 2, 3, 4);
        var c = b.Input("c", 3, 1);
        var r = b.Add(a, c);
        string text = b.Finish([], r);
        Assert.Contains("affine_map<(d0, d1, d2) -> (d1, 0)>", text);
        Assert.Equal(24, b.OtherFlops);
        Assert.Equal(new long[] { 2, 3, 4 }, r.Shape);
    }

    [Fact]
    public void ConvAndMatmulCountTwoFlopsPerMac()
    {
        var b = new MlirBuilder(ElementType.F16);
        var x = b.Input("x", 1, 3, 8, 8);
        var y = b.Conv2d(x, b.Weight("w", 4, 3, 3, 3), stride: 2, pad: 1);
        Assert.Equal(new long[] { 1, 4, 4, 4 }, y.Shape);
        Assert.Equal(2L * 4 * 4 * 4 * 3 * 3 * 3, b.ContractionFlops);
        Assert.Equal(108, b.Weights.Sum(w => w.Parameters));
        Assert.Contains("strides = dense<2> : tensor<2xi64>", b.Finish([], y));
    }

    [Fact]
    public void HalfPrecisionMathRunsInF32BetweenExtAndTrunc()
    {
        var m = ModelZoo.Generate("gpt2_small", new ModelOptions(Element: ElementType.F16, Layers: 1, Sequence: 8));
        Assert.Contains("math.tanh", m.Text);
        Assert.DoesNotContain(m.Text.Split('\n'), l => l.Contains("math.", StringComparison.Ordinal) && l.EndsWith(": f16", StringComparison.Ordinal));
        Assert.Contains(": f16 to f32", m.Text);
        Assert.Contains(": f32 to f16", m.Text);
    }
}
