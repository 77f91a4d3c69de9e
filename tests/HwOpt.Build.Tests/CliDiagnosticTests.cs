using HwOpt.Diagnostics;

namespace HwOpt.Build.Tests;

/// <summary>The task reads exactly what the CLI's <see cref="DiagnosticFormatter"/> prints.</summary>
public sealed class CliDiagnosticTests
{
    [Fact]
    public void LocatedDiagnosticOfTheFormatterIsParsedWithFileLineColumnAndCode()
    {
        var source = new SourceText("/tmp/a b/model:v2.mlir", "func.func @f() {\n  %1 = arith.addi %0, %x : i32\n}\n");
        int start = source.Text.IndexOf("%x", StringComparison.Ordinal);
        var d = new Diagnostic(DiagnosticIds.UndefinedValue, new SourceSpan(source, start, 2), "use of undefined value '%x'");
        string first = DiagnosticFormatter.Format(d).Split('\n')[0];

        var parsed = CliDiagnostic.TryParse(first);

        Assert.NotNull(parsed);
        var (line, col) = source.GetLineColumn(start);
        Assert.Equal(new CliDiagnostic("/tmp/a b/model:v2.mlir", line, col, "error", DiagnosticIds.UndefinedValue.Id, "use of undefined value '%x'"), parsed);
    }

    [Fact]
    public void UnlocatedDiagnosticHasNoFile()
    {
        var d = new Diagnostic(DiagnosticIds.PlanNotProvenOptimal, default, "fusion: stopped by the node limit");

        var parsed = CliDiagnostic.TryParse(DiagnosticFormatter.Format(d));

        Assert.Equal(new CliDiagnostic(null, 0, 0, "warning", "HW3007", "fusion: stopped by the node limit"), parsed);
    }

    [Theory]
    [InlineData("hwopt optimize: 11 kernel ops → 5 kernels; predicted 848.588 us")]
    [InlineData("  %1 = arith.addi %0, %x : i32")]
    [InlineData("                      ^")]
    [InlineData("model.mlir:3:23: error: use of undefined value")]
    public void OtherLinesAreNotDiagnostics(string line) => Assert.Null(CliDiagnostic.TryParse(line));

    [Fact]
    public void TaskCodesAreCatalogueIds()
    {
        Assert.Equal(TaskCodes.ToolNotFound, DiagnosticIds.HwOptToolNotFound.Id);
        Assert.Equal(TaskCodes.Usage, DiagnosticIds.Usage.Id);
    }
}
