using System.Diagnostics;
using HwOpt.Analysis.Graph;
using static HwOpt.Analysis.Tests.Graph.GraphFixtures;

namespace HwOpt.Analysis.Tests.Graph;

/// <summary>Large inputs, run on a 256 KiB stack so that any recursion proportional to N would overflow.</summary>
public sealed class LargeGraphTests
{
    private const int ChainLength = 100_000;

    [Fact]
    public void HundredThousandNodeChainPlusRandomEdges_SortsWithoutRecursion()
    {
        RunWithSmallStack(() =>
        {
            var rng = new Random(100);
            int[] perm = Permutation(rng, ChainLength);
            List<DataflowEdgeSpec> edges = ChainEdges(perm);
            for (int k = 0; k < 2 * ChainLength; k++)
            {
                int i = rng.Next(ChainLength - 1);
                int j = rng.Next(i + 1, ChainLength);
                edges.Add(Edge(perm[i], perm[j]));
            }

            var clock = Stopwatch.StartNew();
            DataflowGraph g = DataflowGraph.Create(Nodes(ChainLength), edges);
            int[] order = g.TopologicalOrder();
            clock.Stop();

            // The chain forces a unique order: exactly the permutation.
            Assert.Equal(perm, order);
            TopologicalOrderTests.AssertValidOrder(g, order);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");

            ReachabilityIndex r = g.GetReachability();
            Assert.False(r.UsesBitsets);
            Assert.True(r.Reaches(perm[0], perm[ChainLength - 1]));
            Assert.False(r.Reaches(perm[ChainLength - 1], perm[0]));
            Assert.False(r.Reaches(perm[500], perm[500]));
            Assert.True(g.IsConvex(perm.Skip(1000).Take(5000).ToArray()));
            Assert.False(g.IsConvex([perm[10], perm[20]]));
            Assert.True(g.ConnectedUndirected(perm.Take(3000).ToArray()));
        });
    }

    [Fact]
    public void HundredThousandNodeCycle_IsFoundWithoutRecursion()
    {
        RunWithSmallStack(() =>
        {
            var rng = new Random(101);
            int[] perm = Permutation(rng, ChainLength);
            List<DataflowEdgeSpec> edges = ChainEdges(perm);
            edges.Add(Edge(perm[ChainLength - 1], perm[0]));
            DataflowGraph g = DataflowGraph.Create(Nodes(ChainLength), edges);

            Assert.False(g.TryTopologicalOrder(out int[] partial));
            Assert.Empty(partial);
            int[] cycle = g.FindCycle();
            Assert.Equal(ChainLength, cycle.Length);
            TopologicalOrderTests.AssertRealCycle(g, cycle);
            Assert.Equal(0, cycle[0]);
            Assert.True(g.GetReachability().Reaches(perm[7], perm[7]));
        });
    }

    [Fact]
    public void DeepChainBitsets_TarjanIsIterative()
    {
        RunWithSmallStack(() =>
        {
            const int n = 16_000;
            var chain = Enumerable.Range(0, n - 1).Select(i => Edge(i, i + 1)).ToList();
            DataflowGraph dag = DataflowGraph.Create(Nodes(n), chain);
            ReachabilityIndex r = dag.GetReachability();
            Assert.True(r.UsesBitsets);
            Assert.True(r.Reaches(0, n - 1));
            Assert.True(r.Reaches(n / 2, n / 2 + 1));
            Assert.False(r.Reaches(n - 1, 0));
            Assert.False(r.Reaches(n / 2, n / 2));
            Assert.False(dag.IsConvex([0, n - 1]));
            Assert.True(dag.IsConvex(Enumerable.Range(10, 100).ToArray()));

            chain.Add(Edge(n - 1, 0));
            ReachabilityIndex cyclic = DataflowGraph.Create(Nodes(n), chain).GetReachability();
            Assert.True(cyclic.Reaches(n - 1, 0));
            Assert.True(cyclic.Reaches(n / 2, n / 2));
            Assert.Equal(BitsetRowBytes(n), cyclic.BitsetBytes); // one component, one row
        });
    }

    private static long BitsetRowBytes(int n) => (n + 63) / 64 * sizeof(ulong);

    private static List<DataflowEdgeSpec> ChainEdges(int[] perm)
    {
        var edges = new List<DataflowEdgeSpec>(3 * perm.Length);
        for (int i = 0; i + 1 < perm.Length; i++)
        {
            edges.Add(Edge(perm[i], perm[i + 1]));
        }

        return edges;
    }
}
