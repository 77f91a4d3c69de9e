using System.Globalization;
using HwOpt.Analysis;
using HwOpt.CostModel;
using HwOpt.CostModel.Devices;
using HwOpt.IR;
using HwOpt.Syntax;

namespace HwOpt.Planning.Partitioning;

/// <summary>A device the partitioner may place kernels on, with the cost model that predicts it.</summary>
/// <param name="Profile">The device profile (<see cref="DeviceCatalog.Load"/>).</param>
/// <param name="Model">Its cost model: the learned model for the measured host, <see cref="RooflineCostModel"/> for the others.</param>
public sealed record PartitionDevice(DeviceProfile Profile, ICostModel Model);

public sealed partial class DeviceCostTable
{
    /// <summary>
    /// Builds the table of a graph. Each kernel node is costed on each device exactly as in training
    /// (<see cref="ModuleCosting.Predict"/>: the op outlined as a kernel, its text read back). A device cannot run a node
    /// when its cost model says unsupported (e.g. an element type missing from the profile's <c>peak_flops</c>), or,
    /// for a device other than the host, when the node's compute type (for ops without arithmetic: the type of the
    /// data they move, <see cref="HwOpt.Analysis.Work.WorkEstimate.ComputeType"/>) is not in its profile; and no
    /// device but the host runs an op that <c>dialects/</c> does not know or cannot say the work of (<see cref="WhyOpaque"/>).
    /// Edges: the graph's def-use edges between kernels; a path through non-kernel nodes (views, scalar ops) counts
    /// as an edge of the bytes that reach the consumer. Weights: function arguments read by a kernel and results of
    /// <c>constant</c> ops. Unknown sizes (dynamic shapes) count 0 bytes. Deterministic for a given graph and models.
    /// </summary>
    /// <param name="graph">The graph.</param>
    /// <param name="devices">The devices, in the order plans list them.</param>
    /// <param name="hostName">Name of the host device (default <see cref="DeviceCatalog.Host"/>; the first device when absent).</param>
    /// <returns>The table.</returns>
    /// <exception cref="ArgumentException">No devices, or two with the same name.</exception>
    public static DeviceCostTable Build(PlanGraph graph, IReadOnlyList<PartitionDevice> devices, string hostName = DeviceCatalog.Host)
    {
        if (devices.Count == 0) throw new ArgumentException("no devices", nameof(devices));
        int host = Math.Max(0, devices.ToList().FindIndex(d => d.Profile.Name == hostName));
        var nodes = graph.KernelNodes.ToArray();
        var taskOf = new Dictionary<int, int>();
        for (int t = 0; t < nodes.Length; t++) taskOf[nodes[t]] = t;

        var latency = new double[nodes.Length, devices.Count];
        var why = new string?[nodes.Length, devices.Count];
        for (int d = 0; d < devices.Count; d++)
        {
            var predicted = Predict(graph, nodes, devices[d].Model);
            for (int t = 0; t < nodes.Length; t++)
            {
                var p = predicted[t];
                var op = graph.Ops[nodes[t]];
                var profile = devices[d].Profile;
                string? opaque = d == host ? null : WhyOpaque(op);
                // Ops without arithmetic (fills, copies, views) pass the roofline's FLOP check; an accelerator must
                // still hold their element type (an int8-only NPU does not take an f32 fill).
                string type = p.Work.ComputeType;
                bool typeOk = p.Supported && (d == host || type.Length == 0 || profile.Supports(type));
                latency[t, d] = opaque is null && typeOk ? Math.Max(0, p.LatencyNs) : double.PositiveInfinity;
                why[t, d] = opaque is not null ? $"{profile.Name}: {opaque}, so it stays on the host CPU"
                    : typeOk ? null
                    : $"{profile.Name}: element type '{type}' is not supported (peak_flops lists {string.Join(", ", profile.PeakFlops.Keys.Order(StringComparer.Ordinal))})";
            }
        }

        var edges = new Dictionary<(int From, int To), long>();
        var seenValues = new HashSet<(int From, int To, string Value)>();
        var weightIndex = new Dictionary<object, int>(ReferenceEqualityComparer.Instance);
        var weightBytes = new List<long>();
        var weightsRead = new List<int>[nodes.Length];
        int Weight(object key, long bytes)
        {
            if (!weightIndex.TryGetValue(key, out int w))
            {
                w = weightBytes.Count;
                weightIndex[key] = w;
                weightBytes.Add(Math.Max(0, bytes));
            }
            return w;
        }
        for (int t = 0; t < nodes.Length; t++)
        {
            weightsRead[t] = [];
            var op = graph.Ops[nodes[t]];
            var inner = new HashSet<Block>(op.Walk().SelectMany(o => o.Regions).SelectMany(r => r.Blocks), ReferenceEqualityComparer.Instance);
            foreach (var operand in op.Walk().SelectMany(o => o.Operands))
            {
                if (operand is BlockArgument a && !inner.Contains(a.Owner)) weightsRead[t].Add(Weight(a, DataflowGraphBuilder.Bytes(a.Type)));
            }
            foreach (int e in graph.Graph.InEdges(nodes[t]))
            {
                var edge = graph.Graph.Edges[e];
                long bytes = Math.Max(0, edge.Bytes);
                foreach (var (producer, isWeight) in Producers(graph, edge.From))
                {
                    if (isWeight)
                    {
                        weightsRead[t].Add(Weight(graph.Ops[producer], bytes));
                    }
                    else if (seenValues.Add((taskOf[producer], t, edge.ValueName + "@" + edge.From.ToString(CultureInfo.InvariantCulture))))
                    {
                        edges[(taskOf[producer], t)] = edges.GetValueOrDefault((taskOf[producer], t)) + bytes;
                    }
                }
            }
        }
        var outputs = nodes.Select(v => graph.Ops[v].Results.Sum(r => Math.Max(0, DataflowGraphBuilder.Bytes(r.Type)))).ToArray();
        var labels = nodes.Select(v => $"op{v.ToString(CultureInfo.InvariantCulture)} {graph.Ops[v].Name}").ToArray();
        return new DeviceCostTable(
            devices.Select(d => d.Profile).ToArray(), host, latency, why,
            edges.Select(kv => new TaskEdge(kv.Key.From, kv.Key.To, kv.Value)).ToArray(),
            weightBytes, weightsRead, outputs, nodes, labels);
    }

