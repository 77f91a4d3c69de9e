using System.Globalization;
using System.Text;
using System.Text.Json;
using HwOpt.Analysis;
using HwOpt.IR;

namespace HwOpt.Transforms.Reports;

/// <summary>
/// Node data for Google's Model Explorer (<c>hwopt optimize --emit-node-data FILE.json</c>): the model-level node-data
/// JSON that Model Explorer's "node data" panel loads, <c>{GRAPH_ID: {"results": {NODE_ID: {"value": V}}, "thresholds":
/// [{"value": U, "bgColor": C}, ...]}}</c> (format of <c>model_explorer/node_data_builder.py</c>: <c>ModelNodeData</c> →
/// <c>GraphNodeData</c> → <c>NodeDataResult</c>, <c>ThresholdItem</c>). V is the predicted latency of the op's kernel in
/// ns (what <c>hwopt.cost_ns</c> carries); thresholds colour by decade of latency, green (fast) to red (slow).
/// </summary>
/// <remarks>
/// Ids assumed (Model Explorer's built-in MLIR adapter, <c>adapters/mlir/translate_helpers.cc</c>, <c>FuncOpToSubgraph</c>):
/// one graph per <c>func.func</c>, its id the function's symbol name; node ids are a per-function counter from 0 over
/// the ops of the function's entry block in order, each op followed by the ops directly inside its regions (one level,
/// e.g. a <c>linalg.generic</c>'s body), terminators included; function arguments are <c>arg0</c>, <c>arg1</c>, ... and
/// get no value here. Ops that are not kernels (constants, views, terminators) get no value either.
/// </remarks>
public static class ModelExplorerNodeData
{
    private static readonly string[] Ramp = ["#1a9850", "#91cf60", "#d9ef8b", "#fee08b", "#fc8d59", "#d73027"];

    /// <summary>The node-data JSON of a plan.</summary>
    /// <param name="plan">The plan.</param>
    public static string Json(PlanState plan)
    {
        var nodeOf = new Dictionary<Operation, int>(ReferenceEqualityComparer.Instance);
        for (int i = 0; i < plan.Graph.Count; i++) nodeOf[plan.Graph.Ops[i]] = i;
        var values = plan.Ops.Where(d => d.KernelCostNs is double c && double.IsFinite(c) && c > 0).Select(d => d.KernelCostNs!.Value).ToList();
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            foreach (var (id, ids) in Graphs(plan.Graph.Module, nodeOf))
            {
                w.WriteStartObject(id);
                w.WriteStartObject("results");
                foreach (var (meId, node) in ids)
                {
                    if (plan.Ops[node].KernelCostNs is not double ns || !double.IsFinite(ns)) continue;
                    w.WriteStartObject(meId.ToString(CultureInfo.InvariantCulture));
                    w.WriteNumber("value", Math.Round(ns, 3));
                    w.WriteEndObject();
                }
                w.WriteEndObject();
                w.WriteStartArray("thresholds");
                foreach (var (upper, color) in Thresholds(values))
                {
                    w.WriteStartObject();
                    w.WriteNumber("value", upper);
                    w.WriteString("bgColor", color);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    /// <summary>Per <c>func.func</c> with a symbol name: its id and the (Model Explorer node id, plan node) pairs of its top-level ops.</summary>
    internal static IEnumerable<(string Id, List<(int MeId, int Node)> Ids)> Graphs(ModuleIR module, IReadOnlyDictionary<Operation, int> nodeOf)
    {
        foreach (var func in DataflowGraphBuilder.FunctionLikeOps(module.Root))
        {
            if (func.Name != "func.func" || func.GetAttribute("sym_name") is not StringAttr name || func.Regions.Count == 0 || func.Regions[0].Blocks.Count == 0) continue;
            var ids = new List<(int, int)>();
            int counter = 0;
            foreach (var op in func.Regions[0].Blocks[0].Operations)
            {
                int id = counter++;
                if (nodeOf.TryGetValue(op, out int node)) ids.Add((id, node));
                counter += op.Regions.SelectMany(r => r.Blocks).Sum(b => b.Operations.Count);
            }
            yield return (name.Value, ids);
        }
    }

    /// <summary>Upper bounds by decade from the smallest to the largest value, each with a colour of the ramp.</summary>
    private static IEnumerable<(double Upper, string Color)> Thresholds(IReadOnlyList<double> values)
    {
        if (values.Count == 0) yield break;
        int lo = (int)Math.Floor(Math.Log10(values.Min())), hi = (int)Math.Ceiling(Math.Log10(values.Max()));
        if (hi <= lo) hi = lo + 1;
        int steps = hi - lo;
        for (int i = 1; i <= steps; i++)
        {
            int color = steps == 1 ? 0 : (int)Math.Round((double)(i - 1) / (steps - 1) * (Ramp.Length - 1));
            yield return (Math.Pow(10, lo + i), Ramp[color]);
        }
    }
}
