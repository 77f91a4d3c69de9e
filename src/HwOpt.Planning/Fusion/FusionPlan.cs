using HwOpt.CostModel.Devices;
using HwOpt.Planning.Milp;

namespace HwOpt.Planning.Fusion;

/// <summary>Settings of the fusion planner.</summary>
/// <param name="MaxGroupSize">Largest number of kernel ops in one group (K).</param>
/// <param name="MaxCandidatesPerSeed">Most candidate groups grown from one seed op (see <c>FusionCandidates</c>).</param>
/// <param name="MaxWorkingSetBytes">Largest working set of a fused kernel, bytes (bytes read + written across the
/// kernel boundary, from the work estimate of its body); null for no limit. <see cref="ForDevice"/> takes a cache size.</param>
/// <param name="MaxSpills">Largest predicted register spills of a fused kernel (the model's <c>spills</c> metric); null for no limit.</param>
/// <param name="PieceSize">Most kernel ops per independently solved piece (decomposition of large graphs).</param>
/// <param name="MaxCycleCuts">Most re-solves of one piece after cutting off a plan whose group graph has a cycle.</param>
/// <param name="Solver">Solver limits per piece.</param>
public sealed record FusionOptions(
    int MaxGroupSize = 8, int MaxCandidatesPerSeed = 64, long? MaxWorkingSetBytes = null, double? MaxSpills = null,
    int PieceSize = 300, int MaxCycleCuts = 50, SolverOptions? Solver = null)
{
    /// <summary>Solver limits actually used (30 s per piece, one thread, seed 1 when not given).</summary>
    public SolverOptions SolverOrDefault => Solver ?? new SolverOptions(TimeLimitSeconds: 30);

    /// <summary>Options whose working-set limit is one cache level of a device.</summary>
    /// <param name="device">Device profile (its <see cref="DeviceProfile.Caches"/>).</param>
    /// <param name="cacheLevel">Cache level (1, 2, 3); when the device has no such level the limit stays off.</param>
    public static FusionOptions ForDevice(DeviceProfile device, int cacheLevel = 2) =>
        new(MaxWorkingSetBytes: device.Caches.FirstOrDefault(c => c.Level == cacheLevel)?.Bytes);
}

/// <summary>One kernel of a plan.</summary>
/// <param name="Nodes">Node indices of its ops (kernel nodes only), ascending = program order.</param>
/// <param name="KernelId">Id of the outlined kernel (<c>Kernel.Id</c>).</param>
/// <param name="PredictedNs">Predicted latency of the fused kernel, ns (0 when the device cannot run it, see Reason).</param>
/// <param name="PredictedNsLow">Lower end of the prediction interval, ns.</param>
/// <param name="PredictedNsHigh">Upper end of the prediction interval, ns.</param>
/// <param name="Reason">Why this group (one sentence).</param>
public sealed record FusionGroup(IReadOnlyList<int> Nodes, string KernelId, double PredictedNs, double PredictedNsLow, double PredictedNsHigh, string Reason);

/// <summary>A plan that is not the optimizer's: no fusion, or greedy producer-consumer fusion.</summary>
/// <param name="Name"><c>none</c> or <c>greedy</c>.</param>
/// <param name="Groups">Its kernels, sorted by first node.</param>
/// <param name="PredictedNs">Sum of the kernels' predicted latencies, ns (same cost model as the plan).</param>
public sealed record FusionBaseline(string Name, IReadOnlyList<FusionGroup> Groups, double PredictedNs);

/// <summary>What happened in one piece of the decomposed graph.</summary>
/// <param name="Piece">Piece number, 0-based, in topological order.</param>
/// <param name="KernelOps">Kernel ops in the piece.</param>
/// <param name="Candidates">Candidate groups after limits (singletons included).</param>
/// <param name="CycleCuts">Plans cut off because their group graph had a cycle.</param>
/// <param name="Solve">The last solve of the piece (solve time summed over its re-solves).</param>
/// <param name="UsedFallback">True when the solver gave no plan and the piece kept its MIP start (greedy in the piece).</param>
public sealed record FusionPieceReport(int Piece, int KernelOps, int Candidates, int CycleCuts, SolverReport Solve, bool UsedFallback);

/// <summary>The result of <see cref="FusionPlanner.Plan"/>.</summary>
/// <param name="Groups">The kernels, sorted by first node; together they cover every kernel node exactly once.</param>
/// <param name="PredictedNs">Sum of the groups' predicted latencies, ns.</param>
/// <param name="BestBoundNs">Sum over pieces of the solvers' proven lower bounds, ns (a bound for plans whose groups do not cross a cut).</param>
/// <param name="Gap">Relative gap (PredictedNs − BestBoundNs) / PredictedNs over all pieces, ≥ 0.</param>
/// <param name="Chosen"><c>milp</c>, or <c>greedy</c> when the greedy baseline predicted less (groups across cuts, time limits).</param>
/// <param name="NoFusion">Baseline: every kernel op alone.</param>
/// <param name="Greedy">Baseline: greedy producer-consumer fusion.</param>
/// <param name="Pieces">Per-piece statistics.</param>
/// <param name="Solves">The solver reports (one per piece).</param>
/// <param name="Decisions">Per kernel node: fused (accepted) or alone (rejected), with the reason.</param>
/// <param name="Notes">Removed candidates by reason (limits), truncated enumerations, fallbacks.</param>
/// <param name="CostModel">Name of the cost model.</param>
public sealed record FusionPlan(
    IReadOnlyList<FusionGroup> Groups, double PredictedNs, double BestBoundNs, double Gap, string Chosen,
    FusionBaseline NoFusion, FusionBaseline Greedy, IReadOnlyList<FusionPieceReport> Pieces, IReadOnlyList<SolverReport> Solves,
    IReadOnlyDictionary<int, Decision> Decisions, IReadOnlyList<string> Notes, string CostModel);
