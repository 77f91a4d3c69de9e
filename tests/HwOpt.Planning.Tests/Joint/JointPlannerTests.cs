using HwOpt.Planning.Cbc;
using HwOpt.Planning.Fusion;
using HwOpt.Planning.Joint;
using HwOpt.Planning.Precision;
using static HwOpt.Planning.Tests.Joint.JointTestSupport;

namespace HwOpt.Planning.Tests.Joint;

public sealed class JointPlannerTests
{
    private static readonly CbcSolver Solver = new();

    public static TheoryData<string> Graphs => new() { "chain", "diamond", "random1", "random2", "random3" };

    private static PlanGraph Make(string name) => name switch
    {
        "chain" => Chain(),
        "diamond" => Diamond(),
        _ => RandomDag(int.Parse(name["random".Length..], System.Globalization.CultureInfo.InvariantCulture), 6),
    };

    private static void AssertClose(double expected, double actual) =>
        Assert.True(Math.Abs(expected - actual) <= 1e-6 * Math.Max(1, Math.Abs(expected)), $"expected {expected}, got {actual}");

    [Theory]
    [MemberData(nameof(Graphs))]
    public void MilpOptimumEqualsBruteForce(string name)
    {
        var graph = Make(name);
        var devices = Devices();
        var plan = JointPlanner.Plan(graph, devices, Solver, Options);
        Assert.True(plan.HasPlan, plan.Infeasible?.ToString());
        var (best, _, count) = BruteForce(graph, devices, Options, plan.SensitivityBudget);
        Assert.True(count > 0);
        AssertClose(best, plan.Totals!.LatencyNs);
        // The linearized objective equals the evaluator's: transfers and casts are exact.
        Assert.Single(plan.Solves);
        AssertClose(plan.Totals.LatencyNs, plan.Solves[0].Objective);
        Assert.Equal(0, plan.Gap, 6);
        Assert.Empty(FusionPlanChecker.Verify(graph, plan.Kernels.Select(k => k.Nodes).ToList()));
        Assert.Empty(plan.Totals.Violated);
        Assert.True(plan.Totals.MakespanNs > 0);
    }

    [Theory]
    [InlineData("chain", 0.0)]
    [InlineData("diamond", 0.5)]
    [InlineData("random2", 0.3)]
    public void TighterBudgetsStillMatchBruteForce(string name, double omegaFraction)
    {
        var graph = Make(name);
        var devices = Devices(gpuCapacity: 3 * 128 * 128 * 4);
        var loose = JointPlanner.Plan(graph, devices, Solver, Options);
        Assert.True(loose.HasPlan, loose.Infeasible?.ToString());
        var options = Options with
        {
            MaxSensitivity = loose.SensitivityBudget * omegaFraction,
            EnergyBudgetJoules = loose.Totals!.EnergyJoules * 1.05,
        };
        var plan = JointPlanner.Plan(graph, devices, Solver, options);
        var (best, _, _) = BruteForce(graph, devices, options, options.MaxSensitivity!.Value);
        if (double.IsPositiveInfinity(best))
        {
            Assert.NotNull(plan.Infeasible);
            return;
        }
        Assert.True(plan.HasPlan, plan.Infeasible?.ToString());
        AssertClose(best, plan.Totals!.LatencyNs);
        Assert.True(plan.Totals.Sensitivity <= options.MaxSensitivity.Value * (1 + 1e-6) + 1e-12);
        Assert.Empty(plan.Totals.Violated);
    }

    [Theory]
    [MemberData(nameof(Graphs))]
    public void JointIsNeverWorseThanRepresentableSequential(string name)
    {
        var plan = JointPlanner.Plan(Make(name), Devices(), Solver, Options);
        Assert.NotNull(plan.Sequential);
        var seq = plan.Sequential!;
        Assert.NotNull(seq.Totals);
        if (seq.Representable) Assert.True(plan.Totals!.LatencyNs <= seq.Totals!.LatencyNs * (1 + 1e-9), plan.Comparison);
        Assert.Contains("vs sequential", plan.Comparison);
        Assert.Empty(FusionPlanChecker.Verify(Make(name), seq.Kernels.Select(k => k.Nodes).ToList()));
    }

