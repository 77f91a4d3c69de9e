using System.Globalization;
using HwOpt.Corpus.Models;

namespace HwOpt.Corpus;

/// <summary>A model the zoo can write: name, paper, published defaults and the builder.</summary>
/// <param name="Name">Zoo name and file stem, e.g. <c>resnet50</c>.</param>
/// <param name="Summary">One line on the architecture as generated.</param>
/// <param name="Citation">The paper.</param>
/// <param name="Defaults">The published configuration (batch 1).</param>
/// <param name="HasTosa">Whether a TOSA variant exists.</param>
/// <param name="Build">Writes the linalg variant into the builder and returns the result value.</param>
/// <param name="BuildTosa">Writes the TOSA variant (when <paramref name="HasTosa"/>).</param>
internal sealed record ModelDefinition(string Name, string Summary, Citation Citation, ModelConfig Defaults, bool HasTosa,
    Func<MlirBuilder, ModelConfig, TensorValue> Build, Func<MlirBuilder, ModelConfig, TensorValue>? BuildTosa = null);

/// <summary>
/// Real architectures written as MLIR 19 func + linalg-on-tensors (or TOSA) with weights as arguments of
/// <c>func.func @forward</c>. Every file opens with the citation and the configuration used.
/// </summary>
public static class ModelZoo
{
    private static readonly ModelDefinition[] Definitions =
    [
        new("resnet50", "ResNet-50 v1.5 (torchvision), bottleneck 3-4-6-3, batch norm in inference form, 1000 classes",
            new("Deep Residual Learning for Image Recognition", "K. He, X. Zhang, S. Ren, J. Sun", 2015, "arXiv:1512.03385"),
            new(1, 0, 224, ElementType.F32, 0, false), false, Cnn.ResNet50),
        new("mobilenet_v2", "MobileNetV2 1.0 (torchvision), inverted residuals, ReLU6, 1000 classes",
            new("MobileNetV2: Inverted Residuals and Linear Bottlenecks", "M. Sandler, A. Howard, M. Zhu, A. Zhmoginov, L.-C. Chen", 2018, "arXiv:1801.04381"),
            new(1, 0, 224, ElementType.F32, 0, false), false, Cnn.MobileNetV2),
        new("convnext_t", "ConvNeXt-T, depths 3-3-9-3, dims 96-768, 7x7 depthwise, LayerNorm, GELU, layer scale, 1000 classes",
            new("A ConvNet for the 2020s", "Z. Liu, H. Mao, C.-Y. Wu, C. Feichtenhofer, T. Darrell, S. Xie", 2022, "arXiv:2201.03545"),
            new(1, 0, 224, ElementType.F32, 0, false), false, Cnn.ConvNextT),
        new("bert_base", "BERT-base encoder: hidden 768, 12 heads, FFN 3072, exact GELU, post-LN; input is the embedding output",
            new("BERT: Pre-training of Deep Bidirectional Transformers for Language Understanding", "J. Devlin, M.-W. Chang, K. Lee, K. Toutanova", 2018, "arXiv:1810.04805"),
            new(1, 128, 0, ElementType.F32, 12, false), false, Transformers.Bert),
        new("gpt2_small", "GPT-2 small: hidden 768, 12 heads, MLP 3072, tanh GELU, pre-LN, causal mask; input is wte+wpe output, no LM head",
            new("Language Models are Unsupervised Multitask Learners", "A. Radford, J. Wu, R. Child, D. Luan, D. Amodei, I. Sutskever", 2019, "OpenAI technical report (no arXiv id)"),
            new(1, 128, 0, ElementType.F32, 12, false), false, Transformers.Gpt2),
        new("vit_b16", "ViT-B/16: patch 16 conv, cls token, position embeddings, hidden 768, 12 heads, MLP 3072, GELU, 1000 classes",
            new("An Image is Worth 16x16 Words: Transformers for Image Recognition at Scale", "A. Dosovitskiy, L. Beyer, A. Kolesnikov, D. Weissenborn, X. Zhai, T. Unterthiner, M. Dehghani, M. Minderer, G. Heigold, S. Gelly, J. Uszkoreit, N. Houlsby", 2020, "arXiv:2010.11929"),
            new(1, 0, 224, ElementType.F32, 12, false), false, Transformers.Vit),
        new("llama2_7b", "Llama-2-7B decoder layers: hidden 4096, 32 heads, SwiGLU FFN 11008, RMSNorm eps 1e-5, RoPE, causal; input is the embedding output, no LM head",
            new("Llama 2: Open Foundation and Fine-Tuned Chat Models", "H. Touvron, L. Martin, K. Stone, et al.", 2023, "arXiv:2307.09288"),
            new(1, 128, 0, ElementType.F32, 2, false), false, Transformers.Llama2),
        new("lenet5", "LeNet-5 (C1-S2-C3-S4-C5-F6-output, 61.7k parameters) in its common modern form: ReLU and 2x2 max pooling",
            new("Gradient-Based Learning Applied to Document Recognition", "Y. LeCun, L. Bottou, Y. Bengio, P. Haffner", 1998, "Proceedings of the IEEE 86(11)"),
            new(1, 0, 32, ElementType.F32, 0, false), true, Cnn.LeNet5, Cnn.LeNet5Tosa),
        new("mlp", "MLP 784-512-256-10 with ReLU (MNIST-sized classifier)",
            new("Learning representations by back-propagating errors", "D. E. Rumelhart, G. E. Hinton, R. J. Williams", 1986, "Nature 323"),
            new(1, 0, 0, ElementType.F32, 0, false), true, Cnn.Mlp, Cnn.MlpTosa),
    ];

