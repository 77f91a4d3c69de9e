using System.Globalization;
using HwOpt.Planning.Milp;

namespace HwOpt.Planning.Fusion;

/// <summary>
/// The fusion MILP of one piece: set partitioning over candidate groups.
/// <code>
/// minimize   Σ_c cost_c · x_c                      (ns; cost_c = prediction of the fused kernel c)
/// subject to Σ_{c ∋ v} x_c = 1     for each kernel op v of the piece    (rows cover[v])
///            x_A + x_B ≤ 1         for candidates A, B with paths A→B and B→A   (rows mutual[A.B])
///            Σ_{c ∈ C} x_c ≤ |C|−1 for each group-graph cycle C met so far      (rows cycle[k])
///            x_c ∈ {0, 1}
/// </code>
/// Convex groups can still form a cycle of the group graph (see <see cref="FusionPlanChecker"/>): two groups with
/// paths both ways are excluded up front (pairs are found by a sweep over topological spans, since mutually reachable
/// groups have overlapping spans, then checked exactly); longer cycles (three or more groups, none two of them
/// mutually reachable) are rare and cut lazily: solve, look for a cycle among the chosen groups, add its row, solve
/// again, at most <see cref="FusionOptions.MaxCycleCuts"/> times. Each cut removes only combinations that contain the
/// cycle, so the final plan is optimal over acyclic plans. The MIP start is the greedy plan restricted to the piece
/// (acyclic, so no cut removes it); when the solver returns no plan, the piece keeps it.
/// </summary>
internal static class FusionMilp
{
    /// <summary>The chosen groups of a piece, its report and its proven bound (ns).</summary>
    internal sealed record PieceResult(List<GroupCost> Groups, FusionPieceReport Report, double BoundNs);

    /// <summary>Solves one piece.</summary>
    /// <param name="plan">The graph.</param>
    /// <param name="piece">Piece number.</param>
    /// <param name="pieceNodes">Kernel nodes of the piece in topological order.</param>
    /// <param name="candidates">Candidates of the piece (singletons of every node included).</param>
    /// <param name="start">MIP start: disjoint candidates; nodes they miss start as singletons.</param>
    /// <param name="solver">The solver.</param>
    /// <param name="options">Options.</param>
    public static PieceResult Solve(PlanGraph plan, int piece, IReadOnlyList<int> pieceNodes, IReadOnlyList<GroupCost> candidates,
        IReadOnlyList<GroupCost> start, IMilpSolver solver, FusionOptions options)
    {
        var model = new MilpModel(F($"fusion[piece {piece}]"));
        var x = new Variable[candidates.Count];
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int c = 0; c < candidates.Count; c++)
        {
            string key = Key(candidates[c].Nodes);
            index[key] = c;
            x[c] = model.AddBinary("x[" + key + "]", candidates[c].ObjectiveNs);
        }
        var covering = new Dictionary<int, List<int>>();
        for (int c = 0; c < candidates.Count; c++)
        {
            foreach (int v in candidates[c].Nodes) (covering.TryGetValue(v, out var l) ? l : covering[v] = []).Add(c);
        }
        foreach (int v in pieceNodes.Order())
        {
            model.AddEqual(F($"cover[{v}]"), covering[v].Select(c => (x[c], 1.0)), 1);
        }
        foreach (var (a, b) in MutualPairs(plan, pieceNodes, candidates))
        {
            model.AddLessOrEqual("mutual[" + Key(candidates[a].Nodes) + "." + Key(candidates[b].Nodes) + "]", [(x[a], 1.0), (x[b], 1.0)], 1);
        }

        var startSet = new HashSet<int>(start.Select(g => index[Key(g.Nodes)]));
        var covered = new HashSet<int>(start.SelectMany(g => g.Nodes));
        foreach (int v in pieceNodes) if (!covered.Contains(v)) startSet.Add(index[v.ToString(CultureInfo.InvariantCulture)]);
        model.SetMipStart(Enumerable.Range(0, candidates.Count).Select(c => (x[c], startSet.Contains(c) ? 1.0 : 0.0)));

