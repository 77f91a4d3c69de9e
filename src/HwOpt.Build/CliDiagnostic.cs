using System.Globalization;
using System.Text.RegularExpressions;

namespace HwOpt.Build;

/// <summary>
/// One diagnostic line of the hwopt CLI, parsed: <c>file:line:col: error: HW1005: message</c> (located) or
/// <c>hwopt: warning: HW4014: message</c> (no location). The format is the one <c>DiagnosticFormatter.Format</c> prints.
/// </summary>
/// <param name="File">The file the diagnostic points at, or null when the CLI gave none.</param>
/// <param name="Line">1-based line, 0 when unlocated.</param>
/// <param name="Column">1-based column, 0 when unlocated.</param>
/// <param name="Severity"><c>error</c>, <c>warning</c>, <c>note</c> or <c>remark</c>.</param>
/// <param name="Code">The stable id, e.g. <c>HW1005</c>.</param>
/// <param name="Message">The text after the id.</param>
internal sealed record CliDiagnostic(string? File, int Line, int Column, string Severity, string Code, string Message)
{
    private static readonly Regex Located = new(
        @"^(?<file>.+?):(?<line>[0-9]+):(?<col>[0-9]+): (?<sev>error|warning|note|remark): (?<code>HW[0-9]{4}): (?<msg>.*)$",
        RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture);

    private static readonly Regex Unlocated = new(
        @"^hwopt: (?<sev>error|warning|note|remark): (?<code>HW[0-9]{4}): (?<msg>.*)$",
        RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture);

    /// <summary>The diagnostic on this line, or null when the line is not one (the source line and caret after it, a summary).</summary>
    public static CliDiagnostic? TryParse(string line)
    {
        var m = Located.Match(line);
        if (m.Success
            && int.TryParse(m.Groups["line"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out int l)
            && int.TryParse(m.Groups["col"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out int c))
        {
            return new CliDiagnostic(m.Groups["file"].Value, l, c, m.Groups["sev"].Value, m.Groups["code"].Value, m.Groups["msg"].Value);
        }
        m = Unlocated.Match(line);
        return m.Success ? new CliDiagnostic(null, 0, 0, m.Groups["sev"].Value, m.Groups["code"].Value, m.Groups["msg"].Value) : null;
    }
}
