using HwOpt.Syntax.Custom;

namespace HwOpt.Syntax;

/// <summary>
/// The op traits declared in <c>dialects/*.yaml</c> (vocabulary in <c>dialects/README.md</c>: elementwise, broadcast,
/// reduction, contraction, data-movement, constant, control-flow, terminator, allocation, symbol, opaque).
/// Code asks traits; it does not compare op names.
/// </summary>
public static class DialectTraits
{
    /// <summary>The traits of an op (empty when the op is not in the catalogue).</summary>
    /// <param name="opName">Full op name, e.g. <c>linalg.matmul</c>.</param>
    public static IReadOnlyList<string> Of(string opName) =>
        DialectCatalog.Ops.TryGetValue(opName, out var entry) ? entry.Traits : Array.Empty<string>();

    /// <summary>True when the op declares the trait.</summary>
    /// <param name="opName">Full op name.</param>
    /// <param name="trait">Trait name as written in the YAML files.</param>
    public static bool Has(string opName, string trait) => Of(opName).Contains(trait, StringComparer.Ordinal);

    /// <summary>True when the catalogue knows the op.</summary>
    public static bool Knows(string opName) => DialectCatalog.Ops.ContainsKey(opName);
}
