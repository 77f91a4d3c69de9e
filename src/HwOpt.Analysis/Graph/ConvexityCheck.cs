namespace HwOpt.Analysis.Graph;

/// <summary>
/// Convexity of a node set S: S is convex iff no node v outside S is both reachable from S and able to reach
/// S. Equivalently, out(S) ∩ in(S) = ∅, where out(S) = (∪_{u∈S} reach(u)) \ S and in(S) is the set of nodes
/// with a path into S.
/// </summary>
/// <remarks>
/// With closure bitsets, out(S) is the OR of the members' rows minus S, and each v in out(S) is tested
/// against S by intersecting its own row with S: O((|S| + |out(S)|)·N/64). Without them, out(S) and in(S)
/// come from one forward and one backward multi-source breadth-first search: O(N + E).
/// </remarks>
internal static class ConvexityCheck
{
    /// <summary>Bitset-mode check; <paramref name="index"/> must use bitsets.</summary>
    public static bool WithBitsets(ReachabilityIndex index, NodeSet set)
    {
        ulong[] mask = set.Mask;
        var outside = new ulong[mask.Length];
        foreach (int u in set.Members)
        {
            BitSet.UnionWith(outside, index.Row(u));
        }

        for (int w = 0; w < outside.Length; w++)
        {
            outside[w] &= ~mask[w];
        }

        for (int v = BitSet.NextSetBit(outside, 0); v >= 0; v = BitSet.NextSetBit(outside, v + 1))
        {
            if (BitSet.Intersects(index.Row(v), mask))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Search-mode check: forward and backward breadth-first search from the whole set.</summary>
    public static bool WithSearch(DataflowGraph graph, NodeSet set)
    {
        ulong[] forward = Flood(graph, set, forward: true);
        ulong[] backward = Flood(graph, set, forward: false);
        ulong[] mask = set.Mask;
        for (int w = 0; w < mask.Length; w++)
        {
            if ((forward[w] & backward[w] & ~mask[w]) != 0)
            {
                return false;
            }
        }

        return true;
    }

    private static ulong[] Flood(DataflowGraph graph, NodeSet set, bool forward)
    {
        var visited = (ulong[])set.Mask.Clone();
        var queue = new int[graph.NodeCount];
        int tail = 0;
        foreach (int v in set.Members)
        {
            queue[tail++] = v;
        }

        int head = 0;
        while (head < tail)
        {
            int v = queue[head++];
            ReadOnlySpan<int> next = forward ? graph.Successors(v) : graph.Predecessors(v);
            foreach (int w in next)
            {
                if (!BitSet.Get(visited, w))
                {
                    BitSet.Set(visited, w);
                    queue[tail++] = w;
                }
            }
        }

        return visited;
    }
}
