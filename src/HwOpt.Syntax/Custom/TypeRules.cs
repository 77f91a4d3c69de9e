using HwOpt.IR;

namespace HwOpt.Syntax.Custom;

/// <summary>Type derivations that custom formats imply (MLIR's type inference for core ops).</summary>
internal static class TypeRules
{
    /// <summary>A type with T's shape and the given element type (T itself when T is a scalar).</summary>
    public static MlirType SameShape(MlirType type, MlirType element) => type switch
    {
        TensorType t => new TensorType(t.Shape, element, t.Encoding),
        VectorType v => new VectorType(v.Shape!, v.Scalable, element),
        _ => element,
    };

    /// <summary>The type of a typed attribute (integer, float, elements), or null.</summary>
    public static MlirType? TypeOf(MlirAttribute a) => a switch
    {
        IntegerAttr i => i.Type ?? new IntegerType(64, Signedness.Signless),
        FloatAttr f => f.Type ?? new FloatType("f64"),
        BoolAttr => new IntegerType(1, Signedness.Signless),
        TextAttr t => t.Type,
        StringAttr s => s.Type,
        _ => null,
    };

    /// <summary>The element type of a shaped type, or the type itself.</summary>
    public static MlirType Element(MlirType t) => t is ShapedType s ? s.ElementType : t;
}