    /// <summary>
    /// Why an op may only run on the host, or null: it (or an op nested in it) was read in tolerant mode, is not in
    /// <c>dialects/</c>, or carries the <c>opaque</c> trait without <c>work</c> data (<c>linalg.generic</c> is
    /// <c>opaque</c> as a structural class but its work is known from its maps and body, so it may move).
    /// </summary>
    internal static string? WhyOpaque(Operation op)
    {
        foreach (var o in op.Walk())
        {
            if (o.IsOpaque) return $"'{o.Name}' is opaque (read in tolerant mode)";
            if (!DialectTraits.Knows(o.Name)) return $"'{o.Name}' is not in dialects/ (unknown dialect op)";
            if (DialectTraits.Has(o.Name, "opaque") && DialectWork.Of(o.Name) is null) return $"'{o.Name}' is marked opaque in dialects/ and has no work data";
        }
        return null;
    }

    /// <summary>The kernels (isWeight false) or constants (isWeight true) a value reaching a kernel comes from, looking through non-kernel nodes.</summary>
    private static IEnumerable<(int Node, bool IsWeight)> Producers(PlanGraph graph, int from)
    {
        var seen = new HashSet<int>();
        var stack = new Stack<int>();
        stack.Push(from);
        while (stack.Count > 0)
        {
            int v = stack.Pop();
            if (!seen.Add(v)) continue;
            if (graph.IsKernel(v))
            {
                yield return (v, false);
                continue;
            }
            if (DialectTraits.Has(graph.Ops[v].Name, "constant"))
            {
                yield return (v, true);
                continue;
            }
            foreach (int u in graph.Graph.Predecessors(v)) stack.Push(u);
        }
    }

    private static CostPrediction[] Predict(PlanGraph graph, int[] nodes, ICostModel model)
    {
        var byOp = new Dictionary<Operation, CostPrediction>(ReferenceEqualityComparer.Instance);
        foreach (var c in ModuleCosting.Predict(graph.Module, graph.Source, model)) byOp.TryAdd(c.Op, c.Cost);
        var result = new CostPrediction[nodes.Length];
        for (int t = 0; t < nodes.Length; t++)
        {
            var op = graph.Ops[nodes[t]];
            result[t] = byOp.TryGetValue(op, out var p) ? p : model.Predict([[op]])[0];
        }
        return result;
    }
}
