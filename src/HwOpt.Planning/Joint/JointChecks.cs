using System.Globalization;
using HwOpt.Planning.Milp;
using HwOpt.Planning.Precision;

namespace HwOpt.Planning.Joint;

/// <summary>
/// The checks the joint planner runs before and after solving, so an infeasible problem names its row: pins
/// (<c>pin[opN]</c>: not a kernel, unknown device or format, a format on an op that is not quantizable), cover
/// (<c>cover[opN]</c>: no (group, format, device) left for an op), each budget alone against its smallest achievable
/// value (Σ over ops of the least Ω and weight bytes among the formats the op can still take, like
/// <see cref="PrecisionPlanner"/>; <see cref="EnergyLowerBound"/>; the weights the ops that have one possible device put
/// there), and, when the solver
/// still proves infeasibility, each relaxable row dropped in turn: the first whose removal makes the piece feasible is named.
/// </summary>
internal static class JointChecks
{
    /// <summary>Which (group, format, device) the pins allow, or the first pin that cannot hold.</summary>
    public static (Func<int, int, int, bool> Allowed, JointConflict? Conflict) Pins(JointProblem p, JointOptions options)
    {
        var device = new Dictionary<int, int>();
        var format = new Dictionary<int, int>();
        foreach (var (node, name) in options.DevicePins.OrderBy(x => x.Key))
        {
            string row = "pin[" + JointProblem.Op(node) + "]";
            if (node < 0 || node >= p.Graph.Count || !p.Graph.IsKernel(node)) return (None, new JointConflict(row, F($"node {node} is not a kernel ({(node >= 0 && node < p.Graph.Count ? p.Graph.WhyNotKernel(node) : "not a node of the graph")}); only kernels can be pinned")));
            int d = p.Ops.DeviceIndex(name);
            if (d < 0) return (None, new JointConflict(row, $"device '{name}' is not among the devices planned ({string.Join(", ", p.Ops.Devices.Select(x => x.Name))})"));
            device[node] = d;
        }
        foreach (var (node, f) in options.FormatPins.OrderBy(x => x.Key))
        {
            string row = "pin[" + JointProblem.Op(node) + "]";
            if (node < 0 || node >= p.Graph.Count || !p.Graph.IsKernel(node)) return (None, new JointConflict(row, F($"node {node} is not a kernel; only kernels can be pinned")));
            int fi = p.Formats.ToList().IndexOf(f);
            if (fi < 0) return (None, new JointConflict(row, $"format {f} is not among the candidate formats ({string.Join(", ", p.Formats)})"));
            if (fi != 0 && !p.Quantizable[node]) return (None, new JointConflict(row, $"{p.Graph.Ops[node].Name} (node {node}) is not quantizable; it stays fp32"));
            format[node] = fi;
        }
        bool Allowed(int g, int f, int d)
        {
            foreach (int v in p.Groups[g])
            {
                if (device.TryGetValue(v, out int pd) && pd != d) return false;
                if (format.TryGetValue(v, out int pf) && p.TypeOf(v, f) != pf) return false;
                if (options.NoFuse.Contains(v) && p.Groups[g].Length > 1) return false;
            }
            return true;
        }
        return (Allowed, null);
    }

    private static bool None(int g, int f, int d) => false;

    /// <summary>An op no allowed (group, format, device) covers.</summary>
    public static JointConflict? Cover(JointProblem p, IReadOnlyList<int> groups, Func<int, int, int, bool> allowed, JointOptions options)
    {
        var covered = new HashSet<int>();
        foreach (int g in groups)
            if (Choices(p, g).Any(c => allowed(g, c.Format, c.Device))) covered.UnionWith(p.Groups[g]);
        foreach (int v in p.Ops.Nodes)
        {
            if (covered.Contains(v)) continue;
            bool pinned = options.DevicePins.ContainsKey(v) || options.FormatPins.ContainsKey(v);
            var why = string.Join("; ", Enumerable.Range(0, p.DeviceCount).Select(d => p.Ops.Unsupported(p.Ops.TaskOfNode(v), d)).OfType<string>());
            return new JointConflict((pinned ? "pin[" : "cover[") + JointProblem.Op(v) + "]",
                F($"no kernel containing {p.Graph.Ops[v].Name} (node {v}) can run {(pinned ? "as pinned" : "on any device")}{(why.Length > 0 ? ": " + why : "")}"));
        }
        return null;
    }

