using System.Globalization;
using HwOpt.Syntax.Custom;

namespace HwOpt.Syntax;

/// <summary>How an op's work is derived (the <c>kind</c> of its <c>work</c> entry in <c>dialects/*.yaml</c>).</summary>
public enum WorkKind
{
    /// <summary>
    /// A loop nest given by indexing maps (from <see cref="OpWorkSpec.Maps"/>, or, when the entry has none, from the
    /// op's <c>indexing_maps</c> / <c>iterator_types</c> attributes as on <c>linalg.generic</c>).
    /// </summary>
    Structured,
    /// <summary>One iteration per element of the largest result (a scalar op: one iteration).</summary>
    Elementwise,
    /// <summary>One iteration per element of the first operand; the dims named by the attribute <see cref="OpWorkSpec.Reduced"/> are reduced.</summary>
    Reduction,
    /// <summary>Copies elements: no arithmetic; what is read is said by <see cref="OpWorkSpec.Moves"/>.</summary>
    DataMovement,
    /// <summary>A new view of the same buffer (reshape, cast, subview): no arithmetic, no traffic.</summary>
    View,
    /// <summary>No work at run time (index queries, iteration indices).</summary>
    None,
}

/// <summary>Which elements a data-movement op reads (and writes).</summary>
public enum DataMoves
{
    /// <summary>Reads every tensor/memref operand whole and writes every result whole (pad, concat, transpose).</summary>
    Operands,
    /// <summary>Reads as many elements as the result holds, from the first operand (extract_slice, gather, load).</summary>
    Result,
    /// <summary>Reads the first operand whole and writes as many elements into the destination in place (insert_slice, store, copy).</summary>
    Source,
}

/// <summary>The class of a scalar op, for FLOP counts and body-op feature counts.</summary>
public enum ScalarOpClass
{
    /// <summary>Not an arithmetic op (constants, yields, index ops).</summary>
    None,
    /// <summary>Addition, subtraction, negation.</summary>
    Add,
    /// <summary>Multiplication.</summary>
    Mul,
    /// <summary>Fused multiply-add (2 FLOPs).</summary>
    Fma,
    /// <summary>Division and remainder.</summary>
    Div,
    /// <summary>exp, log, tanh, erf, sqrt, rsqrt, trigonometric and power functions (1 FLOP each).</summary>
    Transcendental,
    /// <summary>Comparison, select, maximum, minimum.</summary>
    Compare,
    /// <summary>Conversions: extension, truncation, int/float casts, bitcasts (0 FLOPs).</summary>
    Cast,
    /// <summary>Bitwise logic and shifts, bit counts.</summary>
    Bitwise,
    /// <summary>Other arithmetic (abs, floor, ceil, round, sign).</summary>
    Other,
}

/// <summary>A loop extent read from an attribute element, e.g. <c>kernel[0]</c> for the window of <c>tosa.max_pool2d</c>.</summary>
/// <param name="Attribute">Attribute name.</param>
/// <param name="Index">Element index in the attribute's array.</param>
public sealed record AttributeExtent(string Attribute, int Index);

/// <summary>
/// An op's <c>work</c> entry from <c>dialects/*.yaml</c> (field reference in <c>dialects/README.md</c>): the data
/// from which <c>HwOpt.Analysis.Work.WorkEstimator</c> derives FLOPs and bytes without comparing op names.
/// </summary>
public sealed class OpWorkSpec
{
    internal OpWorkSpec(
        WorkKind kind, IReadOnlyList<string> maps, IReadOnlyList<string> iterators, IReadOnlyList<string> body, double flops,
        ScalarOpClass opClass, string? reduced, DataMoves moves, IReadOnlyDictionary<string, AttributeExtent> extents)
    {
        Kind = kind;
        Maps = maps;
        Iterators = iterators;
        Body = body;
        Flops = flops;
        Class = opClass;
        Reduced = reduced;
        Moves = moves;
        Extents = extents;
    }

    /// <summary>How the iteration domain is derived.</summary>
    public WorkKind Kind { get; }

    /// <summary>
    /// Indexing maps in MLIR affine-map syntax (<c>(m, n, k) -&gt; (m, k)</c>, symbols for strides allowed), one per
    /// operand and then one per result when the op has more maps than operands; empty when not <see cref="WorkKind.Structured"/>
    /// or when the maps come from the op's attributes.
    /// </summary>
    public IReadOnlyList<string> Maps { get; }

    /// <summary><c>parallel</c> / <c>reduction</c> per loop of <see cref="Maps"/>.</summary>
    public IReadOnlyList<string> Iterators { get; }

    /// <summary>
    /// For ops without a region: the scalar ops (names of catalogue ops with their own <c>work</c>) one iteration
    /// performs, e.g. <c>[arith.mulf, arith.addf]</c> for <c>tosa.conv2d</c>. Their FLOPs and classes count per iteration.
    /// </summary>
    public IReadOnlyList<string> Body { get; }

