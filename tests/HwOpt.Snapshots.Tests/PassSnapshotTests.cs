using System.Text;
using HwOpt.Snapshots.Tests.Support;

namespace HwOpt.Snapshots.Tests;

/// <summary>
/// Each pass alone, the joint mode and the three passes one after another, on hand-written cases (<c>Cases/</c>) and the
/// small corpus models: the annotated IR (generic form) and the decision list (the plan report per op: kernel, format,
/// device, cost, reasons; solves, objectives, baselines) are compared with <c>Snapshots/*.verified.txt</c>.
/// Update after an intended change: <c>HWOPT_ACCEPT_SNAPSHOTS=1 dotnet test tests/HwOpt.Snapshots.Tests</c>, then review <c>git diff</c>.
/// </summary>
public sealed class PassSnapshotTests
{
    /// <summary>Mode name (part of the file name) → pipeline.</summary>
    private static readonly SortedDictionary<string, string> Modes = new(StringComparer.Ordinal)
    {
        ["fuse"] = "builtin.module(hwopt-fuse)",
        ["precision"] = "builtin.module(hwopt-precision{size-fraction=0.5})",
        ["partition"] = "builtin.module(hwopt-partition{devices=cpu,gpu})",
        ["joint"] = "builtin.module(hwopt-joint{devices=cpu,gpu})",
        ["pipeline"] = "builtin.module(hwopt-fuse,hwopt-precision{size-fraction=0.5},hwopt-partition{devices=cpu,gpu})",
    };

    /// <summary>Input name → path in the checkout.</summary>
    private static readonly SortedDictionary<string, string> Inputs = new(StringComparer.Ordinal)
    {
        ["conv_bias_relu"] = "tests/HwOpt.Snapshots.Tests/Cases/conv_bias_relu.mlir",
        ["residual_block"] = "tests/HwOpt.Snapshots.Tests/Cases/residual_block.mlir",
        ["matmul_chain"] = "tests/HwOpt.Snapshots.Tests/Cases/matmul_chain.mlir",
        ["pinned"] = "tests/HwOpt.Snapshots.Tests/Cases/pinned.mlir",
        ["lenet5"] = "corpus/models/lenet5.mlir",
        ["lenet5_tosa"] = "corpus/models/lenet5_tosa.mlir",
        ["mlp"] = "corpus/models/mlp.mlir",
        ["mlp_tosa"] = "corpus/models/mlp_tosa.mlir",
    };

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (string mode in Modes.Keys) foreach (string input in Inputs.Keys) data.Add(mode, input);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Plan(string mode, string input)
    {
        var run = PlanRunner.Run(Modes[mode], Inputs[input]);
        Assert.True(run.Outcome == "ok", run.Outcome + "\n" + string.Join("\n", run.Diagnostics));
        Assert.Empty(PlanRunner.EndedByTime(run));
        Snapshot.Verify([new("ir", run.Ir), new("decisions", Decisions(run))],
            new SnapshotSettings(Directory: "Snapshots", Parameters: [("mode", mode), ("input", input)]));
    }

    [Fact]
    public void TwoRunsGiveTheSameBytes()
    {
        var first = PlanRunner.Run(Modes["pipeline"], Inputs["lenet5"]);
        var second = PlanRunner.Run(Modes["pipeline"], Inputs["lenet5"]);
        Assert.Equal("ok", first.Outcome);
        Assert.Equal(first.Ir, second.Ir);
        Assert.Equal(Scrubbers.Default(Decisions(first)), Scrubbers.Default(Decisions(second)));
    }

    /// <summary>The decision list, then the run's diagnostics (warnings and notes) when there are any.</summary>
    internal static string Decisions(PlanRun run)
    {
        var sb = new StringBuilder(DecisionList.FromJson(run.ReportJson));
        if (run.Diagnostics.Count > 0) sb.Append("\ndiagnostics\n").AppendJoin('\n', run.Diagnostics).Append('\n');
        return sb.ToString();
    }
}
