namespace HwOpt.Analysis.Graph;

/// <summary>Result of Kahn's algorithm: the (possibly partial) order and whether it covers every node.</summary>
/// <param name="Order">Emitted nodes, in order.</param>
/// <param name="IsComplete">True when every node was emitted, i.e. the graph is acyclic.</param>
internal sealed record KahnResult(int[] Order, bool IsComplete);

/// <summary>
/// Kahn's algorithm with ties broken by lowest node index, plus cycle extraction for the cyclic case.
/// </summary>
/// <remarks>
/// The ready set is a binary min-heap keyed by node index, so the order is the lexicographically smallest
/// topological order: O(E + N log N) time, O(N) memory. When a cycle blocks the algorithm, the nodes not
/// emitted all keep an unemitted predecessor; walking such predecessors backwards must repeat a node within
/// N steps, and the repeated stretch is a cycle (O(N + E)). Both loops are iterative.
/// </remarks>
internal static class TopologicalSorter
{
    /// <summary>Runs Kahn's algorithm on <paramref name="graph"/>.</summary>
    /// <param name="graph">The graph.</param>
    /// <returns>The emitted order and whether it is complete.</returns>
    public static KahnResult Run(DataflowGraph graph)
    {
        int n = graph.NodeCount;
        if (AllEdgesForward(graph))
        {
            // Every edge goes from a lower to a higher index (program order): 0..N-1 is a topological order, and no
            // order is lexicographically smaller.
            var identity = new int[n];
            for (int v = 0; v < n; v++)
            {
                identity[v] = v;
            }

            return new KahnResult(identity, true);
        }

        var remaining = new int[n];
        var ready = new PriorityQueue<int, int>();
        for (int v = 0; v < n; v++)
        {
            remaining[v] = graph.InDegree(v);
            if (remaining[v] == 0)
            {
                ready.Enqueue(v, v);
            }
        }

        var order = new int[n];
        int count = 0;
        while (ready.TryDequeue(out int v, out _))
        {
            order[count++] = v;
            foreach (int w in graph.Successors(v))
            {
                if (--remaining[w] == 0)
                {
                    ready.Enqueue(w, w);
                }
            }
        }

        if (count < n)
        {
            Array.Resize(ref order, count);
        }

        return new KahnResult(order, count == n);
    }

    private static bool AllEdgesForward(DataflowGraph graph)
    {
        for (int v = 0; v < graph.NodeCount; v++)
        {
            // Successors are sorted by target, so the first one is the lowest.
            ReadOnlySpan<int> successors = graph.Successors(v);
            if (successors.Length > 0 && successors[0] <= v)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Extracts one cycle from a graph on which Kahn's algorithm stopped early.</summary>
    /// <param name="graph">The graph.</param>
    /// <param name="partialOrder">The incomplete order <see cref="Run"/> returned.</param>
    /// <returns>The cycle's nodes in edge direction, smallest index first.</returns>
    public static int[] FindCycle(DataflowGraph graph, int[] partialOrder)
    {
        int n = graph.NodeCount;
        var emitted = new bool[n];
        foreach (int v in partialOrder)
        {
            emitted[v] = true;
        }

        int start = 0;
        while (emitted[start])
        {
            start++;
        }

        // Walk backwards along the lowest-index unemitted predecessor until a node repeats.
        var stepOfNode = new int[n];
        Array.Fill(stepOfNode, -1);
        var walk = new List<int>();
        int current = start;
        while (stepOfNode[current] < 0)
        {
            stepOfNode[current] = walk.Count;
            walk.Add(current);
            current = LowestUnemittedPredecessor(graph, current, emitted);
        }

        // walk[first..] is the cycle backwards: each entry's predecessor is the next entry.
        int first = stepOfNode[current];
        int length = walk.Count - first;
        var cycle = new int[length];
        for (int i = 0; i < length; i++)
        {
            cycle[i] = walk[walk.Count - 1 - i];
        }

        int minAt = 0;
        for (int i = 1; i < length; i++)
        {
            if (cycle[i] < cycle[minAt])
            {
                minAt = i;
            }
        }

        var rotated = new int[length];
        for (int i = 0; i < length; i++)
        {
            rotated[i] = cycle[(minAt + i) % length];
        }

        return rotated;
    }

    private static int LowestUnemittedPredecessor(DataflowGraph graph, int node, bool[] emitted)
    {
        // Predecessors are sorted by source index, so the first unemitted one is the lowest.
        foreach (int p in graph.Predecessors(node))
        {
            if (!emitted[p])
            {
                return p;
            }
        }

        throw new InvalidOperationException($"Internal error: node {node} was not emitted but has no unemitted predecessor.");
    }
}
