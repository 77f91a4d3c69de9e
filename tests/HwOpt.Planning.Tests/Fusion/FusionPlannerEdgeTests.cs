using HwOpt.Planning.Cbc;
using HwOpt.Planning.Fusion;
using HwOpt.Planning.Milp;
using static HwOpt.Planning.Tests.Fusion.FusionTestSupport;

namespace HwOpt.Planning.Tests.Fusion;

public sealed class FusionPlannerEdgeTests
{
    private static readonly CbcSolver Solver = new();

    // 0 add → 1 exp → 2 mul → 3 exp: a chain that fuses entirely under a per-kernel cost.
    private static readonly PlanGraph Chain = Function([Add("%a", "%x", "%y"), Exp("%b", "%a"), Mul("%c", "%b", "%y"), Exp("%d", "%c")], "%d");

    [Fact]
    public void KeepsTheGreedyStartWhenTheSolverGivesNoPlan()
    {
        var plan = FusionPlanner.Plan(Chain, new CheapKernelsModel(), new NoPlanSolver(), new FusionOptions());
        Assert.True(plan.Pieces.Single().UsedFallback);
        Assert.Equal(Nodes(plan.Greedy.Groups), Nodes(plan.Groups));
        Assert.Contains(plan.Notes, n => n.Contains("kept the greedy plan"));
        Assert.True(double.IsNaN(plan.Gap));
        Assert.Empty(FusionPlanChecker.Verify(Chain, Nodes(plan.Groups)));
    }

    [Fact]
    public void HandsTheGreedyPlanAsMipStart()
    {
        var spy = new SpySolver(Solver);
        FusionPlanner.Plan(Chain, new CheapKernelsModel(), spy, new FusionOptions());
        var model = spy.Models.Single();
        var set = model.MipStart!.Where(kv => kv.Value > 0.5).Select(kv => model.Variables[kv.Key].Name).ToList();
        Assert.Equal(["x[0_1_2_3]"], set);
        Assert.Equal(["cover[0]", "cover[1]", "cover[2]", "cover[3]"], model.Constraints.Select(c => c.Name));
    }

    [Fact]
    public void ReturnsGreedyWhenItFusesAcrossACut()
    {
        // Pieces of one op cannot fuse anything; the greedy chain is cheaper and is returned, with a note.
        var plan = FusionPlanner.Plan(Chain, new CheapKernelsModel(), Solver, new FusionOptions(PieceSize: 1));
        Assert.Equal(4, plan.Pieces.Count);
        Assert.Equal("greedy", plan.Chosen);
        Assert.Equal([[0, 1, 2, 3]], Nodes(plan.Groups));
        Assert.Contains(plan.Notes, n => n.Contains("greedy plan predicts less"));
    }

    [Fact]
    public void WorkingSetLimitRemovesLargeKernels()
    {
        // Each 8x8 f32 tensor is 256 bytes: a fused pair reads x, y and writes one result (768 bytes) at least.
        var plan = FusionPlanner.Plan(Chain, new CheapKernelsModel(), Solver, new FusionOptions(MaxWorkingSetBytes: 700));
        Assert.All(plan.Groups, g => Assert.Single(g.Nodes));
        Assert.Contains(plan.Notes, n => n.Contains("working set above 700 bytes"));
        Assert.Contains("working set above 700 bytes", plan.Decisions[1].Reason);
        var (best, _) = BruteForce(Chain, new CheapKernelsModel(), 8, c => c.WorkingSetBytes <= 700);
        Assert.Equal(best, plan.PredictedNs, 6);
    }

    [Fact]
    public void ForDeviceTakesTheCacheSize()
    {
        Assert.Equal(Host.Caches.Single(c => c.Level == 2).Bytes, FusionOptions.ForDevice(Host, 2).MaxWorkingSetBytes);
        Assert.Null(FusionOptions.ForDevice(Host, 7).MaxWorkingSetBytes);
    }

    [Fact]
    public void RejectsBadOptions()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => FusionPlanner.Plan(Chain, Roofline, Solver, new FusionOptions(MaxGroupSize: 0)));
        Assert.Throws<ArgumentOutOfRangeException>(() => FusionPlanner.Plan(Chain, Roofline, Solver, new FusionOptions(PieceSize: 0)));
    }

    [Fact]
    public void DecompositionCutsWhereFewEdgesCross()
    {
        // Two diamonds joined by one edge (node 3 → node 4): the cut falls between them.
        var g = Function(
            [Add("%a", "%x", "%y"), Exp("%b", "%a"), Exp("%c", "%a"), Add("%d", "%b", "%c"),
             Exp("%e", "%d"), Exp("%f", "%e"), Exp("%g", "%e"), Add("%h", "%f", "%g")], "%h");
        var crossing = new List<int>();
        var (pieceOf, count) = FusionDecomposition.Split(g, 5, crossing);
        Assert.Equal(2, count);
        Assert.Equal([1], crossing);
        Assert.Equal([0, 0, 0, 0, 1, 1, 1, 1], pieceOf.Take(8));
    }

    private sealed class NoPlanSolver : IMilpSolver
    {
        public string Name => "none";

        public MilpSolution Solve(MilpModel model, SolverOptions options) =>
            new(SolveStatus.NoSolutionFound, double.NaN, double.NaN, [], 0.01, 0, Name);
    }

    private sealed class SpySolver(IMilpSolver inner) : IMilpSolver
    {
        public List<MilpModel> Models { get; } = [];

        public string Name => inner.Name;

        public MilpSolution Solve(MilpModel model, SolverOptions options)
        {
            Models.Add(model);
            return inner.Solve(model, options);
        }
    }
}

public sealed class FusionCyclicGraphTests
{
    [SkippableFact]
    public void ACyclicGraphIsLeftUnfusedWithAReason()
    {
        // Use before definition: only legal in graph regions; the graph then has a cycle and no topological order.
        var result = HwOpt.Syntax.MlirParser.Parse(new HwOpt.Diagnostics.SourceText("cyclic.mlir", $$"""
            func.func @f(%x: {{T}}) -> {{T}} {
              %a = arith.addf %x, %b : {{T}}
              %b = math.exp %a : {{T}}
              return %b : {{T}}
            }
            """));
        Skip.If(result.HasErrors || result.Module is null, "the parser rejects use before definition in a function body");
        var g = PlanGraph.FromModule(result.Module!, "cyclic.mlir");
        Assert.False(g.Graph.IsAcyclic);
        var plan = FusionPlanner.Plan(g, new CheapKernelsModel(), new CbcSolver(), new FusionOptions());
        Assert.Equal("none", plan.Chosen);
        Assert.Equal([[0], [1]], Nodes(plan.Groups));
        Assert.Contains("cycle", plan.Decisions[0].Reason);
    }
}