        double seconds = 0;
        int cuts = 0;
        while (true)
        {
            var solution = solver.Solve(model, options.SolverOrDefault);
            seconds += solution.SolveTimeSeconds;
            if (!solution.HasSolution)
            {
                var fallback = startSet.Order().Select(c => candidates[c]).ToList();
                var failed = SolverReport.Of(model.Name, model, solution) with { SolveTimeSeconds = seconds };
                return new PieceResult(fallback, new FusionPieceReport(piece, pieceNodes.Count, candidates.Count, cuts, failed, UsedFallback: true), double.NaN);
            }
            var chosen = Enumerable.Range(0, candidates.Count).Where(c => solution.IsSet(x[c])).ToList();
            var cycle = Cycle(plan, chosen.Select(c => candidates[c].Nodes).ToList());
            if (cycle is { Count: 0 }) cycle = null; // a cycle of the graph itself: no choice of groups removes it
            if (cycle is null || cuts >= options.MaxCycleCuts)
            {
                var report = SolverReport.Of(model.Name, model, solution) with { SolveTimeSeconds = seconds };
                bool fallback = cycle is not null;
                if (fallback) chosen = startSet.Order().ToList();
                double bound = double.IsNaN(solution.BestBound) ? solution.Objective : solution.BestBound;
                return new PieceResult(chosen.Select(c => candidates[c]).ToList(), new FusionPieceReport(piece, pieceNodes.Count, candidates.Count, cuts, report, fallback), bound);
            }
            cuts++;
            var onCycle = cycle.Select(g => chosen[g]).ToList();
            model.AddLessOrEqual(F($"cycle[{cuts}]"), onCycle.Select(c => (x[c], 1.0)), onCycle.Count - 1);
        }
    }

    /// <summary>Pairs (a &lt; b) of disjoint multi-op candidates with paths both ways.</summary>
    internal static List<(int A, int B)> MutualPairs(PlanGraph plan, IReadOnlyList<int> pieceNodes, IReadOnlyList<GroupCost> candidates) =>
        MutualPairs(plan, pieceNodes, candidates.Select(c => c.Nodes).ToList());

    /// <summary>Pairs (a &lt; b) of disjoint multi-op groups (sorted node lists) with paths both ways; shared with the joint planner.</summary>
    internal static List<(int A, int B)> MutualPairs(PlanGraph plan, IReadOnlyList<int> pieceNodes, IReadOnlyList<int[]> candidates)
    {
        var reach = plan.Graph.GetReachability();
        var local = new Dictionary<int, int>();
        for (int i = 0; i < pieceNodes.Count; i++) local[pieceNodes[i]] = i; // topological positions within the piece
        var multi = Enumerable.Range(0, candidates.Count).Where(c => candidates[c].Length > 1)
            .Select(c => (C: c, Lo: candidates[c].Min(n => local[n]), Hi: candidates[c].Max(n => local[n])))
            .OrderBy(t => t.Lo).ThenBy(t => t.C).ToList();
        var pairs = new List<(int, int)>();
        for (int i = 0; i < multi.Count; i++)
        {
            for (int j = i + 1; j < multi.Count && multi[j].Lo <= multi[i].Hi; j++)
            {
                var a = candidates[multi[i].C];
                var b = candidates[multi[j].C];
                if (a.Intersect(b).Any()) continue;
                if (Reaches(reach, a, b) && Reaches(reach, b, a)) pairs.Add((Math.Min(multi[i].C, multi[j].C), Math.Max(multi[i].C, multi[j].C)));
            }
        }
        pairs.Sort();
        return pairs;
    }

    /// <summary>Indices (into <paramref name="groups"/>) of a group-graph cycle, or null.</summary>
    internal static IReadOnlyList<int>? Cycle(PlanGraph plan, IReadOnlyList<int[]> groups)
    {
        var groupOf = new int[plan.Count];
        Array.Fill(groupOf, -1);
        for (int g = 0; g < groups.Count; g++) foreach (int v in groups[g]) groupOf[v] = g;
        return FusionPlanChecker.FindCycle(plan, groupOf, groups.Count);
    }

    private static bool Reaches(Analysis.Graph.ReachabilityIndex reach, int[] from, int[] to)
    {
        foreach (int u in from) foreach (int v in to) if (reach.Reaches(u, v)) return true;
        return false;
    }

    private static string Key(int[] nodes) => string.Join('_', nodes.Select(n => n.ToString(CultureInfo.InvariantCulture)));

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
