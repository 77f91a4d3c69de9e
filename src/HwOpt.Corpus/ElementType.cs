using System.Globalization;

namespace HwOpt.Corpus;

/// <summary>Floating-point element type of every tensor in a generated model.</summary>
public enum ElementType
{
    /// <summary>IEEE binary32 (<c>f32</c>), 4 bytes.</summary>
    F32,

    /// <summary>IEEE binary16 (<c>f16</c>), 2 bytes.</summary>
    F16,

    /// <summary>bfloat16 (<c>bf16</c>), 2 bytes.</summary>
    BF16,
}

/// <summary>Spelling and literals of <see cref="ElementType"/> in MLIR 19 syntax.</summary>
public static class ElementTypes
{
    /// <summary>The MLIR spelling: <c>f32</c>, <c>f16</c> or <c>bf16</c>.</summary>
    public static string Mlir(this ElementType t) => t switch
    {
        ElementType.F32 => "f32",
        ElementType.F16 => "f16",
        _ => "bf16",
    };

    /// <summary>Parses <c>f32|f16|bf16</c>; null for anything else.</summary>
    public static ElementType? Parse(string text) => text switch
    {
        "f32" => ElementType.F32,
        "f16" => ElementType.F16,
        "bf16" => ElementType.BF16,
        _ => null,
    };

    /// <summary>A float literal as mlir-opt prints it (<c>1.000000e-05</c>); negative infinity as the hex bit pattern.</summary>
    public static string Literal(this ElementType t, double value)
    {
        if (double.IsNegativeInfinity(value))
        {
            return t switch { ElementType.F32 => "0xFF800000", ElementType.F16 => "0xFC00", _ => "0xFF80" };
        }
        return value.ToString("0.000000e+00", CultureInfo.InvariantCulture);
    }
}
