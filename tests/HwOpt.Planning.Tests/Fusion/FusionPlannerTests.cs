using HwOpt.CostModel;
using HwOpt.Planning.Cbc;
using HwOpt.Planning.Fusion;
using HwOpt.Planning.Milp;
using static HwOpt.Planning.Tests.Fusion.FusionTestSupport;

namespace HwOpt.Planning.Tests.Fusion;

public sealed class FusionPlannerTests
{
    private static readonly CbcSolver Solver = new();

    /// <summary>Complete enumeration (caps that never bind), one piece.</summary>
    private static FusionOptions Exhaustive(int k = 8) => new(MaxGroupSize: k, MaxCandidatesPerSeed: 100_000, PieceSize: 1000);

    public static TheoryData<int, int> RandomGraphs()
    {
        var data = new TheoryData<int, int>();
        for (int seed = 1; seed <= 12; seed++) data.Add(seed, 5 + seed % 5);
        return data;
    }

    [Theory]
    [MemberData(nameof(RandomGraphs))]
    public void MilpMatchesBruteForceWithANonAdditiveModel(int seed, int ops) => MatchesBruteForce(RandomDag(seed, ops), new NonAdditiveModel(), 8);

    [Theory]
    [MemberData(nameof(RandomGraphs))]
    public void MilpMatchesBruteForceWithRoofline(int seed, int ops) => MatchesBruteForce(RandomDag(seed, ops), Roofline, 4);

    [Fact]
    public void MilpMatchesBruteForceOnTheCycleExamples()
    {
        MatchesBruteForce(FusionPlanCheckerTests.TwoCycle, new NonAdditiveModel(), 3);
        MatchesBruteForce(FusionPlanCheckerTests.ThreeCycle, new CheapKernelsModel(), 3);
    }

    [Fact]
    public void NeverChoosesTwoConvexGroupsWithPathsBothWays()
    {
        // Fewer kernels is always cheaper here, and groups are at most 3 ops: without the mutual row the two cyclic
        // groups {0,3,4}, {1,2,5} would be a 2-kernel plan.
        var plan = FusionPlanner.Plan(FusionPlanCheckerTests.TwoCycle, new CheapKernelsModel(), Solver, Exhaustive(3));
        Assert.Empty(FusionPlanChecker.Verify(FusionPlanCheckerTests.TwoCycle, Nodes(plan.Groups)));
        Assert.DoesNotContain(plan.Groups, g => g.Nodes.SequenceEqual([0, 3, 4]) && plan.Groups.Any(h => h.Nodes.SequenceEqual([1, 2, 5])));
        Assert.True(plan.Pieces[0].Solve.Constraints > 6, "mutual rows are in the model");
    }

    [Fact]
    public void CutsOffAThreeGroupCycleLazily()
    {
        var plan = FusionPlanner.Plan(FusionPlanCheckerTests.ThreeCycle, new CheapKernelsModel(), Solver, Exhaustive(3));
        Assert.Empty(FusionPlanChecker.Verify(FusionPlanCheckerTests.ThreeCycle, Nodes(plan.Groups)));
        Assert.Equal(SolveStatus.Optimal, plan.Solves[0].Status);
    }

    [Fact]
    public void EveryPlanAndBaselinePassesTheChecker()
    {
        for (int seed = 20; seed < 30; seed++)
        {
            var g = RandomDag(seed, 14);
            var plan = FusionPlanner.Plan(g, new NonAdditiveModel(), Solver, new FusionOptions(MaxGroupSize: 5, PieceSize: 6));
            Assert.Empty(FusionPlanChecker.Verify(g, Nodes(plan.Groups)));
            Assert.Empty(FusionPlanChecker.Verify(g, Nodes(plan.Greedy.Groups)));
            Assert.Empty(FusionPlanChecker.Verify(g, Nodes(plan.NoFusion.Groups)));
            Assert.True(plan.PredictedNs <= plan.NoFusion.PredictedNs + 1e-6);
            Assert.True(plan.PredictedNs <= plan.Greedy.PredictedNs + 1e-6);
            Assert.Equal(g.KernelNodes, plan.Decisions.Keys);
        }
    }

    [Fact]
    public void DecompositionKeepsGroupsInsidePiecesAndReportsEachPiece()
    {
        var g = RandomDag(7, 40);
        var options = new FusionOptions(MaxGroupSize: 4, PieceSize: 10);
        var plan = FusionPlanner.Plan(g, new NonAdditiveModel(), Solver, options);
        Assert.True(plan.Pieces.Count >= 4);
        Assert.All(plan.Pieces, p => Assert.InRange(p.KernelOps, 1, 10));
        Assert.Equal(plan.Pieces.Count, plan.Solves.Count);
        Assert.Empty(FusionPlanChecker.Verify(g, Nodes(plan.Groups)));
        var (pieceOf, _) = FusionDecomposition.Split(g, 10);
        if (plan.Chosen == "milp") Assert.All(plan.Groups, grp => Assert.Single(grp.Nodes.Select(v => pieceOf[v]).Distinct()));
        Assert.InRange(plan.Gap, 0, 1e-3);
    }