    /// <summary>Model names, in the zoo's order.</summary>
    public static IReadOnlyList<string> Names { get; } = Definitions.Select(d => d.Name).ToArray();

    /// <summary>Names of models that have a TOSA variant.</summary>
    public static IReadOnlyList<string> TosaNames { get; } = Definitions.Where(d => d.HasTosa).Select(d => d.Name).ToArray();

    /// <summary>The files committed under <c>corpus/models</c>: every default model, TOSA, f16/bf16 and batch-8 variants.</summary>
    public static IReadOnlyList<(string Model, ModelOptions Options)> DefaultCorpus { get; } =
    [
        .. Definitions.Select(d => (d.Name, new ModelOptions())),
        ("lenet5", new ModelOptions(Tosa: true)),
        ("mlp", new ModelOptions(Tosa: true)),
        ("lenet5", new ModelOptions(Element: ElementType.F16)),
        ("mlp", new ModelOptions(Element: ElementType.BF16)),
        ("bert_base", new ModelOptions(Element: ElementType.F16)),
        ("mobilenet_v2", new ModelOptions(Batch: 8)),
    ];

    /// <summary>The published defaults of a model; null for an unknown name.</summary>
    public static ModelConfig? Defaults(string name) => Find(name)?.Defaults;

    /// <summary>
    /// Resolves <paramref name="options"/> against the model's defaults (options that do not apply, such as a sequence
    /// length for a CNN, are ignored) and writes the model.
    /// </summary>
    /// <exception cref="ArgumentException">Unknown model, a TOSA request for a model without one, or a non-positive size.</exception>
    public static GeneratedModel Generate(string name, ModelOptions options)
    {
        var def = Find(name) ?? throw new ArgumentException($"unknown model '{name}' (known: {string.Join(", ", Names)})", nameof(name));
        if (options.Tosa && !def.HasTosa) throw new ArgumentException($"model '{name}' has no TOSA variant (TOSA: {string.Join(", ", TosaNames)})", nameof(options));
        var d = def.Defaults;
        var config = new ModelConfig(
            options.Batch ?? d.Batch,
            d.Sequence == 0 ? 0 : options.Sequence ?? d.Sequence,
            d.Image == 0 ? 0 : options.Image ?? d.Image,
            options.Element ?? d.Element,
            d.Layers == 0 ? 0 : options.Layers ?? d.Layers,
            options.Tosa);
        if (config.Batch <= 0 || config.Sequence < 0 || config.Image < 0 || config.Layers < 0
            || (d.Sequence > 0 && config.Sequence == 0) || (d.Image > 0 && config.Image == 0) || (d.Layers > 0 && config.Layers == 0))
        {
            throw new ArgumentException("batch, sequence, image and layers must be positive", nameof(options));
        }
        var builder = new MlirBuilder(config.Element);
        var result = (config.Tosa ? def.BuildTosa! : def.Build)(builder, config);
        string file = FileName(def, config);
        var header = Header(def, config, file, builder);
        string text = builder.Finish(header, result);
        return new GeneratedModel(file, def.Name, text, config, def.Citation, builder.ContractionFlops, builder.OtherFlops, builder.OpCount, builder.Weights);
    }

    private static ModelDefinition? Find(string name) => Definitions.FirstOrDefault(d => d.Name == name);

    private static string FileName(ModelDefinition def, ModelConfig c)
    {
        var d = def.Defaults;
        var inv = CultureInfo.InvariantCulture;
        string stem = def.Name;
        if (def.Name == "llama2_7b") stem += string.Create(inv, $"_{c.Layers}layers");
        else if (c.Layers != d.Layers) stem += string.Create(inv, $"_{c.Layers}layers");
        if (c.Tosa) stem += "_tosa";
        if (c.Element != ElementType.F32) stem += "_" + c.Element.Mlir();
        if (c.Batch != d.Batch) stem += string.Create(inv, $"_b{c.Batch}");
        if (c.Sequence != d.Sequence) stem += string.Create(inv, $"_s{c.Sequence}");
        if (c.Image != d.Image) stem += string.Create(inv, $"_{c.Image}px");
        return stem + ".mlir";
    }

    private static List<string> Header(ModelDefinition def, ModelConfig c, string file, MlirBuilder b)
    {
        var inv = CultureInfo.InvariantCulture;
        var parts = new List<string> { string.Create(inv, $"batch={c.Batch}") };
        if (c.Sequence > 0) parts.Add(string.Create(inv, $"seq={c.Sequence}"));
        if (c.Image > 0) parts.Add(string.Create(inv, $"image={c.Image}x{c.Image}"));
        if (c.Layers > 0) parts.Add(string.Create(inv, $"layers={c.Layers}"));
        parts.Add("dtype=" + c.Element.Mlir());
        parts.Add(c.Tosa ? "dialect=tosa" : "dialect=linalg");
        long parameters = b.Weights.Sum(w => w.Parameters);
        return
        [
            $"{file}: {def.Summary}.",
            $"Source: {def.Citation}.",
            $"Config: {string.Join(", ", parts)}.",
            string.Create(inv, $"Counted by the generator: {b.ContractionFlops} contraction FLOPs (2 x MACs), {b.OtherFlops} other FLOPs, {parameters} parameters in {b.Weights.Count} weight arguments, {b.OpCount} ops in @forward."),
            "Weights are function arguments (no weight data). Generated by `hwopt corpus generate`; do not edit by hand.",
        ];
    }
}
