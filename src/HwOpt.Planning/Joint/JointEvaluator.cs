using System.Globalization;
using HwOpt.Planning.Partitioning;

namespace HwOpt.Planning.Joint;

/// <summary>One kernel of an assignment: candidate group, format index, device index.</summary>
internal readonly record struct JointChoice(int Group, int Format, int Device);

/// <summary>The limits a joint assignment must meet.</summary>
/// <param name="Sensitivity">Largest Σ Ω.</param>
/// <param name="SizeBytes">Largest Σ weight bytes of the quantizable ops; null for none.</param>
/// <param name="EnergyJoules">Largest energy, J; null for none.</param>
/// <param name="Memory">Check the weights per device against capacity.</param>
internal sealed record JointBudgets(double Sensitivity, double? SizeBytes, double? EnergyJoules, bool Memory)
{
    public const string SensitivityRow = "budget.sensitivity";
    public const string SizeRow = "budget.size_bytes";
    public const string EnergyRow = "budget.energy_j";

    /// <summary>Row name of a device's memory capacity.</summary>
    public static string MemRow(string device) => "mem[" + device + "]";
}

/// <summary>
/// Evaluates a joint assignment (kernels with a format and a device each), the one evaluator of the MILP's objective,
/// the sequential plan and the brute force. Objective (serial execution: kernels one after another, no overlap):
/// Σ kernel latency + Σ over op edges whose ends run on different devices of <see cref="DeviceCostTable.TransferNs"/>
/// + Σ over op edges between different kernels whose ends have different formats of the edge's cast cost on the
/// consumer's device. An op's
/// format is its kernel's when it is quantizable, fp32 otherwise; transfers and casts are counted at the edge's fp32
/// bytes. Energy: kernels at peak power plus link legs at idle power. Memory: distinct weights (fp32 bytes) read on a device.
/// The realized makespan (devices concurrent) is the list schedule of <see cref="PlanEvaluator"/> on the table contracted to the kernels.
/// </summary>
internal static class JointEvaluator
{
    /// <summary>Relative tolerance of the budget checks.</summary>
    public const double Tolerance = 1e-7;

    /// <summary>The figures of an assignment; it must cover every kernel node once. Without <paramref name="makespan"/> the makespan is NaN (brute force).</summary>
    /// <exception cref="ArgumentException">A node is covered twice or not at all, or a choice is not a variable.</exception>
    public static JointTotals Evaluate(JointProblem p, IReadOnlyList<JointChoice> choices, JointBudgets budgets, bool makespan = true)
    {
        var table = p.Ops;
        var kernelOf = new int[p.Graph.Count];
        var deviceOf = new int[p.Graph.Count];
        var typeOf = new int[p.Graph.Count];
        Array.Fill(kernelOf, -1);
        double kernels = 0, omega = 0, size = 0, energy = 0;
        for (int k = 0; k < choices.Count; k++)
        {
            var (g, f, d) = choices[k];
            if (!p.Has(g, f, d)) throw new ArgumentException($"kernel {k}: ({g}, {p.Formats[f]}, {table.Devices[d].Name}) is not a candidate");
            foreach (int v in p.Groups[g])
            {
                if (kernelOf[v] >= 0) throw new ArgumentException($"node {v} is in two kernels");
                kernelOf[v] = k;
                deviceOf[v] = d;
                typeOf[v] = p.TypeOf(v, f);
            }
            kernels += p.LatencyNs[g][f, d];
            omega += p.GroupOmega(g, f);
            size += p.GroupSize(g, f);
            energy += p.Energy(g, f, d);
        }
        if (table.Nodes.Any(v => kernelOf[v] < 0)) throw new ArgumentException("a kernel node is in no kernel");
        double transfers = 0, casts = 0;
        for (int e = 0; e < table.Edges.Count; e++)
        {
            var edge = table.Edges[e];
            int u = table.Nodes[edge.From], v = table.Nodes[edge.To];
            int a = deviceOf[u], b = deviceOf[v];
            if (a != b)
            {
                transfers += table.TransferNs(edge.Bytes, a, b);
                energy += table.LegEnergyJoules(edge.Bytes, a) + table.LegEnergyJoules(edge.Bytes, b);
            }
            if (kernelOf[u] != kernelOf[v] && typeOf[u] != typeOf[v]) casts += p.CastNs[e, b];
        }
        var weights = WeightBytes(p, deviceOf);
        var violated = new List<string>();
        if (Over(omega, budgets.Sensitivity)) violated.Add(JointBudgets.SensitivityRow);
        if (budgets.SizeBytes is double s && Over(size, s)) violated.Add(JointBudgets.SizeRow);
        if (budgets.EnergyJoules is double j && Over(energy, j)) violated.Add(JointBudgets.EnergyRow);
        if (budgets.Memory)
        {
            for (int d = 0; d < table.DeviceCount; d++)
                if (Over(weights[d], table.Devices[d].Memory.CapacityBytes)) violated.Add(JointBudgets.MemRow(table.Devices[d].Name));
        }
        return new JointTotals(kernels + transfers + casts, kernels, transfers, casts, omega, size, energy, makespan ? Makespan(p, choices) : double.NaN, weights, violated);
    }

