using HwOpt.Planning.Cbc;
using HwOpt.Planning.Milp;
using HwOpt.Planning.Partitioning;
using static HwOpt.Planning.Tests.Partitioning.PartitionTestSupport;

namespace HwOpt.Planning.Tests.Partitioning;

/// <summary>The MILP against brute force (all d^n assignments, n ≤ 8) on random DAGs with synthetic costs.</summary>
public sealed class PartitionBruteForceTests
{
    private static readonly CbcSolver Solver = new();

    private static PartitionOptions Exact(PartitionObjective objective) => new() { Objective = objective, RelativeGap = 1e-9, TimeLimitSeconds = 60 };

    public static TheoryData<int, int, PartitionObjective, double> Cases()
    {
        var data = new TheoryData<int, int, PartitionObjective, double>();
        foreach (var objective in Enum.GetValues<PartitionObjective>())
        {
            for (int seed = 1; seed <= 5; seed++) data.Add(seed, 4 + seed % 5, objective, seed % 2 == 0 ? 1.5e6 : 1e12);
        }
        return data;
    }

    /// <summary>The model's objective at any assignment equals the evaluator's figure, and the vector is feasible: the MILP and the brute force optimize the same function.</summary>
    [Theory]
    [InlineData(PartitionObjective.Latency)]
    [InlineData(PartitionObjective.Energy)]
    [InlineData(PartitionObjective.Price)]
    public void ModelObjectiveEqualsTheEvaluatorAtEveryAssignment(PartitionObjective objective)
    {
        var table = RandomTable(7, 6, ThreeDevices(npuCapacity: 1.5e6));
        var pm = PartitionModel.Build(table, objective, new Dictionary<int, int>(), memory: true);
        int checkedCount = 0;
        foreach (var a in AllAssignments(table))
        {
            var e = PlanEvaluator.Evaluate(table, a);
            var values = pm.ValuesFor(a);
            Assert.Equal(e.ModelValue(objective), pm.ToUnits(pm.Model.Evaluate(values)), 6);
            var violations = pm.Model.Violations(values);
            Assert.Equal(e.FitsMemory, violations.Count == 0);
            if (!e.FitsMemory) Assert.All(violations, v => Assert.StartsWith("mem[", v));
            checkedCount++;
        }
        Assert.True(checkedCount > 100);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MilpMatchesBruteForce(int seed, int n, PartitionObjective objective, double npuCapacity)
    {
        var table = RandomTable(seed, n, ThreeDevices(npuCapacity));
        var (best, _) = BruteForce(table, objective);
        var plan = PartitionPlanner.Plan(table, Solver, Exact(objective));
        Assert.Equal(SolveStatus.Optimal, plan.Status);
        Assert.NotNull(plan.Evaluation);
        double tolerance = 1e-6 * Math.Max(Math.Abs(best), 1e-12);
        Assert.InRange(plan.MilpObjective, best - tolerance, best + tolerance);
        if (plan.Source.StartsWith("milp", StringComparison.Ordinal) && !plan.Source.Contains("moves", StringComparison.Ordinal)) Assert.InRange(plan.Evaluation.ModelValue(objective), best - tolerance, best + tolerance);
        else Assert.Equal(PartitionObjective.Latency, objective);
        Assert.True(plan.Evaluation.FitsMemory);
        // The realized schedule can only be longer than the bound model of its assignment, which is ≥ the MILP optimum.
        Assert.True(plan.Evaluation.MakespanNs >= plan.Evaluation.MakespanBoundNs - 1e-6);
        Assert.True(plan.Evaluation.MakespanBoundNs >= plan.MilpBestBound - 1e-6);
        if (objective == PartitionObjective.Latency)
        {
            foreach (var b in plan.Baselines.Where(b => b.Evaluation.FitsMemory)) Assert.True(plan.Evaluation.MakespanNs <= b.Evaluation.MakespanNs + 1e-6, b.Name);
        }
        Assert.Equal(n, plan.DevicePerNode.Count);
        Assert.Equal(n, plan.Decisions.Count);
        Assert.All(plan.Decisions, d => Assert.False(string.IsNullOrWhiteSpace(d.Reason)));
        // The MILP optimum is never worse than any baseline that fits memory, by the MILP's own figure.
        foreach (var b in plan.Baselines.Where(b => b.Evaluation.FitsMemory))
        {
            Assert.True(plan.MilpObjective <= b.Evaluation.ModelValue(objective) + tolerance, b.Name);
        }
    }

    [Theory]
    [InlineData(3, PartitionObjective.Latency)]
    [InlineData(4, PartitionObjective.Energy)]
    [InlineData(5, PartitionObjective.Price)]
    public void PinsAreHonouredAndTheOptimumIsTheBruteForceOneUnderPins(int seed, PartitionObjective objective)
    {
        var table = RandomTable(seed, 7);
        // Pin task 1 to the host and the last task to the GPU (both can run anything in these tables).
        var pins = new Dictionary<int, int> { [1] = 0, [6] = 1 };
        var (best, _) = BruteForce(table, objective, pins);
        var plan = PartitionPlanner.Plan(table, Solver, Exact(objective) with { Pins = new Dictionary<int, string> { [1] = "host-cpu", [6] = "gpu" } });
        Assert.Equal("host-cpu", plan.DevicePerNode[1]);
        Assert.Equal("gpu", plan.DevicePerNode[6]);
        Assert.Equal(best, plan.MilpObjective, 6 - (int)Math.Ceiling(Math.Log10(Math.Max(1, Math.Abs(best)))));
        Assert.Contains("pin[op6]", plan.Decisions[6].Binding);
        Assert.StartsWith("pinned to gpu", plan.Decisions[6].Reason);
    }

    [Fact]
    public void SameInputSamePlan()
    {
        var table = RandomTable(11, 8);
        var a = PartitionPlanner.Plan(table, Solver, Exact(PartitionObjective.Latency));
        var b = PartitionPlanner.Plan(table, Solver, Exact(PartitionObjective.Latency));
        Assert.Equal(a.DevicePerNode, b.DevicePerNode);
        Assert.Equal(a.Decisions.Select(d => d.Reason), b.Decisions.Select(d => d.Reason));
        Assert.Equal(a.Evaluation!.MakespanNs, b.Evaluation!.MakespanNs);
        Assert.Equal(a.MilpObjective, b.MilpObjective);
    }
}
