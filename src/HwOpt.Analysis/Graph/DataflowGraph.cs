using System.Collections.ObjectModel;

namespace HwOpt.Analysis.Graph;

/// <summary>
/// Immutable directed multigraph of operations (nodes) and SSA value uses (edges), stored in compressed
/// sparse row (CSR) form for both directions.
/// </summary>
/// <remarks>
/// <para>Construction (<see cref="Create"/>) is O(N + E) time and memory: stable counting sorts order the
/// out-edges of every node by (to, edge id) and the in-edges by (from, edge id), so the layout
/// depends only on the input lists, never on hashing or timing. Parallel edges and self-loops are kept.</para>
/// <para>Neighbour queries return spans into the CSR arrays (O(1), no allocation). Derived analyses
/// (topological order, reachability) are computed lazily on first use and cached; the graph is safe to
/// read from several threads.</para>
/// <para>Nothing here recurses, so graphs with hundreds of thousands of nodes are fine.</para>
/// </remarks>
public sealed partial class DataflowGraph
{
    private readonly DataflowNode[] _nodes;
    private readonly DataflowEdge[] _edges;
    private readonly int[] _outOffsets;
    private readonly int[] _outTargets;
    private readonly int[] _outEdgeIds;
    private readonly int[] _inOffsets;
    private readonly int[] _inSources;
    private readonly int[] _inEdgeIds;
    private readonly Lazy<KahnResult> _kahn;
    private readonly Lazy<ReachabilityIndex> _reachability;

