using System.Globalization;
using HwOpt.Analysis.Graph;
using HwOpt.IR;

namespace HwOpt.Planning.Fusion;

/// <summary>
/// Which ops may share a kernel. Algorithm: each op gets an <see cref="OpClass"/> (<see cref="FusionTraits"/>).
/// A producer→consumer edge may lie inside a group when both ops are kernels of the same block, neither is opaque,
/// and the producer is light (elementwise, broadcast, data movement: fuses into anything after it) or the producer
/// is a contraction/reduction and the consumer is light (epilogue fusion). A group is legal when it is non-empty,
/// at most <c>maxSize</c> ops, all of one block, holds at most one contraction, every edge between two members is
/// legal, it is connected through those edges, and it is convex (no path leaves it and comes back). Non-kernel nodes
/// (constants, <c>tensor.empty</c>, terminators, scalar ops) are never planned: they follow their users.
/// <para>Convexity is tested with the graph's reachability index: a set S is convex iff no direct outside successor
/// of a member reaches a member (any leaving path starts with such a successor), O(|S|·deg·|S|) queries.</para>
/// <para>Convexity of each group does NOT make the group graph acyclic (see <see cref="FusionPlanChecker"/> and
/// <see cref="FusionMilp"/>); that is a property of a whole plan, checked there.</para>
/// </summary>
internal sealed class FusionLegality
{
    private readonly PlanGraph _plan;
    private readonly OpClass[] _classes;
    private readonly int[] _block;
    private readonly ReachabilityIndex _reach;

    /// <summary>Classifies every node of the graph.</summary>
    public FusionLegality(PlanGraph plan)
    {
        _plan = plan;
        _classes = plan.Ops.Select(FusionTraits.Classify).ToArray();
        _block = BlockIds(plan.Ops);
        _reach = plan.Graph.GetReachability();
    }

    /// <summary>The graph.</summary>
    public PlanGraph Plan => _plan;

    /// <summary>Class of a node.</summary>
    public OpClass ClassOf(int node) => _classes[node];

    /// <summary>Block identity of a node (dense, first-seen order).</summary>
    public int BlockOf(int node) => _block[node];

    /// <summary>Whether a node is planned at all and may join a multi-op group.</summary>
    public Decision CanPlan(int node)
    {
        if (_plan.WhyNotKernel(node) is { } why) return Decision.Reject($"{Name(node)} is not a kernel ({why}); it follows its users.");
        if (_classes[node] == OpClass.Opaque) return Decision.Reject($"{Name(node)} is opaque or unknown to the dialect catalogue; it is never fused.");
        return Decision.Accept($"{Name(node)} is a {FusionTraits.Describe(_classes[node])} op.");
    }

    /// <summary>Whether the edge producer→consumer may lie inside a group.</summary>
    /// <param name="producer">Node defining the value.</param>
    /// <param name="consumer">Node using it.</param>
    public Decision CanFuse(int producer, int consumer)
    {
        var p = CanPlan(producer);
        if (!p.Accepted) return p;
        var c = CanPlan(consumer);
        if (!c.Accepted) return c;
        if (_block[producer] != _block[consumer]) return Decision.Reject($"{Name(producer)} and {Name(consumer)} are in different blocks.");
        OpClass pc = _classes[producer], cc = _classes[consumer];
        if (FusionTraits.IsLight(pc)) return Decision.Accept($"{FusionTraits.Describe(pc)} producer {Name(producer)} fuses into {Name(consumer)}.");
        if (FusionTraits.IsLight(cc)) return Decision.Accept($"{FusionTraits.Describe(cc)} consumer {Name(consumer)} is an epilogue of {FusionTraits.Describe(pc)} {Name(producer)}.");
        return Decision.Reject($"{FusionTraits.Describe(cc)} {Name(consumer)} needs the complete result of {FusionTraits.Describe(pc)} {Name(producer)}; only light ops fuse after a {FusionTraits.Describe(pc)}.");
    }

    /// <summary>Whether a set of nodes may form one kernel.</summary>
    /// <param name="nodes">Node indices, sorted ascending, distinct.</param>
    /// <param name="maxSize">Largest group size.</param>
    public Decision CheckGroup(IReadOnlyList<int> nodes, int maxSize)
    {
        if (nodes.Count == 0) return Decision.Reject("empty group.");
        if (nodes.Count > maxSize) return Decision.Reject(Invariant($"group of {nodes.Count} ops exceeds the maximum group size {maxSize}."));
        if (nodes.Count == 1)
        {
            return _plan.WhyNotKernel(nodes[0]) is { } why ? Decision.Reject($"{Name(nodes[0])} is not a kernel ({why}).") : Decision.Accept("single op.");
        }
        if (Monotone(nodes) is { } bad) return bad;
        if (!_plan.Graph.ConnectedUndirected(nodes.ToArray())) return Decision.Reject("group is not connected through fusible edges.");
        if (!IsConvex(nodes)) return Decision.Reject("group is not convex: a path leaves it and re-enters it.");
        return Decision.Accept(Invariant($"{nodes.Count} ops fuse: connected, convex, at most one contraction."));
    }

    /// <summary>
    /// The violations that no superset can repair: a member that cannot be planned, two blocks, two contractions,
    /// an illegal edge between members. Null when none.
    /// </summary>
    public Decision? Monotone(IReadOnlyList<int> nodes)
    {
        int contractions = 0;
        foreach (int n in nodes)
        {
            var d = CanPlan(n);
            if (!d.Accepted) return d;
            if (_block[n] != _block[nodes[0]]) return Decision.Reject("group spans two blocks.");
            if (_classes[n] == OpClass.Contraction && ++contractions > 1) return Decision.Reject("group holds two contractions.");
        }
        foreach (int n in nodes)
        {
            foreach (int s in _plan.Graph.Successors(n))
            {
                if (s != n && Contains(nodes, s) && CanFuse(n, s) is { Accepted: false } e) return e;
            }
        }
        return null;
    }

    /// <summary>True when no path leaves the set and re-enters it.</summary>
    public bool IsConvex(IReadOnlyList<int> nodes)
    {
        foreach (int n in nodes)
        {
            foreach (int s in _plan.Graph.Successors(n))
            {
                if (Contains(nodes, s)) continue;
                foreach (int m in nodes)
                {
                    if (_reach.Reaches(s, m)) return false;
                }
            }
        }
        return true;
    }

    /// <summary>Op name and node index for reasons: <c>linalg.matmul#12</c>.</summary>
    public string Name(int node) => Invariant($"{_plan.Ops[node].Name}#{node}");

    private static bool Contains(IReadOnlyList<int> sorted, int node)
    {
        int lo = 0, hi = sorted.Count - 1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >> 1;
            if (sorted[mid] == node) return true;
            if (sorted[mid] < node) lo = mid + 1; else hi = mid - 1;
        }
        return false;
    }

    private static int[] BlockIds(IReadOnlyList<Operation> ops)
    {
        var ids = new Dictionary<Block, int>(ReferenceEqualityComparer.Instance);
        var result = new int[ops.Count];
        for (int i = 0; i < ops.Count; i++)
        {
            var block = ops[i].Parent;
            if (block is null) { result[i] = -1 - i; continue; }
            if (!ids.TryGetValue(block, out int id)) ids[block] = id = ids.Count;
            result[i] = id;
        }
        return result;
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
