using HwOpt.Analysis.Graph;
using HwOpt.IR;

namespace HwOpt.Analysis;

/// <summary>
/// Builds the dataflow graph of a module: one node per operation in a function body (the ops directly in the
/// blocks of each top-level op that has regions, e.g. <c>func.func</c>; ops nested in their regions belong to
/// them), one edge per SSA def-use pair between two different nodes, weighted by the value's size in bytes
/// (<see cref="ShapedType.SizeInBytes"/>; scalars by their bit width; -1 when unknown). Node order is program order.
/// </summary>
public static class DataflowGraphBuilder
{
    /// <summary>Builds the graph of every function in the module.</summary>
    /// <param name="module">The IR.</param>
    /// <returns>The graph; empty when the module has no function bodies.</returns>
    public static DataflowGraph Build(ModuleIR module)
    {
        var nodes = new List<DataflowNode>();
        var edges = new List<DataflowEdgeSpec>();
        var nodeOf = new Dictionary<Operation, int>(ReferenceEqualityComparer.Instance);
        foreach (var top in FunctionLikeOps(module.Root))
        {
            string function = top.GetAttribute("sym_name") is StringAttr s ? "@" + s.Value : top.Name;
            var members = top.Regions.SelectMany(r => r.Blocks).SelectMany(b => b.Operations).ToList();
            foreach (var op in members)
            {
                int index = nodes.Count;
                nodes.Add(new DataflowNode(index, op.Name, op.Location.Describe(), op.IsOpaque, function));
                foreach (var nested in op.Walk()) nodeOf[nested] = index;
            }
            foreach (var op in members)
            {
                int to = nodeOf[op];
                foreach (var user in op.Walk())
                {
                    foreach (var operand in user.Operands)
                    {
                        if (operand is OpResult r && nodeOf.TryGetValue(r.Owner, out int from) && from != to)
                        {
                            edges.Add(new DataflowEdgeSpec(from, to, Bytes(r.Type), ValueName(r), r.Type.ToString()));
                        }
                    }
                }
            }
        }
        return DataflowGraph.Create(nodes, edges);
    }

    /// <summary>
    /// Ops with regions directly inside the root module or inside nested module-like containers (ops named
    /// <c>*.module</c> / <c>*_module</c>, e.g. <c>gpu.module</c>, <c>ttcore.device_module</c>), in program order:
    /// the function-like ops whose bodies hold the graph's nodes.
    /// </summary>
    /// <param name="root">The module's root op.</param>
    public static IEnumerable<Operation> FunctionLikeOps(Operation root)
    {
        var containers = new Stack<Operation>();
        containers.Push(root);
        var found = new List<Operation>();
        while (containers.Count > 0)
        {
            var container = containers.Pop();
            var children = container.Regions.SelectMany(r => r.Blocks).SelectMany(b => b.Operations).Where(o => o.Regions.Count > 0).ToList();
            for (int i = children.Count - 1; i >= 0; i--)
            {
                if (IsModuleLike(children[i])) containers.Push(children[i]);
            }
            found.AddRange(children.Where(c => !IsModuleLike(c)));
        }
        return found.OrderBy(o => o.Span.Start);
    }

    private static bool IsModuleLike(Operation op) =>
        op.Name.EndsWith(".module", StringComparison.Ordinal) || op.Name.EndsWith("_module", StringComparison.Ordinal);

    /// <summary>Size of one value of the type in bytes, or -1 when unknown (dynamic shapes, opaque types).</summary>
    public static long Bytes(MlirType type) => type switch
    {
        ShapedType s => s.SizeInBytes ?? -1,
        _ when type.BitWidth is { } bits => (bits + 7) / 8,
        _ => -1,
    };

    private static string ValueName(OpResult r) => r.SourceName ?? "%" + r.Owner.Name;
}
