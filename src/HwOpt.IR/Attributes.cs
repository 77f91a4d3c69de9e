using System.Globalization;
using System.Numerics;
using System.Text;

namespace HwOpt.IR;

/// <summary>
/// An MLIR attribute (LangRef "Builtin Attributes", or a dialect attribute). Immutable; equality is by canonical
/// text, which <see cref="ToString"/> prints in the syntax mlir-opt accepts.
/// </summary>
public abstract class MlirAttribute : IEquatable<MlirAttribute>
{
    private string? text;

    /// <summary>Writes the canonical syntax.</summary>
    public abstract void Print(StringBuilder sb);

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
    public bool Equals(MlirAttribute? other) => other is not null && string.Equals(ToString(), other.ToString(), StringComparison.Ordinal);

    /// <inheritdoc/>
    public sealed override bool Equals(object? obj) => obj is MlirAttribute a && Equals(a);

    /// <inheritdoc/>
    public sealed override int GetHashCode() => StringComparer.Ordinal.GetHashCode(ToString());

    /// <summary>Writes <c> : type</c> when a type is given.</summary>
    protected static void PrintTypeSuffix(StringBuilder sb, MlirType? type)
    {
        if (type is null) return;
        sb.Append(" : ");
        type.Print(sb);
    }
}

/// <summary>Integer attribute <c>42 : i32</c> (no type means i64).</summary>
public sealed class IntegerAttr(BigInteger value, MlirType? type) : MlirAttribute
{
    /// <summary>The value.</summary>
    public BigInteger Value { get; } = value;

    /// <summary>The type, or null for the default (i64).</summary>
    public MlirType? Type { get; } = type;

    /// <inheritdoc/>
    public override void Print(StringBuilder sb)
    {
        sb.Append(Value.ToString(CultureInfo.InvariantCulture));
        PrintTypeSuffix(sb, Type);
    }
}

/// <summary>Float attribute <c>1.5 : f32</c> or hexadecimal bit pattern <c>0x7FC00000 : f32</c>; the literal is kept as written.</summary>
public sealed class FloatAttr(string literal, MlirType? type) : MlirAttribute
{
    /// <summary>The literal as written (decimal with a dot, or hexadecimal bits), including a leading minus.</summary>
    public string Literal { get; } = literal;

    /// <summary>The type, or null for the default (f64).</summary>
    public MlirType? Type { get; } = type;

    /// <summary>The value as a double (NaN when the literal is a hexadecimal bit pattern).</summary>
    public double Value => double.TryParse(Literal, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) ? v : double.NaN;

    /// <inheritdoc/>
    public override void Print(StringBuilder sb)
    {
        sb.Append(Literal);
        PrintTypeSuffix(sb, Type);
    }
}

/// <summary>String attribute <c>"text"</c>, optionally typed. MLIR strings are byte strings: the bytes are kept exactly.</summary>
public sealed class StringAttr : MlirAttribute
{
    private readonly byte[] bytes;

    /// <summary>Creates a string attribute from text (stored as UTF-8).</summary>
    public StringAttr(string value, MlirType? type = null)
        : this(System.Text.Encoding.UTF8.GetBytes(value), type)
    {
    }

    /// <summary>Creates a string attribute from raw bytes.</summary>
    public StringAttr(byte[] bytes, MlirType? type)
    {
        this.bytes = bytes;
        Type = type;
    }

    /// <summary>The value decoded as UTF-8 (invalid sequences replaced).</summary>
    public string Value => System.Text.Encoding.UTF8.GetString(bytes);

    /// <summary>The raw bytes.</summary>
    public ReadOnlySpan<byte> Bytes => bytes;

    /// <summary>Optional type.</summary>
    public MlirType? Type { get; }

    /// <inheritdoc/>
    public override void Print(StringBuilder sb)
    {
        Printing.QuotedBytes(sb, bytes);
        PrintTypeSuffix(sb, Type);
    }
}

/// <summary><c>true</c> / <c>false</c>.</summary>
public sealed class BoolAttr(bool value) : MlirAttribute
{
    /// <summary>The value.</summary>
    public bool Value { get; } = value;

    /// <inheritdoc/>
    public override void Print(StringBuilder sb) => sb.Append(Value ? "true" : "false");
}

/// <summary><c>unit</c>, the attribute of a present flag.</summary>
public sealed class UnitAttr : MlirAttribute
{
    /// <summary>The one instance.</summary>
    public static UnitAttr Instance { get; } = new();

