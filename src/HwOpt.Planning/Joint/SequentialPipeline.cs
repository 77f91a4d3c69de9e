using System.Globalization;
using HwOpt.Planning.Fusion;
using HwOpt.Planning.Milp;
using HwOpt.Planning.Partitioning;
using HwOpt.Planning.Precision;

namespace HwOpt.Planning.Joint;

/// <summary>
/// The sequential pipeline the joint plan is compared with, as the passes chain it: fusion
/// (<see cref="FusionPlanner"/> with the sequential device's cost model, ops that device cannot run left unfused) → precision (the <see cref="PrecisionPlanner"/>
/// problem on that device, minimizing predicted latency at the same sensitivity budget and size budget; a kernel takes
/// the format of its quantizable op, the widest when they differ, fp32 when its device set cannot run that format fused)
/// → partition (<see cref="PartitionPlanner"/>, latency, on the fused kernels in their formats, costed from the same
/// (group, format, device) table as the joint MILP). The result is evaluated by <see cref="JointEvaluator"/>, the joint
/// objective, so the two figures compare like with like. The partition step's own memory rows also count live
/// activations (stricter than the joint <c>mem</c> rows, which count weights).
/// </summary>
internal static class SequentialPipeline
{
    /// <summary>Runs the three steps; the choices are null when a step found no plan.</summary>
    public static (JointSequential Result, List<JointChoice>? Choices) Run(
        JointProblem p, FusionPlan fusion, PartitionDevice device, IMilpSolver solver, JointBudgets budgets, JointOptions options,
        Func<int, int, int, bool> allowed, ISet<int> candidateGroups)
    {
        var notes = new List<string> { F($"fusion ({device.Profile.Name} model): {fusion.Groups.Count} kernels, {fusion.PredictedNs:0.###} ns predicted.") };
        var groups = fusion.Groups.Select(g => p.GroupIndex[JointProblem.Key(g.Nodes)]).ToList();

        // Precision: latency-minimal formats per op at the sensitivity (and size) budget, on the sequential device.
        var pp = PrecisionProblem.Build(p.Graph, device.Model, device.Profile, new PrecisionOptions(Formats: p.Formats, Sidecar: options.Sidecar));
        var pinned = new Dictionary<int, int>();
        foreach (var (node, f) in options.FormatPins)
        {
            int q = pp.Quantizable.ToList().FindIndex(x => x.Node == node);
            if (q >= 0 && pp.Quantizable[q].IndexOf(f) is int c and >= 0) pinned[q] = c;
        }
        var milp = new PrecisionMilp(pp, pinned, minimizeLatency: true);
        milp.AddSensitivityBudget(budgets.Sensitivity);
        if (budgets.SizeBytes is double s) milp.AddBudgets(new Dictionary<string, double> { [PrecisionProblem.Budgets.Size] = s });
        var solution = solver.Solve(milp.Model, options.SolverOrDefault);
        if (!solution.HasSolution)
        {
            notes.Add($"precision: no plan ({solution.Status}) at the sensitivity budget.");
            return (new JointSequential([], null, false, notes), null);
        }
        var choice = milp.Read(solution);
        var formatOf = new Dictionary<int, NumericFormat>();
        for (int q = 0; q < pp.Quantizable.Count; q++) formatOf[pp.Quantizable[q].Node] = pp.Quantizable[q].Candidates[choice[q]].Format;
        notes.Add(F($"precision ({device.Profile.Name}): {formatOf.Values.Count(f => f != NumericFormat.Fp32)} of {formatOf.Count} quantizable ops lowered."));

        bool representable = true;
        var formats = new int[groups.Count];
        for (int k = 0; k < groups.Count; k++)
        {
            var wanted = p.Groups[groups[k]].Where(formatOf.ContainsKey).Select(v => formatOf[v]).Distinct().ToList();
            int f = wanted.Count == 0 ? 0 : wanted.Select(x => p.Formats.ToList().IndexOf(x)).Where(i => i >= 0).DefaultIfEmpty(0).Min();
            if (!JointChecks.Choices(p, groups[k]).Any(c => c.Format == f))
            {
                notes.Add(F($"kernel {p.KernelIds[groups[k]]}: no device runs it fused in {p.Formats[f]}; it stays fp32."));
                f = 0;
                representable = false;
            }
            formats[k] = f;
        }

        // Partition of the fused kernels in their formats.
        var kernels = groups.Select(g => p.Groups[g]).ToList();
        var (table, position) = JointEvaluator.Contract(p, kernels, formats);
        var pins = new Dictionary<int, string>();
        foreach (var (node, name) in options.DevicePins)
        {
            int k = kernels.FindIndex(n => n.Contains(node));
            if (k >= 0) pins[kernels[k].Min()] = name;
        }
        var settings = options.SolverOrDefault;
        var partition = PartitionPlanner.Plan(table, solver, new PartitionOptions
        {
            Objective = PartitionObjective.Latency, TimeLimitSeconds = settings.TimeLimitSeconds, RelativeGap = settings.RelativeGap,
            Pins = pins, EnforceMemory = options.EnforceMemory,
        });
        if (!partition.HasPlan)
        {
            notes.Add($"partition: {partition.Conflict?.Constraint}: {partition.Conflict?.Reason}");
            return (new JointSequential([], null, false, notes), null);
        }
        var choices = new List<JointChoice>();
        for (int k = 0; k < groups.Count; k++)
        {
            int d = table.DeviceIndex(partition.DevicePerNode[table.Nodes[position[k]]]);
            choices.Add(new JointChoice(groups[k], formats[k], d));
            if (!allowed(groups[k], formats[k], d) || !candidateGroups.Contains(groups[k])) representable = false;
        }
        var slowest = choices.MaxBy(c => p.LatencyNs[c.Group][c.Format, c.Device])!;
        string perDevice = string.Join(", ", choices.GroupBy(c => c.Device).OrderBy(g => g.Key).Select(g => $"{g.Count()} on {p.Ops.Devices[g.Key].Name}"));
        notes.Add(F($"partition: makespan {partition.Evaluation!.MakespanNs:0.###} ns realized; kernels {perDevice}; the slowest, {p.KernelIds[slowest.Group]}, {p.LatencyNs[slowest.Group][slowest.Format, slowest.Device]:0.###} ns on {p.Ops.Devices[slowest.Device].Name} ({Runnable(p, slowest.Group, slowest.Format)})."));
        var totals = JointEvaluator.Evaluate(p, choices, budgets);
        if (totals.Violated.Count > 0)
        {
            representable = false;
            notes.Add("the sequential plan breaks " + string.Join(", ", totals.Violated) + " of the joint problem.");
        }
        var list = choices.Select(c => new JointKernel(p.Groups[c.Group], p.KernelIds[c.Group], p.Formats[c.Format].Name, p.Ops.Devices[c.Device].Name,
            p.LatencyNs[c.Group][c.Format, c.Device], "sequential: fusion, then precision, then partition.")).OrderBy(k => k.Nodes[0]).ToList();
        return (new JointSequential(list, totals, representable, notes), choices);
    }

    /// <summary>The devices that can run a kernel in a format, e.g. "runs on host-cpu only".</summary>
    private static string Runnable(JointProblem p, int group, int format)
    {
        var devices = Enumerable.Range(0, p.Ops.DeviceCount).Where(d => !double.IsNaN(p.LatencyNs[group][format, d])).Select(d => p.Ops.Devices[d].Name).ToList();
        return "runs on " + string.Join(", ", devices) + (devices.Count == 1 ? " only" : "");
    }

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
