using System.Collections.Concurrent;

namespace HwOpt.Analysis.Work;

/// <summary>
/// What the work estimate needs of an affine map (<c>(d0, d1)[s0] -&gt; (d0 * s0 + d1, 0)</c>, with or without the
/// <c>affine_map&lt;...&gt;</c> wrapper): its loop names and, per result, the loop it is when the result is a bare
/// loop name (such a result gives the loop's extent: the operand's size in that dim). Expressions are not evaluated.
/// Parsed maps are cached by text (maps repeat across ops).
/// </summary>
internal sealed class AffineMapShape
{
    private static readonly ConcurrentDictionary<string, AffineMapShape?> Cache = new(StringComparer.Ordinal);

    private AffineMapShape(string[] dims, int[] bareDims, ulong[] mentioned)
    {
        DimNames = dims;
        BareDims = bareDims;
        Mentioned = mentioned;
    }

    /// <summary>Per result: a bit set of the loops its expression mentions (loops 0-63).</summary>
    public ulong[] Mentioned { get; }

    /// <summary>Loop (dimension) names in order.</summary>
    public string[] DimNames { get; }

    /// <summary>Per result: the index of the loop it names, or -1 for any other expression.</summary>
    public int[] BareDims { get; }

    /// <summary>Number of loops.</summary>
    public int DimCount => DimNames.Length;

    /// <summary>Number of results (the rank of the operand it indexes).</summary>
    public int ResultCount => BareDims.Length;

    /// <summary>The parsed map, or null when the text is not an affine map.</summary>
    public static AffineMapShape? Get(string text) => Cache.TryGetValue(text, out var m) ? m : Cache.GetOrAdd(text, Parse(text));

    private static AffineMapShape? Parse(string text)
    {
        ReadOnlySpan<char> s = text.AsSpan().Trim();
        if (s.StartsWith("affine_map<", StringComparison.Ordinal) && s.EndsWith(">", StringComparison.Ordinal))
        {
            s = s["affine_map<".Length..^1].Trim();
        }
        if (s.Length == 0 || s[0] != '(') return null;
        int dimsEnd = s.IndexOf(')');
        if (dimsEnd < 0) return null;
        var dims = SplitTopLevel(s[1..dimsEnd]);
        int arrow = s.IndexOf("->", StringComparison.Ordinal);
        if (arrow < 0) return null;
        var rhs = s[(arrow + 2)..].Trim();
        if (rhs.Length < 2 || rhs[0] != '(' || rhs[^1] != ')') return null;
        var results = SplitTopLevel(rhs[1..^1]);
        var bare = new int[results.Count];
        var mentioned = new ulong[results.Count];
        for (int i = 0; i < results.Count; i++)
        {
            bare[i] = dims.IndexOf(results[i]);
            foreach (var token in Identifiers(results[i]))
            {
                int d = dims.IndexOf(token);
                if (d is >= 0 and < 64) mentioned[i] |= 1UL << d;
            }
        }
        return new AffineMapShape(dims.ToArray(), bare, mentioned);
    }

    private static IEnumerable<string> Identifiers(string expression)
    {
        int start = -1;
        for (int i = 0; i <= expression.Length; i++)
        {
            bool part = i < expression.Length && (char.IsLetterOrDigit(expression[i]) || expression[i] is '_' or '$');
            if (part && start < 0) start = i;
            else if (!part && start >= 0)
            {
                yield return expression[start..i];
                start = -1;
            }
        }
    }

    /// <summary>Splits at commas outside parentheses and brackets; trims; an empty list gives no items.</summary>
    private static List<string> SplitTopLevel(ReadOnlySpan<char> s)
    {
        var items = new List<string>();
        if (s.Trim().Length == 0) return items;
        int depth = 0, start = 0;
        for (int i = 0; i < s.Length; i++)
        {
            char c = s[i];
            if (c is '(' or '[') depth++;
            else if (c is ')' or ']') depth--;
            else if (c == ',' && depth == 0)
            {
                items.Add(s[start..i].Trim().ToString());
                start = i + 1;
            }
        }
        items.Add(s[start..].Trim().ToString());
        return items;
    }
}