    /// <inheritdoc/>
    public override void Print(StringBuilder sb) => sb.Append("unit");
}

/// <summary><c>[a, b, c]</c>.</summary>
public sealed class ArrayAttr(IReadOnlyList<MlirAttribute> elements) : MlirAttribute
{
    /// <summary>Elements.</summary>
    public IReadOnlyList<MlirAttribute> Elements { get; } = elements;

    /// <inheritdoc/>
    public override void Print(StringBuilder sb)
    {
        sb.Append('[');
        Printing.List(sb, Elements, (s, a) => a.Print(s));
        sb.Append(']');
    }
}

/// <summary>A name and value in a dictionary.</summary>
/// <param name="Name">The name.</param>
/// <param name="Value">The value (<see cref="UnitAttr"/> for a name without <c>=</c>).</param>
public sealed record NamedAttribute(string Name, MlirAttribute Value);

/// <summary>
/// <c>{a = 1, b}</c>. Entries are sorted by name (ordinal), as MLIR's DictionaryAttr sorts them; the last of
/// duplicate names wins.
/// </summary>
public sealed class DictionaryAttr : MlirAttribute
{
    /// <summary>An empty dictionary.</summary>
    public static DictionaryAttr Empty { get; } = new([]);

    /// <summary>Creates a dictionary from entries in any order.</summary>
    public DictionaryAttr(IEnumerable<NamedAttribute> entries)
    {
        // Sorted by name (ordinal); of entries with the same name the last one wins. Dictionaries are small: insertion.
        var sorted = entries.TryGetNonEnumeratedCount(out int count) ? new List<NamedAttribute>(count) : new List<NamedAttribute>();
        foreach (var e in entries)
        {
            int lo = 0, hi = sorted.Count - 1, at = -1;
            while (lo <= hi)
            {
                int mid = (lo + hi) >> 1;
                int c = string.CompareOrdinal(sorted[mid].Name, e.Name);
                if (c == 0) { at = mid; break; }
                if (c < 0) lo = mid + 1;
                else hi = mid - 1;
            }
            if (at >= 0) sorted[at] = new NamedAttribute(e.Name, e.Value);
            else sorted.Insert(lo, e);
        }
        Entries = sorted.ToArray();
    }

    /// <summary>Entries sorted by name.</summary>
    public IReadOnlyList<NamedAttribute> Entries { get; }

    /// <summary>Number of entries.</summary>
    public int Count => Entries.Count;

    /// <summary>The value of a name, or null.</summary>
    public MlirAttribute? Get(string name)
    {
        var entries = Entries;
        for (int i = 0; i < entries.Count; i++)
        {
            if (string.Equals(entries[i].Name, name, StringComparison.Ordinal)) return entries[i].Value;
        }
        return null;
    }

    /// <summary>A copy with one entry set.</summary>
    public DictionaryAttr With(string name, MlirAttribute value) => new(Entries.Where(e => e.Name != name).Append(new NamedAttribute(name, value)));

    /// <summary>A copy without one entry.</summary>
    public DictionaryAttr Without(string name) => new(Entries.Where(e => e.Name != name));

    /// <inheritdoc/>
    public override void Print(StringBuilder sb)
    {
        sb.Append('{');
        for (int i = 0; i < Entries.Count; i++)
        {
            if (i > 0) sb.Append(", ");
            Printing.Identifier(sb, Entries[i].Name);
            if (Entries[i].Value is not UnitAttr)
            {
                sb.Append(" = ");
                Entries[i].Value.Print(sb);
            }
        }
        sb.Append('}');
    }
}

/// <summary>
/// An attribute whose body is kept as canonical source text: <c>dense&lt;...&gt;</c>, <c>sparse&lt;...&gt;</c>,
/// <c>dense_resource&lt;h&gt;</c>, <c>affine_map&lt;...&gt;</c>, <c>affine_set&lt;...&gt;</c>, dialect attributes
/// <c>#d.name&lt;...&gt;</c>, <c>distinct[n]&lt;...&gt;</c>. <see cref="Kind"/> says which.
/// </summary>
public sealed class TextAttr(TextAttrKind kind, string text, MlirType? type = null) : MlirAttribute
{
    /// <summary>Which attribute syntax this is.</summary>
    public TextAttrKind Kind { get; } = kind;

    /// <summary>The attribute text without the trailing type, e.g. <c>dense&lt;1.0&gt;</c>.</summary>
    public string Text { get; } = text;

