using HwOpt.Diagnostics;
using HwOpt.Planning.Cbc;
using HwOpt.Planning.Milp;
using HwOpt.Planning.Precision;

namespace HwOpt.Planning.Tests.Precision;

public sealed class PrecisionPlannerTests
{
    private static readonly CbcSolver Solver = new();

    private static (PlanGraph Graph, PrecisionProblem Problem) Dense(PrecisionOptions? options = null)
    {
        var graph = PrecisionFixtures.Graph(PrecisionFixtures.DenseModel());
        return (graph, PrecisionProblem.Build(graph, PrecisionFixtures.Roofline, PrecisionFixtures.Device, options ?? PrecisionFixtures.Options));
    }

    /// <summary>Σ Ω of the best assignment meeting the budgets and joins, by enumeration; NaN when none does.</summary>
    private static double BruteForce(PrecisionProblem p, IReadOnlyDictionary<string, double> budgets)
    {
        var qs = p.Quantizable;
        var choice = new int[qs.Count];
        double best = double.NaN;
        while (true)
        {
            var t = p.Evaluate(choice);
            if (p.JoinsHold(choice) && PrecisionProblem.Violated(t, budgets).Count == 0 && !(t.Sensitivity >= best)) best = t.Sensitivity;
            int k = 0;
            while (k < qs.Count && ++choice[k] == qs[k].Candidates.Count) choice[k++] = 0;
            if (k == qs.Count) return best;
        }
    }

    [Fact]
    public void DenseModelHasFiveContractionsFourFormatsWeightSensitivityAndAJoin()
    {
        var (_, p) = Dense();
        Assert.Equal(5, p.Quantizable.Count);
        Assert.All(p.Quantizable, q => Assert.Equal(["fp32", "bf16", "fp16", "int8"], q.Candidates.Select(c => c.Format.Name)));
        Assert.All(p.Quantizable, q => Assert.Equal("weights", q.SensitivitySource));
        // Bigger weights, bigger error: layer 2 (scale 2.0) is the most sensitive, layer 3 (scale 0.01) the least.
        var int8 = p.Quantizable.Select(q => q.Candidates[3].Omega).ToList();
        Assert.Equal(2, int8.IndexOf(int8.Max()));
        Assert.Equal(3, int8.IndexOf(int8.Min()));
        Assert.Single(p.Joins);
        Assert.Equal(2, p.Joins[0].Producers.Count(x => x is not null));
        Assert.NotEmpty(p.PairCasts);
        // Latency comes from the rewritten kernels: each format predicts its own figure.
        Assert.All(p.Quantizable, q => Assert.True(q.Candidates[3].LatencyNs < q.Candidates[1].LatencyNs && q.Candidates[1].LatencyNs < q.Candidates[0].LatencyNs));
        // Size: 32x32 weights at 4 / 2 / 2 / 1 bytes.
        Assert.Equal([4096.0, 2048, 2048, 1024], p.Quantizable[0].Candidates.Select(c => c.SizeBytes));
    }

    [Theory]
    [InlineData(0.5, null, null)]
    [InlineData(0.3, null, null)]
    [InlineData(0.26, null, null)]
    [InlineData(null, 0.2, null)]
    [InlineData(null, 0.05, null)]
    [InlineData(null, null, 0.9)]
    [InlineData(null, null, 0.75)]
    [InlineData(0.4, null, 0.85)]
    [InlineData(0.6, 0.3, 0.95)]
    public void MilpOptimumEqualsBruteForce(double? size, double? bops, double? latency)
    {
        var options = PrecisionFixtures.Options with { SizeBudgetFraction = size, BopsBudgetFraction = bops, LatencyBudgetFraction = latency, Solver = new SolverOptions(RelativeGap: 0) };
        var (graph, p) = Dense(options);
        var plan = PrecisionPlanner.Solve(p, graph, Solver, options);
        double expected = BruteForce(p, plan.Budgets);
        if (double.IsNaN(expected))
        {
            Assert.NotNull(plan.Infeasible);
            return;
        }
        Assert.Null(plan.Infeasible);
        Assert.Equal(SolveStatus.Optimal, plan.Solver!.Status);
        Assert.Equal(expected, plan.Totals!.Sensitivity, 1e-6 * expected);
        Assert.Equal(plan.Totals.Sensitivity, plan.Solver.Objective, 1e-6 * expected);
        Assert.Empty(PrecisionProblem.Violated(plan.Totals, plan.Budgets));
        Assert.Equal(3, plan.Baselines.Count);
    }

