using System.Globalization;
using System.Text;

namespace HwOpt.CostModel.Features;

/// <summary>A group of features computed the same way, with the sentence that explains them.</summary>
/// <param name="Name">Channel name (e.g. <c>text</c>, <c>work</c>).</param>
/// <param name="Description">What the channel's values are, with units and encodings.</param>
/// <param name="Features">Feature names, in vector order.</param>
public sealed record FeatureChannel(string Name, string Description, IReadOnlyList<string> Features);

/// <summary>
/// The names and order of a featurizer's outputs. <see cref="Version"/> is a short hash of the names and of the
/// tokenizer constants (bucket count, hash function, token format revision): a model trained on vectors of another
/// version must be rejected by its loader (<see cref="IsCompatibleWith"/>).
/// </summary>
public sealed class FeatureSchema
{
    internal FeatureSchema(IReadOnlyList<FeatureChannel> channels, string constants)
    {
        Channels = channels;
        var names = new List<string>();
        foreach (var c in channels) names.AddRange(c.Features);
        Names = names;
        var text = new StringBuilder(constants);
        foreach (string n in names) text.Append('\n').Append(n);
        Version = TokenHasher.Hash(text.ToString()).ToString("x16", CultureInfo.InvariantCulture)[..12];
    }

    /// <summary>Feature names in vector order.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>Number of features (the length of every feature vector).</summary>
    public int Count => Names.Count;

    /// <summary>12 hex digits: FNV-1a 64 of the tokenizer constants and the names.</summary>
    public string Version { get; }

    /// <summary>The channels, in vector order (their features concatenated are <see cref="Names"/>).</summary>
    public IReadOnlyList<FeatureChannel> Channels { get; }

    /// <summary>True when vectors of a model trained with schema <paramref name="version"/> can be produced by this schema.</summary>
    /// <param name="version">The version recorded with the model.</param>
    public bool IsCompatibleWith(string? version) => string.Equals(version, Version, StringComparison.Ordinal);
}
