using HwOpt.IR;
using HwOpt.Syntax;

namespace HwOpt.Planning.Fusion;

/// <summary>What an op is, as far as fusion legality cares.</summary>
public enum OpClass
{
    /// <summary>Each output element depends on the same-index input elements (named elementwise ops, all-parallel <c>linalg.generic</c>).</summary>
    Elementwise,
    /// <summary>Replicates an input along new dimensions (<c>linalg.fill</c>, <c>linalg.broadcast</c>).</summary>
    Broadcast,
    /// <summary>Moves or reshapes data without arithmetic (transpose, slices, reshapes); fuses like elementwise.</summary>
    DataMovement,
    /// <summary>Reduces along some dimensions without a product (sums, max, pooling).</summary>
    Reduction,
    /// <summary>Multiplies and reduces (matmul, convolution, a generic with a multiply and a reduction iterator).</summary>
    Contraction,
    /// <summary>Unknown to the dialect catalogue, or a black box; never fused.</summary>
    Opaque,
}

/// <summary>
/// Classifies ops for fusion from the dialect catalogue's traits (<c>dialects/*.yaml</c>). <c>linalg.generic</c> (and any
/// other op that carries <c>iterator_types</c> and is catalogued as opaque) is classified from its iterators and body:
/// all parallel → elementwise; some reduction with a multiplication in the body → contraction; other reductions →
/// reduction. This is the only place where op kinds are decided; planner code asks <see cref="Classify"/>.
/// </summary>
internal static class FusionTraits
{
    // Scalar ops of a generic body that make a reduction a contraction (multiply-accumulate).
    private static readonly HashSet<string> Multiplies = new(StringComparer.Ordinal) { "arith.mulf", "arith.muli", "complex.mul" };

    /// <summary>The class of an op.</summary>
    public static OpClass Classify(Operation op)
    {
        if (op.IsOpaque || !DialectTraits.Knows(op.Name)) return OpClass.Opaque;
        if (op.GetAttribute("iterator_types") is ArrayAttr iterators && DialectTraits.Has(op.Name, "opaque")) return FromIterators(op, iterators);
        if (DialectTraits.Has(op.Name, "opaque")) return OpClass.Opaque;
        if (DialectTraits.Has(op.Name, "contraction")) return OpClass.Contraction;
        if (DialectTraits.Has(op.Name, "reduction")) return OpClass.Reduction;
        if (DialectTraits.Has(op.Name, "elementwise")) return OpClass.Elementwise;
        if (DialectTraits.Has(op.Name, "broadcast")) return OpClass.Broadcast;
        if (DialectTraits.Has(op.Name, "data-movement")) return OpClass.DataMovement;
        return OpClass.Opaque;
    }

    /// <summary>True for the classes that fuse into anything after them (elementwise, broadcast, data movement).</summary>
    public static bool IsLight(OpClass c) => c is OpClass.Elementwise or OpClass.Broadcast or OpClass.DataMovement;

    /// <summary>Lower-case name for reasons (<c>contraction</c>, <c>data-movement</c>).</summary>
    public static string Describe(OpClass c) => c switch
    {
        OpClass.DataMovement => "data-movement",
        _ => c.ToString().ToLowerInvariant(),
    };

    private static OpClass FromIterators(Operation op, ArrayAttr iterators)
    {
        bool reduces = iterators.Elements.Any(IsReduction);
        if (!reduces) return OpClass.Elementwise;
        bool multiplies = op.Walk().Any(o => Multiplies.Contains(o.Name));
        return multiplies ? OpClass.Contraction : OpClass.Reduction;
    }

    private static bool IsReduction(MlirAttribute it) => it switch
    {
        TextAttr t => t.Text.Contains("reduction", StringComparison.Ordinal),
        StringAttr s => s.Value == "reduction",
        _ => false,
    };
}