    [Fact]
    public void JoinKeepsIntegerInputsOfTheResidualAddTogether()
    {
        var options = PrecisionFixtures.Options with { Pins = new Dictionary<int, NumericFormat>() };
        var (graph, p) = Dense(options);
        int m0 = p.Quantizable[0].Node, m2 = p.Quantizable[2].Node;
        var pinned = PrecisionPlanner.Solve(p, graph, Solver, options with { Pins = new Dictionary<int, NumericFormat> { [m0] = NumericFormat.Int8 }, SizeBudgetFraction = 0.9 });
        Assert.Null(pinned.Infeasible);
        Assert.Equal(NumericFormat.Int8, pinned.Formats[m2]);
        Assert.Contains("pinned", pinned.Ops.Single(o => o.Node == m0).Decision.Reason);
        var conflict = PrecisionPlanner.Solve(p, graph, Solver, options with { Pins = new Dictionary<int, NumericFormat> { [m0] = NumericFormat.Int8, [m2] = NumericFormat.Bf16 } });
        Assert.Contains("residual joins", conflict.Infeasible);
    }

    [Fact]
    public void InfeasibleBudgetsAreNamed()
    {
        var (graph, p) = Dense();
        var size = PrecisionPlanner.Solve(p, graph, Solver, PrecisionFixtures.Options with { SizeBudgetBytes = 4000 });
        Assert.StartsWith("model size budget 4 kB < smallest achievable 5.12 kB", size.Infeasible);
        Assert.Empty(size.Formats);
        var latency = PrecisionPlanner.Solve(p, graph, Solver, PrecisionFixtures.Options with { LatencyBudgetNs = 10 });
        Assert.StartsWith("latency budget 10 ns < smallest achievable", latency.Infeasible);
        var bops = PrecisionPlanner.Solve(p, graph, Solver, PrecisionFixtures.Options with { BopsBudgetFraction = 0.01 });
        Assert.StartsWith("BOPs budget", bops.Infeasible);
    }

    [Fact]
    public void DecisionsSayWhyAndPlansAreDeterministic()
    {
        var options = PrecisionFixtures.Options with { SizeBudgetFraction = 0.4 };
        var graph = PrecisionFixtures.Graph(PrecisionFixtures.DenseModel());
        var a = PrecisionPlanner.Plan(graph, PrecisionFixtures.Roofline, PrecisionFixtures.Device, Solver, options);
        var b = PrecisionPlanner.Plan(PrecisionFixtures.Graph(PrecisionFixtures.DenseModel()), PrecisionFixtures.Roofline, PrecisionFixtures.Device, Solver, options);
        Assert.Equal(a.Formats.Select(kv => (kv.Key, kv.Value.Name)), b.Formats.Select(kv => (kv.Key, kv.Value.Name)));
        Assert.Equal(a.Totals, b.Totals);
        var lowered = a.Ops.Where(o => o.Decision.Accepted).ToList();
        Assert.NotEmpty(lowered);
        Assert.All(lowered, o => Assert.Contains("binding: model size", o.Decision.Reason));
        Assert.All(a.Ops.Where(o => o.OpName == "linalg.fill"), o => Assert.StartsWith("not quantizable", o.Decision.Reason));
        var all = PrecisionProblem.Build(graph, PrecisionFixtures.Roofline, PrecisionFixtures.Device, new PrecisionOptions());
        Assert.All(all.Quantizable, q => Assert.Contains("fp8e4m3: device test-dev lacks f8E4M3FN", string.Join("; ", q.Unavailable)));
        // Without budgets nothing needs lowering: all fp32, Σ Ω = 0.
        var free = PrecisionPlanner.Plan(graph, PrecisionFixtures.Roofline, PrecisionFixtures.Device, Solver, PrecisionFixtures.Options);
        Assert.All(free.Formats.Values, f => Assert.Equal(NumericFormat.Fp32, f));
        Assert.Equal(0, free.Totals!.Sensitivity);
    }

