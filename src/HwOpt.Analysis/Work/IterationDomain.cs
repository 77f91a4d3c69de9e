using System.Collections.Concurrent;
using System.Globalization;
using HwOpt.IR;
using HwOpt.Syntax;

namespace HwOpt.Analysis.Work;

/// <summary>An op's loop nest: its point count, the product of its reduction loops' extents, its depth, and its memory locality.</summary>
internal readonly record struct Domain(double Points, double ReductionPoints, int Loops, bool Known)
{
    public static Domain Unknown(int loops) => new(0, 0, loops, false);

    /// <summary>Locality of the loop nest as <c>convert-linalg-to-loops</c> emits it (loop 0 outermost), or null.</summary>
    public LoopLocality? Locality { get; init; }
}

/// <summary>
/// Iteration domains. A structured op's loops take their extents from the operands (then results) whose indexing
/// map has the loop as a bare result, as MLIR's <c>LinalgOp::getStaticLoopRanges</c> does: in a convolution the
/// input map holds <c>oh * SH + kh * DH</c>, so <c>oh</c> comes from the output and <c>kh</c> from the filter.
/// </summary>
internal static class IterationDomain
{
    private static readonly ConcurrentDictionary<OpWorkSpec, AffineMapShape?[]> CatalogueMaps = new(ReferenceEqualityComparer.Instance);

    [ThreadStatic] private static List<AffineMapShape?>? attributeMaps;
    [ThreadStatic] private static List<bool>? attributeReductions;

    public static Domain Structured(Operation op, OpWorkSpec spec)
    {
        IReadOnlyList<AffineMapShape?> maps;
        int loops;
        var reduction = attributeReductions ??= new List<bool>();
        reduction.Clear();
        if (spec.Maps.Count > 0)
        {
            maps = CatalogueMaps.GetOrAdd(spec, s => s.Maps.Select(AffineMapShape.Get).ToArray());
            for (int i = 0; i < spec.Iterators.Count; i++) reduction.Add(spec.Iterators[i] == "reduction");
        }
        else
        {
            var list = attributeMaps ??= new List<AffineMapShape?>();
            list.Clear();
            if (op.GetAttribute("indexing_maps") is not ArrayAttr mapAttr || op.GetAttribute("iterator_types") is not ArrayAttr iterAttr) return Domain.Unknown(0);
            for (int i = 0; i < mapAttr.Elements.Count; i++) list.Add(mapAttr.Elements[i] is TextAttr t ? AffineMapShape.Get(t.Text) : null);
            for (int i = 0; i < iterAttr.Elements.Count; i++) reduction.Add(IsReduction(iterAttr.Elements[i]));
            maps = list;
        }
        if (maps.Count == 0 || maps[0] is null) return Domain.Unknown(0);
        loops = maps[0]!.DimCount;
        if (reduction.Count != loops) return Domain.Unknown(loops);

        int operands = op.Operands.Count;
        if (maps.Count != operands && maps.Count != operands + op.Results.Count) return Domain.Unknown(loops);

        Span<long> extents = loops <= 32 ? stackalloc long[loops] : new long[loops];
        extents.Fill(-1);
        for (int i = 0; i < maps.Count; i++)
        {
            var map = maps[i];
            if (map is null || map.DimCount != loops) return Domain.Unknown(loops);
            var type = i < operands ? op.Operands[i].Type : op.Results[i - operands].Type;
            if (type is not ShapedType { Shape: { } shape } || shape.Count != map.ResultCount) continue;
            for (int r = 0; r < shape.Count; r++)
            {
                int d = map.BareDims[r];
                if (d >= 0 && extents[d] < 0 && shape[r] != ShapedType.Dynamic) extents[d] = shape[r];
            }
        }
        if (spec.Extents.Count > 0) ApplyAttributeExtents(op, spec, maps[0]!, extents);

        double points = 1, reductionPoints = 1;
        for (int d = 0; d < loops; d++)
        {
            if (extents[d] < 0) return Domain.Unknown(loops);
            points *= extents[d];
            if (reduction[d]) reductionPoints *= extents[d];
        }
        return new Domain(points, reductionPoints, loops, true) { Locality = LoopLocality.Of(op, maps, extents) };
    }

