using HwOpt.Analysis.Graph;
using static HwOpt.Analysis.Tests.Graph.GraphFixtures;

namespace HwOpt.Analysis.Tests.Graph;

public sealed class ReachabilityTests
{
    [Fact]
    public void RandomDags_BothModesMatchBruteForce()
    {
        var rng = new Random(2024);
        foreach (int n in Sizes)
        {
            foreach (double density in Densities)
            {
                DataflowGraph g = RandomDag(rng, n, density);
                AssertMatchesBruteForce(g, BruteReach(g));
            }
        }
    }

    [Fact]
    public void RandomCyclicGraphs_BothModesMatchBruteForce()
    {
        var rng = new Random(99);
        int selfReaching = 0;
        foreach (int n in Sizes)
        {
            foreach (double density in new[] { 0.01, 0.03, 0.1 })
            {
                DataflowGraph g = RandomDigraph(rng, n, density);
                bool[,] reach = BruteReach(g);
                AssertMatchesBruteForce(g, reach);
                selfReaching += Enumerable.Range(0, n).Count(v => reach[v, v]);
            }
        }

        Assert.True(selfReaching > 50, "the generator should produce nodes on cycles");
    }

    [Fact]
    public void NodeReachesItselfOnlyOnACycle()
    {
        DataflowGraph g = DataflowGraph.Create(Nodes(5), [Edge(0, 1), Edge(1, 2), Edge(2, 1), Edge(3, 3), Edge(2, 4)]);
        ReachabilityIndex r = g.GetReachability();
        Assert.False(r.Reaches(0, 0));
        Assert.True(r.Reaches(1, 1));
        Assert.True(r.Reaches(2, 2));
        Assert.True(r.Reaches(3, 3));
        Assert.False(r.Reaches(4, 4));
        Assert.True(r.Reaches(0, 4));
        Assert.False(r.Reaches(4, 0));
        Assert.False(r.Reaches(3, 4));
    }

    [Fact]
    public void GetReachability_IsCachedAndPicksModeByLimit()
    {
        DataflowGraph g = DataflowGraph.Create(Nodes(100), Enumerable.Range(0, 99).Select(i => Edge(i, i + 1)).ToList());
        Assert.Same(g.GetReachability(), g.GetReachability());
        Assert.True(g.GetReachability().UsesBitsets);
        Assert.Equal(100L * 2 * sizeof(ulong), g.GetReachability().BitsetBytes); // 100 rows of 2 words
        Assert.Same(g, g.GetReachability().Graph);
        ReachabilityIndex search = ReachabilityIndex.Create(g, bitsetNodeLimit: 99);
        Assert.False(search.UsesBitsets);
        Assert.Equal(0, search.BitsetBytes);
        Assert.True(ReachabilityIndex.Create(g, 100).UsesBitsets);
        Assert.Equal(65536, ReachabilityIndex.DefaultBitsetNodeLimit);
        Assert.Throws<ArgumentOutOfRangeException>(() => ReachabilityIndex.Create(g, -1));
    }

    [Fact]
    public void SearchMode_IsSafeUnderConcurrentQueries()
    {
        var rng = new Random(5);
        DataflowGraph g = RandomDag(rng, 200, 0.02);
        bool[,] reach = BruteReach(g);
        ReachabilityIndex search = ReachabilityIndex.Create(g, 0);
        Parallel.For(0, 200, u =>
        {
            for (int v = 0; v < 200; v++)
            {
                Assert.Equal(reach[u, v], search.Reaches(u, v));
            }
        });
    }

    private static void AssertMatchesBruteForce(DataflowGraph g, bool[,] reach)
    {
        ReachabilityIndex bits = g.GetReachability();
        ReachabilityIndex search = ReachabilityIndex.Create(g, bitsetNodeLimit: 0);
        Assert.True(bits.UsesBitsets);
        Assert.False(search.UsesBitsets);
        int n = g.NodeCount;
        for (int u = 0; u < n; u++)
        {
            for (int v = 0; v < n; v++)
            {
                if (reach[u, v] != bits.Reaches(u, v) || reach[u, v] != search.Reaches(u, v))
                {
                    Assert.Fail($"n={n}: reach({u},{v}) brute={reach[u, v]} bitset={bits.Reaches(u, v)} search={search.Reaches(u, v)}");
                }
            }
        }
    }
}
