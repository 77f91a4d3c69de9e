using System.Globalization;
using System.Text;

namespace HwOpt.IR;

/// <summary>A source location (LangRef "Locations"); printed as <c>loc(...)</c>.</summary>
public abstract class Location : MlirAttribute
{
    /// <summary>Writes the body without <c>loc(</c>...<c>)</c>.</summary>
    public abstract void PrintBody(StringBuilder sb);

    /// <inheritdoc/>
    public sealed override void Print(StringBuilder sb)
    {
        sb.Append("loc(");
        PrintBody(sb);
        sb.Append(')');
    }

    /// <summary>A short human form: <c>file:line:col</c> of the first file location inside, else the name, else empty.</summary>
    public abstract string Describe();
}

/// <summary><c>loc(unknown)</c>.</summary>
public sealed class UnknownLoc : Location
{
    /// <summary>The one instance.</summary>
    public static UnknownLoc Instance { get; } = new();

    /// <inheritdoc/>
    public override void PrintBody(StringBuilder sb) => sb.Append("unknown");

    /// <inheritdoc/>
    public override string Describe() => string.Empty;
}

/// <summary><c>loc("file":line:col)</c>.</summary>
public sealed class FileLineColLoc(string file, long line, long column) : Location
{
    /// <summary>File name.</summary>
    public string File { get; } = file;

    /// <summary>1-based line.</summary>
    public long Line { get; } = line;

    /// <summary>1-based column.</summary>
    public long Column { get; } = column;

    /// <inheritdoc/>
    public override void PrintBody(StringBuilder sb)
    {
        Printing.QuotedString(sb, File);
        sb.Append(':').Append(Line.ToString(CultureInfo.InvariantCulture)).Append(':').Append(Column.ToString(CultureInfo.InvariantCulture));
    }

    /// <inheritdoc/>
    public override string Describe() => string.Create(CultureInfo.InvariantCulture, $"{File}:{Line}:{Column}");
}

/// <summary><c>loc("name")</c> or <c>loc("name"(child))</c>.</summary>
public sealed class NameLoc(string name, Location? child) : Location
{
    /// <summary>The name.</summary>
    public string Name { get; } = name;

    /// <summary>The child location, if any.</summary>
    public Location? Child { get; } = child;

    /// <inheritdoc/>
    public override void PrintBody(StringBuilder sb)
    {
        Printing.QuotedString(sb, Name);
        if (Child is not null && Child is not UnknownLoc)
        {
            sb.Append('(');
            Child.PrintBody(sb);
            sb.Append(')');
        }
    }

    /// <inheritdoc/>
    public override string Describe() => Child?.Describe() is { Length: > 0 } d ? d : Name;
}

/// <summary><c>loc(callsite(callee at caller))</c>.</summary>
public sealed class CallSiteLoc(Location callee, Location caller) : Location
{
    /// <summary>The callee location.</summary>
    public Location Callee { get; } = callee;

    /// <summary>The caller location.</summary>
    public Location Caller { get; } = caller;

    /// <inheritdoc/>
    public override void PrintBody(StringBuilder sb)
    {
        sb.Append("callsite(");
        Callee.PrintBody(sb);
        sb.Append(" at ");
        Caller.PrintBody(sb);
        sb.Append(')');
    }

    /// <inheritdoc/>
    public override string Describe() => Callee.Describe();
}

/// <summary><c>loc(fused&lt;metadata&gt;[a, b])</c>.</summary>
public sealed class FusedLoc(MlirAttribute? metadata, IReadOnlyList<Location> locations) : Location
{
    /// <summary>Optional metadata attribute.</summary>
    public MlirAttribute? Metadata { get; } = metadata;

    /// <summary>The fused locations.</summary>
    public IReadOnlyList<Location> Locations { get; } = locations;

    /// <inheritdoc/>
    public override void PrintBody(StringBuilder sb)
    {
        sb.Append("fused");
        if (Metadata is not null)
        {
            sb.Append('<');
            Metadata.Print(sb);
            sb.Append('>');
        }
        sb.Append('[');
        Printing.List(sb, Locations, (s, l) => l.PrintBody(s));
        sb.Append(']');
    }

    /// <inheritdoc/>
    public override string Describe() => Locations.Select(l => l.Describe()).FirstOrDefault(d => d.Length > 0) ?? string.Empty;
}

/// <summary>A dialect location attribute kept as text (e.g. <c>#loc.foo&lt;...&gt;</c>).</summary>
public sealed class OpaqueLoc(string text) : Location
{
    /// <summary>The text.</summary>
    public string Text { get; } = text;

    /// <inheritdoc/>
    public override void PrintBody(StringBuilder sb) => sb.Append(Text);

    /// <inheritdoc/>
    public override string Describe() => string.Empty;
}
