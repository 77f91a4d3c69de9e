using System.Globalization;
using System.Text;

namespace HwOpt.Snapshots.Tests.Support;

/// <summary>
/// A unified diff of the first differing region of two texts: lines common to both ends are trimmed, the middle is
/// shown as one hunk (<c>@@ -a,b +c,d @@</c>) with three lines of context, each side cut at <see cref="MaxLines"/>.
/// Enough to see what changed in a test message; <c>git diff --no-index</c> of the two files gives the whole story.
/// </summary>
internal static class UnifiedDiff
{
    /// <summary>Most lines shown per side.</summary>
    public const int MaxLines = 40;

    private const int Context = 3;

    /// <summary>The hunk, with <c>---</c>/<c>+++</c> headers; empty when the texts are equal.</summary>
    public static string FirstHunk(string expected, string actual, string expectedName, string actualName)
    {
        string[] a = Lines(expected), b = Lines(actual);
        int prefix = 0;
        while (prefix < a.Length && prefix < b.Length && a[prefix] == b[prefix]) prefix++;
        if (prefix == a.Length && prefix == b.Length) return "";
        int suffix = 0;
        while (suffix < a.Length - prefix && suffix < b.Length - prefix && a[^(suffix + 1)] == b[^(suffix + 1)]) suffix++;
        int start = Math.Max(0, prefix - Context);
        int endA = Math.Min(a.Length, a.Length - suffix + Context), endB = Math.Min(b.Length, b.Length - suffix + Context);
        var sb = new StringBuilder();
        sb.Append("--- ").Append(expectedName).Append('\n').Append("+++ ").Append(actualName).Append('\n');
        sb.Append(string.Create(CultureInfo.InvariantCulture, $"@@ -{start + 1},{endA - start} +{start + 1},{endB - start} @@\n"));
        for (int i = start; i < prefix; i++) sb.Append(' ').Append(a[i]).Append('\n');
        Side(sb, '-', a, prefix, a.Length - suffix);
        Side(sb, '+', b, prefix, b.Length - suffix);
        for (int i = a.Length - suffix; i < endA; i++) sb.Append(' ').Append(a[i]).Append('\n');
        return sb.ToString();
    }

    private static void Side(StringBuilder sb, char mark, string[] lines, int from, int to)
    {
        for (int i = from; i < Math.Min(to, from + MaxLines); i++) sb.Append(mark).Append(lines[i]).Append('\n');
        if (to - from > MaxLines) sb.Append(mark).Append(string.Create(CultureInfo.InvariantCulture, $"... {to - from - MaxLines} more lines\n"));
    }

    private static string[] Lines(string text) => text.Length == 0 ? [] : text.TrimEnd('\n').Split('\n');
}
