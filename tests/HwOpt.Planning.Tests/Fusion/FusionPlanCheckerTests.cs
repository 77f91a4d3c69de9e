using HwOpt.Planning.Fusion;
using static HwOpt.Planning.Tests.Fusion.FusionTestSupport;

namespace HwOpt.Planning.Tests.Fusion;

public sealed class FusionPlanCheckerTests
{
    /// <summary>
    /// Two convex, connected groups with paths both ways: A = {a1 0, a2 3, a3 4} (a1→a3, a2→a3) and
    /// B = {b1 1, b2 2, b3 5} (b1→b3, b2→b3), with a1→b1 and b2→a2.
    /// </summary>
    public static PlanGraph TwoCycle { get; } = Function(
        [Add("%a1", "%x", "%x"), Add("%b1", "%a1", "%x"), Add("%b2", "%y", "%y"), Add("%a2", "%b2", "%x"), Add("%a3", "%a1", "%a2"), Add("%b3", "%b1", "%b2")],
        "%a3", "%b3");

    /// <summary>
    /// Three groups A→B→C→A, none two of them reaching each other both ways: each group is an exit X, an entry E and a
    /// sink S with X→S, E→S; edges Xa→Eb, Xb→Ec, Xc→Ea. Nodes: Xa 0, Xb 1, Xc 2, Eb 3, Ec 4, Ea 5, Sa 6, Sb 7, Sc 8.
    /// </summary>
    public static PlanGraph ThreeCycle { get; } = Function(
        [Exp("%xa", "%x"), Exp("%xb", "%y"), Exp("%xc", "%w"), Exp("%eb", "%xa"), Exp("%ec", "%xb"), Exp("%ea", "%xc"),
         Add("%sa", "%xa", "%ea"), Add("%sb", "%xb", "%eb"), Add("%sc", "%xc", "%ec")],
        "%sa", "%sb", "%sc");

    [Fact]
    public void AcceptsNoFusionAndAValidFusion()
    {
        Assert.Empty(FusionPlanChecker.Verify(TwoCycle, [[0], [1], [2], [3], [4], [5]]));
        Assert.Empty(FusionPlanChecker.Verify(TwoCycle, [[0, 1], [2, 3], [4], [5]]));
    }

    [Fact]
    public void ReportsCoverProblems()
    {
        Assert.Contains(FusionPlanChecker.Verify(TwoCycle, [[0], [1], [2], [3], [4]]), p => p.Contains("kernel node 5") && p.Contains("no group"));
        Assert.Contains(FusionPlanChecker.Verify(TwoCycle, [[0, 1], [1], [2], [3], [4], [5]]), p => p.Contains("node 1 is in groups"));
        Assert.Contains(FusionPlanChecker.Verify(TwoCycle, [[0], [1], [2], [3], [4], [5, 6]]), p => p.Contains("not a kernel"));
    }

    [Fact]
    public void ReportsDisconnectedAndNonConvexGroups()
    {
        Assert.Contains(FusionPlanChecker.Verify(TwoCycle, [[0, 2], [1], [3], [4], [5]]), p => p.Contains("not connected"));
        // {a1, a3} without a2... a1 → a3 directly, and a1 → b1 → b3 does not come back: convex. {b2, a3}: b2 → a2 → a3.
        Assert.Contains(FusionPlanChecker.Verify(TwoCycle, [[0], [1], [2, 4], [3], [5]]), p => p.Contains("not convex"));
    }

    [Fact]
    public void ConvexGroupsWithPathsBothWaysFormACycle()
    {
        var a = new[] { 0, 3, 4 };
        var b = new[] { 1, 2, 5 };
        Assert.True(TwoCycle.Graph.IsConvex(a));
        Assert.True(TwoCycle.Graph.IsConvex(b));
        var problems = FusionPlanChecker.Verify(TwoCycle, [a, b]);
        Assert.Equal(["the group graph has a cycle through groups 0, 1."], problems);
    }

    [Fact]
    public void ThreeConvexGroupsCanFormACycleWithoutAnyMutuallyReachablePair()
    {
        int[][] groups = [[0, 5, 6], [1, 3, 7], [2, 4, 8]];
        var reach = ThreeCycle.Graph.GetReachability();
        bool Reaches(int[] f, int[] t) => f.Any(u => t.Any(v => reach.Reaches(u, v)));
        foreach (var g in groups) Assert.True(ThreeCycle.Graph.IsConvex(g) && ThreeCycle.Graph.ConnectedUndirected(g));
        for (int i = 0; i < 3; i++)
        {
            for (int j = 0; j < 3; j++) if (i != j) Assert.False(Reaches(groups[i], groups[j]) && Reaches(groups[j], groups[i]));
        }
        Assert.Single(FusionPlanChecker.Verify(ThreeCycle, groups), p => p.Contains("cycle"));
    }
}
