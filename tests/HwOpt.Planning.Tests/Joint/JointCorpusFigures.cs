using System.Globalization;
using System.Text;
using HwOpt.CostModel;
using HwOpt.CostModel.Model;
using HwOpt.Diagnostics;
using HwOpt.Planning.Cbc;
using HwOpt.Planning.Joint;
using HwOpt.Planning.Partitioning;
using static HwOpt.Planning.Tests.Partitioning.PartitionTestSupport;

namespace HwOpt.Planning.Tests.Joint;

/// <summary>
/// Figures for the report: joint vs sequential on corpus models over host-cpu (learned model) + h200 (roofline). Opt-in
/// (needs libxgboost): <c>HWOPT_JOINT_FIGURES=/tmp/joint.md dotnet test --filter JointCorpusFigures</c>.
/// </summary>
public sealed class JointCorpusFigures
{
    [SkippableTheory]
    [InlineData("lenet5")]
    [InlineData("mlp")]
    [InlineData("resnet50")]
    public void CorpusModel(string model)
    {
        string? output = Environment.GetEnvironmentVariable("HWOPT_JOINT_FIGURES");
        Skip.If(output is null, "set HWOPT_JOINT_FIGURES to a file to produce the figures");
        string root = Fusion.FusionTestSupport.RepoRoot;
        var graph = Graph(File.ReadAllText(Path.Combine(root, "corpus", "models", model + ".mlir")), model + ".mlir");
        var diags = new DiagnosticBag();
        var host = Catalog("host-cpu");
        using var learned = LearnedCostModel.Load(LearnedCostModel.DefaultFolder ?? Path.Combine(root, "cost-models", "host-cpu"), diags, host);
        Assert.True(learned is not null, string.Join("\n", diags.Items.Select(d => d.Message)));
        var h200 = Catalog("h200");
        var devices = new List<PartitionDevice> { new(host, learned), new(h200, new RooflineCostModel(h200)) };
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var plan = JointPlanner.Plan(graph, devices, new CbcSolver(), new JointOptions { Solver = new HwOpt.Planning.Milp.SolverOptions(TimeLimitSeconds: 120) });
        double seconds = watch.Elapsed.TotalSeconds;
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"## {model}: {graph.KernelNodes.Count()} kernel ops, wall {seconds:F1} s");
        sb.AppendLine(plan.Comparison);
        if (plan.Infeasible is { } c) sb.AppendLine($"infeasible: {c.Constraint}: {c.Reason}");
        foreach (var s in plan.Solves)
            sb.AppendLine(CultureInfo.InvariantCulture, $"solve {s.Problem}: status={s.Status} objective={s.Objective:G6} bound={s.BestBound:G6} gap={s.Gap:G3} time={s.SolveTimeSeconds:F2}s vars={s.Variables} rows={s.Constraints} nodes={s.Nodes}");
        if (plan.Totals is { } t)
            sb.AppendLine(CultureInfo.InvariantCulture, $"joint: latency={t.LatencyNs:G6} ns (kernels {t.KernelNs:G6}, transfers {t.TransferNs:G6}, casts {t.CastNs:G6}) makespan={t.MakespanNs:G6} ns Ω={t.Sensitivity:G4} size={t.SizeBytes:G4} B energy={t.EnergyJoules:G4} J kernels={plan.Kernels.Count} per device: {string.Join(", ", plan.Kernels.GroupBy(k => k.Device + "/" + k.Format).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key}={g.Count()}"))}");
        if (plan.Sequential is { } q)
        {
            if (q.Totals is { } st)
                sb.AppendLine(CultureInfo.InvariantCulture, $"sequential: latency={st.LatencyNs:G6} ns (kernels {st.KernelNs:G6}, transfers {st.TransferNs:G6}, casts {st.CastNs:G6}) makespan={st.MakespanNs:G6} ns Ω={st.Sensitivity:G4} representable={q.Representable} kernels={q.Kernels.Count} per device: {string.Join(", ", q.Kernels.GroupBy(k => k.Device + "/" + k.Format).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key}={g.Count()}"))}");
            foreach (var n in q.Notes) sb.AppendLine("  seq: " + n);
        }
        foreach (var n in plan.Notes) sb.AppendLine("  note: " + n);
        foreach (var k in plan.Kernels.Take(4)) sb.AppendLine("  e.g. " + k.Reason);
        File.AppendAllText(output!, sb.ToString());
        Assert.True(plan.HasPlan);
        Assert.Empty(HwOpt.Planning.Fusion.FusionPlanChecker.Verify(graph, plan.Kernels.Select(k => k.Nodes).ToList()));
    }
}
