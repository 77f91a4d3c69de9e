using HwOpt.IR;
using HwOpt.Syntax;

namespace HwOpt.Planning.Precision;

/// <summary>What kind of op the precision planner may lower.</summary>
internal enum QuantizableKind
{
    /// <summary>Not lowered: it computes in its original type.</summary>
    None,
    /// <summary>A contraction or convolution (trait <c>contraction</c>, or a <c>linalg.generic</c> with a reduction iterator whose body multiplies).</summary>
    Contraction,
    /// <summary>An elementwise op (trait <c>elementwise</c>, or an all-parallel <c>linalg.generic</c>); float formats only.</summary>
    Elementwise,
}

/// <summary>
/// Operand roles of an op for precision planning, read from traits and types only (no op names): the inputs
/// (<c>ins</c>: all operands but the last one per result, destination-passing style), the outputs (<c>outs</c>),
/// and which input is the weight. A weight is an input that traces, through views (work kind <c>view</c>), to a
/// constant or to an argument of the function; when several inputs do (the first layer of a model whose input is an
/// argument too), the last one is the weight, following linalg's convention that the filter / right-hand matrix
/// comes last (<c>ins(%input, %filter)</c>).
/// </summary>
/// <param name="Kind">Whether and how the op is quantizable.</param>
/// <param name="Inputs">Indices of the input operands.</param>
/// <param name="Weight">Index of the weight operand, or -1.</param>
/// <param name="WeightSource">The op or argument the weight traces to (null without a weight).</param>
internal sealed record OpRoles(QuantizableKind Kind, IReadOnlyList<int> Inputs, int Weight, Value? WeightSource)
{
    /// <summary>Input operands that carry activations (inputs but the weight).</summary>
    public IEnumerable<int> ActivationInputs => Inputs.Where(i => i != Weight);

    /// <summary>The roles of an op.</summary>
    /// <param name="op">The op.</param>
    /// <param name="quantizeElementwise">Whether elementwise ops are quantizable.</param>
    public static OpRoles Of(Operation op, bool quantizeElementwise)
    {
        int nIns = Math.Max(0, op.Operands.Count - op.Results.Count);
        var inputs = Enumerable.Range(0, nIns).Where(i => op.Operands[i].Type is ShapedType).ToList();
        int weight = -1;
        Value? source = null;
        foreach (int i in inputs)
        {
            var root = Trace(op.Operands[i]);
            if (root is BlockArgument || (root is OpResult r && DialectTraits.Has(r.Owner.Name, "constant")))
            {
                weight = i;
                source = root;
            }
        }
        var kind = Classify(op, quantizeElementwise);
        if (kind != QuantizableKind.Contraction)
        {
            // Only contractions have a weight in HAWQ-V3's sense; a bias add's constant operand is not quantized.
            weight = -1;
            source = null;
        }
        return new OpRoles(kind, inputs, weight, source);
    }

    /// <summary>Follows a value up through view ops (reshapes) to the value they view.</summary>
    public static Value Trace(Value v)
    {
        for (int guard = 0; guard < 64 && v is OpResult r && IsView(r.Owner) && r.Owner.Operands.Count >= 1; guard++) v = r.Owner.Operands[0];
        return v;
    }

    /// <summary>True for ops that only re-view their first operand.</summary>
    public static bool IsView(Operation op) => DialectWork.Of(op.Name)?.Kind == WorkKind.View;

    private static QuantizableKind Classify(Operation op, bool quantizeElementwise)
    {
        if (op.Results.Count != 1 || op.Results[0].Type is not ShapedType { ElementType: FloatType }) return QuantizableKind.None;
        if (DialectTraits.Has(op.Name, "contraction")) return QuantizableKind.Contraction;
        bool isGenericLoopNest = DialectWork.Of(op.Name) is { Kind: WorkKind.Structured, Maps.Count: 0 } && op.GetAttribute("iterator_types") is not null;
        if (isGenericLoopNest)
        {
            bool reduces = op.GetAttribute("iterator_types")!.ToString().Contains("reduction", StringComparison.Ordinal);
            bool multiplies = BodyOps(op).Any(b => DialectWork.Of(b.Name)?.Class is ScalarOpClass.Mul or ScalarOpClass.Fma);
            if (reduces && multiplies) return QuantizableKind.Contraction;
            if (!reduces && quantizeElementwise) return QuantizableKind.Elementwise;
            return QuantizableKind.None;
        }
        return quantizeElementwise && DialectTraits.Has(op.Name, "elementwise") ? QuantizableKind.Elementwise : QuantizableKind.None;
    }

    /// <summary>The ops of an op's first region (its scalar body), in order.</summary>
    public static IEnumerable<Operation> BodyOps(Operation op) =>
        op.Regions.Count == 0 ? [] : op.Regions[0].Blocks.SelectMany(b => b.Operations);
}
