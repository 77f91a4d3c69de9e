using System.Diagnostics;
using System.Globalization;
using System.Text;
using HwOpt.CostModel.Devices;
using HwOpt.CostModel.Model;
using HwOpt.Diagnostics;
using HwOpt.Planning.Cbc;
using HwOpt.Planning.Precision;
using Xunit.Abstractions;

namespace HwOpt.Planning.Tests.Precision;

/// <summary>
/// Plans the corpus models with the learned host model (minutes of CPU: run on demand with
/// <c>HWOPT_PRECISION_CORPUS=1</c>; figures go to the test output and to <c>$TMPDIR/hwopt-precision-corpus.md</c>).
/// </summary>
public sealed class CorpusPrecisionRun(ITestOutputHelper output)
{
    [SkippableTheory]
    [InlineData("lenet5.mlir")]
    [InlineData("mlp.mlir")]
    [InlineData("resnet50.mlir")]
    public void PlansCorpusModelWithTheLearnedHostModel(string file)
    {
        Skip.IfNot(Environment.GetEnvironmentVariable("HWOPT_PRECISION_CORPUS") == "1", "set HWOPT_PRECISION_CORPUS=1 to run");
        string? dir = AppContext.BaseDirectory;
        while (dir is not null && !Directory.Exists(Path.Combine(dir, "corpus", "models"))) dir = Path.GetDirectoryName(dir);
        Assert.NotNull(dir);
        var bag = new DiagnosticBag();
        var device = DeviceCatalog.Load(DeviceCatalog.Host, bag);
        Assert.NotNull(device);
        using var model = LearnedCostModel.Load(LearnedCostModel.DefaultFolder!, bag, device);
        Assert.True(model is not null, string.Join("\n", bag.Items.Select(d => d.Message)));
        string path = Path.Combine(dir, "corpus", "models", file);
        var graph = PrecisionFixtures.Graph(File.ReadAllText(path), file);
        var sb = new StringBuilder();
        var sw = Stopwatch.StartNew();
        var problem = PrecisionProblem.Build(graph, model, device, new PrecisionOptions());
        sb.AppendLine(CultureInfo.InvariantCulture, $"## {file}: {problem.Quantizable.Count} quantizable ops of {graph.KernelNodes.Count()} kernels, {problem.FixedCasts.Count} fixed casts, {problem.PairCasts.Count} pair casts, {problem.Joins.Count} joins; build {sw.Elapsed.TotalSeconds:F1} s");
        foreach (var (label, options) in new[]
        {
            ("size ≤ 50 % fp32", new PrecisionOptions(SizeBudgetFraction: 0.5)),
            ("size ≤ 30 % fp32", new PrecisionOptions(SizeBudgetFraction: 0.3)),
            ("latency ≤ 80 % fp32", new PrecisionOptions(LatencyBudgetFraction: 0.8)),
            ("latency ≤ 95 % fp32", new PrecisionOptions(LatencyBudgetFraction: 0.95)),
            ("size ≤ 50 % and latency ≤ 100 % fp32", new PrecisionOptions(SizeBudgetFraction: 0.5, LatencyBudgetFraction: 1.0)),
        })
        {
            var plan = PrecisionPlanner.Solve(problem, graph, new CbcSolver(), options);
            sb.AppendLine(CultureInfo.InvariantCulture, $"### {label}");
            if (plan.Infeasible is not null) sb.AppendLine("infeasible: " + plan.Infeasible);
            if (plan.Solver is { } s) sb.AppendLine(CultureInfo.InvariantCulture, $"solver: {s.Status}, Σ Ω {s.Objective:G4}, bound {s.BestBound:G4}, gap {s.Gap:G3}, {s.SolveTimeSeconds:F3} s, {s.Variables} columns, {s.Constraints} rows, {s.Nodes} nodes");
            if (plan.Totals is { } t)
            {
                var counts = plan.Formats.Values.GroupBy(f => f.Name).Select(g => $"{g.Key} × {g.Count()}");
                sb.AppendLine("formats: " + string.Join(", ", counts));
                sb.AppendLine(Row("plan", t, []));
            }
            foreach (var b in plan.Baselines) sb.AppendLine(Row(b.Name, b.Totals, b.Violated) + (b.Note.Length > 0 ? " (" + b.Note + ")" : ""));
            foreach (var op in plan.Ops.Where(o => o.Decision.Accepted).Take(3)) sb.AppendLine($"  n{op.Node} {op.OpName}: {op.Decision.Reason} [Ω source: {op.SensitivitySource}]");
        }
        output.WriteLine(sb.ToString());
        File.AppendAllText(Path.Combine(Path.GetTempPath(), "hwopt-precision-corpus.md"), sb.ToString());
    }

    private static string Row(string name, PrecisionTotals t, IReadOnlyList<string> violated) => string.Create(CultureInfo.InvariantCulture,
        $"  {name,-14} size {t.SizeBytes / 1e6,9:F3} MB  BOPs {t.Bops:G4}  latency {t.LatencyNs / 1e6,9:F3} ms (casts {t.CastLatencyNs / 1e6:F3})  Σ Ω {t.Sensitivity:G4}{(violated.Count > 0 ? "  violates " + string.Join(",", violated) : "")}");
}
