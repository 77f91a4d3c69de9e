using System.Globalization;
using HwOpt.Planning.Milp;

namespace HwOpt.Planning.Partitioning;

/// <summary>
/// Heterogeneous device partitioning (issue 5, item 4): which device runs each kernel.
/// <para><b>Algorithm.</b> A MILP (<see cref="PartitionModel"/>) over binaries <c>x[op,d]</c> with
/// <c>Σ_d x[op,d] = 1</c> (<c>assign[op]</c>), only for devices that can run the op; a user pin is the row
/// <c>pin[op]: x[op,d] = 1</c>. An edge u→v crosses the link of a non-host device d when exactly one end is on d:
/// <c>y[e,d] ≥ x[u,d] − x[v,d]</c> and <c>y[e,d] ≥ x[v,d] − x[u,d]</c>, and costs <c>Σ_d leg_d · y[e,d]</c> with
/// leg = bytes / link bandwidth + link latency (<see cref="DeviceCostTable"/>). Memory (<c>mem[d]</c>): weights
/// resident on d (<c>z[w,d] ≥ x[op,d]</c> for each reader) plus <c>peak[d]</c> ≥ the activations of every live set
/// of the program-order estimate (<see cref="PlanEvaluator.LiveSets"/>) placed on d, ≤ capacity.</para>
/// <para><b>Objectives.</b> Energy and price are sums of per-op and per-leg costs: the MILP optimum is the true
/// optimum of the evaluated figure. Latency is modelled as a schedule: start times <c>s_v ≥ s_u + dur_u +
/// transfer_uv</c> on every edge, makespan <c>T ≥ s_v + dur_v</c>, and, instead of the O(n²) disjunctive pairs that
/// serialize kernels on a device, the load bound <c>T ≥ Σ_v dur_v,d · x[v,d]</c> per device (<c>load[d]</c>), and
/// likewise <c>T ≥ Σ_e leg_d(e) · y[e,d]</c> per link (<c>link[d]</c>). The MILP objective is therefore a
/// <em>lower bound</em> on the makespan of its assignment (critical path vs. device and link load).
/// The assignment is then realized by a list schedule whose priorities are the MILP start times
/// (<see cref="PlanEvaluator"/>: devices and links each serve one kernel or transfer at a time); the plan reports
/// both the MILP makespan bound and the realized makespan, which is never below it. The MILP's best bound is a lower
/// bound on the makespan of <em>every</em> assignment, so when a baseline realizes a shorter schedule than the MILP
/// assignment, the baseline is returned (<see cref="PartitionPlan.Source"/>) and the bound still applies; single-op
/// moves (<see cref="LocalMoves"/>) then shorten the realized schedule where the bound model was blind.</para>
/// <para><b>Infeasibility.</b> Checked up front: an op no device can run (<c>assign[op]</c>), a pin to an unknown
/// device, a non-kernel node or a device that cannot run the op (<c>pin[op]</c>), and the memory the forced ops
/// (pinned, or runnable on one device only) need (<c>mem[d]</c>). When the solver still proves infeasibility, the
/// <c>mem</c> and <c>pin</c> rows are relaxed one at a time; the first whose removal makes the model feasible is
/// named.</para>
/// <para>The greedy and single-device baselines (<see cref="PartitionBaselines"/>) are evaluated by the same list
/// schedule; the best of them that meets pins and memory is the solver's MIP start. Deterministic: fixed solver
/// seed and one thread, ties broken by device and task index.</para>
/// </summary>
public static class PartitionPlanner
{
    /// <summary>Plans the devices of a graph's kernels; non-kernel nodes follow their first kernel user.</summary>
    /// <param name="graph">The graph the table was built from.</param>
    /// <param name="costs">Costs (<see cref="DeviceCostTable.Build"/>).</param>
    /// <param name="solver">A MILP backend (<c>CbcSolver</c>).</param>
    /// <param name="options">Objective, limits, pins, greedy order.</param>
    /// <returns>The plan; an infeasible problem is a plan with <see cref="PartitionPlan.Conflict"/> set, not an exception.</returns>
    /// <exception cref="ArgumentException">The table's nodes are not nodes of the graph.</exception>
    public static PartitionPlan Plan(PlanGraph graph, DeviceCostTable costs, IMilpSolver solver, PartitionOptions options)
    {
        if (costs.Nodes.Any(v => v >= graph.Count || !graph.IsKernel(v))) throw new ArgumentException("the cost table was not built from this graph", nameof(costs));
        return Solve(costs, solver, options, graph);
    }

    /// <summary>Plans a table without a graph (synthetic tables): nodes are the table's <see cref="DeviceCostTable.Nodes"/>, other indices below the largest follow the host.</summary>
    /// <param name="costs">Costs.</param>
    /// <param name="solver">A MILP backend.</param>
    /// <param name="options">Objective, limits, pins, greedy order.</param>
    /// <returns>The plan.</returns>
    public static PartitionPlan Plan(DeviceCostTable costs, IMilpSolver solver, PartitionOptions options) => Solve(costs, solver, options, null);

