namespace HwOpt.Analysis.Graph;

/// <summary>Queries about node subsets (fusion candidates).</summary>
public sealed partial class DataflowGraph
{
    /// <summary>
    /// True when <paramref name="nodeSet"/> is convex: there are no u, w in the set and v outside it with
    /// u →* v →* w. Uses the cached <see cref="GetReachability"/> index; see
    /// <see cref="ReachabilityIndex.IsConvex"/> for cost. The empty set is convex; duplicates are ignored.
    /// </summary>
    /// <param name="nodeSet">Node indices.</param>
    /// <returns>Whether the set is convex.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="nodeSet"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A member is outside 0..N-1.</exception>
    public bool IsConvex(IReadOnlyCollection<int> nodeSet) => GetReachability().IsConvex(nodeSet);

    /// <summary>
    /// True when the subgraph induced by <paramref name="nodeSet"/> (only edges with both ends in the set)
    /// is connected when edge directions are ignored. A single node is connected; the empty set is not
    /// (it has no component). Duplicates are ignored. Breadth-first search, O(N/64 + |S| + edges touching S).
    /// </summary>
    /// <param name="nodeSet">Node indices.</param>
    /// <returns>Whether the induced subgraph is weakly connected.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="nodeSet"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A member is outside 0..N-1.</exception>
    public bool ConnectedUndirected(IReadOnlyCollection<int> nodeSet)
    {
        NodeSet set = NodeSet.From(nodeSet, NodeCount, nameof(nodeSet));
        int[] members = set.Members;
        if (members.Length == 0)
        {
            return false;
        }

        var seen = new ulong[set.Mask.Length];
        var queue = new int[members.Length];
        BitSet.Set(seen, members[0]);
        queue[0] = members[0];
        int head = 0;
        int tail = 1;
        while (head < tail)
        {
            int v = queue[head++];
            tail = Visit(Successors(v), set.Mask, seen, queue, tail);
            tail = Visit(Predecessors(v), set.Mask, seen, queue, tail);
        }

        return tail == members.Length;
    }

    private static int Visit(ReadOnlySpan<int> neighbours, ulong[] mask, ulong[] seen, int[] queue, int tail)
    {
        foreach (int w in neighbours)
        {
            if (BitSet.Get(mask, w) && !BitSet.Get(seen, w))
            {
                BitSet.Set(seen, w);
                queue[tail++] = w;
            }
        }

        return tail;
    }
}