    [Fact]
    public void SequentialBaselineLeavesOpsItsDeviceCannotRunUnfused()
    {
        // An f64 stretch in an f32 chain: the host here runs f64, the test gpu lists none, so those ops run on the host only.
        const string F64 = "tensor<128x128xf64>";
        var graph = Function(
        [
            MatMul("%m1", "%x", "%y"), Add("%a", "%m1", "%x"),
            $"%e = arith.extf %a : {T} to {F64}", $"%s = math.exp %e : {F64}", $"%t = arith.truncf %s : {F64} to {T}",
            Mul("%b", "%t", "%y"),
        ], "%b");
        var host = Host();
        host.PeakFlops["f64"] = 1e11;
        IReadOnlyList<HwOpt.Planning.Partitioning.PartitionDevice> devices = [new(host, new HwOpt.CostModel.RooflineCostModel(host)), Devices()[1]];
        var table = HwOpt.Planning.Partitioning.DeviceCostTable.Build(graph, devices, "host-cpu");
        int gpuIndex = table.DeviceIndex("gpu");
        bool OnGpu(int v) => table.Supports(table.TaskOfNode(v), gpuIndex);
        Assert.Contains(graph.KernelNodes, v => !OnGpu(v));
        var plan = JointPlanner.Plan(graph, devices, Solver, Options);
        Assert.True(plan.Sequential is { Totals: not null }, plan.Infeasible?.ToString() + " | " + string.Join(" | ", plan.Notes) + " | " + string.Join(" | ", plan.Sequential?.Notes ?? []));
        var seq = plan.Sequential!;
        foreach (var kernel in seq.Kernels.Where(k => k.Nodes.Count > 1))
        {
            Assert.True(kernel.Nodes.All(OnGpu), $"kernel {string.Join(",", kernel.Nodes)} fuses an op the gpu cannot run");
        }
        Assert.Contains(seq.Kernels, k => k.Device == "gpu");
    }

    [Fact]
    public void PinsAreHonoured()
    {
        var graph = Chain();
        var nodes = graph.KernelNodes.ToArray();
        var options = Options with
        {
            DevicePins = new Dictionary<int, string> { [nodes[0]] = "host-cpu", [nodes[3]] = "gpu" },
            FormatPins = new Dictionary<int, NumericFormat> { [nodes[3]] = NumericFormat.Fp32 },
            NoFuse = new HashSet<int> { nodes[1] },
        };
        var plan = JointPlanner.Plan(graph, Devices(), Solver, options);
        Assert.True(plan.HasPlan, plan.Infeasible?.ToString());
        JointKernel Of(int v) => plan.Kernels.Single(k => k.Nodes.Contains(v));
        Assert.Equal("host-cpu", Of(nodes[0]).Device);
        Assert.Equal("gpu", Of(nodes[3]).Device);
        Assert.Equal("fp32", Of(nodes[3]).Format);
        Assert.Single(Of(nodes[1]).Nodes);
        var (best, _, _) = BruteForce(graph, Devices(), options, plan.SensitivityBudget);
        AssertClose(best, plan.Totals!.LatencyNs);
        Assert.All(graph.KernelNodes, v => Assert.True(plan.Decisions.ContainsKey(v)));
        Assert.True(plan.Totals.TransferNs > 0);
        AssertClose(plan.Totals.LatencyNs, plan.Solves[0].Objective);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(-1.0)] // default: 2 / the consumer device's memory bandwidth
    public void CastsBetweenKernelsAreCountedExactly(double nsPerByte)
    {
        var graph = Chain();
        var nodes = graph.KernelNodes.ToArray();
        var options = Options with
        {
            FormatPins = new Dictionary<int, NumericFormat> { [nodes[0]] = NumericFormat.Bf16, [nodes[3]] = NumericFormat.Fp32 },
            NoFuse = new HashSet<int> { nodes[0], nodes[3] },
            CastNsPerByte = nsPerByte < 0 ? null : nsPerByte,
        };
        var plan = JointPlanner.Plan(graph, Devices(), Solver, options);
        Assert.True(plan.HasPlan, plan.Infeasible?.ToString());
        Assert.True(plan.Totals!.CastNs > 0);
        AssertClose(plan.Totals.LatencyNs, plan.Solves[0].Objective);
        var (best, _, _) = BruteForce(graph, Devices(), options, plan.SensitivityBudget);
        AssertClose(best, plan.Totals.LatencyNs);
    }

