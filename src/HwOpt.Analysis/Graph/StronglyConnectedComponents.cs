namespace HwOpt.Analysis.Graph;

/// <summary>
/// Strongly connected components by Tarjan's algorithm, written with an explicit stack (no recursion).
/// </summary>
/// <remarks>
/// O(N + E) time and O(N) memory. Components are numbered in the order Tarjan completes them, which is a
/// reverse topological order of the condensation: every edge between components goes from a higher to a
/// lower component id. Roots are tried in increasing node index, so numbering is deterministic.
/// </remarks>
internal sealed class StronglyConnectedComponents
{
    private StronglyConnectedComponents(int count, int[] componentOf, int[] memberOffsets, int[] members, bool[] cyclic)
    {
        Count = count;
        ComponentOf = componentOf;
        MemberOffsets = memberOffsets;
        Members = members;
        IsCyclic = cyclic;
    }

    /// <summary>Number of components.</summary>
    public int Count { get; }

    /// <summary>Component id of each node.</summary>
    public int[] ComponentOf { get; }

    /// <summary>CSR offsets into <see cref="Members"/>, length Count + 1.</summary>
    public int[] MemberOffsets { get; }

    /// <summary>Nodes grouped by component.</summary>
    public int[] Members { get; }

    /// <summary>Per component: true when it contains a cycle (two or more nodes, or a self-loop).</summary>
    public bool[] IsCyclic { get; }

    /// <summary>Computes the components of <paramref name="graph"/>.</summary>
    public static StronglyConnectedComponents Compute(DataflowGraph graph)
    {
        int n = graph.NodeCount;
        var index = new int[n];
        Array.Fill(index, -1);
        var low = new int[n];
        var onStack = new bool[n];
        var tarjanStack = new int[n];
        int tarjanTop = 0;
        var callNode = new int[n];
        var callPos = new int[n];
        int callTop = 0;
        var componentOf = new int[n];
        var members = new int[n];
        var offsets = new List<int> { 0 };
        int memberCount = 0;
        int counter = 0;

        for (int root = 0; root < n; root++)
        {
            if (index[root] >= 0)
            {
                continue;
            }

            Push(root);
            while (callTop > 0)
            {
                int v = callNode[callTop - 1];
                ReadOnlySpan<int> succ = graph.Successors(v);
                int pos = callPos[callTop - 1];
                if (pos < succ.Length)
                {
                    callPos[callTop - 1] = pos + 1;
                    int w = succ[pos];
                    if (index[w] < 0)
                    {
                        Push(w);
                    }
                    else if (onStack[w])
                    {
                        low[v] = Math.Min(low[v], index[w]);
                    }

                    continue;
                }

                callTop--;
                if (callTop > 0)
                {
                    int parent = callNode[callTop - 1];
                    low[parent] = Math.Min(low[parent], low[v]);
                }

                if (low[v] == index[v])
                {
                    int id = offsets.Count - 1;
                    int w;
                    do
                    {
                        w = tarjanStack[--tarjanTop];
                        onStack[w] = false;
                        componentOf[w] = id;
                        members[memberCount++] = w;
                    }
                    while (w != v);
                    offsets.Add(memberCount);
                }
            }
        }

        int count = offsets.Count - 1;
        var cyclic = new bool[count];
        for (int v = 0; v < n; v++)
        {
            foreach (int w in graph.Successors(v))
            {
                if (componentOf[w] == componentOf[v])
                {
                    cyclic[componentOf[v]] = true;
                }
            }
        }

        return new StronglyConnectedComponents(count, componentOf, offsets.ToArray(), members, cyclic);

        void Push(int v)
        {
            index[v] = counter;
            low[v] = counter;
            counter++;
            tarjanStack[tarjanTop++] = v;
            onStack[v] = true;
            callNode[callTop] = v;
            callPos[callTop] = 0;
            callTop++;
        }
    }
}
