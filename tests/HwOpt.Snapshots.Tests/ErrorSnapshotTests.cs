using HwOpt.Snapshots.Tests.Support;
using HwOpt.Transforms.Pipeline;

namespace HwOpt.Snapshots.Tests;

/// <summary>
/// Expected errors: invalid pass pipelines, malformed or unmeetable pins and an unmeetable budget, each run as
/// <c>hwopt optimize</c> runs it; the outcome (the exit code's meaning) and every diagnostic as the CLI prints it, with
/// source line and caret, are compared with <c>Snapshots/ErrorSnapshotTests.Reports_case=*.verified.txt</c>.
/// </summary>
public sealed class ErrorSnapshotTests
{
    private const string MatmulChain = "tests/HwOpt.Snapshots.Tests/Cases/matmul_chain.mlir";
    private const string Pinned = "tests/HwOpt.Snapshots.Tests/Cases/pinned.mlir";

    private sealed record Case(string Pipeline, string Model, string? PinFile = null, Budgets? Budgets = null);

    private static readonly SortedDictionary<string, Case> Cases = new(StringComparer.Ordinal)
    {
        ["unknown_pass"] = new("builtin.module(hwopt-fuse,hwopt-fusion)", MatmulChain),
        ["unknown_option"] = new("builtin.module(hwopt-partition{devices=cpu,gpu objectiv=energy})", MatmulChain),
        ["bad_integer"] = new("builtin.module(hwopt-fuse{max-group-size=eight})", MatmulChain),
        ["unclosed_pipeline"] = new("builtin.module(hwopt-fuse{max-group-size=8", MatmulChain),
        ["unknown_device"] = new("builtin.module(hwopt-partition{devices=cpu,tpu})", MatmulChain),
        ["invalid_ir_pins"] = new("builtin.module(hwopt-fuse)", "tests/HwOpt.Snapshots.Tests/Cases/invalid_pins.mlir"),
        ["invalid_pin_file"] = new("builtin.module(hwopt-fuse)", MatmulChain, PinFile: "tests/HwOpt.Snapshots.Tests/Cases/invalid.pins.json"),
        ["pinned_device_not_planned"] = new("builtin.module(hwopt-partition{devices=cpu})", Pinned),
        ["pinned_format_not_offered"] = new("builtin.module(hwopt-precision{formats=fp32,int8})", Pinned),
        ["size_budget_unmeetable"] = new("builtin.module(hwopt-precision)", "corpus/models/mlp.mlir", Budgets: new Budgets(MaxBytes: 1000)),
    };

    public static TheoryData<string> Names() => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(Names))]
    public void Reports(string @case)
    {
        var c = Cases[@case];
        var run = PlanRunner.Run(c.Pipeline, c.Model, c.PinFile, c.Budgets);
        Assert.NotEqual("ok", run.Outcome);
        Assert.NotEmpty(run.Diagnostics);
        Snapshot.Verify($"outcome: {run.Outcome}\npipeline: {c.Pipeline}\nmodel: {c.Model}\n\n{string.Join("\n", run.Diagnostics)}\n",
            new SnapshotSettings(Directory: "Snapshots", Parameters: [("case", @case)]));
    }
}
