using HwOpt.Planning.Cbc;
using HwOpt.Planning.Milp;

namespace HwOpt.Planning.Tests.Milp;

public sealed class CbcSolverTests
{
    private static readonly CbcSolver Solver = new();

    /// <summary>0/1 knapsack: weights 2,3,4,5, values 3,4,5,6, capacity 5 → items 0+1, value 7 (by hand).</summary>
    [Fact]
    public void SolvesAKnapsackToProvenOptimality()
    {
        var m = new MilpModel("knapsack");
        int[] w = [2, 3, 4, 5], v = [3, 4, 5, 6];
        var x = Enumerable.Range(0, 4).Select(i => m.AddBinary($"x{i}", -v[i])).ToArray();
        m.AddLessOrEqual("capacity", x.Select((xi, i) => (xi, (double)w[i])), 5);
        var s = Solver.Solve(m, new SolverOptions());
        Assert.Equal(SolveStatus.Optimal, s.Status);
        Assert.Equal(-7, s.Objective, 9);
        Assert.Equal([1.0, 1, 0, 0], s.Values);
        Assert.Equal(0, s.Gap);
        Assert.Empty(m.Violations(s.Values));
        Assert.StartsWith("CBC 2.10", s.Solver);
    }

    [Fact]
    public void ContinuousIntegerMixAndOffset()
    {
        // min y - 2k + 10  s.t.  y >= 1.5 k - 0.25, k integer in [0, 3], y in [0, 4]  →  k = 2, y = 2.75: 2.75 - 4 + 10 = 8.75
        var m = new MilpModel("mix") { ObjectiveOffset = 10 };
        var y = m.AddContinuous("y", 0, 4, 1);
        var k = m.AddVariable("k", VariableKind.Integer, 0, 3, -2);
        m.AddGreaterOrEqual("link", [(y, 1), (k, -1.5)], -0.25);
        var s = Solver.Solve(m, new SolverOptions());
        Assert.Equal(SolveStatus.Optimal, s.Status);
        Assert.Equal(8.75, s.Objective, 6);
        Assert.Equal(2, s[k]);
        Assert.Equal(2.75, s[y], 6);
    }

    [Fact]
    public void InfeasibleModelsAreReportedAsSuch()
    {
        var m = new MilpModel("infeasible");
        var a = m.AddBinary("a");
        var b = m.AddBinary("b");
        m.AddGreaterOrEqual("need3", [(a, 1), (b, 1)], 3);
        var s = Solver.Solve(m, new SolverOptions());
        Assert.Equal(SolveStatus.Infeasible, s.Status);
        Assert.False(s.HasSolution);
        Assert.True(double.IsNaN(s.Gap));
    }

    [Fact]
    public void MipStartIsAcceptedAndTheResultIsDeterministic()
    {
        var (m, _) = Assignment(12, seed: 3);
        var first = Solver.Solve(m, new SolverOptions());
        m.SetMipStart(Enumerable.Range(0, 12).Select(i => (new Variable(i * 12 + i), 1.0)));
        var second = Solver.Solve(m, new SolverOptions());
        Assert.Equal(SolveStatus.Optimal, first.Status);
        Assert.Equal(first.Objective, second.Objective, 9);
        Assert.Equal(first.Values, Solver.Solve(m, new SolverOptions()).Values);
    }

    [Fact]
    public void ATimeLimitReturnsTheBestPlanWithItsGap()
    {
        // A hard random multi-knapsack; with a MIP start and a tiny time limit CBC stops early with a feasible plan.
        var rng = new Random(7);
        var m = new MilpModel("hard");
        int n = 120;
        var x = Enumerable.Range(0, n).Select(i => m.AddBinary($"x{i}", -(50 + rng.Next(50)))).ToArray();
        for (int r = 0; r < 8; r++) m.AddLessOrEqual($"cap{r}", x.Select(xi => (xi, (double)(20 + rng.Next(60)))), 1500);
        m.SetMipStart([(x[0], 1)]);
        var s = Solver.Solve(m, new SolverOptions(TimeLimitSeconds: 0.05, RelativeGap: 0));
        Assert.True(s.Status is SolveStatus.Feasible or SolveStatus.Optimal, s.Status.ToString());
        Assert.Empty(m.Violations(s.Values));
        Assert.True(s.BestBound <= s.Objective + 1e-6);
        if (s.Status == SolveStatus.Feasible) Assert.True(s.Gap > 0);
    }

    [Fact]
    public void ANodeLimitStopsReproducibly()
    {
        var rng = new Random(11);
        var m = new MilpModel("hard-nodes");
        int n = 150;
        var x = Enumerable.Range(0, n).Select(i => m.AddBinary($"x{i}", -(50 + rng.Next(50)))).ToArray();
        for (int r = 0; r < 10; r++) m.AddLessOrEqual($"cap{r}", x.Select(xi => (xi, (double)(20 + rng.Next(60)))), 1500);
        var options = new SolverOptions(TimeLimitSeconds: 120, RelativeGap: 0, MaxNodes: 25);
        var a = Solver.Solve(m, options);
        var b = Solver.Solve(m, options);
        Assert.True(a.HasSolution);
        Assert.True(a.Nodes <= 30, $"nodes {a.Nodes}");
        Assert.Equal(a.Status, b.Status);
        Assert.Equal(a.Values, b.Values);
        Assert.Equal(a.BestBound, b.BestBound);
    }

    [Fact]
    public void ExportsLpAndMpsForTheCbcCommandLine()
    {
        var (m, _) = Assignment(3, seed: 1);
        string dir = Directory.CreateTempSubdirectory("hwopt-milp").FullName;
        try
        {
            CbcSolver.Write(m, Path.Combine(dir, "a.lp"));
            CbcSolver.Write(m, Path.Combine(dir, "a.mps"));
            string lp = File.ReadAllText(Path.Combine(dir, "a.lp"));
            Assert.Contains("x_0_0", lp);
            Assert.Contains("row_0_:", lp);
            using var mps = new System.IO.Compression.GZipStream(File.OpenRead(Path.Combine(dir, "a.mps.gz")), System.IO.Compression.CompressionMode.Decompress);
            string text = new StreamReader(mps).ReadToEnd();
            Assert.Contains("x_0_0", text);
            Assert.Contains("row_0_", text);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void StdoutStaysUsableAfterASilencedSolve()
    {
        var (m, _) = Assignment(4, seed: 2);
        var before = Console.Out;
        Solver.Solve(m, new SolverOptions());
        Assert.Same(before, Console.Out);
        Console.Out.Flush();
    }

    /// <summary>A random n×n assignment problem (its LP relaxation is integral, so CBC proves it at the root).</summary>
    private static (MilpModel, double[,]) Assignment(int n, int seed)
    {
        var rng = new Random(seed);
        var cost = new double[n, n];
        var m = new MilpModel("assign");
        var x = new Variable[n, n];
        for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++)
        {
            cost[i, j] = rng.Next(1, 100);
            x[i, j] = m.AddBinary($"x_{i}_{j}", cost[i, j]);
        }
        for (int i = 0; i < n; i++) m.AddEqual($"row[{i}]", Enumerable.Range(0, n).Select(j => (x[i, j], 1.0)), 1);
        for (int j = 0; j < n; j++) m.AddEqual($"col[{j}]", Enumerable.Range(0, n).Select(i => (x[i, j], 1.0)), 1);
        return (m, cost);
    }
}
