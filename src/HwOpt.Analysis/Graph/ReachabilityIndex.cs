namespace HwOpt.Analysis.Graph;

/// <summary>
/// Answers "is there a directed path of length ≥ 1 from u to v?" for one <see cref="DataflowGraph"/>.
/// </summary>
/// <remarks>
/// <para><b>Bitset mode</b> (N ≤ the bitset node limit, by default <see cref="DefaultBitsetNodeLimit"/> =
/// 65536): the transitive closure is materialised as one bitset row (<c>ulong[]</c>, N bits) per strongly
/// connected component. Components are processed in reverse topological order (sinks first; for a DAG each
/// node is its own component), and a component's row is the OR of the rows of its successor components plus
/// the successor nodes themselves, plus its own members when it contains a cycle. Build time
/// O(N + E·N/64) (at most one row union of N/64 words per edge); memory C·N/8 ≤ N²/8 bytes for C components,
/// i.e. at most 512 MiB at the 65536-node limit (a 10 000-node DAG needs about 12 MiB). Queries are O(1).</para>
/// <para><b>Search mode</b> (N above the limit): nothing is precomputed; each query runs a breadth-first
/// search over successors with a reusable visited bitset and queue, O(N + E) worst case. Queries in this mode
/// are serialised by a lock, so the index remains safe to share between threads.</para>
/// <para>A node reaches itself only when it lies on a cycle (including a self-loop). All loops are
/// iterative.</para>
/// </remarks>
public sealed class ReachabilityIndex
{
    /// <summary>Largest node count for which the closure is materialised as bitsets (65536 nodes, 512 MiB).</summary>
    public const int DefaultBitsetNodeLimit = 65536;

    private readonly DataflowGraph _graph;
    private readonly int _words;
    private readonly ulong[]? _rows;
    private readonly int[]? _rowOfNode;
    private readonly Lock _searchGate = new();
    private readonly ulong[]? _visited;
    private readonly int[]? _queue;

    private ReachabilityIndex(DataflowGraph graph, bool useBitsets)
    {
        _graph = graph;
        int n = graph.NodeCount;
        _words = BitSet.WordCount(n);
        if (useBitsets)
        {
            var scc = StronglyConnectedComponents.Compute(graph);
            _rowOfNode = scc.ComponentOf;
            _rows = BuildRows(graph, scc, _words);
        }
        else
        {
            _visited = new ulong[_words];
            _queue = new int[n];
        }
    }

    /// <summary>The graph this index describes.</summary>
    public DataflowGraph Graph => _graph;

    /// <summary>True when the closure is materialised as bitsets; false when queries search on demand.</summary>
    public bool UsesBitsets => _rows is not null;

    /// <summary>Bytes held by the closure bitsets (0 in search mode).</summary>
    public long BitsetBytes => _rows is null ? 0 : (long)_rows.Length * sizeof(ulong);

    /// <summary>Builds an index with the default limit <see cref="DefaultBitsetNodeLimit"/>. Prefer
    /// <see cref="DataflowGraph.GetReachability"/>, which caches the result.</summary>
    /// <param name="graph">The graph.</param>
    /// <returns>The index.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="graph"/> is null.</exception>
    public static ReachabilityIndex Create(DataflowGraph graph) => Create(graph, DefaultBitsetNodeLimit);

