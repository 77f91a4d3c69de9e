using HwOpt.Analysis.Graph;
using static HwOpt.Analysis.Tests.Graph.GraphFixtures;

namespace HwOpt.Analysis.Tests.Graph;

public sealed class DataflowGraphConstructionTests
{
    [Fact]
    public void Csr_OrdersNeighboursByIndexThenEdgeId_AndKeepsParallelEdgesAndSelfLoops()
    {
        // Input order deliberately scrambled.
        DataflowEdgeSpec[] specs =
        [
            Edge(0, 2), // id 0
            Edge(1, 1), // id 1 self-loop
            Edge(0, 1), // id 2
            Edge(0, 2), // id 3 parallel to id 0
            Edge(2, 0), // id 4
            Edge(1, 2), // id 5
        ];
        DataflowGraph g = DataflowGraph.Create(Nodes(3), specs);

        Assert.Equal(3, g.NodeCount);
        Assert.Equal(6, g.EdgeCount);
        Assert.Equal([1, 2, 2], g.Successors(0).ToArray());
        Assert.Equal([2, 0, 3], g.OutEdges(0).ToArray());
        Assert.Equal([1, 2], g.Successors(1).ToArray());
        Assert.Equal([1, 5], g.OutEdges(1).ToArray());
        Assert.Equal([0], g.Successors(2).ToArray());
        Assert.Equal([2], g.Predecessors(0).ToArray());
        Assert.Equal([0, 1], g.Predecessors(1).ToArray());
        Assert.Equal([2, 1], g.InEdges(1).ToArray());
        Assert.Equal([0, 0, 1], g.Predecessors(2).ToArray());
        Assert.Equal([0, 3, 5], g.InEdges(2).ToArray());
        Assert.Equal(3, g.OutDegree(0));
        Assert.Equal(3, g.InDegree(2));
        Assert.Equal(2, g.InDegree(1));
        for (int id = 0; id < specs.Length; id++)
        {
            Assert.Equal(id, g.Edges[id].Id);
            Assert.Equal(specs[id].From, g.Edges[id].From);
            Assert.Equal(specs[id].To, g.Edges[id].To);
        }
    }

    [Fact]
    public void Csr_MatchesEdgeListOnRandomGraphs()
    {
        var rng = new Random(11);
        foreach (int n in Sizes)
        {
            DataflowGraph g = RandomDigraph(rng, n, 0.1);
            int outTotal = 0;
            int inTotal = 0;
            for (int v = 0; v < n; v++)
            {
                int[] outIds = g.OutEdges(v).ToArray();
                int[] expectedOut = g.Edges.Where(e => e.From == v).OrderBy(e => e.To).ThenBy(e => e.Id).Select(e => e.Id).ToArray();
                Assert.Equal(expectedOut, outIds);
                Assert.Equal(outIds.Select(id => g.Edges[id].To), g.Successors(v).ToArray());
                int[] inIds = g.InEdges(v).ToArray();
                int[] expectedIn = g.Edges.Where(e => e.To == v).OrderBy(e => e.From).ThenBy(e => e.Id).Select(e => e.Id).ToArray();
                Assert.Equal(expectedIn, inIds);
                Assert.Equal(inIds.Select(id => g.Edges[id].From), g.Predecessors(v).ToArray());
                outTotal += g.OutDegree(v);
                inTotal += g.InDegree(v);
            }

            Assert.Equal(g.EdgeCount, outTotal);
            Assert.Equal(g.EdgeCount, inTotal);
        }
    }

    [Fact]
    public void Create_CopiesInputs()
    {
        var nodes = Nodes(2).ToList();
        var edges = new List<DataflowEdgeSpec> { Edge(0, 1) };
        DataflowGraph g = DataflowGraph.Create(nodes, edges);
        edges.Add(Edge(1, 0));
        nodes.Clear();
        Assert.Equal(1, g.EdgeCount);
        Assert.Equal(2, g.NodeCount);
        Assert.True(g.IsAcyclic);
    }

    [Fact]
    public void EmptyGraph_IsValid()
    {
        DataflowGraph g = DataflowGraph.Create([], []);
        Assert.Equal(0, g.NodeCount);
        Assert.Empty(g.TopologicalOrder());
        Assert.True(g.IsAcyclic);
        Assert.Empty(g.FindCycle());
        Assert.True(g.IsConvex([]));
        Assert.False(g.ConnectedUndirected([]));
    }

    [Theory]
    [InlineData(-1, 0)]
    [InlineData(0, 2)]
    [InlineData(2, 0)]
    [InlineData(0, int.MinValue)]
    public void Create_RejectsOutOfRangeEndpoints(int from, int to)
    {
        var ex = Assert.Throws<ArgumentException>(() => DataflowGraph.Create(Nodes(2), [Edge(0, 1), Edge(from, to)]));
        Assert.Contains("Edge 1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_RejectsBadNodesAndSizes()
    {
        DataflowNode[] misnumbered = [new(0, "a", "", false), new(5, "b", "", false)];
        Assert.Throws<ArgumentException>(() => DataflowGraph.Create(misnumbered, []));
        Assert.Throws<ArgumentException>(() => DataflowGraph.Create(Nodes(2), [Edge(0, 1, bytes: -2)]));
        Assert.Throws<ArgumentNullException>(() => DataflowGraph.Create(Nodes(2), [default(DataflowEdgeSpec) with { To = 1 }]));
        Assert.Throws<ArgumentNullException>(() => DataflowGraph.Create(null!, []));
        // A default node (no op name) is rejected like a null edge field.
        Assert.Throws<ArgumentNullException>(() => DataflowGraph.Create([default(DataflowNode)], []));
        Assert.Throws<ArgumentNullException>(() => DataflowGraph.Create([new DataflowNode(0, "a", null!, false)], []));
    }

    [Fact]
    public void Accessors_RejectOutOfRangeNodes()
    {
        DataflowGraph g = DataflowGraph.Create(Nodes(2), [Edge(0, 1)]);
        Assert.Throws<ArgumentOutOfRangeException>(() => g.Successors(2).Length);
        Assert.Throws<ArgumentOutOfRangeException>(() => g.Predecessors(-1).Length);
        Assert.Throws<ArgumentOutOfRangeException>(() => g.InDegree(2));
        Assert.Throws<ArgumentOutOfRangeException>(() => g.GetReachability().Reaches(0, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => g.IsConvex([0, 7]));
        Assert.Throws<ArgumentOutOfRangeException>(() => g.ConnectedUndirected([-3]));
    }
}