    /// <summary>The budgets that cannot be met even alone.</summary>
    public static JointConflict? BudgetsAlone(JointProblem p, IReadOnlyList<int> groups, Func<int, int, int, bool> allowed, JointBudgets budgets)
    {
        var formats = new Dictionary<int, HashSet<int>>();
        var devices = new Dictionary<int, HashSet<int>>();
        foreach (int g in groups)
            foreach (var c in Choices(p, g).Where(c => allowed(g, c.Format, c.Device)))
                foreach (int v in p.Groups[g])
                {
                    (formats.TryGetValue(v, out var fs) ? fs : formats[v] = []).Add(p.TypeOf(v, c.Format));
                    (devices.TryGetValue(v, out var s2) ? s2 : devices[v] = []).Add(c.Device);
                }
        double omega = formats.Sum(kv => kv.Value.Min(f => p.Omega[kv.Key][f]));
        if (JointEvaluator.Over(omega, budgets.Sensitivity))
            return new JointConflict(JointBudgets.SensitivityRow, F($"sensitivity budget {budgets.Sensitivity:G4} < smallest achievable Σ Ω {omega:G4} (format pins and device support)"));
        double size = formats.Sum(kv => kv.Value.Min(f => p.SizeBytes[kv.Key][f]));
        if (budgets.SizeBytes is double s && JointEvaluator.Over(size, s))
            return new JointConflict(JointBudgets.SizeRow, F($"model size budget {s:0} bytes < smallest achievable {size:0} bytes (every op in its narrowest format)"));
        if (budgets.EnergyJoules is double j && EnergyLowerBound(p, groups, allowed) is var least && JointEvaluator.Over(least, j))
            return new JointConflict(JointBudgets.EnergyRow, F($"energy budget {j:G4} J < a lower bound on any plan's energy, {least:G4} J (each op's least share of a kernel's energy)"));
        if (!budgets.Memory) return null;
        var forced = new int[p.Graph.Count];
        Array.Fill(forced, -1);
        foreach (var (v, ds) in devices) if (ds.Count == 1) forced[v] = ds.First();
        var need = JointEvaluator.WeightBytes(p, forced);
        for (int d = 0; d < p.DeviceCount; d++)
        {
            double capacity = p.Ops.Devices[d].Memory.CapacityBytes;
            if (JointEvaluator.Over(need[d], capacity))
                return new JointConflict(JointBudgets.MemRow(p.Ops.Devices[d].Name), F($"the ops that can only run on {p.Ops.Devices[d].Name} read {need[d]:0} bytes of weights, more than its capacity of {capacity:0} bytes"));
        }
        return null;
    }

    /// <summary>
    /// A lower bound on the energy of every plan, J: Σ over ops of the least E[g,f,d] / |g| among the allowed choices of
    /// groups containing the op. Any plan's kernel energy is Σ_kernels Σ_{op ∈ kernel} E / |kernel|, each term at least
    /// that op's least share, and link legs add energy ≥ 0.
    /// </summary>
    public static double EnergyLowerBound(JointProblem p, IReadOnlyList<int> groups, Func<int, int, int, bool> allowed)
    {
        var least = new Dictionary<int, double>();
        foreach (int g in groups)
            foreach (var (f, d) in Choices(p, g).Where(c => allowed(g, c.Format, c.Device)))
            {
                double share = p.Energy(g, f, d) / p.Groups[g].Length;
                foreach (int v in p.Groups[g]) least[v] = Math.Min(least.GetValueOrDefault(v, double.PositiveInfinity), share);
            }
        return least.Values.Sum();
    }

    /// <summary>Drops each relaxable row of an infeasible piece in turn; the first whose removal makes it feasible is the conflict.</summary>
    public static JointConflict Relax(MilpModel infeasible, Func<ISet<string>, MilpModel> rebuild, IMilpSolver solver, SolverOptions settings, List<SolverReport> reports)
    {
        var rows = infeasible.Constraints.Select(c => c.Name)
            .Where(n => n.StartsWith("budget.", StringComparison.Ordinal) || n.StartsWith("mem[", StringComparison.Ordinal)).ToList();
        var quick = settings with { TimeLimitSeconds = Math.Min(settings.TimeLimitSeconds, 10) };
        foreach (string row in rows)
        {
            var relaxed = rebuild(new HashSet<string>(StringComparer.Ordinal) { row });
            var s = solver.Solve(relaxed, quick);
            reports.Add(SolverReport.Of($"{infeasible.Name}[without {row}]", relaxed, s));
            if (s.Status == SolveStatus.Infeasible) continue;
            return new JointConflict(row, row.StartsWith("mem[", StringComparison.Ordinal)
                ? $"the weights the other constraints put on {row[4..^1]} exceed its capacity (the problem is feasible without this row)"
                : $"{row} cannot be met together with the other constraints (the problem is feasible without this row)");
        }
        return new JointConflict(rows.Count == 0 ? "cover" : string.Join(" + ", rows), "no single budget or memory row explains the infeasibility; these rows together (or the acyclicity rows) cannot be met");
    }

    /// <summary>The (format, device) pairs of a group that are variables.</summary>
    public static IEnumerable<(int Format, int Device)> Choices(JointProblem p, int g)
    {
        for (int f = 0; f < p.FormatCount; f++)
            for (int d = 0; d < p.DeviceCount; d++)
                if (p.Has(g, f, d)) yield return (f, d);
    }

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
