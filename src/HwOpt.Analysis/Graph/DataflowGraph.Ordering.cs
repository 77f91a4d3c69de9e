namespace HwOpt.Analysis.Graph;

/// <summary>Topological-order and cycle queries; the work is done by <see cref="TopologicalSorter"/>.</summary>
public sealed partial class DataflowGraph
{
    /// <summary>True when the graph has no directed cycle (self-loops count as cycles). Cached; O(1) after the
    /// first order query, which costs O(E + N log N).</summary>
    public bool IsAcyclic => _kahn.Value.IsComplete;

    /// <summary>
    /// The topological order in which, at every step, the lowest-index node whose predecessors have all been
    /// emitted comes next (the lexicographically smallest topological order). Deterministic.
    /// </summary>
    /// <returns>A fresh array holding every node index exactly once; every edge goes from an earlier to a later
    /// entry.</returns>
    /// <exception cref="InvalidOperationException">The graph is cyclic; use <see cref="TryTopologicalOrder"/>
    /// for graphs from MLIR graph regions, which may be.</exception>
    public int[] TopologicalOrder()
    {
        KahnResult result = _kahn.Value;
        if (!result.IsComplete)
        {
            int[] cycle = FindCycle();
            throw new InvalidOperationException(
                "The dataflow graph has a cycle through nodes " + string.Join(" -> ", cycle) + "; it has no topological order.");
        }

        return (int[])result.Order.Clone();
    }

    /// <summary>Topological order without throwing on cyclic graphs.</summary>
    /// <param name="order">On success, the same order as <see cref="TopologicalOrder"/>. On failure, the
    /// partial order Kahn's algorithm produced: every node that is neither on a cycle nor downstream of
    /// one, in the same tie-breaking order. Always a fresh array.</param>
    /// <returns>True when the graph is acyclic.</returns>
    public bool TryTopologicalOrder(out int[] order)
    {
        KahnResult result = _kahn.Value;
        order = (int[])result.Order.Clone();
        return result.IsComplete;
    }

    /// <summary>
    /// One directed cycle of the graph, found deterministically by walking predecessor edges backwards from
    /// the lowest-index node Kahn's algorithm could not emit. O(N + E).
    /// </summary>
    /// <returns>Distinct node indices <c>c[0..k-1]</c>, rotated so the smallest index comes first, with an edge
    /// <c>c[i] -&gt; c[i+1]</c> for each i and an edge <c>c[k-1] -&gt; c[0]</c> (a self-loop gives one node);
    /// an empty array when the graph is acyclic.</returns>
    public int[] FindCycle()
    {
        KahnResult result = _kahn.Value;
        return result.IsComplete ? [] : TopologicalSorter.FindCycle(this, result.Order);
    }
}