    /// <summary>True when a value exceeds its limit beyond the tolerance.</summary>
    public static bool Over(double value, double limit) => value > limit + Tolerance * Math.Max(1, Math.Abs(limit));

    /// <summary>Distinct weights read on each device (fp32 bytes); a node with device −1 is left out.</summary>
    public static double[] WeightBytes(JointProblem p, IReadOnlyList<int> deviceOfNode)
    {
        var table = p.Ops;
        var bytes = new double[table.DeviceCount];
        var counted = new HashSet<(int, int)>();
        for (int t = 0; t < table.TaskCount; t++)
        {
            int d = deviceOfNode[table.Nodes[t]];
            if (d < 0) continue;
            foreach (int w in table.WeightsRead[t]) if (counted.Add((w, d))) bytes[d] += table.WeightBytes[w];
        }
        return bytes;
    }

    /// <summary>Realized makespan of the list schedule on the contracted table, ns.</summary>
    public static double Makespan(JointProblem p, IReadOnlyList<JointChoice> choices)
    {
        var (table, position) = Contract(p, choices.Select(c => p.Groups[c.Group]).ToList(), choices.Select(c => c.Format).ToList());
        var device = new int[choices.Count];
        for (int k = 0; k < choices.Count; k++) device[position[k]] = choices[k].Device;
        return PlanEvaluator.Evaluate(table, device).MakespanNs;
    }

    /// <summary>
    /// The per-op table contracted to kernels (groups with a format each): tasks in a topological order of the kernel
    /// graph (Kahn, ties by first node), latency per device = the (group, format, device) prediction (∞ where none),
    /// edges summing the op edges between kernels, weights the union of the ops'. Returns the table and each kernel's task index.
    /// </summary>
    /// <exception cref="ArgumentException">The kernel graph has a cycle.</exception>
    public static (DeviceCostTable Table, int[] PositionOfKernel) Contract(JointProblem p, IReadOnlyList<int[]> kernels, IReadOnlyList<int> formats)
    {
        var ops = p.Ops;
        int k = kernels.Count;
        var kernelOfTask = new int[ops.TaskCount];
        for (int i = 0; i < k; i++) foreach (int v in kernels[i]) kernelOfTask[ops.TaskOfNode(v)] = i;
        var bytes = new SortedDictionary<(int, int), long>();
        foreach (var e in ops.Edges)
        {
            int a = kernelOfTask[e.From], b = kernelOfTask[e.To];
            if (a != b) bytes[(a, b)] = bytes.GetValueOrDefault((a, b)) + e.Bytes;
        }
        var succ = Enumerable.Range(0, k).Select(_ => new List<int>()).ToArray();
        var indegree = new int[k];
        foreach (var (a, b) in bytes.Keys) { succ[a].Add(b); indegree[b]++; }
        var ready = new SortedSet<(int, int)>();
        for (int i = 0; i < k; i++) if (indegree[i] == 0) ready.Add((kernels[i].Min(), i));
        var order = new List<int>();
        while (ready.Count > 0)
        {
            var next = ready.Min;
            ready.Remove(next);
            order.Add(next.Item2);
            foreach (int s in succ[next.Item2]) if (--indegree[s] == 0) ready.Add((kernels[s].Min(), s));
        }
        if (order.Count != k) throw new ArgumentException("the kernel graph has a cycle");
        var position = new int[k];
        for (int i = 0; i < k; i++) position[order[i]] = i;
        var latency = new double[k, ops.DeviceCount];
        var why = new string?[k, ops.DeviceCount];
        var reads = new IReadOnlyList<int>[k];
        var outputs = new long[k];
        var nodes = new int[k];
        var labels = new string[k];
        for (int i = 0; i < k; i++)
        {
            int pos = position[i];
            p.GroupIndex.TryGetValue(JointProblem.Key(kernels[i]), out int g);
            bool known = p.GroupIndex.ContainsKey(JointProblem.Key(kernels[i]));
            for (int d = 0; d < ops.DeviceCount; d++)
            {
                double ns = known ? p.LatencyNs[g][formats[i], d] : double.NaN;
                latency[pos, d] = double.IsNaN(ns) ? double.PositiveInfinity : ns;
                if (double.IsNaN(ns)) why[pos, d] = string.Create(CultureInfo.InvariantCulture, $"{ops.Devices[d].Name}: cannot run this kernel in {p.Formats[formats[i]]}");
            }
            var tasks = kernels[i].Select(ops.TaskOfNode).ToArray();
            reads[pos] = tasks.SelectMany(t => ops.WeightsRead[t]).Distinct().Order().ToArray();
            outputs[pos] = tasks.Sum(t => ops.OutputBytes[t]);
            nodes[pos] = kernels[i].Min();
            labels[pos] = string.Create(CultureInfo.InvariantCulture, $"kernel{i} {p.Graph.Ops[nodes[pos]].Name}{(kernels[i].Length > 1 ? $"+{kernels[i].Length - 1}" : "")} {p.Formats[formats[i]]}");
        }
        var edges = bytes.Select(kv => new TaskEdge(position[kv.Key.Item1], position[kv.Key.Item2], kv.Value)).ToArray();
        return (new DeviceCostTable(ops.Devices, ops.Host, latency, why, edges, ops.WeightBytes, reads, outputs, nodes, labels), position);
    }
}
