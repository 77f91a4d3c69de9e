using System.Globalization;
using System.Text;
using HwOpt.CostModel;
using HwOpt.CostModel.Model;
using HwOpt.Diagnostics;
using HwOpt.Planning.Cbc;
using HwOpt.Planning.Partitioning;
using static HwOpt.Planning.Tests.Partitioning.PartitionTestSupport;

namespace HwOpt.Planning.Tests.Partitioning;

/// <summary>
/// Figures for the report: corpus models over host-cpu (learned model) + h200 + edge-npu (roofline). Opt-in, as it
/// needs libxgboost and takes a while: <c>HWOPT_PARTITION_FIGURES=/tmp/figures.md dotnet test --filter PartitionCorpusFigures</c>.
/// </summary>
public sealed class PartitionCorpusFigures
{
    [SkippableTheory]
    [InlineData("lenet5")]
    [InlineData("mlp")]
    [InlineData("resnet50")]
    public void CorpusModel(string model)
    {
        string? output = Environment.GetEnvironmentVariable("HWOPT_PARTITION_FIGURES");
        Skip.If(output is null, "set HWOPT_PARTITION_FIGURES to a file to produce the figures");
        string root = RepoRoot();
        string path = Path.Combine(root, "corpus", "models", model + ".mlir");
        var graph = Graph(File.ReadAllText(path), model + ".mlir");
        var diags = new DiagnosticBag();
        var host = Catalog("host-cpu");
        using var learned = LearnedCostModel.Load(LearnedCostModel.DefaultFolder ?? Path.Combine(root, "cost-models", "host-cpu"), diags, host);
        Assert.True(learned is not null, string.Join("\n", diags.Items.Select(d => d.Message)));
        var devices = new List<PartitionDevice> { new(host, learned) };
        devices.AddRange(new[] { "h200", "edge-npu" }.Select(Catalog).Select(p => new PartitionDevice(p, new RooflineCostModel(p))));
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var table = DeviceCostTable.Build(graph, devices);
        double costing = watch.Elapsed.TotalSeconds;
        var sb = new StringBuilder();
        foreach (var objective in Enum.GetValues<PartitionObjective>())
        {
            var plan = PartitionPlanner.Plan(graph, table, new CbcSolver(), new PartitionOptions { Objective = objective, TimeLimitSeconds = 60 });
            Assert.True(plan.HasPlan, plan.Conflict?.ToString());
            var e = plan.Evaluation!;
            var s = plan.Solver[0];
            sb.AppendLine(CultureInfo.InvariantCulture, $"## {model} ({table.TaskCount} kernels, {table.Edges.Count} edges, costing {costing:F1} s) objective={objective} source={plan.Source}");
            sb.AppendLine(CultureInfo.InvariantCulture, $"ops per device: {string.Join(", ", plan.Devices.Select((d, i) => $"{d}={e.TasksPerDevice[i]}"))}");
            sb.AppendLine(CultureInfo.InvariantCulture, $"MILP objective={plan.MilpObjective:G5} bestBound={plan.MilpBestBound:G5} status={s.Status} gap={s.Gap:G3} solve={s.SolveTimeSeconds:F2}s vars={s.Variables} rows={s.Constraints} nodes={s.Nodes}");
            sb.AppendLine(CultureInfo.InvariantCulture, $"plan: makespan realized={e.MakespanNs / 1e6:F4} ms bound={e.MakespanBoundNs / 1e6:F4} ms energy={e.EnergyJoules:G4} J price={e.PriceUsd:G4} USD transfers={e.TransferNs / 1e6:F4} ms");
            foreach (var b in plan.Baselines)
            {
                var be = b.Evaluation;
                sb.AppendLine(CultureInfo.InvariantCulture, $"  {b.Name}: makespan={be.MakespanNs / 1e6:F4} ms bound={be.MakespanBoundNs / 1e6:F4} ms energy={be.EnergyJoules:G4} J price={be.PriceUsd:G4} USD fits={be.FitsMemory} per-device={string.Join("/", be.TasksPerDevice)}");
            }
            foreach (var d in plan.Decisions.Where((_, v) => table.TaskOfNode(v) >= 0).Select(d => d.Reason).GroupBy(r => r.Split(':')[0]).Take(4))
            {
                sb.AppendLine(CultureInfo.InvariantCulture, $"  e.g. [{d.Count()}x] {d.First()}");
            }
        }
        File.AppendAllText(output!, sb.ToString());
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (Directory.Exists(Path.Combine(dir.FullName, "corpus", "models"))) return dir.FullName;
        }
        throw new InvalidOperationException("repository root not found");
    }
}