    private DataflowGraph(DataflowNode[] nodes, DataflowEdge[] edges)
    {
        _nodes = nodes;
        _edges = edges;
        Nodes = Array.AsReadOnly(nodes);
        Edges = Array.AsReadOnly(edges);

        int n = nodes.Length;
        // Stable counting sorts: out-edges by (from, to, id), in-edges by (to, from, id). The builder lists edges by
        // target already, which makes the first pass the identity; the in-edge order is the out-edge order sorted by
        // target. No other arrays are made: on a model of 100,000 ops each temporary was a large-object allocation,
        // and those bring on full collections.
        bool byTarget = true;
        for (int i = 1; i < edges.Length && byTarget; i++) byTarget = edges[i].To >= edges[i - 1].To;
        int[]? targetOrder = byTarget ? null : StableSortByKey(edges, null, byTo: true, n, out _);
        _outEdgeIds = StableSortByKey(edges, targetOrder, byTo: false, n, out _outOffsets);
        _inEdgeIds = StableSortByKey(edges, _outEdgeIds, byTo: true, n, out _inOffsets);

        _outTargets = new int[edges.Length];
        _inSources = new int[edges.Length];
        for (int i = 0; i < edges.Length; i++)
        {
            _outTargets[i] = edges[_outEdgeIds[i]].To;
            _inSources[i] = edges[_inEdgeIds[i]].From;
        }

        _kahn = new Lazy<KahnResult>(() => TopologicalSorter.Run(this), LazyThreadSafetyMode.ExecutionAndPublication);
        _reachability = new Lazy<ReachabilityIndex>(() => ReachabilityIndex.Create(this), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Number of nodes N; node indices are 0..N-1.</summary>
    public int NodeCount => _nodes.Length;

    /// <summary>Number of edges E (parallel edges and self-loops counted individually); edge ids are 0..E-1.</summary>
    public int EdgeCount => _edges.Length;

    /// <summary>Node payloads, indexed by node index.</summary>
    public ReadOnlyCollection<DataflowNode> Nodes { get; }

    /// <summary>Edge payloads, indexed by edge id (= position in the input edge list).</summary>
    public ReadOnlyCollection<DataflowEdge> Edges { get; }

    /// <summary>
    /// Builds a graph. O(N + E). The input lists are copied; later changes to them do not affect the graph.
    /// </summary>
    /// <param name="nodes">Node payloads; <c>nodes[i].Index</c> must equal <c>i</c>.</param>
    /// <param name="edges">Edges; edge <c>i</c> gets id <c>i</c>.</param>
    /// <returns>The immutable graph.</returns>
    /// <exception cref="ArgumentNullException">A list, a node's op name or location (a default node), or an edge's value name or type is null.</exception>
    /// <exception cref="ArgumentException">A node's index differs from its position, an edge endpoint is
    /// outside 0..N-1, or an edge's byte size is below -1. These are programming errors in the graph builder,
    /// not user-input errors.</exception>
    public static DataflowGraph Create(IReadOnlyList<DataflowNode> nodes, IReadOnlyList<DataflowEdgeSpec> edges)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(edges);
        var nodeArray = new DataflowNode[nodes.Count];
        for (int i = 0; i < nodeArray.Length; i++)
        {
            nodeArray[i] = nodes[i];
        }

        return CreateOwned(nodeArray, [edges]);
    }

    /// <summary>
    /// As <see cref="Create"/>, taking <paramref name="nodes"/> over (not copied: the caller must not change it), with
    /// the edges of <paramref name="parts"/> in order (edge ids count on across parts). For the graph builder, which
    /// fills the node array and lists each thread's edges: no copy of either is made first.
    /// </summary>
    /// <exception cref="ArgumentNullException">As <see cref="Create"/>.</exception>
    /// <exception cref="ArgumentException">As <see cref="Create"/>.</exception>
    internal static DataflowGraph CreateOwned(DataflowNode[] nodes, IReadOnlyList<DataflowEdgeSpec>[] parts)
    {
        for (int i = 0; i < nodes.Length; i++)
        {
            DataflowNode node = nodes[i];
            if (node.Index != i)
            {
                throw new ArgumentException($"Node at position {i} has Index {node.Index}; indices must be dense and in order.", nameof(nodes));
            }

            ArgumentNullException.ThrowIfNull(node.OpName, nameof(nodes));
            if (!node.HasLocation) throw new ArgumentNullException(nameof(nodes), $"Node at position {i} has no location.");
        }

        int count = 0;
        foreach (var part in parts)
        {
            count += part.Count;
        }

        var edgeArray = new DataflowEdge[count];
        int id = 0;
        foreach (var part in parts)
        {
            for (int k = 0; k < part.Count; k++, id++)
            {
                DataflowEdgeSpec e = part[k];
                if ((uint)e.From >= (uint)nodes.Length || (uint)e.To >= (uint)nodes.Length)
                {
                    throw new ArgumentException($"Edge {id} ({e.From} -> {e.To}) has an endpoint outside 0..{nodes.Length - 1}.", "edges");
                }

                if (e.Bytes < -1)
                {
                    throw new ArgumentException($"Edge {id} has byte size {e.Bytes}; use -1 for unknown.", "edges");
                }

                ArgumentNullException.ThrowIfNull(e.ValueName, "edges");
                ArgumentNullException.ThrowIfNull(e.Type, "edges");
                edgeArray[id] = new DataflowEdge(id, e.From, e.To, e.Bytes, e.ValueName, e.Type);
            }
        }

        return new DataflowGraph(nodes, edgeArray);
    }

    /// <summary>Targets of the out-edges of <paramref name="node"/>, ordered by (target, edge id); a target
    /// appears once per parallel edge.</summary>
    /// <param name="node">Node index, 0..N-1.</param>
    /// <returns>A view into the graph's storage; O(1).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="node"/> is outside 0..N-1.</exception>
    public ReadOnlySpan<int> Successors(int node) => Slice(_outTargets, _outOffsets, node);

    /// <summary>Sources of the in-edges of <paramref name="node"/>, ordered by (source, edge id); a source
    /// appears once per parallel edge.</summary>
    /// <param name="node">Node index, 0..N-1.</param>
    /// <returns>A view into the graph's storage; O(1).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="node"/> is outside 0..N-1.</exception>
    public ReadOnlySpan<int> Predecessors(int node) => Slice(_inSources, _inOffsets, node);

    /// <summary>Ids of the out-edges of <paramref name="node"/>, parallel to <see cref="Successors"/>.</summary>
    /// <param name="node">Node index, 0..N-1.</param>
    /// <returns>A view into the graph's storage; O(1).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="node"/> is outside 0..N-1.</exception>
    public ReadOnlySpan<int> OutEdges(int node) => Slice(_outEdgeIds, _outOffsets, node);

    /// <summary>Ids of the in-edges of <paramref name="node"/>, parallel to <see cref="Predecessors"/>.</summary>
    /// <param name="node">Node index, 0..N-1.</param>
    /// <returns>A view into the graph's storage; O(1).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="node"/> is outside 0..N-1.</exception>
    public ReadOnlySpan<int> InEdges(int node) => Slice(_inEdgeIds, _inOffsets, node);

    /// <summary>Number of in-edges of <paramref name="node"/> (parallel edges counted individually).</summary>
    /// <param name="node">Node index, 0..N-1.</param>
    /// <returns>The in-degree.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="node"/> is outside 0..N-1.</exception>
    public int InDegree(int node) => Predecessors(node).Length;

    /// <summary>Number of out-edges of <paramref name="node"/> (parallel edges counted individually).</summary>
    /// <param name="node">Node index, 0..N-1.</param>
    /// <returns>The out-degree.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="node"/> is outside 0..N-1.</exception>
    public int OutDegree(int node) => Successors(node).Length;

    /// <summary>
    /// The reachability index of this graph, built on first call (see <see cref="ReachabilityIndex"/> for
    /// cost and memory) and cached.
    /// </summary>
    /// <returns>The cached index.</returns>
    public ReachabilityIndex GetReachability() => _reachability.Value;

    private ReadOnlySpan<int> Slice(int[] data, int[] offsets, int node)
    {
        if ((uint)node >= (uint)_nodes.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(node), node, $"Node index must be in 0..{_nodes.Length - 1}.");
        }

        int start = offsets[node];
        return new ReadOnlySpan<int>(data, start, offsets[node + 1] - start);
    }

    /// <summary>
    /// Stable counting sort of edge ids (<paramref name="ids"/>, or 0..E-1 when null) by their edges' target
    /// (<paramref name="byTo"/>) or source; <paramref name="offsets"/>[k] is where key k starts (N + 1 entries).
    /// </summary>
    private static int[] StableSortByKey(DataflowEdge[] edges, int[]? ids, bool byTo, int bucketCount, out int[] offsets)
    {
        offsets = new int[bucketCount + 1];
        foreach (var e in edges)
        {
            offsets[(byTo ? e.To : e.From) + 1]++;
        }

        for (int b = 0; b < bucketCount; b++)
        {
            offsets[b + 1] += offsets[b];
        }

        // offsets[k] serves as key k's cursor, which leaves it at the start of key k + 1; shifted back after.
        var sorted = new int[edges.Length];
        for (int k = 0; k < edges.Length; k++)
        {
            int id = ids is null ? k : ids[k];
            int key = byTo ? edges[id].To : edges[id].From;
            sorted[offsets[key]++] = id;
        }

        for (int b = bucketCount; b > 0; b--)
        {
            offsets[b] = offsets[b - 1];
        }

        offsets[0] = 0;
        return sorted;
    }
}
