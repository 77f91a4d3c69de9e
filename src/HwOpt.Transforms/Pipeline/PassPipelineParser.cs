using HwOpt.Diagnostics;

namespace HwOpt.Transforms.Pipeline;

/// <summary>One pass of a pipeline with its options, as written.</summary>
/// <param name="Name">Pass name, e.g. <c>hwopt-fuse</c>.</param>
/// <param name="Options">Options in the order written (<c>key=value</c>; a bare key has the value <c>true</c>).</param>
/// <param name="Offset">Offset of the name in the pipeline text (for diagnostics).</param>
public sealed record PassSpec(string Name, IReadOnlyList<KeyValuePair<string, string>> Options, int Offset);

/// <summary>
/// Reads a textual pass pipeline in mlir-opt's syntax: <c>builtin.module(hwopt-fuse{max-group-size=8},hwopt-partition{devices=cpu,gpu})</c>
/// (the <c>builtin.module(...)</c> anchor may be left out). Options inside <c>{...}</c> are separated by spaces; a
/// value runs to the next space or the closing brace, so list values keep their commas (<c>devices=cpu,gpu</c>),
/// and may be quoted with <c>"</c> or nested in braces. Errors are <c>HW3001</c> diagnostics located in the text.
/// </summary>
public static class PassPipelineParser
{
    /// <summary>Parses the text.</summary>
    /// <param name="source">The pipeline text (its path names it in diagnostics, e.g. <c>&lt;pass-pipeline&gt;</c>).</param>
    /// <param name="diagnostics">Receives HW3001 errors.</param>
    /// <returns>The passes in order, or null after an error.</returns>
    public static IReadOnlyList<PassSpec>? Parse(SourceText source, DiagnosticBag diagnostics)
    {
        string t = source.Text;
        int pos = 0;
        SkipSpace(t, ref pos);
        int end = t.Length;
        // Optional anchor: builtin.module( ... ) or module( ... ).
        foreach (string anchor in new[] { "builtin.module", "module" })
        {
            int save = pos;
            if (string.CompareOrdinal(t, pos, anchor, 0, anchor.Length) != 0) continue;
            pos += anchor.Length;
            SkipSpace(t, ref pos);
            if (pos < t.Length && t[pos] == '(')
            {
                int close = t.TrimEnd().Length - 1;
                if (close < pos || t[close] != ')') return Fail(source, diagnostics, pos, "missing ')' closing the 'builtin.module(' anchor");
                pos++;
                end = close;
                break;
            }
            pos = save;
        }
        var passes = new List<PassSpec>();
        while (true)
        {
            SkipSpace(t, ref pos, end);
            if (pos >= end)
            {
                if (passes.Count == 0) return Fail(source, diagnostics, pos, "empty pass pipeline");
                return passes;
            }
            int start = pos;
            while (pos < end && (char.IsAsciiLetterOrDigit(t[pos]) || t[pos] is '-' or '_' or '.')) pos++;
            if (pos == start) return Fail(source, diagnostics, pos, $"expected a pass name, found '{t[pos]}'");
            string name = t[start..pos];
            var options = new List<KeyValuePair<string, string>>();
            SkipSpace(t, ref pos, end);
            if (pos < end && t[pos] == '{')
            {
                pos++;
                while (true)
                {
                    SkipSpace(t, ref pos, end);
                    if (pos >= end) return Fail(source, diagnostics, start, $"missing '}}' after the options of '{name}'");
                    if (t[pos] == '}') { pos++; break; }
                    int keyStart = pos;
                    while (pos < end && !char.IsWhiteSpace(t[pos]) && t[pos] is not ('=' or '}')) pos++;
                    string key = t[keyStart..pos];
                    if (key.Length == 0) return Fail(source, diagnostics, pos, $"expected an option name in '{name}'");
                    string value = "true";
                    if (pos < end && t[pos] == '=')
                    {
                        pos++;
                        int valueStart = pos;
                        if (!ReadValue(t, ref pos, end, out value)) return Fail(source, diagnostics, valueStart, $"unterminated value of option '{key}' of '{name}'");
                        if (value.Length == 0) return Fail(source, diagnostics, valueStart, $"option '{key}' of '{name}' has no value");
                    }
                    if (options.Any(o => o.Key == key)) return Fail(source, diagnostics, keyStart, $"option '{key}' given twice to '{name}'");
                    options.Add(new(key, value));
                }
            }
            passes.Add(new PassSpec(name, options, start));
            SkipSpace(t, ref pos, end);
            if (pos >= end) continue;
            if (t[pos] != ',') return Fail(source, diagnostics, pos, $"expected ',' or the end of the pipeline after '{name}', found '{t[pos]}'");
            pos++;
            SkipSpace(t, ref pos, end);
            if (pos >= end) return Fail(source, diagnostics, pos, "expected a pass name after ','");
        }
    }

    private static bool ReadValue(string t, ref int pos, int end, out string value)
    {
        int start = pos;
        if (pos < end && t[pos] == '"')
        {
            int close = t.IndexOf('"', pos + 1);
            if (close < 0 || close >= end) { value = ""; return false; }
            value = t[(pos + 1)..close];
            pos = close + 1;
            return true;
        }
        int depth = 0;
        while (pos < end)
        {
            char c = t[pos];
            if (c == '{') depth++;
            else if (c == '}')
            {
                if (depth == 0) break;
                depth--;
            }
            else if (char.IsWhiteSpace(c) && depth == 0) break;
            pos++;
        }
        value = t[start..pos];
        return depth == 0;
    }

    private static void SkipSpace(string t, ref int pos, int end = int.MaxValue)
    {
        while (pos < Math.Min(end, t.Length) && char.IsWhiteSpace(t[pos])) pos++;
    }

    private static IReadOnlyList<PassSpec>? Fail(SourceText source, DiagnosticBag diagnostics, int offset, string message)
    {
        diagnostics.Report(DiagnosticIds.InvalidPassPipeline, new SourceSpan(source, source.OffsetOfChar(offset), 1), message);
        return null;
    }
}