    private static PartitionPlan Solve(DeviceCostTable table, IMilpSolver solver, PartitionOptions options, PlanGraph? graph)
    {
        var baselines = PartitionBaselines.All(table, options);
        var names = table.Devices.Select(d => d.Name).ToArray();
        var (pins, conflict) = ResolvePins(table, options, graph);
        conflict ??= CheckCover(table) ?? (options.EnforceMemory ? CheckForcedMemory(table, pins) : null);
        if (conflict is not null) return Infeasible(options, names, [], baselines, conflict);

        var pm = PartitionModel.Build(table, options.Objective, pins, options.EnforceMemory);
        var start = MipStart(table, options, pins, baselines);
        if (start is not null) pm.Model.SetMipStart(pm.ValuesFor(start).Select((v, i) => (new Variable(i), v)));
        var settings = new SolverOptions(options.TimeLimitSeconds, options.RelativeGap, Threads: 1, Seed: 1, MaxNodes: options.MaxNodes);
        var solution = solver.Solve(pm.Model, settings);
        var reports = new List<SolverReport> { Report("partition", pm, solution) };
        if (solution.Status == SolveStatus.Infeasible)
        {
            return Infeasible(options, names, reports, baselines, FindConflict(table, options, pins, solver, settings, pm, reports));
        }
        int[]? device = solution.HasSolution ? pm.Assignment(solution) : start;
        if (device is null)
        {
            return Infeasible(options, names, reports, baselines,
                new PartitionConflict("solve", $"the solver ended with status {solution.Status} and no plan meets pins and memory to fall back on"));
        }
        var (chosen, evaluation, source) = Realize(table, options, pins, baselines, device, solution.HasSolution ? pm.StartsNs(solution) : null);
        var explainer = new PartitionExplainer(table, options.Objective, pins, solution, graph);
        var (perNode, decisions) = explainer.Explain(chosen, evaluation);
        return new PartitionPlan(options.Objective, solution.Status, names, perNode, decisions, evaluation,
            solution.HasSolution ? pm.ToUnits(solution.Objective) : double.NaN,
            double.IsNaN(solution.BestBound) ? double.NaN : pm.ToUnits(solution.BestBound),
            reports, baselines, null, source);
    }

    /// <summary>
    /// The assignment returned. Energy and price: the MILP's (its objective is the evaluated figure). Latency: the
    /// MILP's assignment list-scheduled with the MILP start times, and with earliest start times, as priorities; when
    /// a baseline (pins applied, fitting memory) realizes a shorter schedule than both — the bound model ignores the
    /// serialization its assignment causes — that baseline is returned, and <c>Source</c> says so. Then
    /// <see cref="LocalMoves"/> moves single ops while the realized makespan drops.
    /// </summary>
    private static (int[] Device, PlanEvaluation Evaluation, string Source) Realize(
        DeviceCostTable table, PartitionOptions options, IReadOnlyDictionary<int, int> pins, IReadOnlyList<BaselinePlan> baselines,
        int[] milp, double[]? milpStarts)
    {
        var best = (Device: milp, Evaluation: PlanEvaluator.Evaluate(table, milp, milpStarts), Source: milpStarts is null ? "milp" : "milp (priority: MILP start times)");
        if (options.Objective != PartitionObjective.Latency) return best;
        var asap = PlanEvaluator.Evaluate(table, milp);
        if (asap.MakespanNs < best.Evaluation.MakespanNs) best = (milp, asap, "milp (priority: earliest start times)");
        foreach (var b in baselines)
        {
            var device = b.DevicePerTask.ToArray();
            foreach (var (t, d) in pins) device[t] = d;
            var e = PlanEvaluator.Evaluate(table, device);
            if (options.EnforceMemory && !e.FitsMemory) continue;
            if (e.MakespanNs < best.Evaluation.MakespanNs) best = (device, e, b.Name + (pins.Count > 0 ? " with pins" : "") + " (realizes a shorter schedule than the MILP assignment)");
        }
        if (options.LocalSearchPasses <= 0) return best;
        var (moved, evaluation, moves) = LocalMoves.Improve(table, best.Device, pins, options.EnforceMemory, options.LocalSearchPasses);
        if (moves > 0 && evaluation.MakespanNs < best.Evaluation.MakespanNs)
        {
            best = (moved, evaluation, $"{best.Source} + {moves} single-op moves (priority: earliest start times)");
        }
        return best;
    }

    private static (Dictionary<int, int> Pins, PartitionConflict? Conflict) ResolvePins(DeviceCostTable table, PartitionOptions options, PlanGraph? graph)
    {
        var pins = new Dictionary<int, int>();
        foreach (var (node, name) in options.Pins.OrderBy(p => p.Key))
        {
            string row = $"pin[op{node.ToString(CultureInfo.InvariantCulture)}]";
            int task = table.TaskOfNode(node);
            int d = table.DeviceIndex(name);
            if (task < 0)
            {
                string why = graph is not null && node >= 0 && node < graph.Count ? graph.WhyNotKernel(node) ?? "not in the table" : "not a node of the graph";
                return (pins, new PartitionConflict(row, $"node {node} is not a kernel ({why}); only kernels can be pinned"));
            }
            if (d < 0) return (pins, new PartitionConflict(row, $"device '{name}' is not among the devices planned ({string.Join(", ", table.Devices.Select(x => x.Name))})"));
            if (!table.Supports(task, d)) return (pins, new PartitionConflict(row, $"{table.Labels[task]} is pinned to {name}, which cannot run it ({table.Unsupported(task, d)})"));
            pins[task] = d;
        }
        return (pins, null);
    }

