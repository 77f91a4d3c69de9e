using System.Globalization;
using HwOpt.CostModel;
using HwOpt.Planning.Milp;

namespace HwOpt.Planning.Fusion;

/// <summary>
/// The fusion planner (issue 5, item 2). Algorithm: classify ops and decide legal edges
/// (<see cref="FusionLegality"/>); split large graphs into convex pieces at narrow cuts
/// (<see cref="FusionDecomposition"/>); enumerate connected convex candidate groups of ≤ K ops per piece
/// (<see cref="FusionCandidates"/>) plus the greedy baseline's groups; cost every candidate as one fused kernel with
/// the cost model, all in one batched call (<see cref="FusionCosting"/>); drop fused candidates that break a limit
/// (working set, spills), recording why; solve each piece's set-partitioning MILP with the greedy plan as MIP start
/// (<see cref="FusionMilp"/>); assemble, compare with the no-fusion and greedy baselines costed by the same model,
/// and give every kernel op a decision with its reason. Deterministic: everything is sorted by node index.
/// </summary>
public static class FusionPlanner
{
    /// <summary>Plans the fusion of a graph's kernel ops.</summary>
    /// <param name="graph">The graph (kernel nodes are planned; other nodes follow their users).</param>
    /// <param name="model">Cost model; every group is costed as one outlined kernel, ns.</param>
    /// <param name="solver">MILP backend (CBC in production).</param>
    /// <param name="options">Limits.</param>
    /// <returns>The plan: groups covering every kernel node once, predicted ns, baselines, solver reports, per-op decisions.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A size option is below 1.</exception>
    public static FusionPlan Plan(PlanGraph graph, ICostModel model, IMilpSolver solver, FusionOptions options)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(solver);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxGroupSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxCandidatesPerSeed, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.PieceSize, 1);

        var legality = new FusionLegality(graph);
        var costing = new FusionCosting(graph, model);
        var notes = new List<string>();
        var none = FusionBaselines.None(graph);
        var greedy = FusionBaselines.Greedy(legality, options.MaxGroupSize);

        var crossing = new List<int>();
        var (pieceOf, pieceCount) = FusionDecomposition.Split(graph, options.PieceSize, crossing);
        if (pieceCount > 1) notes.Add(F($"decomposed into {pieceCount} pieces of at most {options.PieceSize} kernel ops; kernel edges crossing the cuts: {string.Join(", ", crossing)}."));
        var topo = graph.Graph.TopologicalOrder();
        var pieceNodes = Enumerable.Range(0, pieceCount).Select(_ => new List<int>()).ToArray();
        foreach (int v in topo) if (pieceOf[v] >= 0) pieceNodes[pieceOf[v]].Add(v);

        // Candidates of all pieces (greedy groups inside a piece included), costed in one batch with the baselines.
        var truncated = new List<int>();
        var raw = new List<int[]>[pieceCount];
        for (int p = 0; p < pieceCount; p++)
        {
            raw[p] = FusionCandidates.Enumerate(legality, pieceOf, p, options, truncated);
            var known = new HashSet<string>(raw[p].Select(c => string.Join(',', c)), StringComparer.Ordinal);
            foreach (var g in greedy)
            {
                if (g.All(v => pieceOf[v] == p) && known.Add(string.Join(',', g))) raw[p].Add(g);
            }
            raw[p].Sort(FusionCandidates.CompareSets);
        }
        if (truncated.Count > 0) notes.Add(F($"candidate enumeration hit its cap for {truncated.Count} seed ops (first: {legality.Name(truncated[0])})."));
        var all = raw.SelectMany(r => r).Concat(none).Concat(greedy).ToList();
        var costs = costing.Cost(all);
        var costOf = new Dictionary<string, GroupCost>(StringComparer.Ordinal);
        foreach (var c in costs) costOf[string.Join(',', c.Nodes)] = c;
        GroupCost Of(int[] nodes) => costOf[string.Join(',', nodes)];

        // Limits.
        var limitReason = new Dictionary<int, string>();
        var removedBy = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var kept = new List<GroupCost>[pieceCount];
        for (int p = 0; p < pieceCount; p++)
        {
            kept[p] = [];
            foreach (var nodes in raw[p])
            {
                var c = Of(nodes);
                if (FusionCosting.BreaksLimit(c, options) is { } why)
                {
                    removedBy[why] = removedBy.GetValueOrDefault(why) + 1;
                    foreach (int v in nodes) limitReason.TryAdd(v, why);
                    continue;
                }
                kept[p].Add(c);
            }
        }
        foreach (var (why, count) in removedBy) notes.Add(F($"{count} fused candidates removed: {why}."));

        // Solve each piece.
        var chosen = new List<GroupCost>();
        var pieces = new List<FusionPieceReport>();
        double bound = 0;
        for (int p = 0; p < pieceCount; p++)
        {
            var keys = new HashSet<string>(kept[p].Select(c => string.Join(',', c.Nodes)), StringComparer.Ordinal);
            var start = greedy.Where(g => g.Length > 1 && keys.Contains(string.Join(',', g))).Select(Of).ToList();
            var result = FusionMilp.Solve(graph, p, pieceNodes[p], kept[p], start, solver, options);
            chosen.AddRange(result.Groups);
            pieces.Add(result.Report);
            bound += result.BoundNs;
            if (result.Report.UsedFallback) notes.Add(F($"piece {p}: {result.Report.Solve.Status}; kept the greedy plan of the piece."));
        }

        var noneGroups = none.Select(Of).ToList();
        var greedyGroups = greedy.Select(Of).ToList();
        double milpNs = chosen.Sum(c => c.ObjectiveNs), greedyNs = greedyGroups.Sum(c => c.ObjectiveNs);
        string pick = "milp";
        if (greedyNs < milpNs - 1e-9 * Math.Max(1, milpNs) && greedyGroups.All(g => FusionCosting.BreaksLimit(g, options) is null))
        {
            pick = "greedy";
            notes.Add(F($"the greedy plan predicts less ({greedyNs:0.###} ns < {milpNs:0.###} ns): it fuses across a decomposition cut or a solve stopped early; it is returned."));
            chosen = greedyGroups;
        }
        chosen.Sort((a, b) => a.Nodes[0].CompareTo(b.Nodes[0]));
        double total = chosen.Sum(c => c.ObjectiveNs);
        double gap = double.IsNaN(bound) ? double.NaN : Math.Max(0, (total - bound) / Math.Max(total, 1e-9));

        var decisions = Decide(legality, chosen, kept, limitReason);
        var groups = chosen.Select(c => ToGroup(legality, c, Reason(legality, c, costing))).ToList();
        return new FusionPlan(groups, total, bound, gap, pick,
            new FusionBaseline("none", noneGroups.Select(c => ToGroup(legality, c, "every kernel op alone.")).ToList(), noneGroups.Sum(c => c.ObjectiveNs)),
            new FusionBaseline("greedy", greedyGroups.Select(c => ToGroup(legality, c, "greedy producer-consumer fusion.")).ToList(), greedyNs),
            pieces, pieces.Select(r => r.Solve).ToList(), decisions, notes, model.Name);
    }

    private static SortedDictionary<int, Decision> Decide(FusionLegality legality, List<GroupCost> chosen, List<GroupCost>[] kept,
        Dictionary<int, string> limitReason)
    {
        var graph = legality.Plan.Graph;
        var fusible = new HashSet<int>(kept.SelectMany(k => k).Where(c => c.Nodes.Length > 1).SelectMany(c => c.Nodes));
        var decisions = new SortedDictionary<int, Decision>();
        foreach (var c in chosen)
        {
            if (c.Nodes.Length > 1)
            {
                foreach (int v in c.Nodes)
                {
                    decisions[v] = Decision.Accept(F($"fused with {string.Join(", ", c.Nodes.Where(u => u != v).Select(legality.Name))} into kernel {c.KernelId}."));
                }
                continue;
            }
            int n = c.Nodes[0];
            if (legality.CanPlan(n) is { Accepted: false } no) { decisions[n] = no; continue; }
            if (fusible.Contains(n))
            {
                decisions[n] = Decision.Reject("alone is cheapest: no plan that fuses it predicts less (MILP over its candidates).");
                continue;
            }
            if (limitReason.TryGetValue(n, out var why)) { decisions[n] = Decision.Reject($"every fused candidate containing it was removed: {why}."); continue; }
            var edges = graph.Predecessors(n).ToArray().Select(p => legality.CanFuse(p, n))
                .Concat(graph.Successors(n).ToArray().Select(s => legality.CanFuse(n, s))).ToList();
            decisions[n] = edges.Any(d => d.Accepted)
                ? Decision.Reject("its fusible neighbours lie across a decomposition cut or beyond the group size limit.")
                : Decision.Reject(edges.Count == 0 ? "it has no producer or consumer to fuse with." : FirstKernelReject(legality, n));
        }
        return decisions;
    }

    private static string FirstKernelReject(FusionLegality legality, int n)
    {
        var graph = legality.Plan.Graph;
        foreach (int p in graph.Predecessors(n)) if (legality.Plan.IsKernel(p)) return legality.CanFuse(p, n).Reason;
        foreach (int s in graph.Successors(n)) if (legality.Plan.IsKernel(s)) return legality.CanFuse(n, s).Reason;
        return "its producers and consumers are not kernels (constants, allocations, terminators).";
    }

    private static string Reason(FusionLegality legality, GroupCost c, FusionCosting costing)
    {
        if (c.Nodes.Length == 1) return "alone.";
        double apart = costing.Cost(c.Nodes.Select(v => new[] { v }).ToList()).Sum(s => s.ObjectiveNs);
        return F($"{c.Nodes.Length} ops ({string.Join(" + ", c.Nodes.Select(v => FusionTraits.Describe(legality.ClassOf(v))))}) fused: {c.ObjectiveNs:0.###} ns vs {apart:0.###} ns apart.");
    }

    private static FusionGroup ToGroup(FusionLegality legality, GroupCost c, string reason) =>
        new(c.Nodes, c.KernelId, c.ObjectiveNs, Finite(c.Prediction.LatencyNsLow), Finite(c.Prediction.LatencyNsHigh),
            c.Prediction.Supported ? reason : "the device cannot run this kernel; its latency is not counted. " + reason);

    private static double Finite(double v) => double.IsFinite(v) ? v : 0;

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
