using System.Globalization;
using HwOpt.Planning.Fusion;
using HwOpt.Planning.Milp;
using HwOpt.Planning.Partitioning;
using HwOpt.Planning.Precision;

namespace HwOpt.Planning.Joint;

/// <summary>
/// Joint mode of issue 5: fusion, precision and placement decided by one MILP per piece.
/// <code>
/// minimize   Σ_{c,f,d} ns[c,f,d]·x[c,f,d] + Σ_{e,d≠host} leg_d(e)·y[e,d] + Σ_{e,d} cast_{e,d}·k[e,d]   (serial execution, ns)
/// subject to Σ_{c∋v,f,d} x[c,f,d] = 1                               cover[opV]    (each kernel op in one kernel)
///            Σ x[A,·,·] + Σ x[B,·,·] ≤ 1 (A, B reach each other) mutual[A.B], cycle cuts cycle[k] (as FusionMilp)
///            y[e,d] ≥ ±(dev[u,d] − dev[v,d])                       link[e.d].a/b (dev[v,d] = Σ_{c∋v,f} x[c,f,d])
///            k[e,d] ≥ fmt[u,f] − fmt[v,f] − same[e] − (1 − dev[v,d])   cast[e.d].f   (fmt[v,f] = Σ_{c∋v,d} x[c,f,d] for a
///                                                                  quantizable v, the constant fp32 otherwise; same[e] = Σ_{c∋u,v} x)
///            Σ Ω[c,f]·x ≤ Ω budget                                 budget.sensitivity
///            Σ bytes[c,f]·x ≤ size budget; Σ J[c,f,d]·x + Σ legJ·y ≤ energy budget    budget.size_bytes, budget.energy_j
///            z[w,d] ≥ dev[v,d] (v reads w); Σ_w bytes_w·z[w,d] ≤ capacity_d          res[...], mem[d]
/// </code>
/// c ranges over the legal convex candidate groups of <see cref="FusionCandidates"/> plus the sequential plan's groups, f
/// over the formats d supports (fp32 always), d over the devices that run every op of c (opaque ops: host only); ns[c,f,d]
/// is d's cost model on c's fused kernel text rewritten to f (<see cref="JointProblem"/>). The transfer linearization is
/// exact: at an optimum y[e,d] = |dev[u,d] − dev[v,d]| (its cost is positive and only these rows bound it), so Σ_d
/// leg_d·y = <see cref="DeviceCostTable.TransferNs"/> of the edge, and 0 inside a kernel; likewise k[e,d] = 1 exactly when the
/// ends lie in different kernels with different formats and the consumer runs on d (a cast inside a fused kernel is part of
/// its text). Casts cost the edge's fp32 bytes × <see cref="JointOptions.CastNsPerByte"/> on the consumer's device. The objective is serial latency (kernels never overlap,
/// transfers and casts add); the realized makespan of the chosen plan with devices running concurrently is also reported
/// (<see cref="PlanEvaluator"/> on the table contracted to the kernels).
/// <para><b>Large graphs.</b> <see cref="FusionDecomposition"/> pieces (convex topological segments) are solved in order;
/// a later piece sees the earlier pieces' devices and formats as constants (transfer and cast costs of incoming edges fold
/// into its x costs), the weights already on a device, and a share of each budget proportional to its part of the total
/// (the most Ω its ops could use, their fp32 size, their fp32 host energy), plus what earlier pieces left. Each piece's
/// gap is in its <see cref="SolverReport"/>; plans across cuts are not explored.</para>
/// <para><b>Start and infeasibility.</b> The MIP start is the sequential plan (<see cref="SequentialPipeline"/>) when it is
/// representable, else all singletons in fp32 on the host. Pins, cover and each budget alone are checked first
/// (<see cref="JointChecks"/>); when the solver still proves a piece infeasible, budget and memory rows are dropped one at a
/// time and the first that restores feasibility is named. Deterministic: node order, fixed solver seed and one thread.</para>
/// </summary>
public static class JointPlanner
{
    /// <summary>Plans fusion, format and device of every kernel op at once.</summary>
    /// <param name="graph">The graph.</param>
    /// <param name="devices">Devices with their cost models (ns); the host (<see cref="JointOptions.HostName"/>, else the first) runs opaque ops.</param>
    /// <param name="solver">MILP backend (<c>CbcSolver</c>).</param>
    /// <param name="options">Budgets, formats, pins, fusion limits.</param>
    /// <returns>The plan, or a plan with <see cref="JointPlan.Infeasible"/> naming the row that cannot be met (a result, not an exception).</returns>
    /// <exception cref="ArgumentException">No devices, or two with the same name.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A fusion size option is below 1.</exception>
    public static JointPlan Plan(PlanGraph graph, IReadOnlyList<PartitionDevice> devices, IMilpSolver solver, JointOptions options)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(solver);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Fusion.MaxGroupSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Fusion.PieceSize, 1);
        var ops = DeviceCostTable.Build(graph, devices, options.HostName);
        var legality = new FusionLegality(graph);
        var notes = new List<string>();
        var crossing = new List<int>();
        var (pieceOf, pieceCount) = FusionDecomposition.Split(graph, options.Fusion.PieceSize, crossing);
        if (pieceCount > 1) notes.Add(F($"decomposed into {pieceCount} pieces of at most {options.Fusion.PieceSize} kernel ops; kernel edges crossing the cuts: {string.Join(", ", crossing)}."));
        var pieceNodes = Enumerable.Range(0, pieceCount).Select(_ => new List<int>()).ToArray();
        foreach (int v in graph.Graph.TopologicalOrder()) if (pieceOf[v] >= 0) pieceNodes[pieceOf[v]].Add(v);

        int seqDevice = SequentialDevice(ops, options);
        // The baseline fuses for its device as a pass targeting that device would: an op the device cannot run is not
        // fused into its kernels (else the whole kernel could only run where that op can; the partition step places it).
        var fusion = options.CompareSequential
            ? FusionPlanner.Plan(graph, devices[seqDevice].Model, solver, options.Fusion with { Solver = options.SolverOrDefault, NoFuse = SequentialNoFuse(graph, ops, seqDevice, options.Fusion.NoFuse) })
            : null;

        // Candidates per piece (sequential groups inside a piece included); every sequential group is costed.
        var groups = new List<int[]>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var pieceGroups = Enumerable.Range(0, pieceCount).Select(_ => new List<int>()).ToArray();
        int Add(int[] nodes)
        {
            string key = JointProblem.Key(nodes);
            if (!index.TryGetValue(key, out int g)) { g = groups.Count; index[key] = g; groups.Add(nodes); }
            return g;
        }
        var truncated = new List<int>();
        for (int piece = 0; piece < pieceCount; piece++)
            foreach (var c in FusionCandidates.Enumerate(legality, pieceOf, piece, options.Fusion, truncated)) pieceGroups[piece].Add(Add(c));
        if (truncated.Count > 0) notes.Add(F($"candidate enumeration hit its cap for {truncated.Count} seed ops."));
        foreach (var g in fusion?.Groups ?? [])
        {
            int gi = Add(g.Nodes.ToArray());
            int piece = pieceOf[g.Nodes[0]];
            if (g.Nodes.All(v => pieceOf[v] == piece) && !pieceGroups[piece].Contains(gi)) pieceGroups[piece].Add(gi);
        }
        var p = JointProblem.Build(graph, ops, devices, groups, options);
        var budgets = new JointBudgets(options.MaxSensitivity ?? DefaultSensitivity(p, pieceGroups), options.SizeBudgetBytes, options.EnergyBudgetJoules, options.EnforceMemory);
        var candidates = pieceGroups.SelectMany(x => x).ToList();

        var (allowed, conflict) = JointChecks.Pins(p, options);
        conflict ??= JointChecks.Cover(p, candidates, allowed, options) ?? JointChecks.BudgetsAlone(p, candidates, allowed, budgets);
        JointSequential? sequential = null;
        List<JointChoice>? seqChoices = null;
        if (fusion is not null && conflict is null)
        {
            (sequential, seqChoices) = SequentialPipeline.Run(p, fusion, devices[seqDevice], solver, budgets, options, allowed, new HashSet<int>(candidates));
            if (!sequential.Representable) seqChoices = null;
        }
        if (conflict is not null) return Infeasible(budgets, [], sequential, conflict, notes);

        var solve = new PieceSolver(p, budgets, allowed, solver, options);
        var reports = new List<SolverReport>();
        var chosen = new List<JointChoice>();
        double bound = 0;
        var shares = Shares(p, pieceNodes, pieceGroups);
        for (int piece = 0; piece < pieceCount; piece++)
        {
            var result = solve.Solve(piece, pieceNodes[piece], pieceGroups[piece], shares, seqChoices, reports);
            if (result.Conflict is not null) return Infeasible(budgets, reports, sequential, result.Conflict, notes);
            chosen.AddRange(result.Choices);
            bound += result.BoundNs;
            if (result.Note is not null) notes.Add(result.Note);
        }
        var totals = JointEvaluator.Evaluate(p, chosen, budgets);
        double gap = double.IsNaN(bound) ? double.NaN : Math.Max(0, (totals.LatencyNs - bound) / Math.Max(totals.LatencyNs, 1e-9));
        var (kernels, decisions) = JointExplainer.Explain(p, legality, chosen, allowed, totals, budgets);
        return new JointPlan(kernels, decisions, totals, bound, gap, budgets.Sensitivity, reports, sequential, null, notes);
    }

    /// <summary>Σ Ω of the quantizable ops in bf16 where a device runs them in bf16 (bf16 a candidate), else 0.</summary>
    internal static double DefaultSensitivity(JointProblem p, IReadOnlyList<List<int>> pieceGroups)
    {
        int bf16 = p.Formats.ToList().IndexOf(NumericFormat.Bf16);
        if (bf16 < 0) return 0;
        double sum = 0;
        foreach (int g in pieceGroups.SelectMany(x => x).Where(g => p.Groups[g].Length == 1))
        {
            int v = p.Groups[g][0];
            if (p.Quantizable[v] && Enumerable.Range(0, p.DeviceCount).Any(d => p.Has(g, bf16, d))) sum += p.Omega[v][bf16];
        }
        return sum;
    }

    /// <summary>Per piece: the most Ω its ops could use, their fp32 weight bytes, and their fp32 host energy (budget shares).</summary>
    private static (double Omega, double Size, double Energy)[] Shares(JointProblem p, List<int>[] pieceNodes, List<int>[] pieceGroups)
    {
        var result = new (double, double, double)[pieceNodes.Length];
        for (int piece = 0; piece < pieceNodes.Length; piece++)
        {
            double omega = pieceNodes[piece].Sum(v => p.Omega[v].Max()), size = pieceNodes[piece].Sum(v => p.SizeBytes[v][0]);
            double energy = pieceGroups[piece].Where(g => p.Groups[g].Length == 1 && p.Has(g, 0, p.Ops.Host)).Sum(g => p.Energy(g, 0, p.Ops.Host));
            result[piece] = (omega, size, energy);
        }
        return result;
    }

    /// <summary>The user's no-fuse pins, and the kernel ops that the sequential baseline's device cannot run.</summary>
    private static HashSet<int> SequentialNoFuse(PlanGraph graph, DeviceCostTable ops, int device, IReadOnlySet<int>? pinned)
    {
        var alone = pinned is null ? new HashSet<int>() : new HashSet<int>(pinned);
        for (int v = 0; v < graph.Graph.NodeCount; v++)
        {
            int task = ops.TaskOfNode(v);
            if (task >= 0 && !ops.Supports(task, device)) alone.Add(v);
        }
        return alone;
    }

    private static int SequentialDevice(DeviceCostTable ops, JointOptions options)
    {
        if (options.SequentialDevice is { } name && ops.DeviceIndex(name) is int d and >= 0) return d;
        return Enumerable.Range(0, ops.DeviceCount).Where(x => x != ops.Host).DefaultIfEmpty(ops.Host).First();
    }

    private static JointPlan Infeasible(JointBudgets budgets, List<SolverReport> reports, JointSequential? sequential, JointConflict conflict, List<string> notes) =>
        new([], new SortedDictionary<int, Decision>(), null, double.NaN, double.NaN, budgets.Sensitivity, reports, sequential, conflict, notes);

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
