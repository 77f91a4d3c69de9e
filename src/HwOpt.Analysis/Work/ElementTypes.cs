using HwOpt.IR;

namespace HwOpt.Analysis.Work;

/// <summary>
/// The "widest" element type of a set: the one with the most bits; at equal width a float type wins over an integer
/// type; at a full tie the first seen. Shaped types stand for their element type; scalars for themselves.
/// </summary>
internal static class ElementTypes
{
    /// <summary>The element type of a shaped type, the type itself for int/float/index scalars, else null.</summary>
    public static MlirType? ElementOf(MlirType type) => type switch
    {
        ShapedType s => s.ElementType,
        IntegerType or FloatType or IndexType => type,
        _ => null,
    };

    /// <summary>The wider of two element types (see the class summary); either may be null.</summary>
    public static MlirType? Wider(MlirType? a, MlirType? b)
    {
        if (a is null) return b;
        if (b is null) return a;
        int wa = a.BitWidth ?? -1, wb = b.BitWidth ?? -1;
        if (wb > wa) return b;
        if (wb == wa && b is FloatType && a is not FloatType) return b;
        return a;
    }

    /// <summary>The widest element type over an op's operands and results, or null.</summary>
    public static MlirType? Widest(Operation op)
    {
        MlirType? best = null;
        foreach (var v in op.Operands) best = Wider(best, ElementOf(v.Type));
        for (int i = 0; i < op.Results.Count; i++) best = Wider(best, ElementOf(op.Results[i].Type));
        return best;
    }

    /// <summary>The widest element type over an op's results, or null when it has none.</summary>
    public static MlirType? OfResults(Operation op)
    {
        MlirType? best = null;
        for (int i = 0; i < op.Results.Count; i++) best = Wider(best, ElementOf(op.Results[i].Type));
        return best;
    }
}
