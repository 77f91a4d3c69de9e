using HwOpt.Analysis;
using HwOpt.Analysis.Graph;
using HwOpt.IR;
using HwOpt.Profiling;

namespace HwOpt.Planning;

/// <summary>
/// The view every planner works on: the module's dataflow graph (<see cref="DataflowGraphBuilder"/>: one node per op
/// of a function body, program order, edges weighted by bytes) with each node's <see cref="Operation"/>, and which
/// nodes are kernels (ops that compute: not constants, views, allocations or terminators, see
/// <see cref="KernelExtractor.WhyNotAKernel"/>). Planners decide for kernel nodes; the others follow their users.
/// </summary>
public sealed class PlanGraph
{
    private readonly string?[] _whyNotKernel;

    /// <summary>The dataflow graph.</summary>
    public DataflowGraph Graph { get; }

    /// <summary>Op of each node (index = node index).</summary>
    public IReadOnlyList<Operation> Ops { get; }

    /// <summary>The module.</summary>
    public ModuleIR Module { get; }

    /// <summary>Source name (file path as given), used in kernel texts and reports.</summary>
    public string Source { get; }

    private PlanGraph(ModuleIR module, string source, DataflowGraph graph, IReadOnlyList<Operation> ops)
    {
        Module = module;
        Source = source;
        Graph = graph;
        Ops = ops;
        _whyNotKernel = ops.Select(KernelExtractor.WhyNotAKernel).ToArray();
    }

    /// <summary>Builds the view of a parsed module.</summary>
    /// <param name="module">The IR.</param>
    /// <param name="source">Source name for kernels and reports.</param>
    public static PlanGraph FromModule(ModuleIR module, string source)
    {
        var graph = DataflowGraphBuilder.Build(module);
        var ops = new List<Operation>(graph.NodeCount);
        foreach (var top in DataflowGraphBuilder.FunctionLikeOps(module.Root))
        {
            ops.AddRange(top.Regions.SelectMany(r => r.Blocks).SelectMany(b => b.Operations));
        }
        if (ops.Count != graph.NodeCount) throw new InvalidOperationException($"graph has {graph.NodeCount} nodes but {ops.Count} body ops were found");
        return new PlanGraph(module, source, graph, ops);
    }

    /// <summary>Number of nodes.</summary>
    public int Count => Ops.Count;

    /// <summary>True when the node is a kernel op (it computes and is planned).</summary>
    public bool IsKernel(int node) => _whyNotKernel[node] is null;

    /// <summary>Why the node is not a kernel (null when it is).</summary>
    public string? WhyNotKernel(int node) => _whyNotKernel[node];

    /// <summary>Kernel nodes in program order.</summary>
    public IEnumerable<int> KernelNodes => Enumerable.Range(0, Count).Where(IsKernel);
}
