using System.Globalization;
using HwOpt.Planning.Milp;

namespace HwOpt.Planning.Partitioning;

/// <summary>
/// Says why each node is where the plan puts it. A kernel is pinned, or runnable by one device only, or else it is
/// compared with its best alternative: the plan is re-evaluated with only that kernel moved, by the user's figure
/// (realized makespan of the list schedule with earliest-start priorities, transfers included; energy; price); an
/// alternative whose memory row would overflow is named as binding. Non-kernel nodes follow their first kernel user (the host when none). A decision is "accepted"
/// when the node runs off the host.
/// </summary>
internal sealed class PartitionExplainer(DeviceCostTable table, PartitionObjective objective, IReadOnlyDictionary<int, int> pins, MilpSolution solution, PlanGraph? graph)
{
    /// <summary>Device name and decision per node.</summary>
    public (string[] DevicePerNode, Decision[] Decisions) Explain(int[] device, PlanEvaluation evaluation)
    {
        int count = graph?.Count ?? (table.TaskCount == 0 ? 0 : table.Nodes.Max() + 1);
        var perNode = new string[count];
        var decisions = new Decision[count];
        var taskOf = new Dictionary<int, int>();
        for (int t = 0; t < table.TaskCount; t++) taskOf[table.Nodes[t]] = t;
        for (int v = 0; v < count; v++)
        {
            if (taskOf.TryGetValue(v, out int t))
            {
                perNode[v] = table.Devices[device[t]].Name;
                decisions[v] = ForTask(t, device, evaluation);
                continue;
            }
            int user = FirstKernelUser(v, taskOf);
            int d = user >= 0 ? device[taskOf[user]] : table.Host;
            perNode[v] = table.Devices[d].Name;
            string what = graph?.WhyNotKernel(v) ?? "not a kernel";
            string reason = user >= 0 ? $"{what}: follows its user op{I(user)}" : $"{what}: no kernel uses it, stays on the host";
            decisions[v] = new Decision(d != table.Host, reason, []);
        }
        return (perNode, decisions);
    }

    private Decision ForTask(int t, int[] device, PlanEvaluation evaluation)
    {
        int d = device[t];
        string here = table.Devices[d].Name;
        bool off = d != table.Host;
        if (pins.ContainsKey(t)) return new Decision(off, $"pinned to {here} by the user", [PartitionModel.PinRow(table, t)]);
        var others = Enumerable.Range(0, table.DeviceCount).Where(x => x != d).ToArray();
        if (others.All(x => !table.Supports(t, x)))
        {
            string why = others.Length == 0 ? "it is the only device" : string.Join("; ", others.Select(x => table.Unsupported(t, x)));
            return new Decision(off, $"only {here} can run it ({why})", []);
        }
        double current = Measure(objective == PartitionObjective.Latency ? PlanEvaluator.Evaluate(table, device) : evaluation);
        (int Device, double Delta, PlanEvaluation Eval)? best = null;
        var overflow = new List<string>();
        foreach (int x in others.Where(x => table.Supports(t, x)))
        {
            var moved = (int[])device.Clone();
            moved[t] = x;
            var e = PlanEvaluator.Evaluate(table, moved);
            if (!e.FitsMemory && evaluation.FitsMemory)
            {
                overflow.AddRange(e.OverCapacity);
                continue;
            }
            double delta = Measure(e) - current;
            if (best is null || delta < best.Value.Delta - 1e-12) best = (x, delta, e);
        }
        if (best is null)
        {
            var rows = overflow.Distinct().ToArray();
            return new Decision(off, $"on {here}: every other device that can run it would exceed its memory ({string.Join(", ", rows)})", rows);
        }
        var (alt, diff, _) = best.Value;
        string other = table.Devices[alt].Name;
        double tolerance = 1e-9 * Math.Max(Math.Abs(current), Math.Abs(current + diff));
        string binding = overflow.Count > 0 ? $"; {string.Join(", ", overflow.Distinct())} would overflow elsewhere" : "";
        if (diff > tolerance)
        {
            return new Decision(off, $"on {here}: {Amount(diff)} {Less} than on {other}, transfers included{binding}", overflow.Distinct().ToArray());
        }
        if (diff >= -tolerance)
        {
            return new Decision(off, $"on {here}: moving it to {other} does not change the {Figure} (off the critical path or a tie); kept where the solver put it{binding}", overflow.Distinct().ToArray());
        }
        string gap = string.Create(CultureInfo.InvariantCulture, $"{solution.Gap:P2}");
        return new Decision(off, $"on {here}: moving only this op to {other} would give a {Amount(-diff)} {Less}; the plan was chosen as a whole (MILP status {solution.Status}, gap {gap}, latency modelled by its bound)", []);
    }

    private int FirstKernelUser(int node, Dictionary<int, int> taskOf)
    {
        if (graph is null) return -1;
        var seen = new HashSet<int>();
        var queue = new PriorityQueue<int, int>();
        queue.Enqueue(node, node);
        while (queue.TryDequeue(out int v, out _))
        {
            if (!seen.Add(v)) continue;
            if (v != node && taskOf.ContainsKey(v)) return v;
            foreach (int w in graph.Graph.Successors(v)) queue.Enqueue(w, w);
        }
        return -1;
    }

    private double Measure(PlanEvaluation e) => objective == PartitionObjective.Latency ? e.MakespanNs : e.Value(objective);

    private string Figure => objective switch
    {
        PartitionObjective.Energy => "energy",
        PartitionObjective.Price => "price",
        _ => "makespan",
    };

    private string Less => objective switch
    {
        PartitionObjective.Energy => "less energy",
        PartitionObjective.Price => "cheaper",
        _ => "shorter makespan",
    };

    private string Amount(double value) => objective switch
    {
        PartitionObjective.Energy => string.Create(CultureInfo.InvariantCulture, $"{value * 1e3:G4} mJ"),
        PartitionObjective.Price => string.Create(CultureInfo.InvariantCulture, $"{value:G3} USD"),
        _ => FormatNs(value),
    };

    /// <summary>A duration with a readable unit (ns, µs, ms, s), invariant culture.</summary>
    internal static string FormatNs(double ns) => Math.Abs(ns) switch
    {
        < 1e3 => string.Create(CultureInfo.InvariantCulture, $"{ns:0.#} ns"),
        < 1e6 => string.Create(CultureInfo.InvariantCulture, $"{ns / 1e3:0.##} µs"),
        < 1e9 => string.Create(CultureInfo.InvariantCulture, $"{ns / 1e6:0.##} ms"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{ns / 1e9:0.###} s"),
    };

    private static string I(int i) => i.ToString(CultureInfo.InvariantCulture);
}
