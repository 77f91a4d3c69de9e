using System.Globalization;
using HwOpt.CostModel;
using HwOpt.CostModel.Features;
using HwOpt.IR;
using HwOpt.Planning;
using HwOpt.Planning.Partitioning;
using HwOpt.Profiling;

namespace HwOpt.Transforms;

/// <summary>
/// Contracts a per-op <see cref="DeviceCostTable"/> to the kernels a fusion pass formed, so that partitioning places
/// whole kernels: one task per kernel, in a topological order of the kernel graph (acyclic because fusion groups are
/// convex and their quotient is checked acyclic; Kahn's algorithm, ties by first op). Per (kernel, device): a single
/// op keeps its entry; a fused kernel is predicted by that device's cost model on the fused kernel's text (outlined
/// as the profiler outlines groups), and is unsupported on a device that cannot run one of its ops (that op's reason).
/// Edges between kernels sum the bytes of the op edges they contain (edges inside a kernel disappear); a kernel reads
/// the union of its ops' weights; its output bytes are the sum of its ops' outputs (an over-estimate of what leaves
/// the kernel, used only by the peak-live-memory estimate). A task's node is its kernel's first op.
/// </summary>
public static class KernelTable
{
    /// <summary>Contracts <paramref name="ops"/> to <paramref name="kernels"/>.</summary>
    /// <param name="graph">The graph.</param>
    /// <param name="ops">The per-op table (<see cref="DeviceCostTable.Build"/>).</param>
    /// <param name="kernels">Kernels (node lists); every task of <paramref name="ops"/> in exactly one.</param>
    /// <param name="models">Cost model per device, in the table's device order.</param>
    /// <returns>The kernel table; a task's node is its kernel's first op.</returns>
    /// <exception cref="ArgumentException">The kernels do not cover the table's tasks exactly, or their graph has a cycle.</exception>
    public static DeviceCostTable Contract(PlanGraph graph, DeviceCostTable ops, IReadOnlyList<IReadOnlyList<int>> kernels, IReadOnlyList<ICostModel> models)
    {
        int k = kernels.Count, dn = ops.DeviceCount;
        var kernelOfOpTask = new int[ops.TaskCount];
        Array.Fill(kernelOfOpTask, -1);
        for (int i = 0; i < k; i++)
        {
            foreach (int node in kernels[i])
            {
                int t = ops.TaskOfNode(node);
                if (t < 0 || kernelOfOpTask[t] >= 0) throw new ArgumentException($"node {node} is not a task or is in two kernels");
                kernelOfOpTask[t] = i;
            }
        }
        if (kernelOfOpTask.Any(x => x < 0)) throw new ArgumentException("a task of the table is in no kernel");
        // Kernel edges and a topological order of kernels.
        var bytes = new Dictionary<(int, int), long>();
        foreach (var e in ops.Edges)
        {
            int a = kernelOfOpTask[e.From], b = kernelOfOpTask[e.To];
            if (a != b) bytes[(a, b)] = bytes.GetValueOrDefault((a, b)) + e.Bytes;
        }
        var order = Topological(k, bytes.Keys, kernels);
        var position = new int[k];
        for (int p = 0; p < k; p++) position[order[p]] = p;

        var latency = new double[k, dn];
        var why = new string?[k, dn];
        var fused = Enumerable.Range(0, k).Where(i => kernels[i].Count > 1).ToArray();
        var bodies = fused.Select(i => Body(graph, kernels[i])).ToArray();
        for (int d = 0; d < dn; d++)
        {
            var predicted = bodies.Length == 0 ? [] : models[d].Predict(bodies);
            var byKernel = new Dictionary<int, CostPrediction>();
            for (int j = 0; j < fused.Length; j++) byKernel[fused[j]] = predicted[j];
            for (int i = 0; i < k; i++)
            {
                string? unsupported = kernels[i].Select(n => ops.Unsupported(ops.TaskOfNode(n), d)).FirstOrDefault(u => u is not null);
                double ns;
                if (unsupported is not null) ns = double.PositiveInfinity;
                else if (kernels[i].Count == 1) ns = ops.LatencyNs(ops.TaskOfNode(kernels[i][0]), d);
                else
                {
                    var p = byKernel[i];
                    ns = p.Supported ? Math.Max(0, p.LatencyNs) : double.PositiveInfinity;
                    if (!p.Supported) unsupported = $"{ops.Devices[d].Name}: the fused kernel's element type '{p.Work.ComputeType}' is not supported";
                }
                latency[position[i], d] = ns;
                why[position[i], d] = unsupported;
            }
        }
        var weightsRead = new IReadOnlyList<int>[k];
        var outputs = new long[k];
        var nodes = new int[k];
        var labels = new string[k];
        for (int i = 0; i < k; i++)
        {
            int p = position[i];
            var tasks = kernels[i].Select(ops.TaskOfNode).ToArray();
            weightsRead[p] = tasks.SelectMany(t => ops.WeightsRead[t]).Distinct().Order().ToArray();
            outputs[p] = tasks.Sum(t => ops.OutputBytes[t]);
            nodes[p] = kernels[i].Min();
            labels[p] = string.Create(CultureInfo.InvariantCulture, $"kernel{i} {graph.Ops[nodes[p]].Name}{(kernels[i].Count > 1 ? $"+{kernels[i].Count - 1}" : "")}");
        }
        var edges = bytes.Select(kv => new TaskEdge(position[kv.Key.Item1], position[kv.Key.Item2], kv.Value)).ToArray();
        return new DeviceCostTable(ops.Devices, ops.Host, latency, why, edges, ops.WeightBytes, weightsRead, outputs, nodes, labels);
    }

    private static int[] Topological(int k, IEnumerable<(int From, int To)> edges, IReadOnlyList<IReadOnlyList<int>> kernels)
    {
        var succ = Enumerable.Range(0, k).Select(_ => new List<int>()).ToArray();
        var indegree = new int[k];
        foreach (var (a, b) in edges)
        {
            succ[a].Add(b);
            indegree[b]++;
        }
        var ready = new SortedSet<(int First, int Kernel)>();
        for (int i = 0; i < k; i++) if (indegree[i] == 0) ready.Add((kernels[i].Min(), i));
        var order = new List<int>(k);
        while (ready.Count > 0)
        {
            var next = ready.Min;
            ready.Remove(next);
            order.Add(next.Kernel);
            foreach (int s in succ[next.Kernel]) if (--indegree[s] == 0) ready.Add((kernels[s].Min(), s));
        }
        if (order.Count != k) throw new ArgumentException("the kernel graph has a cycle");
        return order.ToArray();
    }

    /// <summary>The fused kernel's body as the cost model was trained to read it (outlined, printed, read back).</summary>
    private static IReadOnlyList<Operation> Body(PlanGraph graph, IReadOnlyList<int> nodes)
    {
        var ops = nodes.Order().Select(n => graph.Ops[n]).ToList();
        var kernel = KernelExtractor.FromGroup(ops, graph.Source, DatasetSplits.FamilyOf(graph.Source));
        try { return Featurizer.KernelBody(kernel.Text); }
        catch (FormatException) { return ops; }
    }
}
