using System.Diagnostics;
using System.Globalization;
using HwOpt.CostModel;
using HwOpt.CostModel.Model;
using HwOpt.Diagnostics;
using HwOpt.Planning.Cbc;
using HwOpt.Planning.Fusion;
using static HwOpt.Planning.Tests.Fusion.FusionTestSupport;

namespace HwOpt.Planning.Tests.Fusion;

/// <summary>
/// Not a test: prints the planner's figures on corpus models with the shipped learned model (groups, predicted ns of
/// none / greedy / MILP, status, gap, time). Runs only when HWOPT_FUSION_FIGURES names an output file, e.g.
/// <c>HWOPT_FUSION_FIGURES=/tmp/fusion.md HWOPT_FUSION_MODELS=lenet5,mlp [HWOPT_FUSION_CACHE_LEVEL=2] dotnet test ... --filter FusionCorpusFigures</c>.
/// </summary>
public sealed class FusionCorpusFigures
{
    [SkippableFact]
    public void WriteFigures()
    {
        string? output = Environment.GetEnvironmentVariable("HWOPT_FUSION_FIGURES");
        Skip.If(string.IsNullOrEmpty(output), "set HWOPT_FUSION_FIGURES to a file to print the figures");
        var models = (Environment.GetEnvironmentVariable("HWOPT_FUSION_MODELS") ?? "lenet5,mlp,resnet50,bert_base").Split(',');
        var diagnostics = new DiagnosticBag();
        ICostModel model = LearnedCostModel.Load(LearnedCostModel.DefaultFolder!, diagnostics)
            ?? throw new InvalidOperationException(string.Join("; ", diagnostics.Items.Select(d => d.Message)));
        var solver = new CbcSolver();
        int level = int.Parse(Environment.GetEnvironmentVariable("HWOPT_FUSION_CACHE_LEVEL") ?? "0", CultureInfo.InvariantCulture);
        var options = level > 0 ? FusionOptions.ForDevice(Host, level) : new FusionOptions();
        foreach (var name in models)
        {
            var watch = Stopwatch.StartNew();
            var g = Graph(File.ReadAllText(Path.Combine(RepoRoot, "corpus", "models", name + ".mlir")), name + ".mlir");
            var plan = FusionPlanner.Plan(g, model, solver, options);
            double seconds = watch.Elapsed.TotalSeconds;
            var problems = FusionPlanChecker.Verify(g, Nodes(plan.Groups));
            string line = string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {g.KernelNodes.Count()} | {plan.Groups.Count} ({plan.Groups.Count(x => x.Nodes.Count > 1)} fused) | {plan.Greedy.Groups.Count} | " +
                $"{plan.NoFusion.PredictedNs:0} | {plan.Greedy.PredictedNs:0} | {plan.PredictedNs:0} | {plan.Chosen} | {plan.Pieces.Count} | {plan.Pieces.Sum(p => p.Candidates)} | " +
                $"{string.Join("/", plan.Solves.Select(s => s.Status).Distinct())} | {plan.Gap:0.####} | {plan.Solves.Sum(s => s.SolveTimeSeconds):0.00} | {seconds:0.0} | {plan.Pieces.Sum(p => p.CycleCuts)} | {plan.Groups.Count(x => x.Nodes.Count > 1 && x.OutOfRange.Count > 0)} | {(problems.Count == 0 ? "ok" : problems[0])} |\n");
            File.AppendAllText(output!, line);
            foreach (var n in plan.Notes) File.AppendAllText(output!, "  note: " + n + "\n");
        }
    }
}