    public static Domain Reduction(Operation op, OpWorkSpec spec)
    {
        if (op.Operands.Count == 0 || op.Operands[0].Type is not ShapedType { Shape: { } shape } s) return Domain.Unknown(0);
        if (s.ElementCount is not { } n) return Domain.Unknown(shape.Count);
        double reductionPoints = 1;
        bool known = true;
        switch (op.GetAttribute(spec.Reduced!))
        {
            case DenseArrayAttr dims:
                for (int i = 0; i < dims.Elements.Count; i++)
                {
                    if (long.TryParse(dims.Elements[i], NumberStyles.Integer, CultureInfo.InvariantCulture, out long d)) reductionPoints *= Extent(shape, d, ref known);
                    else known = false;
                }
                break;
            case ArrayAttr dims:
                for (int k = 0; k < dims.Elements.Count; k++)
                {
                    if (dims.Elements[k] is IntegerAttr i) reductionPoints *= Extent(shape, (long)i.Value, ref known);
                    else known = false;
                }
                break;
            case IntegerAttr single:
                reductionPoints = Extent(shape, (long)single.Value, ref known);
                break;
            default:
                known = false;
                break;
        }
        return new Domain(n, known ? reductionPoints : 0, shape.Count, known);
    }

    public static Domain Elementwise(Operation op)
    {
        ShapedType? largest = null;
        for (int i = 0; i < op.Results.Count; i++) largest = Larger(largest, op.Results[i].Type);
        if (largest is null && op.Results.Count == 0)
        {
            for (int i = op.Operands.Count - 1; i >= 0 && largest is null; i--)
            {
                if (Memory.IsMemory(op.Operands[i].Type)) largest = (ShapedType)op.Operands[i].Type;
            }
        }
        if (largest is null) return new Domain(1, 1, 0, true);
        int rank = largest.Shape?.Count ?? 0;
        return largest.ElementCount is { } n ? new Domain(n, 1, rank, true) : Domain.Unknown(rank);
    }

    private static ShapedType? Larger(ShapedType? best, MlirType type)
    {
        if (type is not ShapedType s) return best;
        if (best is null) return s;
        if (best.ElementCount is null) return best;
        if (s.ElementCount is null) return s;
        return s.ElementCount > best.ElementCount ? s : best;
    }

    private static double Extent(IReadOnlyList<long> shape, long d, ref bool known)
    {
        if (d < 0) d += shape.Count;
        if (d < 0 || d >= shape.Count || shape[(int)d] == ShapedType.Dynamic)
        {
            known = false;
            return 1;
        }
        return shape[(int)d];
    }

    private static void ApplyAttributeExtents(Operation op, OpWorkSpec spec, AffineMapShape map, Span<long> extents)
    {
        foreach (var (loop, source) in spec.Extents)
        {
            int d = Array.IndexOf(map.DimNames, loop);
            if (d >= 0 && extents[d] < 0 && AttributeElement(op, source.Attribute, source.Index) is { } v) extents[d] = v;
        }
    }

    private static bool IsReduction(MlirAttribute it) => it switch
    {
        TextAttr t => t.Text.Contains("reduction", StringComparison.Ordinal),
        StringAttr s => s.Value == "reduction",
        _ => false,
    };

    private static long? AttributeElement(Operation op, string name, int index)
    {
        switch (op.GetAttribute(name))
        {
            case DenseArrayAttr a when index < a.Elements.Count:
                return long.TryParse(a.Elements[index], NumberStyles.Integer, CultureInfo.InvariantCulture, out long v) ? v : null;
            case ArrayAttr a when index < a.Elements.Count && a.Elements[index] is IntegerAttr i:
                return (long)i.Value;
            default:
                return null;
        }
    }
}
