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
    /// <remarks>
    /// The nodes are keyed in one pass; then their payloads and edges are made in parallel over contiguous ranges of
    /// nodes (the IR and the key table are only read), and the ranges' edges are joined in node order, so the graph is
    /// the same for any number of threads.
    /// </remarks>
    public static DataflowGraph Build(ModuleIR module) => Build(module, Environment.ProcessorCount);

    /// <summary>As <see cref="Build(ModuleIR)"/>, on at most <paramref name="maxThreads"/> threads (tests compare 1 and more).</summary>
    internal static DataflowGraph Build(ModuleIR module, int maxThreads)
    {
        var functions = FunctionLikeOps(module.Root);
        int bodyOps = 0;
        foreach (var top in functions)
        {
            foreach (var region in top.Regions)
            {
                foreach (var block in region.Blocks) bodyOps += block.Operations.Count;
            }
        }
        using var quiet = NoCollectionWhile.Allocating((long)bodyOps * BytesPerNode, bodyOps >= QuietFromNodes);
        // Only the nodes (ops directly in a function body) are keyed; an operand defined deeper is mapped to its
        // node by climbing its parent ops, which is shorter than keying every nested op.
        var ops = new Operation[bodyOps];
        var functionOf = new string[bodyOps];
        var nodeOf = new Dictionary<Operation, int>(bodyOps, ReferenceEqualityComparer.Instance);
        int n = 0;
        foreach (var top in functions)
        {
            string function = top.GetAttribute("sym_name") is StringAttr s ? "@" + s.Value : top.Name;
            foreach (var region in top.Regions)
            {
                foreach (var block in region.Blocks)
                {
                    foreach (var op in block.Operations)
                    {
                        ops[n] = op;
                        functionOf[n] = function;
                        nodeOf[op] = n++;
                    }
                }
            }
        }

        var nodes = new DataflowNode[bodyOps];
        int parts = Math.Clamp(bodyOps / MinNodesPerPart, 1, Math.Max(1, maxThreads));
        // One part runs here, without a second thread.
        if (parts == 1) return DataflowGraph.CreateOwned(nodes, [NodesAndEdges(ops, functionOf, nodeOf, 0, bodyOps, nodes)]);
        var edges = new List<DataflowEdgeSpec>[parts];
        // Plain threads, the first part on this one: Parallel.For's first use in a process cost about 6 ms more (its
        // event source and code), a third of the graph time of a 10,000-node model.
        var helpers = new Thread[parts - 1];
        Exception? failure = null;
        for (int part = 1; part < parts; part++)
        {
            int p = part;
            helpers[part - 1] = new Thread(() =>
            {
                try { edges[p] = NodesAndEdges(ops, functionOf, nodeOf, First(p), First(p + 1), nodes); }
                catch (Exception e) { failure = e; }
            }) { IsBackground = true };
            helpers[part - 1].Start();
        }
        edges[0] = NodesAndEdges(ops, functionOf, nodeOf, 0, First(1), nodes);
        foreach (var helper in helpers) helper.Join();
        if (failure is not null) throw new InvalidOperationException("internal error while building the dataflow graph", failure);
        int First(int part) => (int)((long)bodyOps * part / parts);
        return DataflowGraph.CreateOwned(nodes, edges);
    }

    // Below this many nodes per thread a second thread costs more than it saves.
    private const int MinNodesPerPart = 4096;

    // What building a graph allocates per node (the arrays of nodes, edges and their CSR indices, the key table, the
    // per-thread edge lists, location strings): measured 228-304 bytes on the benchmark inputs (10,296-53,595 nodes,
    // 1.3 edges per node), with room for more edges per node.
    private const int BytesPerNode = 384;

    // From this many nodes (about 3 MB of arrays, most of them large objects) the build runs without collections.
    private const int QuietFromNodes = 8192;

    /// <summary>
    /// The payloads of nodes <paramref name="first"/>..<paramref name="last"/> (exclusive) into <paramref name="nodes"/>,
    /// and their incoming edges: for each node, its ops in the pre-order of <see cref="Operation.Walk"/>, operands in order.
    /// </summary>
    private static List<DataflowEdgeSpec> NodesAndEdges(Operation[] ops, string[] functionOf, Dictionary<Operation, int> nodeOf, int first, int last, DataflowNode[] nodes)
    {
        var edges = new List<DataflowEdgeSpec>(2 * (last - first));
        var walked = new List<Operation>();
        var stack = new Stack<Operation>();
        for (int to = first; to < last; to++)
        {
            var op = ops[to];
            nodes[to] = new DataflowNode(to, op.Name, op.Location, op.IsOpaque, functionOf[to]);
            walked.Clear();
            WalkInto(op, walked, stack);
            foreach (var user in walked)
            {
                foreach (var operand in user.Operands)
                {
                    if (operand is OpResult r && NodeOf(r.Owner, nodeOf) is int from && from != to)
                    {
                        edges.Add(new DataflowEdgeSpec(from, to, Bytes(r.Type), ValueName(r), r.Type.ToString()));
                    }
                }
            }
        }
        return edges;
    }

    /// <summary>The node of <paramref name="owner"/>: its own, or that of the nearest enclosing op that is a node; null when none (an op outside every function body).</summary>
    private static int? NodeOf(Operation owner, Dictionary<Operation, int> nodeOf)
    {
        for (Operation? op = owner; op is not null; op = op.ParentOp)
        {
            if (nodeOf.TryGetValue(op, out int index)) return index;
        }
        return null;
    }

    /// <summary>Appends <paramref name="root"/> and every op nested in it, in the pre-order of <see cref="Operation.Walk"/>.</summary>
    private static void WalkInto(Operation root, List<Operation> into, Stack<Operation> stack)
    {
        stack.Push(root);
        while (stack.TryPop(out var op))
        {
            into.Add(op);
            // Regions still to be built on demand are closed (no use of an outside value, so no edge): not built here.
            if (!op.HasRegions || op.RegionsOnDemand) continue;
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