    [Fact]
    public void LimitsRemoveCandidatesWithAReason()
    {
        var g = RandomDag(3, 9);
        var plan = FusionPlanner.Plan(g, new NonAdditiveModel(), Solver, Exhaustive() with { MaxSpills = 1 });
        Assert.All(plan.Groups, grp => Assert.InRange(grp.Nodes.Count, 1, 2));
        Assert.Contains(plan.Notes, n => n.Contains("predicted spills above 1"));
        var (best, _) = BruteForce(g, new NonAdditiveModel(), 8, c => c.Spills <= 1);
        Assert.Equal(best, plan.PredictedNs, 6);
    }

    [Fact]
    public void SamePlanTwice()
    {
        var g = RandomDag(11, 12);
        var a = FusionPlanner.Plan(g, Roofline, Solver, new FusionOptions(PieceSize: 5));
        var b = FusionPlanner.Plan(RandomDag(11, 12), Roofline, Solver, new FusionOptions(PieceSize: 5));
        Assert.Equal(a.Groups.Select(x => (string.Join(",", x.Nodes), x.KernelId, x.PredictedNs)), b.Groups.Select(x => (string.Join(",", x.Nodes), x.KernelId, x.PredictedNs)));
        Assert.Equal(a.Decisions.Select(d => (d.Key, d.Value.Accepted, d.Value.Reason)), b.Decisions.Select(d => (d.Key, d.Value.Accepted, d.Value.Reason)));
        Assert.Equal(a.PredictedNs, b.PredictedNs);
    }

    [Fact]
    public void FusesMatmulEpiloguesOfTheMlpCorpusModel()
    {
        string path = Path.Combine(RepoRoot, "corpus", "models", "mlp.mlir");
        var g = Graph(File.ReadAllText(path), "mlp.mlir");
        var plan = FusionPlanner.Plan(g, Roofline, Solver, new FusionOptions());
        Assert.Empty(FusionPlanChecker.Verify(g, Nodes(plan.Groups)));
        Assert.True(plan.PredictedNs < plan.NoFusion.PredictedNs);
        Assert.Equal(SolveStatus.Optimal, plan.Solves.Single().Status);
        Assert.All(plan.Groups, grp => Assert.True(grp.Nodes.Count(v => g.Ops[v].Name == "linalg.matmul") <= 1));
        Assert.Contains(plan.Decisions.Values, d => d.Accepted && d.Reason.Contains("fused with"));
    }

    [Fact]
    public void OpaqueOpsStayAloneWithTheirReason()
    {
        var g = Graph($$"""
            func.func @f(%x: {{T}}) -> {{T}} {
              %0 = arith.addf %x, %x : {{T}}
              %1 = "mystery.op"(%0) : ({{T}}) -> {{T}}
              %2 = arith.addf %1, %1 : {{T}}
              %3 = math.exp %2 : {{T}}
              return %3 : {{T}}
            }
            """);
        var plan = FusionPlanner.Plan(g, new CheapKernelsModel(), Solver, Exhaustive());
        Assert.Contains(plan.Groups, grp => grp.Nodes.SequenceEqual([1]));
        Assert.Contains("opaque", plan.Decisions[1].Reason);
        Assert.False(plan.Decisions[0].Accepted);
        Assert.True(plan.Decisions[2].Accepted);
    }

    private static void MatchesBruteForce(PlanGraph g, ICostModel model, int k)
    {
        var plan = FusionPlanner.Plan(g, model, Solver, Exhaustive(k));
        var (best, groups) = BruteForce(g, model, k);
        Assert.Empty(FusionPlanChecker.Verify(g, Nodes(plan.Groups)));
        Assert.Empty(FusionPlanChecker.Verify(g, groups));
        Assert.Equal(SolveStatus.Optimal, plan.Solves.Single().Status);
        Assert.Equal(best, plan.PredictedNs, 6);
        Assert.True(plan.PredictedNs <= plan.Greedy.PredictedNs + 1e-6);
        Assert.True(plan.PredictedNs <= plan.NoFusion.PredictedNs + 1e-6);
    }
}

/// <summary>A fake where every kernel costs 100 ns plus 0.001 ns per byte: fewer kernels always win.</summary>
internal sealed class CheapKernelsModel : ICostModel
{
    public string Name => "fake:per-kernel";

    public IReadOnlyList<CostPrediction> Predict(IReadOnlyList<IReadOnlyList<HwOpt.IR.Operation>> kernels) => kernels.Select(body =>
    {
        var work = HwOpt.Analysis.Work.WorkEstimator.EstimateGroup(body);
        double ns = 100 + work.Bytes * 0.001;
        return new CostPrediction(ns, ns, ns, new Dictionary<string, double>(), work, "memory", []);
    }).ToList();
}
