namespace HwOpt.Corpus.Tests;

/// <summary>FLOPs and parameter counts of the default configurations against the published numbers.</summary>
public sealed class PublishedNumbersTests
{
    private static GeneratedModel Gen(string name, ModelOptions? options = null) => ModelZoo.Generate(name, options ?? new ModelOptions());

    private static long Params(GeneratedModel m, Func<WeightInfo, bool> which) => m.Weights.Where(which).Sum(w => w.Parameters);

    private static void Near(double expected, double actual, double relTolerance, string what) =>
        Assert.True(Math.Abs(actual - expected) <= relTolerance * expected, $"{what}: expected {expected:E4} +- {relTolerance:P0}, got {actual:E4}");

    [Fact]
    public void ResNet50Is4Point1GMacsAnd25Point6MParameters()
    {
        var m = Gen("resnet50");
        Near(4.1e9, m.ContractionFlops / 2.0, 0.03, "ResNet-50 MACs (He et al. Table 1: 3.8e9 FLOPs counted as MACs; 4.1e9 for v1.5)");
        // torchvision resnet50: 25,557,032 trainable parameters (running statistics are buffers, not parameters).
        Assert.Equal(25_557_032, Params(m, w => !w.Name.EndsWith("_bn_mean", StringComparison.Ordinal) && !w.Name.EndsWith("_bn_var", StringComparison.Ordinal)));
    }

    [Fact]
    public void MobileNetV2Is300MMacsAnd3Point5MParameters()
    {
        var m = Gen("mobilenet_v2");
        Near(300e6, m.ContractionFlops / 2.0, 0.03, "MobileNetV2 MACs (Sandler et al. Table 4: 300M)");
        Assert.Equal(3_504_872, Params(m, w => !w.Name.EndsWith("_bn_mean", StringComparison.Ordinal) && !w.Name.EndsWith("_bn_var", StringComparison.Ordinal)));
    }

    [Fact]
    public void ConvNextTIs4Point5GMacsAnd28Point6MParameters()
    {
        var m = Gen("convnext_t");
        Near(4.5e9, m.ContractionFlops / 2.0, 0.03, "ConvNeXt-T MACs (Liu et al. Table 1: 4.5G FLOPs counted as MACs)");
        Assert.Equal(28_589_128, m.Parameters);
    }

    [Fact]
    public void VitB16Is17Point6GMacsAnd86Point6MParameters()
    {
        var m = Gen("vit_b16");
        Near(17.6e9, m.ContractionFlops / 2.0, 0.03, "ViT-B/16 MACs at 224 (Dosovitskiy et al.: 55.5 GFLOPs at 384 -> 17.6 at 224)");
        Assert.Equal(86_567_656, m.Parameters);
    }

    [Fact]
    public void BertBaseEncoderLayersHold85MParameters()
    {
        var m = Gen("bert_base");
        Near(85e6, m.Parameters, 0.01, "BERT-base encoder parameters (110M minus 23.8M embeddings and 0.6M pooler)");
        Assert.Equal(12 * 7_087_872L, m.Parameters);
        // Per token per layer: 4*768^2 + 2*768*3072 MACs, plus S*768*2 for QK^T and PV.
        Near(12 * 128 * (4 * 768 * 768 + 2 * 768 * 3072 + 2 * 128 * 768.0), m.ContractionFlops / 2.0, 1e-9, "BERT-base MACs at seq 128");
    }

    [Fact]
    public void Gpt2SmallHolds85MNonEmbeddingParameters()
    {
        var m = Gen("gpt2_small");
        Near(85e6, m.Parameters, 0.01, "GPT-2 small non-embedding parameters (124M minus 38.6M wte and 0.8M wpe)");
    }

    [Fact]
    public void Llama2LayerHolds202MParameters()
    {
        var m = Gen("llama2_7b");
        Assert.Equal(2, m.Config.Layers);
        long layer0 = Params(m, w => w.Name.StartsWith("layers0_", StringComparison.Ordinal));
        Near(202e6, layer0, 0.01, "Llama-2-7B parameters per decoder layer");
        Assert.Equal(4 * 4096L * 4096 + 3 * 4096L * 11008 + 2 * 4096, layer0);
        Assert.Equal(2 * layer0 + 4096, m.Parameters);
    }

    [Fact]
    public void Llama2WithAll32LayersHas6Point5BNonEmbeddingParameters()
    {
        var m = Gen("llama2_7b", new ModelOptions(Layers: 32));
        Assert.Equal("llama2_7b_32layers.mlir", m.FileName);
        // 6.74B total minus 2 x 32000 x 4096 for the embedding table and the LM head.
        Near(6.74e9 - 2 * 32000 * 4096.0, m.Parameters, 0.01, "Llama-2-7B non-embedding parameters");
    }

    [Fact]
    public void SmallModelsMatchTheirLayerArithmetic()
    {
        var lenet = Gen("lenet5");
        Assert.Equal(61_706, lenet.Parameters);
        Assert.Equal(2L * (6 * 28 * 28 * 25 + 16 * 10 * 10 * 150 + 120 * 400 + 120 * 84 + 84 * 10), lenet.ContractionFlops);
        var mlp = Gen("mlp");
        Assert.Equal(784L * 512 + 512 + 512 * 256 + 256 + 256 * 10 + 10, mlp.Parameters);
        Assert.Equal(2L * (784 * 512 + 512 * 256 + 256 * 10), mlp.ContractionFlops);
    }

    [Fact]
    public void TosaVariantsCountLikeTheLinalgOnes()
    {
        foreach (var name in ModelZoo.TosaNames)
        {
            var linalg = Gen(name);
            var tosa = Gen(name, new ModelOptions(Tosa: true));
            Assert.Equal(linalg.Parameters, tosa.Parameters);
            Assert.Equal(linalg.ContractionFlops, tosa.ContractionFlops);
            Assert.Contains("tosa.fully_connected", tosa.Text);
            Assert.DoesNotContain("linalg.", tosa.Text);
        }
    }

    [Fact]
    public void BatchScalesFlopsLinearly()
    {
        var one = Gen("mobilenet_v2");
        var eight = Gen("mobilenet_v2", new ModelOptions(Batch: 8));
        Assert.Equal("mobilenet_v2_b8.mlir", eight.FileName);
        Assert.Equal(8 * one.ContractionFlops, eight.ContractionFlops);
        Assert.Equal(one.Parameters, eight.Parameters);
        Assert.Contains("%input: tensor<8x3x224x224xf32>", eight.Text);
    }
}
