namespace HwOpt.Corpus;

/// <summary>A publication a model follows.</summary>
/// <param name="Title">Paper title.</param>
/// <param name="Authors">Author list as published (abbreviated with "et al." when long).</param>
/// <param name="Year">Year of the first arXiv version (or of publication when there is none).</param>
/// <param name="Source">arXiv id (<c>arXiv:1512.03385</c>) or venue.</param>
public sealed record Citation(string Title, string Authors, int Year, string Source)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Authors}, \"{Title}\", {Year}, {Source}";
}

/// <summary>A model's configuration: every option of <c>hwopt corpus generate</c>, resolved against the model's defaults.</summary>
/// <param name="Batch">Batch size N.</param>
/// <param name="Sequence">Sequence length in tokens (transformers over text); 0 when not applicable.</param>
/// <param name="Image">Input height = width in pixels (vision models); 0 when not applicable.</param>
/// <param name="Element">Element type of activations and weights.</param>
/// <param name="Layers">Transformer layers (blocks); 0 when not applicable.</param>
/// <param name="Tosa">Write the TOSA variant instead of linalg (LeNet-5 and MLP only).</param>
public sealed record ModelConfig(int Batch, int Sequence, int Image, ElementType Element, int Layers, bool Tosa);

/// <summary>Options given by the user; null means the model's default (the published configuration).</summary>
/// <param name="Batch">Batch size.</param>
/// <param name="Sequence">Sequence length.</param>
/// <param name="Image">Image size in pixels.</param>
/// <param name="Element">Element type.</param>
/// <param name="Layers">Number of transformer layers.</param>
/// <param name="Tosa">TOSA variant.</param>
public sealed record ModelOptions(int? Batch = null, int? Sequence = null, int? Image = null, ElementType? Element = null, int? Layers = null, bool Tosa = false);

/// <summary>One generated model file and what the generator counted while writing it.</summary>
/// <param name="FileName">File name, e.g. <c>resnet50.mlir</c>.</param>
/// <param name="Model">Model name in the zoo, e.g. <c>resnet50</c>.</param>
/// <param name="Text">The MLIR module text.</param>
/// <param name="Config">The configuration used.</param>
/// <param name="Citation">The paper the architecture follows.</param>
/// <param name="ContractionFlops">2 x multiply-accumulates of matmuls and convolutions.</param>
/// <param name="OtherFlops">Elementwise, reduction and pooling FLOPs.</param>
/// <param name="OpCount">Ops in <c>@forward</c> (not counting region bodies).</param>
/// <param name="Weights">Weight arguments with shapes.</param>
public sealed record GeneratedModel(string FileName, string Model, string Text, ModelConfig Config, Citation Citation,
    long ContractionFlops, long OtherFlops, int OpCount, IReadOnlyList<WeightInfo> Weights)
{
    /// <summary>All FLOPs counted.</summary>
    public long TotalFlops => ContractionFlops + OtherFlops;

    /// <summary>Parameters: elements of all weight arguments.</summary>
    public long Parameters => Weights.Sum(w => w.Parameters);
}