    /// <summary>The element/shaped type after <c>:</c>, when present.</summary>
    public MlirType? Type { get; } = type;

    /// <inheritdoc/>
    public override void Print(StringBuilder sb)
    {
        sb.Append(Text);
        PrintTypeSuffix(sb, Type);
    }
}

/// <summary>Kinds of <see cref="TextAttr"/>.</summary>
public enum TextAttrKind
{
    /// <summary><c>dense&lt;...&gt;</c> elements.</summary>
    DenseElements,
    /// <summary><c>dense_resource&lt;handle&gt;</c>.</summary>
    DenseResource,
    /// <summary><c>sparse&lt;indices, values&gt;</c>.</summary>
    SparseElements,
    /// <summary><c>affine_map&lt;...&gt;</c>.</summary>
    AffineMap,
    /// <summary><c>affine_set&lt;...&gt;</c>.</summary>
    AffineSet,
    /// <summary><c>#dialect.name&lt;...&gt;</c> or opaque <c>#dialect&lt;"..."&gt;</c>.</summary>
    Dialect,
    /// <summary><c>distinct[n]&lt;...&gt;</c>.</summary>
    Distinct,
}

/// <summary><c>array&lt;i64: 1, 2&gt;</c> (DenseArrayAttr); elements kept as written.</summary>
public sealed class DenseArrayAttr(MlirType elementType, IReadOnlyList<string> elements) : MlirAttribute
{
    /// <summary>Element type.</summary>
    public MlirType ElementType { get; } = elementType;

    /// <summary>Element literals.</summary>
    public IReadOnlyList<string> Elements { get; } = elements;

    /// <summary>Elements as 64-bit integers (non-integers give 0).</summary>
    public IEnumerable<long> Int64Values => Elements.Select(e => long.TryParse(e, NumberStyles.Integer, CultureInfo.InvariantCulture, out long v) ? v : 0);

    /// <inheritdoc/>
    public override void Print(StringBuilder sb)
    {
        sb.Append("array<");
        ElementType.Print(sb);
        if (Elements.Count > 0)
        {
            sb.Append(": ");
            sb.AppendJoin(", ", Elements);
        }
        sb.Append('>');
    }
}

/// <summary>Symbol reference <c>@a::@b</c>.</summary>
public sealed class SymbolRefAttr(IReadOnlyList<string> path) : MlirAttribute
{
    /// <summary>Root and nested references.</summary>
    public IReadOnlyList<string> Path { get; } = path;

    /// <inheritdoc/>
    public override void Print(StringBuilder sb)
    {
        for (int i = 0; i < Path.Count; i++)
        {
            if (i > 0) sb.Append("::");
            sb.Append('@');
            if (IsSymbolName(Path[i])) sb.Append(Path[i]); else Printing.QuotedString(sb, Path[i]);
        }
    }

    private static bool IsSymbolName(string s) =>
        s.Length > 0 && (char.IsAsciiLetter(s[0]) || s[0] == '_' || s[0] == '$' || s[0] == '.' || s[0] == '-' || char.IsAsciiDigit(s[0]))
        && s.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '$' or '.' or '-')
        && (!char.IsAsciiDigit(s[0]) || s.All(char.IsAsciiDigit));
}

/// <summary>A type used as an attribute.</summary>
public sealed class TypeAttr(MlirType value) : MlirAttribute
{
    /// <summary>The type.</summary>
    public MlirType Value { get; } = value;

    /// <inheritdoc/>
    public override void Print(StringBuilder sb) => Value.Print(sb);
}

/// <summary><c>strided&lt;[s0, s1], offset: o&gt;</c>; null entries are dynamic (<c>?</c>).</summary>
public sealed class StridedLayoutAttr(IReadOnlyList<long?> strides, long? offset) : MlirAttribute
{
    /// <summary>Strides in elements.</summary>
    public IReadOnlyList<long?> Strides { get; } = strides;

    /// <summary>Offset in elements (null when dynamic).</summary>
    public long? Offset { get; } = offset;

    /// <inheritdoc/>
    public override void Print(StringBuilder sb)
    {
        sb.Append("strided<[");
        Printing.List(sb, Strides, (s, v) => s.Append(v is { } x ? x.ToString(CultureInfo.InvariantCulture) : "?"));
        sb.Append(']');
        if (Offset != 0)
        {
            sb.Append(", offset: ").Append(Offset is { } o ? o.ToString(CultureInfo.InvariantCulture) : "?");
        }
        sb.Append('>');
    }
}