    private static PartitionConflict? CheckCover(DeviceCostTable table)
    {
        for (int t = 0; t < table.TaskCount; t++)
        {
            if (Enumerable.Range(0, table.DeviceCount).Any(d => table.Supports(t, d))) continue;
            var reasons = Enumerable.Range(0, table.DeviceCount).Select(d => table.Unsupported(t, d));
            return new PartitionConflict($"assign[op{table.Nodes[t].ToString(CultureInfo.InvariantCulture)}]", $"no device can run {table.Labels[t]}: {string.Join("; ", reasons)}");
        }
        return null;
    }

    /// <summary>The memory the ops that have only one possible device (pinned, or runnable there only) need on it.</summary>
    private static PartitionConflict? CheckForcedMemory(DeviceCostTable table, IReadOnlyDictionary<int, int> pins)
    {
        var forced = new int[table.TaskCount];
        for (int t = 0; t < forced.Length; t++)
        {
            var can = Enumerable.Range(0, table.DeviceCount).Where(d => table.Supports(t, d)).ToArray();
            forced[t] = pins.TryGetValue(t, out int p) ? p : can.Length == 1 ? can[0] : -1;
        }
        var need = PlanEvaluator.MemoryBytes(table, forced);
        for (int d = 0; d < table.DeviceCount; d++)
        {
            double capacity = table.Devices[d].Memory.CapacityBytes;
            if (need[d] <= capacity) continue;
            return new PartitionConflict(PartitionModel.MemRow(table, d), string.Create(CultureInfo.InvariantCulture,
                $"the ops that must run on {table.Devices[d].Name} (pinned, or no other device can run them) need {need[d]:0} bytes of weights and live activations, more than its capacity of {capacity:0} bytes"));
        }
        return null;
    }

    /// <summary>The best baseline (pins applied) that fits memory, by the model's objective; null when none does.</summary>
    private static int[]? MipStart(DeviceCostTable table, PartitionOptions options, IReadOnlyDictionary<int, int> pins, IReadOnlyList<BaselinePlan> baselines)
    {
        int[]? best = null;
        double bestValue = double.PositiveInfinity;
        foreach (var b in baselines)
        {
            var device = b.DevicePerTask.ToArray();
            foreach (var (t, d) in pins) device[t] = d;
            var e = PlanEvaluator.Evaluate(table, device);
            if (options.EnforceMemory && !e.FitsMemory) continue;
            double v = e.ModelValue(options.Objective);
            if (v < bestValue) (best, bestValue) = (device, v);
        }
        return best;
    }

    /// <summary>Relaxes the <c>mem</c> and <c>pin</c> rows one at a time; the first whose removal makes the model feasible is the conflict.</summary>
    private static PartitionConflict FindConflict(
        DeviceCostTable table, PartitionOptions options, IReadOnlyDictionary<int, int> pins, IMilpSolver solver, SolverOptions settings,
        PartitionModel model, List<SolverReport> reports)
    {
        var quick = settings with { TimeLimitSeconds = Math.Min(settings.TimeLimitSeconds, 10) };
        foreach (var (row, display) in model.Relaxable)
        {
            var relaxed = PartitionModel.Build(table, options.Objective, pins, options.EnforceMemory, new HashSet<string>(StringComparer.Ordinal) { row });
            var s = solver.Solve(relaxed.Model, quick);
            reports.Add(Report($"partition[without {display}]", relaxed, s));
            if (s.Status == SolveStatus.Infeasible) continue;
            return new PartitionConflict(display, display.StartsWith("mem[", StringComparison.Ordinal)
                ? $"the memory capacity of {display[4..^1]} cannot hold the weights and live activations the other constraints put there (the problem is feasible without this row)"
                : $"the pin cannot be met together with the memory capacities (the problem is feasible without this row)");
        }
        return new PartitionConflict(string.Join(" + ", model.Relaxable.Values), "no single memory or pin row explains the infeasibility; these rows together cannot be met");
    }

    private static SolverReport Report(string problem, PartitionModel pm, MilpSolution s)
    {
        var r = SolverReport.Of(problem, pm.Model, s);
        return r with
        {
            Objective = s.HasSolution ? pm.ToUnits(s.Objective) : double.NaN,
            BestBound = double.IsNaN(s.BestBound) ? double.NaN : pm.ToUnits(s.BestBound),
        };
    }

    private static PartitionPlan Infeasible(PartitionOptions options, string[] names, List<SolverReport> reports, IReadOnlyList<BaselinePlan> baselines, PartitionConflict conflict) =>
        new(options.Objective, SolveStatus.Infeasible, names, [], [], null, double.NaN, double.NaN, reports, baselines, conflict);
}
