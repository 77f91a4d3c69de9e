using System.Diagnostics;
using System.Text.Json;

namespace HwOpt.Cli.Tests;

/// <summary>The hwopt CLI as a user runs it: a child process, exit codes, stdout/stderr, files.</summary>
public sealed class CliTests
{
    private static (int Code, string Stdout, string Stderr) Run(string args, string? stdin = null) => HwOptProcess.Run(args, stdin, 120_000);

    private static string Root => HwOptProcess.Root;

    [Fact]
    public void ParsesAModelToGenericFormDeterministically()
    {
        var a = Run("parse corpus/valid/model_attention_block.mlir");
        var b = Run("parse corpus/valid/model_attention_block.mlir");
        Assert.Equal(0, a.Code);
        Assert.StartsWith("\"builtin.module\"() <{sym_name = \"bert_attention\"}> ({", a.Stdout);
        Assert.Equal(a.Stdout, b.Stdout);
    }

    [Fact]
    public void BadInputGivesLocatedDiagnosticAndExitCode1()
    {
        var r = Run("parse -", "func.func @f() {\n  \"test.use\"(%nope) : (f32) -> ()\n  return\n}\n");
        Assert.Equal(1, r.Code);
        Assert.Equal(string.Empty, r.Stdout);
        Assert.Contains("<stdin>:2:14: error: HW1005: use of undefined value '%nope'", r.Stderr);
    }

    [Fact]
    public void TrainCrossValidationNamesTheKindsItKnows()
    {
        string output = Path.Combine(Path.GetTempPath(), "hwopt-cv-" + Guid.NewGuid().ToString("N"));
        var r = Run($"train corpus/measurements/host-cpu.csv.gz -o {output} --cv random");
        Assert.Equal(2, r.Code);
        Assert.Contains("HW4006", r.Stderr);
        Assert.Contains("--cv takes 'family'", r.Stderr);
        Assert.False(Directory.Exists(output));
        Assert.Equal(2, Run($"train corpus/measurements/host-cpu.csv.gz -o {output} --cv family --targets latency_ns").Code);
    }

    [Fact]
    public void UsageErrorsExitWith2()
    {
        var r = Run("parse corpus/valid/model_mlp.mlir --emit nonsense");
        Assert.Equal(2, r.Code);
        Assert.Contains("HW4006", r.Stderr);
        Assert.Equal(2, Run("frobnicate").Code);
    }

    [Theory]
    [InlineData("parse --bogus")]
    [InlineData("optimize -x")]
    [InlineData("cost --no-such-option")]
    [InlineData("validate --bogus")]
    [InlineData("device show --bogus")]
    public void AnUnknownOptionWhereAFileGoesIsAUsageErrorNotAMissingFile(string args)
    {
        var r = Run(args);
        Assert.Equal(2, r.Code);
        Assert.Contains("HW4006", r.Stderr);
        Assert.Contains("Unrecognized command or argument '-", r.Stderr);
        Assert.DoesNotContain("HW4004", r.Stderr);
    }

    [Fact]
    public void NeverOverwritesTheInput()
    {
        string dir = Directory.CreateTempSubdirectory("hwopt-cli").FullName;
        string file = Path.Combine(dir, "m.mlir");
        const string text = "\"test.op\"() : () -> ()\n";
        File.WriteAllText(file, text);
        var r = Run($"parse \"{file}\" -o \"{file}\"");
        Assert.Equal(1, r.Code);
        Assert.Contains("HW4005", r.Stderr);
        Assert.Equal(text, File.ReadAllText(file));
        var ok = Run($"parse \"{file}\" -o \"{file}.out\"");
        Assert.Equal(0, ok.Code);
        Assert.Contains("\"test.op\"()", File.ReadAllText(file + ".out"));
        Directory.Delete(dir, true);
    }

    [Fact]
    public void SplitInputFileKeepsFileLineNumbers()
    {
        var r = Run("parse - --split-input-file", "\"a.b\"() : () -> ()\n// -----\n\"a.c\"() : () -> ()\n// -----\n\n\"a.d\"(%x) : (i32) -> ()\n");
        Assert.Equal(1, r.Code);
        Assert.Contains("<stdin>:6:7: error: HW1005", r.Stderr);
    }

    [Fact]
    public void SplitInputFileTakesCrLfSeparatorsWithTrailingBlanksAndCountsColumnsInBytes()
    {
        // The split works on the file's bytes: a separator line may end in blanks and CR, and columns count bytes.
        var ok = Run("parse - --split-input-file", "\"a.b\"() {s = \"\u00e9\"} : () -> ()\r\n// -----  \r\n\"a.c\"() : () -> ()\r\n");
        Assert.Equal(0, ok.Code);
        Assert.Contains("\"a.b\"() {s = \"\\C3\\A9\"}", ok.Stdout);
        Assert.Contains("\"a.c\"()", ok.Stdout);
        var bad = Run("parse - --split-input-file", "\"a.b\"() : () -> ()\r\n// -----\r\n\"a.c\"() {s = \"\u00e9\"} : () -> ()\r\n \u00e9 \u20ac\r\n");
        Assert.Equal(1, bad.Code);
        Assert.Contains("<stdin>:4:2: error: HW1003", bad.Stderr);
    }

    [Fact]
    public void EmitsTheDataflowGraphAsJsonAndDot()
    {
        var json = Run("parse corpus/valid/model_mlp.mlir --emit graph-json");
        Assert.Equal(0, json.Code);
        using var doc = JsonDocument.Parse(json.Stdout);
        Assert.Equal(1, doc.RootElement.GetProperty("schemaVersion").GetInt32());
        Assert.True(doc.RootElement.GetProperty("nodes").GetArrayLength() > 5);
        Assert.True(doc.RootElement.GetProperty("edges").GetArrayLength() > 5);
        var dot = Run("parse corpus/valid/model_mlp.mlir --emit graph-dot");
        Assert.StartsWith("digraph", dot.Stdout);
    }

    [Fact]
    public void StatsSayHowMuchWasUnderstood()
    {
        var r = Run("parse corpus/tolerant/stablehlo_mlp.mlir --emit stats");
        Assert.Equal(0, r.Code);
        Assert.Matches(@"opaque by dialect: stablehlo \d+", r.Stdout);
        Assert.Contains("remark: HW1016", r.Stderr);
    }

}
