using System.Globalization;
using System.Text;

namespace HwOpt.IR;

/// <summary>
/// An MLIR type (LangRef "Builtin Types", or a dialect type). Immutable; equality is by canonical text, which is
/// also what <see cref="ToString"/> prints (the syntax mlir-opt accepts).
/// </summary>
public abstract class MlirType : IEquatable<MlirType>
{
    private string? text;

    /// <summary>Writes the canonical syntax of the type.</summary>
    public abstract void Print(StringBuilder sb);

    /// <summary>Storage size of one value of this type in bits, when the type is a scalar of known width; else null.</summary>
    public virtual int? BitWidth => null;

    /// <inheritdoc/>
    public sealed override string ToString()
    {
        if (text is null)
        {
            var sb = new StringBuilder();
            Print(sb);
            text = sb.ToString();
        }
        return text;
    }

    /// <inheritdoc/>
    public bool Equals(MlirType? other) => other is not null && string.Equals(ToString(), other.ToString(), StringComparison.Ordinal);

    /// <inheritdoc/>
    public sealed override bool Equals(object? obj) => obj is MlirType t && Equals(t);

    /// <inheritdoc/>
    public sealed override int GetHashCode() => StringComparer.Ordinal.GetHashCode(ToString());
}

/// <summary>Signedness semantics of an integer type (<c>i8</c>, <c>si8</c>, <c>ui8</c>).</summary>
public enum Signedness
{
    /// <summary><c>iN</c>: signless.</summary>
    Signless,
    /// <summary><c>siN</c>.</summary>
    Signed,
    /// <summary><c>uiN</c>.</summary>
    Unsigned,
}

/// <summary>Integer type <c>iN</c>, <c>siN</c>, <c>uiN</c>; width 0..16777215 bits (MLIR's limits; <c>i0</c> holds no bits).</summary>
public sealed class IntegerType(int width, Signedness signedness) : MlirType
{
    /// <summary>MLIR's maximum integer width in bits.</summary>
    public const int MaxWidth = 16777215;

    /// <summary>Width in bits.</summary>
    public int Width { get; } = width;

    /// <summary>Signedness.</summary>
    public Signedness Signedness { get; } = signedness;

    /// <inheritdoc/>
    public override int? BitWidth => Width;

    /// <inheritdoc/>
    public override void Print(StringBuilder sb) =>
        sb.Append(Signedness switch { Signedness.Signed => "si", Signedness.Unsigned => "ui", _ => "i" })
          .Append(Width.ToString(CultureInfo.InvariantCulture));
}

/// <summary>Floating-point type such as <c>f32</c>, <c>bf16</c>, <c>f8E4M3FN</c>.</summary>
public sealed class FloatType(string name) : MlirType
{
    /// <summary>The keyword, e.g. <c>bf16</c>.</summary>
    public string Name { get; } = name;

    /// <inheritdoc/>
    public override int? BitWidth => Name switch
    {
        "f16" or "bf16" => 16,
        "f32" or "tf32" => 32,
        "f64" => 64,
        "f80" => 80,
        "f128" => 128,
        _ when Name.StartsWith("f8", StringComparison.Ordinal) => 8,
        _ when Name.StartsWith("f6", StringComparison.Ordinal) => 6,
        _ when Name.StartsWith("f4", StringComparison.Ordinal) => 4,
        _ => null,
    };

    /// <inheritdoc/>
    public override void Print(StringBuilder sb) => sb.Append(Name);
}

/// <summary>The <c>index</c> type (64 bits on the host targets hwopt models).</summary>
public sealed class IndexType : MlirType
{
    /// <summary>The one instance.</summary>
    public static IndexType Instance { get; } = new();

    /// <inheritdoc/>
    public override int? BitWidth => 64;

    /// <inheritdoc/>
    public override void Print(StringBuilder sb) => sb.Append("index");
}

/// <summary>The <c>none</c> type; also stands for result types that tolerant mode could not recover.</summary>
public sealed class NoneType : MlirType
{
    /// <summary>The one instance.</summary>
    public static NoneType Instance { get; } = new();

    /// <inheritdoc/>
    public override void Print(StringBuilder sb) => sb.Append("none");
}

/// <summary><c>complex&lt;T&gt;</c>.</summary>
public sealed class ComplexType(MlirType element) : MlirType
{
    /// <summary>Element type.</summary>
    public MlirType ElementType { get; } = element;

    /// <inheritdoc/>
    public override int? BitWidth => ElementType.BitWidth * 2;

    /// <inheritdoc/>
    public override void Print(StringBuilder sb)
    {
        sb.Append("complex<");
        ElementType.Print(sb);
        sb.Append('>');
    }
}

/// <summary><c>tuple&lt;T1, T2&gt;</c>.</summary>
public sealed class TupleType(IReadOnlyList<MlirType> types) : MlirType
{
    /// <summary>Member types.</summary>
    public IReadOnlyList<MlirType> Types { get; } = types;

    /// <inheritdoc/>
    public override void Print(StringBuilder sb)
    {
        sb.Append("tuple<");
        Printing.List(sb, Types, (s, t) => t.Print(s));
        sb.Append('>');
    }
}

/// <summary>Function type <c>(inputs) -&gt; results</c>.</summary>
public sealed class FunctionType(IReadOnlyList<MlirType> inputs, IReadOnlyList<MlirType> results) : MlirType
{
    /// <summary>Input types.</summary>
    public IReadOnlyList<MlirType> Inputs { get; } = inputs;

    /// <summary>Result types.</summary>
    public IReadOnlyList<MlirType> Results { get; } = results;

    /// <inheritdoc/>
    public override void Print(StringBuilder sb)
    {
        sb.Append('(');
        Printing.List(sb, Inputs, (s, t) => t.Print(s));
        sb.Append(") -> ");
        if (Results.Count == 1 && Results[0] is not FunctionType)
        {
            Results[0].Print(sb);
        }
        else
        {
            sb.Append('(');
            Printing.List(sb, Results, (s, t) => t.Print(s));
            sb.Append(')');
        }
    }
}

/// <summary>A dialect type <c>!dialect.name&lt;body&gt;</c> or <c>!dialect&lt;"opaque"&gt;</c>, kept as canonical text.</summary>
public sealed class DialectType(string text) : MlirType
{
    /// <summary>The text, starting with <c>!</c>.</summary>
    public string Text { get; } = text;

    /// <summary>The dialect namespace (text between <c>!</c> and the first <c>.</c> or <c>&lt;</c>).</summary>
    public string Dialect
    {
        get
        {
            int end = Text.IndexOfAny(['.', '<'], 1);
            return end < 0 ? Text.Substring(1) : Text.Substring(1, end - 1);
        }
    }

    /// <inheritdoc/>
    public override void Print(StringBuilder sb) => sb.Append(Text);
}
