using System.Globalization;

namespace HwOpt.Planning.Fusion;

/// <summary>
/// Verifies a fusion plan independently of the planner: cover (every kernel node in exactly one group, no other
/// node in any), each group of one block, connected and convex (tested with <see cref="Analysis.Graph.DataflowGraph.IsConvex"/>,
/// not with the planner's own test), and an acyclic group graph. The group graph (quotient) has one vertex per group
/// and one per node outside the groups (constants, terminators, ...), and an edge wherever a graph edge joins two
/// vertices; it is checked with Kahn's algorithm.
/// <para>Why acyclicity is checked separately: convexity of each group does not imply it. Two convex groups A and B
/// can have paths A→B and B→A when each group is connected only through a common successor (A = {a1, a2, a3} with
/// a1→a3, a2→a3, and edges a1→b1, b2→a2 into and out of B = {b1, b2, b3} built the same way); three groups can form
/// a cycle A→B→C→A although no two of them reach each other both ways.</para>
/// </summary>
public static class FusionPlanChecker
{
    /// <summary>The problems of a plan; empty when it is valid.</summary>
    /// <param name="plan">The graph.</param>
    /// <param name="groups">Groups as node indices.</param>
    /// <returns>One sentence per problem, in a deterministic order.</returns>
    public static IReadOnlyList<string> Verify(PlanGraph plan, IReadOnlyList<IReadOnlyList<int>> groups)
    {
        var problems = new List<string>();
        var groupOf = new int[plan.Count];
        Array.Fill(groupOf, -1);
        for (int g = 0; g < groups.Count; g++)
        {
            var nodes = groups[g];
            if (nodes.Count == 0) { problems.Add(F($"group {g} is empty.")); continue; }
            foreach (int n in nodes)
            {
                if ((uint)n >= (uint)plan.Count) { problems.Add(F($"group {g} names node {n}, outside the graph.")); continue; }
                if (!plan.IsKernel(n)) problems.Add(F($"group {g} holds node {n} ({plan.Ops[n].Name}), which is not a kernel."));
                if (groupOf[n] >= 0) problems.Add(F($"node {n} is in groups {groupOf[n]} and {g}."));
                else groupOf[n] = g;
            }
            var distinct = nodes.Where(n => (uint)n < (uint)plan.Count).Distinct().ToArray();
            if (distinct.Select(n => plan.Ops[n].Parent).Distinct(ReferenceEqualityComparer.Instance).Count() > 1) problems.Add(F($"group {g} spans two blocks."));
            if (distinct.Length > 0 && !plan.Graph.ConnectedUndirected(distinct)) problems.Add(F($"group {g} is not connected."));
            if (!plan.Graph.IsConvex(distinct)) problems.Add(F($"group {g} is not convex."));
        }
        foreach (int n in plan.KernelNodes)
        {
            if (groupOf[n] < 0) problems.Add(F($"kernel node {n} ({plan.Ops[n].Name}) is in no group."));
        }
        if (problems.Count == 0 && FindCycle(plan, groupOf, groups.Count) is { } cycle)
        {
            problems.Add("the group graph has a cycle through groups " + string.Join(", ", cycle.Select(c => c.ToString(CultureInfo.InvariantCulture))) + ".");
        }
        return problems;
    }

    /// <summary>
    /// A cycle of the group graph as the groups on it (ascending, distinct; empty when the cycle runs through
    /// ungrouped nodes only), or null when the group graph is acyclic. Nodes with <c>groupOf[n] &lt; 0</c> are vertices of their own.
    /// </summary>
    /// <param name="plan">The graph.</param>
    /// <param name="groupOf">Group of each node, or -1.</param>
    /// <param name="groupCount">Number of groups (group ids are 0..groupCount-1).</param>
    internal static IReadOnlyList<int>? FindCycle(PlanGraph plan, int[] groupOf, int groupCount)
    {
        int n = plan.Count;
        int Vertex(int node) => groupOf[node] >= 0 ? groupOf[node] : groupCount + node;
        int vertices = groupCount + n;
        var adjacency = new List<int>[vertices];
        var indegree = new int[vertices];
        var seenEdge = new HashSet<long>();
        foreach (var e in plan.Graph.Edges)
        {
            int a = Vertex(e.From), b = Vertex(e.To);
            if (a == b || !seenEdge.Add(((long)a << 32) | (uint)b)) continue;
            (adjacency[a] ??= []).Add(b);
            indegree[b]++;
        }
        var queue = new Queue<int>();
        for (int v = 0; v < vertices; v++) if (indegree[v] == 0) queue.Enqueue(v);
        int done = 0;
        while (queue.Count > 0)
        {
            int v = queue.Dequeue();
            done++;
            if (adjacency[v] is null) continue;
            foreach (int w in adjacency[v]) if (--indegree[w] == 0) queue.Enqueue(w);
        }
        if (done == vertices) return null;

        // Walk backwards along remaining (cyclic-part) edges from a leftover vertex until a vertex repeats.
        var preds = new List<int>[vertices];
        for (int v = 0; v < vertices; v++)
        {
            if (indegree[v] == 0 || adjacency[v] is null) continue;
            foreach (int w in adjacency[v]) if (indegree[w] > 0) (preds[w] ??= []).Add(v);
        }
        int start = Enumerable.Range(0, vertices).First(v => indegree[v] > 0);
        var order = new List<int>();
        var position = new Dictionary<int, int>();
        int cur = start;
        while (!position.ContainsKey(cur))
        {
            position[cur] = order.Count;
            order.Add(cur);
            cur = preds[cur]!.Min();
        }
        return order.Skip(position[cur]).Where(v => v < groupCount).Distinct().Order().ToList();
    }

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
