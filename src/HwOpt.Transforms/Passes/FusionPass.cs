using System.Globalization;
using HwOpt.Planning.Fusion;
using HwOpt.Transforms.Pipeline;

namespace HwOpt.Transforms.Passes;

/// <summary>
/// <c>hwopt-fuse{max-group-size=8 max-spills=N cache-level=2 piece-size=300 device=cpu}</c>: decides fusion groups
/// with <see cref="FusionPlanner"/> (set partitioning over legal convex candidates, costed by the device's cost model
/// on each fused kernel's text), beside the no-fusion and greedy baselines, and sets the plan's kernels.
/// </summary>
internal sealed class FusionPass(FusionOptions options, string? device, int cacheLevel) : IModulePass
{
    public const string PassName = "hwopt-fuse";

    public string Name => PassName;

    public static FusionPass Create(PassOptions o)
    {
        var options = new FusionOptions(
            MaxGroupSize: o.Int("max-group-size", 8),
            MaxCandidatesPerSeed: o.Int("max-candidates-per-seed", 64),
            MaxSpills: o.Number("max-spills"),
            PieceSize: o.Int("piece-size", 300));
        int level = o.Int("cache-level", 0, min: 0);
        return new FusionPass(options, o.Device("device"), level);
    }

    public bool Run(PlanState plan, PassContext context)
    {
        var profile = context.Device(device ?? context.HostDevice);
        if (profile is null) return false;
        var model = context.ModelFor(profile);
        var effective = options with
        {
            Solver = context.SolverOptions,
            MaxWorkingSetBytes = cacheLevel > 0 ? profile.Caches.FirstOrDefault(c => c.Level == cacheLevel)?.Bytes : options.MaxWorkingSetBytes,
            NoFuse = context.Pins.NoFuse,
        };
        var result = FusionPlanner.Plan(plan.Graph, model, context.Solver, effective);
        plan.SetKernels(result.Groups.Select(g => new PlannedKernel(0, g.Nodes, g.PredictedNs, g.PredictedNsLow, g.PredictedNsHigh)));
        foreach (var (node, decision) in result.Decisions.OrderBy(p => p.Key))
        {
            plan.Ops[node].Reasons.Add("fuse: " + decision.Reason);
            plan.Remarks.Add(PlanRemark.Of(PassName, "Fused", "NotFused", node, decision));
        }
        foreach (var d in plan.Ops.Where(d => d.Kernel is not null)) d.Device ??= profile.Name;
        plan.Solves.AddRange(result.Solves);
        plan.Objectives.Add(new BaselineResult("fusion", result.Chosen, result.PredictedNs, "ns"));
        plan.Baselines.Add(new BaselineResult("fusion", "none", result.NoFusion.PredictedNs, "ns"));
        plan.Baselines.Add(new BaselineResult("fusion", "greedy", result.Greedy.PredictedNs, "ns"));
        plan.Summary.Add(string.Create(CultureInfo.InvariantCulture,
            $"{PassName}: {result.Groups.Sum(g => g.Nodes.Count)} kernel ops → {result.Groups.Count} kernels ({model.Name}); predicted {result.PredictedNs / 1e6:0.###} ms vs {result.NoFusion.PredictedNs / 1e6:0.###} ms unfused and {result.Greedy.PredictedNs / 1e6:0.###} ms greedy; bound {result.BestBoundNs / 1e6:0.###} ms, gap {result.Gap * 100:0.##} % over {result.Pieces.Count} piece(s)"));
        foreach (string note in result.Notes) plan.Summary.Add(PassName + ": " + note);
        return true;
    }
}