    /// <summary>FLOPs of one execution of a scalar op (1 for add/mul/div/compare/transcendental, 2 for fma, 0 for casts).</summary>
    public double Flops { get; }

    /// <summary>The scalar op's class.</summary>
    public ScalarOpClass Class { get; }

    /// <summary>For <see cref="WorkKind.Reduction"/>: the attribute listing the reduced dims (array, or one integer).</summary>
    public string? Reduced { get; }

    /// <summary>For <see cref="WorkKind.DataMovement"/>: which elements are read and written.</summary>
    public DataMoves Moves { get; }

    /// <summary>Loop extents read from attributes, by loop name in <see cref="Maps"/> (for loops no operand indexes by a bare dim).</summary>
    public IReadOnlyDictionary<string, AttributeExtent> Extents { get; }

    internal static OpWorkSpec From(string opName, WorkEntry e)
    {
        WorkKind kind = e.Kind switch
        {
            null => e.Maps.Count > 0 ? WorkKind.Structured : WorkKind.Elementwise,
            "structured" => WorkKind.Structured,
            "elementwise" => WorkKind.Elementwise,
            "reduction" => WorkKind.Reduction,
            "data-movement" => WorkKind.DataMovement,
            "view" => WorkKind.View,
            "none" => WorkKind.None,
            _ => throw Bad(opName, $"unknown kind '{e.Kind}'"),
        };
        ScalarOpClass cls = e.Class switch
        {
            null => ScalarOpClass.None,
            "add" => ScalarOpClass.Add,
            "mul" => ScalarOpClass.Mul,
            "fma" => ScalarOpClass.Fma,
            "div" => ScalarOpClass.Div,
            "transcendental" => ScalarOpClass.Transcendental,
            "compare" => ScalarOpClass.Compare,
            "cast" => ScalarOpClass.Cast,
            "bitwise" => ScalarOpClass.Bitwise,
            "other" => ScalarOpClass.Other,
            _ => throw Bad(opName, $"unknown class '{e.Class}'"),
        };
        DataMoves moves = e.Moves switch
        {
            null or "operands" => DataMoves.Operands,
            "result" => DataMoves.Result,
            "source" => DataMoves.Source,
            _ => throw Bad(opName, $"unknown moves '{e.Moves}'"),
        };
        foreach (string it in e.Iterators)
        {
            if (it is not ("parallel" or "reduction")) throw Bad(opName, $"unknown iterator '{it}'");
        }
        if (kind == WorkKind.Reduction && e.Reduced is null) throw Bad(opName, "a reduction needs 'reduced'");
        var extents = new Dictionary<string, AttributeExtent>(StringComparer.Ordinal);
        foreach (var (loop, text) in e.Extents) extents[loop] = ParseExtent(opName, text);
        return new OpWorkSpec(kind, e.Maps.ToArray(), e.Iterators.ToArray(), e.Body.ToArray(), e.Flops ?? 0, cls, e.Reduced, moves, extents);
    }

    private static AttributeExtent ParseExtent(string opName, string text)
    {
        int open = text.IndexOf('[');
        if (open <= 0 || !text.EndsWith(']')
            || !int.TryParse(text.AsSpan(open + 1, text.Length - open - 2), NumberStyles.None, CultureInfo.InvariantCulture, out int index))
        {
            throw Bad(opName, $"extent '{text}' is not 'attribute[index]'");
        }
        return new AttributeExtent(text[..open], index);
    }

    private static InvalidDataException Bad(string opName, string why) => new($"dialects/*.yaml: {opName}: work: {why}");
}

/// <summary>The <c>work</c> entries of the dialect catalogue (<c>dialects/*.yaml</c>), validated once.</summary>
public static class DialectWork
{
    private static readonly Lazy<IReadOnlyDictionary<string, OpWorkSpec>> Specs = new(Load);

    /// <summary>The op's work entry, or null when the catalogue declares none (or does not know the op).</summary>
    /// <param name="opName">Full op name, e.g. <c>linalg.matmul</c>.</param>
    /// <exception cref="InvalidDataException">A <c>work</c> entry in the embedded YAML is malformed (a build-time data bug).</exception>
    public static OpWorkSpec? Of(string opName) => Specs.Value.TryGetValue(opName, out var spec) ? spec : null;

    /// <summary>Every op with a work entry, by name (for checks over the whole catalogue).</summary>
    public static IReadOnlyDictionary<string, OpWorkSpec> All => Specs.Value;

    private static IReadOnlyDictionary<string, OpWorkSpec> Load()
    {
        var table = new Dictionary<string, OpWorkSpec>(StringComparer.Ordinal);
        foreach (var (name, entry) in DialectCatalog.Ops)
        {
            if (entry.Work is not null) table[entry.Name ?? name] = OpWorkSpec.From(name, entry.Work);
        }
        return table;
    }
}
