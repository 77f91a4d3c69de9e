using HwOpt.Analysis.Graph;
using static HwOpt.Analysis.Tests.Graph.GraphFixtures;

namespace HwOpt.Analysis.Tests.Graph;

public sealed class ConvexityTests
{
    [Fact]
    public void Diamond_SidesAndEndsAreNotConvexWithoutTheMiddle()
    {
        // 0 -> 1 -> 3, 0 -> 2 -> 3, 0 -> 3
        DataflowGraph g = DataflowGraph.Create(Nodes(4), [Edge(0, 1), Edge(1, 3), Edge(0, 2), Edge(2, 3), Edge(0, 3)]);
        Assert.False(g.IsConvex([0, 3]));
        Assert.False(g.IsConvex([0, 1, 3]));
        Assert.True(g.IsConvex([0, 1, 2, 3]));
        Assert.True(g.IsConvex([0, 1]));
        Assert.True(g.IsConvex([1, 2])); // not connected, but convex
        Assert.True(g.IsConvex([3, 3, 2])); // duplicates ignored
        Assert.True(g.IsConvex([]));
        Assert.True(g.ConnectedUndirected([0, 1, 2]));
        Assert.False(g.ConnectedUndirected([1, 2]));
        Assert.True(g.ConnectedUndirected([2]));
        Assert.False(g.ConnectedUndirected([]));
    }

    [Fact]
    public void RandomDags_ConvexityAndConnectivityMatchBruteForce()
    {
        var rng = new Random(31337);
        var outcomes = new int[2];
        foreach (int n in Sizes)
        {
            foreach (double density in Densities)
            {
                DataflowGraph g = RandomDag(rng, n, density);
                CheckSubsets(rng, g, BruteReach(g), g.TopologicalOrder(), outcomes);
            }
        }

        Assert.True(outcomes[0] > 100 && outcomes[1] > 100, $"convex={outcomes[1]} non-convex={outcomes[0]}: both outcomes must be exercised");
    }

    [Fact]
    public void RandomCyclicGraphs_ConvexityMatchesBruteForce()
    {
        var rng = new Random(4242);
        var outcomes = new int[2];
        foreach (int n in Sizes)
        {
            foreach (double density in new[] { 0.01, 0.04 })
            {
                DataflowGraph g = RandomDigraph(rng, n, density);
                CheckSubsets(rng, g, BruteReach(g), topoOrder: null, outcomes);
            }
        }

        Assert.True(outcomes[0] > 20 && outcomes[1] > 20, $"convex={outcomes[1]} non-convex={outcomes[0]}");
    }

    private static void CheckSubsets(Random rng, DataflowGraph g, bool[,] reach, int[]? topoOrder, int[] outcomes)
    {
        int n = g.NodeCount;
        ReachabilityIndex search = ReachabilityIndex.Create(g, 0);
        foreach (HashSet<int> s in Subsets(rng, n, reach, topoOrder))
        {
            bool expected = BruteConvex(reach, n, s);
            int[] members = s.ToArray();
            Assert.Equal(expected, g.IsConvex(members));
            Assert.Equal(expected, search.IsConvex(members));
            Assert.Equal(BruteConnected(g, s), g.ConnectedUndirected(members));
            outcomes[expected ? 1 : 0]++;
        }
    }

    private static IEnumerable<HashSet<int>> Subsets(Random rng, int n, bool[,] reach, int[]? topoOrder)
    {
        foreach (double q in new[] { 0.05, 0.2, 0.5, 0.9 })
        {
            for (int rep = 0; rep < 3; rep++)
            {
                yield return Enumerable.Range(0, n).Where(_ => rng.NextDouble() < q).ToHashSet();
            }
        }

        // Pairs u, w with u reaching w: convex exactly when no path from u to w passes through a third node.
        for (int rep = 0; rep < 6; rep++)
        {
            int u = rng.Next(n);
            int[] reached = Enumerable.Range(0, n).Where(v => reach[u, v] && v != u).ToArray();
            if (reached.Length > 0)
            {
                yield return [u, reached[rng.Next(reached.Length)]];
            }
        }

        // Contiguous stretches of a topological order are always convex.
        if (topoOrder is not null)
        {
            for (int rep = 0; rep < 4; rep++)
            {
                int start = rng.Next(n);
                int length = rng.Next(1, n - start + 1);
                yield return topoOrder.Skip(start).Take(length).ToHashSet();
            }
        }
    }
}
