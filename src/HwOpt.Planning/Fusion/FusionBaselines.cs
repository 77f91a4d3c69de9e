namespace HwOpt.Planning.Fusion;

/// <summary>
/// The plans the optimizer is compared with. <b>None</b>: every kernel op alone. <b>Greedy</b> (TVM FuseOps / XLA
/// instruction fusion style): walk the ops in topological order; fuse a consumer into the group of each producer
/// (ascending node index) when the edge is legal, the producer's only user is that consumer, the merged group is
/// legal (size ≤ K, one contraction at most, connected, convex) and the group graph stays acyclic. Greedy ignores
/// the cost model; both are costed afterwards with the same model as the optimizer's plan.
/// </summary>
internal static class FusionBaselines
{
    /// <summary>Every kernel node alone.</summary>
    public static List<int[]> None(PlanGraph plan) => plan.KernelNodes.Select(n => new[] { n }).ToList();

    /// <summary>Greedy producer-consumer fusion; groups sorted by first node.</summary>
    public static List<int[]> Greedy(FusionLegality legality, int maxGroupSize)
    {
        var plan = legality.Plan;
        var graph = plan.Graph;
        var groupOf = new int[plan.Count];
        var members = new List<int[]?>();
        for (int n = 0; n < plan.Count; n++)
        {
            if (!plan.IsKernel(n)) { groupOf[n] = -1; continue; }
            groupOf[n] = members.Count;
            members.Add([n]);
        }
        foreach (int consumer in graph.TopologicalOrder())
        {
            if (!plan.IsKernel(consumer)) continue;
            var producers = graph.Predecessors(consumer).ToArray().Distinct().Order().ToArray();
            foreach (int producer in producers)
            {
                if (!plan.IsKernel(producer) || groupOf[producer] == groupOf[consumer]) continue;
                if (!legality.CanFuse(producer, consumer).Accepted) continue;
                if (graph.Successors(producer).ToArray().Any(s => s != consumer)) continue;
                int a = groupOf[producer], b = groupOf[consumer];
                var merged = members[a]!.Concat(members[b]!).Order().ToArray();
                if (!legality.CheckGroup(merged, maxGroupSize).Accepted) continue;
                var trial = (int[])groupOf.Clone();
                foreach (int n in members[b]!) trial[n] = a;
                if (FusionPlanChecker.FindCycle(plan, trial, members.Count) is not null) continue;
                Array.Copy(trial, groupOf, trial.Length);
                members[a] = merged;
                members[b] = null;
            }
        }
        var result = members.Where(m => m is not null).Select(m => m!).ToList();
        result.Sort((x, y) => x[0].CompareTo(y[0]));
        return result;
    }
}
