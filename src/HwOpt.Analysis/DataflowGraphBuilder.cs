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
        // Sized up front from one counting walk: on a large module, growing these three step by step allocates about
        // as much again as they end up holding, and the collections that causes cost more than the walk.
        var functions = FunctionLikeOps(module.Root);
        var (opCount, operandCount, bodyOps) = Count(functions);
        var nodes = new List<DataflowNode>(bodyOps);
        var edges = new List<DataflowEdgeSpec>(operandCount);
        var nodeOf = new Dictionary<Operation, int>(opCount, ReferenceEqualityComparer.Instance);
        // Each member's ops in pre-order (as Operation.Walk yields them), one flat list per function: member k's
        // ops are walked[starts[k]..starts[k + 1]).
        var walked = new List<Operation>();
        var starts = new List<int>();
        var stack = new Stack<Operation>();
        foreach (var top in functions)
        {
            string function = top.GetAttribute("sym_name") is StringAttr s ? "@" + s.Value : top.Name;
            walked.Clear();
            starts.Clear();
            int firstNode = nodes.Count;
            foreach (var region in top.Regions)
            {
                foreach (var block in region.Blocks)
                {
                    foreach (var op in block.Operations)
                    {
                        int index = nodes.Count;
                        nodes.Add(new DataflowNode(index, op.Name, op.Location.Describe(), op.IsOpaque, function));
                        starts.Add(walked.Count);
                        WalkInto(op, walked, stack);
                        for (int i = starts[^1]; i < walked.Count; i++) nodeOf[walked[i]] = index;
                    }
                }
            }
            starts.Add(walked.Count);
            for (int k = 0; k + 1 < starts.Count; k++)
            {
                int to = firstNode + k;
                for (int i = starts[k]; i < starts[k + 1]; i++)
                {
                    foreach (var operand in walked[i].Operands)
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
    /// Ops in the functions (at any depth, each function op included), their operands, and the ops directly in the
    /// functions' bodies (the nodes): sizes for the builder's lists.
    /// </summary>
    private static (int Ops, int Operands, int BodyOps) Count(IEnumerable<Operation> functions)
    {
        int ops = 0, operands = 0, bodyOps = 0;
        foreach (var top in functions)
        {
            foreach (var region in top.Regions)
            {
                foreach (var block in region.Blocks) bodyOps += block.Operations.Count;
            }
            foreach (var op in top.Walk())
            {
                ops++;
                operands += op.Operands.Count;
            }
        }
        return (ops, operands, bodyOps);
    }

    /// <summary>Appends <paramref name="root"/> and every op nested in it, in the pre-order of <see cref="Operation.Walk"/>.</summary>
    private static void WalkInto(Operation root, List<Operation> into, Stack<Operation> stack)
    {
        stack.Push(root);
        while (stack.TryPop(out var op))
        {
            into.Add(op);
            if (!op.HasRegions) continue;
            var regions = op.Regions;
            for (int r = regions.Count - 1; r >= 0; r--)
            {
                var blocks = regions[r].Blocks;
                for (int b = blocks.Count - 1; b >= 0; b--)
                {
                    var ops = blocks[b].Operations;
                    for (int i = ops.Count - 1; i >= 0; i--) stack.Push(ops[i]);
                }
            }
        }
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
        var modules = new List<Operation>();
        while (containers.Count > 0)
        {
            var container = containers.Pop();
            modules.Clear();
            foreach (var region in container.Regions)
            {
                foreach (var block in region.Blocks)
                {
                    foreach (var op in block.Operations)
                    {
                        if (!op.HasRegions) continue;
                        if (IsModuleLike(op)) modules.Add(op);
                        else found.Add(op);
                    }
                }
            }
            for (int i = modules.Count - 1; i >= 0; i--) containers.Push(modules[i]);
        }
        // Usually already in program order; otherwise a stable sort by source position.
        for (int i = 1; i < found.Count; i++)
        {
            if (found[i].Span.Start < found[i - 1].Span.Start) return found.OrderBy(o => o.Span.Start).ToList();
        }
        return found;
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
