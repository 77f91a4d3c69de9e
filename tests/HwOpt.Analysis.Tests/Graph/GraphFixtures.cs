using HwOpt.Analysis.Graph;

namespace HwOpt.Analysis.Tests.Graph;

/// <summary>Seeded random graph generators and brute-force oracles for the graph tests.</summary>
internal static class GraphFixtures
{
    public static readonly int[] Sizes = [1, 2, 3, 5, 8, 13, 30, 60, 100, 200];
    public static readonly double[] Densities = [0.0, 0.02, 0.1, 0.35];

    public static DataflowNode[] Nodes(int n)
    {
        var nodes = new DataflowNode[n];
        for (int i = 0; i < n; i++)
        {
            nodes[i] = new DataflowNode(i, "test.op" + i, "t.mlir:" + (i + 1) + ":1", Opaque: i % 7 == 3);
        }

        return nodes;
    }

    public static DataflowEdgeSpec Edge(int from, int to, long bytes = 4) =>
        new(from, to, bytes, "%v" + from, "tensor<1xf32>");

    /// <summary>A random DAG whose topological structure follows a random permutation (so node indices are
    /// not pre-sorted), with parallel edges and the edge list shuffled.</summary>
    public static DataflowGraph RandomDag(Random rng, int n, double density)
    {
        int[] perm = Permutation(rng, n);
        var edges = new List<DataflowEdgeSpec>();
        for (int i = 0; i < n; i++)
        {
            for (int j = i + 1; j < n; j++)
            {
                if (rng.NextDouble() < density)
                {
                    edges.Add(Edge(perm[i], perm[j], rng.Next(-1, 5000)));
                    if (rng.NextDouble() < 0.2)
                    {
                        edges.Add(Edge(perm[i], perm[j], 8));
                    }
                }
            }
        }

        Shuffle(rng, edges);
        return DataflowGraph.Create(Nodes(n), edges);
    }

    /// <summary>A random digraph over all ordered pairs (self-loops included), usually cyclic.</summary>
    public static DataflowGraph RandomDigraph(Random rng, int n, double density)
    {
        var edges = new List<DataflowEdgeSpec>();
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double p = i == j ? density / 4 : density;
                if (rng.NextDouble() < p)
                {
                    edges.Add(Edge(i, j));
                    if (rng.NextDouble() < 0.1)
                    {
                        edges.Add(Edge(i, j));
                    }
                }
            }
        }

        Shuffle(rng, edges);
        return DataflowGraph.Create(Nodes(n), edges);
    }

    public static int[] Permutation(Random rng, int n)
    {
        int[] perm = Enumerable.Range(0, n).ToArray();
        rng.Shuffle(perm);
        return perm;
    }

    public static void Shuffle<T>(Random rng, List<T> list)
    {
        for (int i = list.Count - 1; i > 0; i--)
        {
            int j = rng.Next(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }
    }

    /// <summary>reach[u, v]: a path with at least one edge leads from u to v. Iterative DFS from each node,
    /// over the raw edge list (independent of the CSR under test).</summary>
    public static bool[,] BruteReach(DataflowGraph g)
    {
        int n = g.NodeCount;
        var adj = new List<int>[n];
        for (int i = 0; i < n; i++)
        {
            adj[i] = [];
        }

        foreach (DataflowEdge e in g.Edges)
        {
            adj[e.From].Add(e.To);
        }

        var reach = new bool[n, n];
        var stack = new Stack<int>();
        for (int s = 0; s < n; s++)
        {
            foreach (int w in adj[s])
            {
                stack.Push(w);
            }

            while (stack.Count > 0)
            {
                int v = stack.Pop();
                if (reach[s, v])
                {
                    continue;
                }

                reach[s, v] = true;
                foreach (int w in adj[v])
                {
                    stack.Push(w);
                }
            }
        }

        return reach;
    }

    /// <summary>Convexity by the definition: no u, w in S and v outside S with u →* v →* w.</summary>
    public static bool BruteConvex(bool[,] reach, int n, HashSet<int> s)
    {
        foreach (int u in s)
        {
            for (int v = 0; v < n; v++)
            {
                if (s.Contains(v) || !reach[u, v])
                {
                    continue;
                }

                foreach (int w in s)
                {
                    if (reach[v, w])
                    {
                        return false;
                    }
                }
            }
        }

        return true;
    }

    /// <summary>Weak connectivity of the induced subgraph by union-find over the raw edge list.</summary>
    public static bool BruteConnected(DataflowGraph g, HashSet<int> s)
    {
        if (s.Count == 0)
        {
            return false;
        }

        var parent = new Dictionary<int, int>();
        foreach (int v in s)
        {
            parent[v] = v;
        }

        int Find(int x)
        {
            while (parent[x] != x)
            {
                x = parent[x];
            }

            return x;
        }

        foreach (DataflowEdge e in g.Edges)
        {
            if (s.Contains(e.From) && s.Contains(e.To))
            {
                parent[Find(e.From)] = Find(e.To);
            }
        }

        return s.Select(Find).Distinct().Count() == 1;
    }

    /// <summary>Runs <paramref name="action"/> on a thread with a small stack, so deep recursion would crash.</summary>
    public static void RunWithSmallStack(Action action, int stackBytes = 256 * 1024)
    {
        Exception? failure = null;
        var thread = new Thread(
            () =>
            {
                try
                {
                    action();
                }
                catch (Exception ex)
                {
                    failure = ex;
                }
            },
            stackBytes);
        thread.Start();
        thread.Join();
        if (failure is not null)
        {
            throw new Xunit.Sdk.XunitException("Failed on small-stack thread: " + failure);
        }
    }
}
