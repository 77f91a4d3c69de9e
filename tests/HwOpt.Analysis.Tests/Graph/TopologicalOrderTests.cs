using HwOpt.Analysis.Graph;
using static HwOpt.Analysis.Tests.Graph.GraphFixtures;

namespace HwOpt.Analysis.Tests.Graph;

public sealed class TopologicalOrderTests
{
    [Fact]
    public void TiesBreakByLowestIndex()
    {
        // Sources are 3 and 4: 3 goes first, which frees 0 (lower than 4), then 4 frees 2, which frees 1.
        DataflowGraph g = DataflowGraph.Create(Nodes(5), [Edge(3, 0), Edge(2, 1), Edge(4, 2)]);
        Assert.Equal([3, 0, 4, 2, 1], g.TopologicalOrder());
    }

    [Fact]
    public void RandomDags_OrderIsValidAndLexicographicallySmallest()
    {
        var rng = new Random(1234);
        int checkedGraphs = 0;
        foreach (int n in Sizes)
        {
            foreach (double density in Densities)
            {
                for (int rep = 0; rep < 2; rep++)
                {
                    DataflowGraph g = RandomDag(rng, n, density);
                    Assert.True(g.IsAcyclic);
                    Assert.True(g.TryTopologicalOrder(out int[] tried));
                    int[] order = g.TopologicalOrder();
                    Assert.Equal(order, tried);
                    AssertValidOrder(g, order);
                    Assert.Equal(NaiveSmallestOrder(g), order);
                    Assert.Empty(g.FindCycle());

                    // Same graph built again (same inputs) gives the same order; returned arrays are copies.
                    DataflowGraph again = DataflowGraph.Create(g.Nodes, g.Edges.Select(e => new DataflowEdgeSpec(e.From, e.To, e.Bytes, e.ValueName, e.Type)).ToList());
                    Assert.Equal(order, again.TopologicalOrder());
                    if (order.Length > 0)
                    {
                        order[0] = -5;
                        Assert.NotEqual(-5, g.TopologicalOrder()[0]);
                    }

                    checkedGraphs++;
                }
            }
        }

        Assert.Equal(Sizes.Length * Densities.Length * 2, checkedGraphs);
    }

    [Fact]
    public void RandomDigraphs_CycleDetectionMatchesBruteForce_AndCyclesAreReal()
    {
        var rng = new Random(77);
        int cyclic = 0;
        int acyclic = 0;
        foreach (int n in Sizes)
        {
            foreach (double density in new[] { 0.005, 0.02, 0.08 })
            {
                for (int rep = 0; rep < 3; rep++)
                {
                    DataflowGraph g = RandomDigraph(rng, n, density);
                    bool[,] reach = BruteReach(g);
                    bool hasCycle = Enumerable.Range(0, n).Any(v => reach[v, v]);
                    Assert.Equal(!hasCycle, g.IsAcyclic);
                    Assert.Equal(!hasCycle, g.TryTopologicalOrder(out int[] partial));
                    int[] cycle = g.FindCycle();
                    if (!hasCycle)
                    {
                        acyclic++;
                        Assert.Empty(cycle);
                        AssertValidOrder(g, partial);
                        continue;
                    }

                    cyclic++;
                    AssertRealCycle(g, cycle);
                    Assert.Equal(cycle.Min(), cycle[0]);
                    Assert.Throws<InvalidOperationException>(() => g.TopologicalOrder());

                    // The partial order holds exactly the nodes that no cyclic node reaches (and that are not on a cycle).
                    var expected = Enumerable.Range(0, n)
                        .Where(v => !reach[v, v] && !Enumerable.Range(0, n).Any(c => reach[c, c] && reach[c, v]))
                        .ToHashSet();
                    Assert.True(expected.SetEquals(partial));
                    Assert.Equal(expected.Count, partial.Length);
                }
            }
        }

        Assert.True(cyclic > 10, $"only {cyclic} cyclic graphs generated");
        Assert.True(acyclic > 5, $"only {acyclic} acyclic graphs generated");
    }

    [Fact]
    public void SelfLoopIsACycleOfOne()
    {
        DataflowGraph g = DataflowGraph.Create(Nodes(3), [Edge(0, 1), Edge(2, 2)]);
        Assert.False(g.TryTopologicalOrder(out int[] partial));
        Assert.Equal([0, 1], partial);
        Assert.Equal([2], g.FindCycle());
    }

    [Fact]
    public void CycleIsRotatedToSmallestIndexAndFollowsEdgeDirection()
    {
        DataflowGraph g = DataflowGraph.Create(Nodes(4), [Edge(3, 1), Edge(1, 2), Edge(2, 3), Edge(0, 3)]);
        Assert.Equal([1, 2, 3], g.FindCycle());
        var ex = Assert.Throws<InvalidOperationException>(() => g.TopologicalOrder());
        Assert.Contains("1 -> 2 -> 3", ex.Message, StringComparison.Ordinal);
    }

    internal static void AssertValidOrder(DataflowGraph g, int[] order)
    {
        var position = new int[g.NodeCount];
        Array.Fill(position, -1);
        for (int i = 0; i < order.Length; i++)
        {
            Assert.Equal(-1, position[order[i]]);
            position[order[i]] = i;
        }

        if (order.Length == g.NodeCount)
        {
            Assert.DoesNotContain(-1, position);
        }

        foreach (DataflowEdge e in g.Edges)
        {
            if (position[e.To] >= 0)
            {
                Assert.True(position[e.From] >= 0 && position[e.From] < position[e.To], $"edge {e.From}->{e.To} violates the order");
            }
        }
    }

    internal static void AssertRealCycle(DataflowGraph g, int[] cycle)
    {
        Assert.NotEmpty(cycle);
        Assert.Equal(cycle.Length, cycle.Distinct().Count());
        var edges = g.Edges.Select(e => (e.From, e.To)).ToHashSet();
        for (int i = 0; i < cycle.Length; i++)
        {
            int from = cycle[i];
            int to = cycle[(i + 1) % cycle.Length];
            Assert.True(edges.Contains((from, to)), $"cycle step {from}->{to} is not an edge");
        }
    }

    /// <summary>O(N²) reference: repeatedly take the lowest-index node whose predecessors are all emitted.</summary>
    private static int[] NaiveSmallestOrder(DataflowGraph g)
    {
        int n = g.NodeCount;
        var emitted = new bool[n];
        var preds = Enumerable.Range(0, n).Select(v => g.Edges.Where(e => e.To == v).Select(e => e.From).ToArray()).ToArray();
        var order = new List<int>();
        while (order.Count < n)
        {
            int next = Enumerable.Range(0, n).First(v => !emitted[v] && preds[v].All(p => emitted[p]));
            emitted[next] = true;
            order.Add(next);
        }

        return order.ToArray();
    }
}