    [Fact]
    public void ArgumentWeightsUseTheProxyAndTheSidecarOverridesIt()
    {
        var graph = PrecisionFixtures.Graph(PrecisionFixtures.ArgumentModel);
        var p = PrecisionProblem.Build(graph, PrecisionFixtures.Roofline, PrecisionFixtures.Device, PrecisionFixtures.Options);
        Assert.Equal(2, p.Quantizable.Count);
        Assert.All(p.Quantizable, q => Assert.StartsWith("default proxy (n = ", q.SensitivitySource));
        // The fc weight has 15680 elements, the conv filter 216: the proxy makes the fc more sensitive.
        Assert.True(p.Quantizable[1].Candidates[3].Omega > p.Quantizable[0].Candidates[3].Omega);

        var bag = new DiagnosticBag();
        var sidecar = SensitivitySidecar.Parse("s.json", """{"schemaVersion": 1, "ops": [{"name": "fc", "sensitivity": {"int8": 1e-9, "bf16": 1e-9, "fp16": 1e-9}}, {"name": "%c", "hessian_trace": 216000}]}""", bag);
        Assert.False(bag.HasErrors);
        var withSidecar = PrecisionProblem.Build(graph, PrecisionFixtures.Roofline, PrecisionFixtures.Device, PrecisionFixtures.Options with { Sidecar = sidecar });
        Assert.Equal("sidecar", withSidecar.Quantizable[1].SensitivitySource);
        Assert.Equal(1e-9, withSidecar.Quantizable[1].Candidates[3].Omega);
        Assert.Contains("× Tr(H)/n", withSidecar.Quantizable[0].SensitivitySource);
        Assert.Equal(1000 * p.Quantizable[0].Candidates[3].Omega, withSidecar.Quantizable[0].Candidates[3].Omega, 1e-9);
        var plan = PrecisionPlanner.Solve(withSidecar, graph, Solver, PrecisionFixtures.Options with { Sidecar = sidecar, SizeBudgetFraction = 0.5 });
        Assert.Null(plan.Infeasible);
        Assert.NotEqual(NumericFormat.Fp32, plan.Formats[withSidecar.Quantizable[1].Node]);
        Assert.Equal(NumericFormat.Fp32, plan.Formats[withSidecar.Quantizable[0].Node]);

        // By location (line 5 is the conv); a sidecar value for one format leaves the others computed.
        var byLine = SensitivitySidecar.Parse("s.json", """{"schemaVersion": 1, "ops": [{"location": "test.mlir:5", "sensitivity": {"int8": 42}}]}""", bag)!;
        var located = PrecisionProblem.Build(graph, PrecisionFixtures.Roofline, PrecisionFixtures.Device, PrecisionFixtures.Options with { Sidecar = byLine });
        Assert.Equal(42, located.Quantizable[0].Candidates[3].Omega);
        Assert.StartsWith("default proxy", located.Quantizable[0].SensitivitySource);
        Assert.Contains("sidecar", located.Quantizable[0].SensitivitySource);
    }

    [Fact]
    public void WeightSensitivityIsTheQuantizationErrorTimesTraceOverN()
    {
        var graph = PrecisionFixtures.Graph(PrecisionFixtures.DenseModel());
        var plain = PrecisionProblem.Build(graph, PrecisionFixtures.Roofline, PrecisionFixtures.Device, PrecisionFixtures.Options);
        var weights = DenseValues.ReadDense(PrecisionFixtures.Dense(32, 32, 1, 0.5), "f32", 1024)!;
        Assert.Equal(Quantizer.SquaredError(weights, NumericFormat.Int8), plain.Quantizable[0].Candidates[3].Omega, 15);
        Assert.Equal(Quantizer.SquaredError(weights, NumericFormat.Bf16), plain.Quantizable[0].Candidates[1].Omega, 15);
        var bag = new DiagnosticBag();
        var sidecar = SensitivitySidecar.Parse("s.json", """{"schemaVersion": 1, "ops": [{"name": "w0", "hessian_trace": 2048}]}""", bag)!;
        var traced = PrecisionProblem.Build(graph, PrecisionFixtures.Roofline, PrecisionFixtures.Device, PrecisionFixtures.Options with { Sidecar = sidecar });
        Assert.Equal("weights × Tr(H)/n", traced.Quantizable[0].SensitivitySource);
        Assert.Equal(2 * plain.Quantizable[0].Candidates[3].Omega, traced.Quantizable[0].Candidates[3].Omega, 15);
    }
}
