using System.Text.RegularExpressions;
using HwOpt.Diagnostics;

namespace HwOpt.Syntax.Tests;

/// <summary>
/// corpus/invalid: cases split at <c>// -----</c>, each with one <c>// expected-error@+N {{HWnnnn}}</c> (or an
/// <c>expected-error {{HWnnnn}}</c> at the end of the faulty line). As with mlir-opt's -verify-diagnostics, hwopt
/// must report an error with that id on that line, and no error on any other line.
/// </summary>
public sealed partial class InvalidCorpusTests
{
    [GeneratedRegex(@"expected-error(?:@([+-]\d+))?\s*\{\{(HW\d{4})\}\}")]
    private static partial Regex Expected();

    public static IEnumerable<object[]> InvalidFiles => TestPaths.Files("invalid");

    [Theory]
    [MemberData(nameof(InvalidFiles))]
    public void EachCaseReportsTheExpectedErrorAtItsLine(string file)
    {
        string path = Path.Combine(TestPaths.Corpus("invalid"), file);
        var lines = File.ReadAllText(path).Split('\n');
        var problems = new List<string>();
        int caseStart = 0, cases = 0;
        for (int i = 0; i <= lines.Length; i++)
        {
            if (i < lines.Length && lines[i].TrimEnd() != "// -----") continue;
            cases++;
            var caseLines = lines[caseStart..i];
            var expected = new List<(int Line, string Id)>();
            for (int k = 0; k < caseLines.Length; k++)
            {
                var m = Expected().Match(caseLines[k]);
                if (!m.Success) continue;
                int offset = m.Groups[1].Success ? int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
                expected.Add((caseStart + k + 1 + offset, m.Groups[2].Value));
            }
            var source = new SourceText(path, string.Join('\n', caseLines), caseStart);
            var result = MlirParser.Parse(source);
            var errors = result.Diagnostics.Where(d => d.IsError).ToList();
            if (expected.Count == 0) problems.Add($"case at line {caseStart + 1}: no expected-error comment");
            foreach (var (line, id) in expected)
            {
                if (!errors.Any(d => d.Id == id && d.Span.Line == line))
                {
                    problems.Add($"line {line}: expected {id}, got: " +
                        (errors.Count == 0 ? "no error" : string.Join(" | ", errors.Select(d => DiagnosticFormatter.Format(d, withSourceLine: false)))));
                }
            }
            // Recovery may add follow-on errors after the first expected one (a stray '}' at the end of the case), but
            // nothing may be reported before it.
            int firstExpected = expected.Count > 0 ? expected.Min(x => x.Line) : int.MaxValue;
            foreach (var other in errors.Where(d => d.Span.Line < firstExpected))
            {
                problems.Add($"unexpected error: {DiagnosticFormatter.Format(other, withSourceLine: false)}");
            }
            caseStart = i + 1;
        }
        Assert.True(cases > 0);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
}
