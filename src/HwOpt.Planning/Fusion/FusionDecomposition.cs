namespace HwOpt.Planning.Fusion;

/// <summary>
/// Splits a large graph into pieces solved separately. Algorithm: take the graph's topological order; the cut
/// "before position i" is crossed by the edges (u, v) between kernel nodes with pos(u) &lt; i ≤ pos(v), counted for all
/// i in O(N + E) with a difference array. From the start of the remaining order, among the cuts that leave between
/// N/2 and N kernel ops in the piece, take the one crossed by the fewest edges (ties: the later cut, fewer pieces);
/// repeat until at most N kernel ops remain. A piece is a contiguous segment of a topological order, so it is convex:
/// a path between two of its nodes never leaves it. Consequently candidates of a piece are convex in the whole graph,
/// and every edge between pieces runs from an earlier piece to a later one, so group-graph cycles never cross pieces.
/// <para>What it loses: no group crosses a cut, so a fusion across a cut (at most the crossing edges of each cut)
/// is never considered; each piece's bound is only a bound for plans without such groups.</para>
/// </summary>
internal static class FusionDecomposition
{
    /// <summary>Piece of each node (-1 for non-kernel nodes), and the number of pieces.</summary>
    /// <param name="plan">The graph.</param>
    /// <param name="pieceSize">Most kernel ops per piece (N), ≥ 1.</param>
    /// <param name="crossingEdges">Receives, per cut, the number of kernel-to-kernel edges crossing it.</param>
    public static (int[] PieceOf, int Count) Split(PlanGraph plan, int pieceSize, List<int>? crossingEdges = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pieceSize, 1);
        int[] order = plan.Graph.TopologicalOrder();
        int n = order.Length;
        var pos = new int[plan.Count];
        for (int i = 0; i < n; i++) pos[order[i]] = i;
        var kernelsBefore = new int[n + 1];
        for (int i = 0; i < n; i++) kernelsBefore[i + 1] = kernelsBefore[i] + (plan.IsKernel(order[i]) ? 1 : 0);
        var delta = new int[n + 2];
        foreach (var e in plan.Graph.Edges)
        {
            if (!plan.IsKernel(e.From) || !plan.IsKernel(e.To) || pos[e.From] >= pos[e.To]) continue;
            delta[pos[e.From] + 1]++;
            delta[pos[e.To] + 1]--;
        }
        var crossing = new int[n + 1];
        for (int i = 1; i <= n; i++) crossing[i] = crossing[i - 1] + delta[i];

        var cuts = new List<int>();
        int start = 0;
        while (kernelsBefore[n] - kernelsBefore[start] > pieceSize)
        {
            int best = -1;
            int lowest = Math.Max(1, (pieceSize + 1) / 2);
            for (int i = start + 1; i <= n; i++)
            {
                int k = kernelsBefore[i] - kernelsBefore[start];
                if (k > pieceSize) break;
                if (k < lowest) continue;
                if (best < 0 || crossing[i] <= crossing[best]) best = i;
            }
            if (best < 0) break;
            cuts.Add(best);
            crossingEdges?.Add(crossing[best]);
            start = best;
        }

        var pieceOf = new int[plan.Count];
        Array.Fill(pieceOf, -1);
        int piece = 0, next = 0;
        for (int i = 0; i < n; i++)
        {
            while (next < cuts.Count && i >= cuts[next]) { piece++; next++; }
            if (plan.IsKernel(order[i])) pieceOf[order[i]] = piece;
        }
        return (pieceOf, cuts.Count + 1);
    }
}
