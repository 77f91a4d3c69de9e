using System.Text;

namespace HwOpt.IR;

/// <summary>Small helpers shared by the printers (invariant culture, MLIR escaping rules).</summary>
public static class Printing
{
    /// <summary>Writes items separated by <c>", "</c>.</summary>
    public static void List<T>(StringBuilder sb, IReadOnlyList<T> items, Action<StringBuilder, T> print)
    {
        for (int i = 0; i < items.Count; i++)
        {
            if (i > 0) sb.Append(", ");
            print(sb, items[i]);
        }
    }

    /// <summary>True when <paramref name="name"/> is a valid MLIR bare identifier (<c>[a-zA-Z_][a-zA-Z0-9_$.]*</c>).</summary>
    public static bool IsBareIdentifier(string name)
    {
        if (name.Length == 0 || !(char.IsAsciiLetter(name[0]) || name[0] == '_')) return false;
        foreach (char c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '_' || c == '$' || c == '.')) return false;
        }
        return true;
    }

    /// <summary>Writes a name as a bare identifier when valid, else as a quoted MLIR string.</summary>
    public static void Identifier(StringBuilder sb, string name)
    {
        if (IsBareIdentifier(name)) sb.Append(name); else QuotedString(sb, name);
    }

    /// <summary>Writes a string as an MLIR string literal: printable ASCII as is, other bytes as <c>\XX</c> of UTF-8.</summary>
    public static void QuotedString(StringBuilder sb, string value) => QuotedBytes(sb, Encoding.UTF8.GetBytes(value));

    /// <summary>Writes bytes as an MLIR string literal: printable ASCII as is, <c>\"</c> and <c>\\</c> escaped, other bytes as <c>\XX</c>.</summary>
    public static void QuotedBytes(StringBuilder sb, ReadOnlySpan<byte> bytes)
    {
        sb.Append('"');
        foreach (byte b in bytes)
        {
            char c = (char)b;
            if (c == '"' || c == '\\') sb.Append('\\').Append(c);
            else if (b >= 0x20 && b < 0x7F) sb.Append(c);
            else sb.Append('\\').Append(((int)b).ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
        }
        sb.Append('"');
    }
}
