using System.Globalization;
using System.Text;

namespace HwOpt.Diagnostics;

/// <summary>Prints diagnostics as compilers do: <c>file:line:col: error: HW1001: message</c> plus the source line and a caret.</summary>
public static class DiagnosticFormatter
{
    /// <summary>The severity word MLIR and clang use.</summary>
    public static string SeverityWord(DiagnosticSeverity severity) => severity switch
    {
        DiagnosticSeverity.Error => "error",
        DiagnosticSeverity.Warning => "warning",
        DiagnosticSeverity.Note => "note",
        _ => "remark",
    };

    /// <summary>One diagnostic in the command-line format, with the source line and caret when a file is known.</summary>
    public static string Format(Diagnostic d, bool withSourceLine = true)
    {
        var sb = new StringBuilder();
        if (d.Span.Source is { } src)
        {
            var (line, col) = src.GetLineColumn(d.Span.Start);
            sb.Append(src.Path).Append(':').Append(line.ToString(CultureInfo.InvariantCulture))
              .Append(':').Append(col.ToString(CultureInfo.InvariantCulture)).Append(": ");
            sb.Append(SeverityWord(d.Severity)).Append(": ").Append(d.Id).Append(": ").Append(d.Message);
            if (withSourceLine)
            {
                string text = src.GetLine(line);
                if (text.Length > 200) text = text.Substring(0, 200) + "...";
                sb.Append('\n').Append(text).Append('\n');
                sb.Append(new string(' ', Math.Min(src.GetCharColumn(d.Span.Start), text.Length))).Append('^');
            }
        }
        else
        {
            sb.Append("hwopt: ").Append(SeverityWord(d.Severity)).Append(": ").Append(d.Id).Append(": ").Append(d.Message);
        }
        return sb.ToString();
    }

    /// <summary>One diagnostic in canonical MSBuild format: <c>file(line,col): error HW1001: message</c>.</summary>
    public static string FormatMsBuild(Diagnostic d)
    {
        string sev = d.Severity == DiagnosticSeverity.Error ? "error" : "warning";
        if (d.Span.Source is { } src)
        {
            var (line, col) = src.GetLineColumn(d.Span.Start);
            return string.Create(CultureInfo.InvariantCulture, $"{src.Path}({line},{col}): {sev} {d.Id}: {d.Message}");
        }
        return $"hwopt: {sev} {d.Id}: {d.Message}";
    }
}