    [Fact]
    public void InfeasibleBudgetsAreNamed()
    {
        var graph = Chain();
        var matmul = graph.KernelNodes.First();
        var pinned = Options with { FormatPins = new Dictionary<int, NumericFormat> { [matmul] = NumericFormat.Bf16 }, MaxSensitivity = 0 };
        Assert.Equal("budget.sensitivity", JointPlanner.Plan(graph, Devices(), Solver, pinned).Infeasible?.Constraint);

        var size = Options with { SizeBudgetBytes = 1000 };
        Assert.Equal("budget.size_bytes", JointPlanner.Plan(graph, Devices(), Solver, size).Infeasible?.Constraint);

        var energy = Options with { EnergyBudgetJoules = 1e-12 };
        var e = JointPlanner.Plan(graph, Devices(), Solver, energy);
        Assert.False(e.HasPlan);
        Assert.Equal("budget.energy_j", e.Infeasible?.Constraint);

        var memory = Options with { DevicePins = new Dictionary<int, string> { [matmul] = "gpu" } };
        Assert.Equal("mem[gpu]", JointPlanner.Plan(graph, Devices(gpuCapacity: 1000), Solver, memory).Infeasible?.Constraint);

        var badPin = Options with { FormatPins = new Dictionary<int, NumericFormat> { [graph.KernelNodes.ElementAt(1)] = NumericFormat.Bf16 } };
        Assert.StartsWith("pin[", JointPlanner.Plan(graph, Devices(), Solver, badPin).Infeasible?.Constraint);
    }

    [Fact]
    public void RowsThatConflictOnlyTogetherAreFoundByRelaxation()
    {
        // Ω budget 0 forces fp32; an energy budget between the energy bound with bf16 and the bound in fp32 passes the
        // checks of each budget alone, so the solver proves infeasibility and a row is named by dropping rows in turn.
        var graph = Chain();
        var devices = Devices(hostPeakWatts: 500);
        var groups = graph.KernelNodes.Select(v => new[] { v }).ToList();
        var p = JointProblem.Build(graph, HwOpt.Planning.Partitioning.DeviceCostTable.Build(graph, devices), devices, groups, Options);
        var all = Enumerable.Range(0, groups.Count).ToList();
        double any = JointChecks.EnergyLowerBound(p, all, (g, f, d) => true), fp32 = JointChecks.EnergyLowerBound(p, all, (g, f, d) => f == 0);
        Assert.True(fp32 > any);
        var options = Options with { MaxSensitivity = 0, EnergyBudgetJoules = (any + fp32) / 2, Fusion = new FusionOptions(MaxGroupSize: 1) };
        var plan = JointPlanner.Plan(graph, devices, Solver, options);
        Assert.False(plan.HasPlan);
        Assert.Contains(plan.Infeasible!.Constraint, new[] { "budget.sensitivity", "budget.energy_j" });
        Assert.Contains(plan.Solves, s => s.Problem.Contains("[without", StringComparison.Ordinal));
    }

    [Fact]
    public void RunsAreDeterministic()
    {
        var a = JointPlanner.Plan(Diamond(), Devices(), Solver, Options);
        var b = JointPlanner.Plan(Diamond(), Devices(), Solver, Options);
        static string Show(JointKernel k) => $"{string.Join(",", k.Nodes)} {k.KernelId} {k.Format} {k.Device} {k.PredictedNs} {k.Reason}";
        Assert.Equal(a.Kernels.Select(Show), b.Kernels.Select(Show));
        Assert.Equal(a.Decisions.Select(d => d.Value.Reason), b.Decisions.Select(d => d.Value.Reason));
        Assert.Equal(a.Totals!.LatencyNs, b.Totals!.LatencyNs);
    }

    [Fact]
    public void DecomposedGraphsStayLegalAndReportEachPiece()
    {
        var graph = RandomDag(7, 6);
        var options = Options with { Fusion = new FusionOptions(PieceSize: 3) };
        var plan = JointPlanner.Plan(graph, Devices(), Solver, options);
        Assert.True(plan.HasPlan, plan.Infeasible?.ToString());
        Assert.True(plan.Solves.Count >= 2);
        Assert.Empty(FusionPlanChecker.Verify(graph, plan.Kernels.Select(k => k.Nodes).ToList()));
        Assert.Empty(plan.Totals!.Violated);
        var (best, _, _) = BruteForce(graph, Devices(), Options, plan.SensitivityBudget);
        Assert.True(plan.Totals.LatencyNs >= best * (1 - 1e-9));
        Assert.True(plan.BestBoundNs <= plan.Totals.LatencyNs * (1 + 1e-9));
    }
}
