using HwOpt.Diagnostics;
using HwOpt.IR;
using HwOpt.Syntax;

namespace HwOpt.Analysis.Tests.Work;

internal static class WorkTestSupport
{
    /// <summary>Parses a module and returns the ops of its first function's body without the terminator.</summary>
    public static IReadOnlyList<Operation> Body(string text)
    {
        var result = MlirParser.Parse(new SourceText("work.mlir", text));
        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics.Select(d => DiagnosticFormatter.Format(d))));
        var function = result.Module!.Root.Regions[0].Blocks[0].Operations.First(o => o.Regions.Count > 0);
        return function.Regions[0].Blocks[0].Operations.Where(o => !DialectTraits.Has(o.Name, "terminator")).ToList();
    }

    /// <summary>The single op of a function body that is not a constant.</summary>
    public static Operation Op(string text) => Body(text).Single(o => !DialectTraits.Has(o.Name, "constant"));
}