    /// <summary>Builds an index, choosing bitset mode when the node count is at most
    /// <paramref name="bitsetNodeLimit"/>.</summary>
    /// <param name="graph">The graph.</param>
    /// <param name="bitsetNodeLimit">Largest node count for bitset mode (bitsets need about N²/8 bytes);
    /// 0 forces search mode.</param>
    /// <returns>The index.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="graph"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="bitsetNodeLimit"/> is negative.</exception>
    public static ReachabilityIndex Create(DataflowGraph graph, int bitsetNodeLimit)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentOutOfRangeException.ThrowIfNegative(bitsetNodeLimit);
        return new ReachabilityIndex(graph, graph.NodeCount <= bitsetNodeLimit);
    }

    /// <summary>True when a directed path with at least one edge leads from <paramref name="from"/> to
    /// <paramref name="to"/>; <c>Reaches(v, v)</c> is true only when v lies on a cycle.</summary>
    /// <param name="from">Source node, 0..N-1.</param>
    /// <param name="to">Target node, 0..N-1.</param>
    /// <returns>Whether the path exists. O(1) in bitset mode, O(N + E) in search mode.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A node index is outside 0..N-1.</exception>
    public bool Reaches(int from, int to)
    {
        CheckNode(from, nameof(from));
        CheckNode(to, nameof(to));
        if (_rows is not null)
        {
            return BitSet.Get(Row(from), to);
        }

        lock (_searchGate)
        {
            return Search(from, to);
        }
    }

    /// <summary>
    /// True when <paramref name="nodeSet"/> is convex: no path leaves the set and comes back, i.e. there are no
    /// u, w in the set and v outside it with u →* v →* w. Convex sets can be fused into one operation without
    /// creating a cycle. The empty set is convex; duplicates are ignored.
    /// </summary>
    /// <param name="nodeSet">Node indices.</param>
    /// <returns>Whether the set is convex. Bitset mode: O((|S| + |out(S)|)·N/64), where out(S) is the set of
    /// outside nodes reachable from S. Search mode: two breadth-first searches, O(N + E).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="nodeSet"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A member is outside 0..N-1.</exception>
    public bool IsConvex(IReadOnlyCollection<int> nodeSet)
    {
        NodeSet set = NodeSet.From(nodeSet, _graph.NodeCount, nameof(nodeSet));
        return _rows is not null ? ConvexityCheck.WithBitsets(this, set) : ConvexityCheck.WithSearch(_graph, set);
    }

    /// <summary>The closure row of <paramref name="node"/>: bit v set when node reaches v.</summary>
    internal ReadOnlySpan<ulong> Row(int node) =>
        new(_rows!, _rowOfNode![node] * _words, _words);

    private static ulong[] BuildRows(DataflowGraph graph, StronglyConnectedComponents scc, int words)
    {
        var rows = new ulong[checked((long)scc.Count * words)];
        for (int c = 0; c < scc.Count; c++)
        {
            Span<ulong> row = rows.AsSpan(c * words, words);
            for (int m = scc.MemberOffsets[c]; m < scc.MemberOffsets[c + 1]; m++)
            {
                int v = scc.Members[m];
                if (scc.IsCyclic[c])
                {
                    BitSet.Set(row, v);
                }

                int lastUnioned = -1;
                foreach (int w in graph.Successors(v))
                {
                    int d = scc.ComponentOf[w];
                    BitSet.Set(row, w);
                    if (d != c && d != lastUnioned)
                    {
                        // d < c: already complete (reverse topological numbering).
                        BitSet.UnionWith(row, rows.AsSpan(d * words, words));
                        lastUnioned = d;
                    }
                }
            }
        }

        return rows;
    }

    private bool Search(int from, int to)
    {
        ulong[] visited = _visited!;
        int[] queue = _queue!;
        Array.Clear(visited);
        int head = 0;
        int tail = 0;
        foreach (int w in _graph.Successors(from))
        {
            if (w == to)
            {
                return true;
            }

            if (!BitSet.Get(visited, w))
            {
                BitSet.Set(visited, w);
                queue[tail++] = w;
            }
        }

        while (head < tail)
        {
            int v = queue[head++];
            foreach (int w in _graph.Successors(v))
            {
                if (w == to)
                {
                    return true;
                }

                if (!BitSet.Get(visited, w))
                {
                    BitSet.Set(visited, w);
                    queue[tail++] = w;
                }
            }
        }

        return false;
    }

    private void CheckNode(int node, string paramName)
    {
        if ((uint)node >= (uint)_graph.NodeCount)
        {
            throw new ArgumentOutOfRangeException(paramName, node, $"Node index must be in 0..{_graph.NodeCount - 1}.");
        }
    }
}
