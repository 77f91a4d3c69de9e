using System.Text;
using HwOpt.Diagnostics;

namespace HwOpt.Syntax.Tests;

/// <summary>No crash, hang or stack overflow on hostile input; every failure is a located diagnostic.</summary>
public sealed class RobustnessTests
{
    [Theory]
    [InlineData("[", "]", "\"test.op\"() {a = ", "} : () -> ()")]
    [InlineData("\"test.op\"() ({ ", "}) : () -> ()", "", "")]
    [InlineData("complex<", ">", "\"test.op\"() : () -> ", "")]
    [InlineData("(", ")", "\"test.op\"() {a = dense<", ">} : () -> ()")]
    public void HundredThousandNestingLevelsEndInHW1004(string open, string close, string prefix, string suffix)
    {
        const int depth = 100_000;
        var sb = new StringBuilder(prefix);
        for (int i = 0; i < depth; i++) sb.Append(open);
        for (int i = 0; i < depth; i++) sb.Append(close);
        sb.Append(suffix);
        var r = MlirParser.Parse(new SourceText("deep.mlir", sb.ToString()));
        Assert.Null(r.Module);
        var d = Assert.Single(r.Diagnostics, d => d.IsError);
        Assert.Equal("HW1004", d.Id);
        Assert.Equal(1, d.Span.Line);
    }

    [Fact]
    public void SyntaxErrorAmongManyTrailingLocationAliasesIsReportedWhereItIs()
    {
        // The layout of --mlir-print-debuginfo output: a module, then one alias per location. A syntax error among the
        // aliases once sent the error path's prediction scanning to the end of the file at every item (quadratic).
        var sb = new System.Text.StringBuilder();
        sb.Append("#loc = loc(\"M\":0:0)\nmodule @M {\n  func.func @g() {\n    return loc(#loc1)\n  } loc(#loc)\n} loc(#loc)\n");
        sb.Append("#loc1 = loc(\"forward\":1:1)\n");
        const int aliases = 20_000, broken = 10_000;
        for (int i = 2; i < aliases; i++) sb.Append($"#loc{i} {(i == broken ? "}" : "=")} loc(\"op_{i}\"(#loc{i - 1}))\n");
        var r = MlirParser.Parse(new HwOpt.Diagnostics.SourceText("aliases.mlir", sb.ToString()));
        Assert.Null(r.Module);
        var first = r.Diagnostics.First(d => d.IsError);
        Assert.Equal("HW1001", first.Id);
        Assert.Equal(7 + broken - 1, first.Span.Line);
    }

    [Fact]
    public void HugeLiteralIsADiagnostic()
    {
        string text = "\"test.op\"() {a = " + new string('9', 100_000) + " : i32} : () -> ()";
        var r = MlirParser.Parse(new SourceText("huge.mlir", text));
        Assert.Contains(r.Diagnostics, d => d.Id == "HW1015");
    }

    [Fact]
    public void InvalidUtf8IsLocated()
    {
        var bytes = Encoding.UTF8.GetBytes("\"test.op\"() : () -> ()\n\"test.op\"() {a = \"x");
        bytes = [.. bytes, 0xC3, 0x28, .. "\"} : () -> ()"u8.ToArray()];
        var bag = new DiagnosticBag();
        Assert.Null(SourceDecoder.Decode(bytes, "bad.mlir", bag));
        var d = Assert.Single(bag.Items);
        Assert.Equal("HW1014", d.Id);
        Assert.Equal(2, d.Span.Line);
        Assert.Equal(20, d.Span.Column);
    }

    [Fact]
    public void AFileIsDecodedInBuffersAsItsBytesAreDecodedWhole()
    {
        // Multi-byte characters across the 64 KiB buffers, a BOM, an empty file, a file of exactly one buffer, and
        // invalid bytes (reported by the whole-bytes path, with their line and column).
        var rng = new Random(77);
        string[] pieces = ["a", "\u00e9", "\u20ac", "\U0001F600", "\n", "%0 = \"t.op\"() : () -> ()\n"];
        List<byte[]> cases = [[], Encoding.UTF8.GetBytes(new string('x', 1 << 16)), [0xEF, 0xBB, 0xBF, .. "%0\n"u8.ToArray()]];
        foreach (int length in new[] { 10, 65_535, 65_536, 65_537, 200_000 })
        {
            var sb = new StringBuilder();
            while (Encoding.UTF8.GetByteCount(sb.ToString()) < length) sb.Append(pieces[rng.Next(pieces.Length)]);
            cases.Add(Encoding.UTF8.GetBytes(sb.ToString()));
        }
        var broken = (byte[])cases[^1].Clone();
        broken[70_000] = 0xFF;
        cases.Add(broken);
        string path = Path.Combine(Path.GetTempPath(), $"hwopt-decode-{Environment.ProcessId}.mlir");
        try
        {
            foreach (var bytes in cases)
            {
                File.WriteAllBytes(path, bytes);
                var (wholeBag, fileBag) = (new DiagnosticBag(), new DiagnosticBag());
                var whole = SourceDecoder.Decode(bytes, "d.mlir", wholeBag);
                var file = SourceDecoder.DecodeFile(path, "d.mlir", fileBag);
                Assert.Equal(whole?.Text, file?.Text);
                Assert.Equal(wholeBag.Items.Select(d => (d.Id, d.Span.Line, d.Span.Column, d.Message)), fileBag.Items.Select(d => (d.Id, d.Span.Line, d.Span.Column, d.Message)));
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void AllSyntaxErrorsOfAFileAreReported()
    {
        const string text = "\"a.b\"() : () -> ()\n\"a.b\"( : () -> ()\n\"a.c\"() : () -> ()\n\"a.d\"() : () - ()\n";
        var r = MlirParser.Parse(new SourceText("two.mlir", text));
        var lines = r.Diagnostics.Where(d => d.IsError).Select(d => d.Span.Line).Distinct().ToList();
        Assert.Contains(2, lines);
        Assert.Contains(4, lines);
        Assert.All(r.Diagnostics, d => Assert.StartsWith("HW1", d.Id));
    }

    /// <summary>
    /// A test-time fuzz campaign (scripts/fuzz.sh runs a longer one): mutations of corpus files. Each input must parse
    /// or fail with located diagnostics within the time limit, without an exception.
    /// </summary>
    [Fact]
    public void FuzzedCorpusNeverCrashesOrHangs()
    {
        var seeds = Directory.GetFiles(TestPaths.Corpus("valid"), "*.mlir").Order(StringComparer.Ordinal)
            .Concat(Directory.GetFiles(TestPaths.Corpus("tolerant"), "*.mlir").Order(StringComparer.Ordinal))
            .Select(File.ReadAllBytes).ToList();
        Assert.NotEmpty(seeds);
        var report = Fuzzer.Run(seeds, iterations: 2500, seed: 20261121, perInputTimeout: TimeSpan.FromSeconds(10));
        Assert.True(report.Failures.Count == 0, string.Join("\n", report.Failures.Take(5)));
        Assert.True(report.Rejected > 0 && report.Accepted > 0, $"accepted {report.Accepted}, rejected {report.Rejected}");
    }
}
