using HwOpt.Planning.Cbc;
using HwOpt.Planning.Milp;
using HwOpt.Planning.Partitioning;
using static HwOpt.Planning.Tests.Partitioning.PartitionTestSupport;

namespace HwOpt.Planning.Tests.Partitioning;

/// <summary>Infeasible problems end in a plan naming the constraint that cannot be met.</summary>
public sealed class PartitionInfeasibilityTests
{
    private static readonly CbcSolver Solver = new();

    [Fact]
    public void PinToADeviceThatCannotRunTheOpIsNamed()
    {
        var table = RandomTable(2, 6);
        int task = Enumerable.Range(0, 6).First(t => !table.Supports(t, 2));
        var plan = PartitionPlanner.Plan(table, Solver, new PartitionOptions { Pins = new Dictionary<int, string> { [task] = "npu" } });
        Assert.Equal(SolveStatus.Infeasible, plan.Status);
        Assert.Equal($"pin[op{task}]", plan.Conflict!.Constraint);
        Assert.Contains("cannot run it", plan.Conflict.Reason);
        Assert.False(plan.HasPlan);
    }

    [Fact]
    public void PinToAnUnknownDeviceIsNamed()
    {
        var plan = PartitionPlanner.Plan(RandomTable(2, 4), Solver, new PartitionOptions { Pins = new Dictionary<int, string> { [3] = "tpu" } });
        Assert.Equal("pin[op3]", plan.Conflict!.Constraint);
        Assert.Contains("'tpu'", plan.Conflict.Reason);
    }

    [Fact]
    public void ForcedOpsOverTheCapacityAreNamedBeforeSolving()
    {
        // Pin two tasks to the NPU whose memory holds 100 bytes.
        var table = RandomTable(3, 6, ThreeDevices(npuCapacity: 100));
        var npuTasks = Enumerable.Range(0, 6).Where(t => table.Supports(t, 2)).Take(2).ToArray();
        var plan = PartitionPlanner.Plan(table, Solver, new PartitionOptions { Pins = npuTasks.ToDictionary(t => t, _ => "npu") });
        Assert.Equal("mem[npu]", plan.Conflict!.Constraint);
        Assert.Empty(plan.Solver); // found up front
    }

    [Fact]
    public void PinnedOpsOverTheHostCapacityAreNamedAndUnpinnedTheyFit()
    {
        // Two devices that both run everything; the host holds 1.5 MB, and the weights
        // read by pinned tasks exceed the host: the up-front check names the row.
        var devices = new[] { Device("host-cpu", 2e10, 0, 5, 2, 0.2, capacityBytes: 1.5e6), Device("gpu", 1e9, 3000, 300, 50, 3.5, capacityBytes: 1e12) };
        var latency = new double[4, 2];
        for (int t = 0; t < 4; t++) (latency[t, 0], latency[t, 1]) = (1000, 5000);
        var table = new DeviceCostTable(devices, 0, latency, null,
            [new TaskEdge(0, 1, 10), new TaskEdge(1, 2, 10), new TaskEdge(2, 3, 10)],
            [1_000_000, 1_000_000], [[0], [1], [0], [1]], [10, 10, 10, 10]);
        // Pin tasks 0 and 1 to the host: their two weights (2 MB) exceed its 1.5 MB.
        var plan = PartitionPlanner.Plan(table, Solver, new PartitionOptions { Pins = new Dictionary<int, string> { [0] = "host-cpu", [1] = "host-cpu" } });
        Assert.Equal("mem[host-cpu]", plan.Conflict!.Constraint);

        // Without pins the GPU takes one of the weights' readers: feasible.
        var free = PartitionPlanner.Plan(table, Solver, new PartitionOptions());
        Assert.True(free.HasPlan);
        Assert.True(free.Evaluation!.FitsMemory);
        Assert.Contains("gpu", free.DevicePerNode);
    }

    [Fact]
    public void InfeasibilityProvenBySolverNamesTheRelaxedRow()
    {
        // Host holds 1.5 MB, GPU 1.5 MB; four tasks read four 1 MB weights, two per device would fit only if each
        // device reads two distinct weights — 2 MB each: infeasible, found only by the solver (no op is forced).
        var devices = new[] { Device("host-cpu", 2e10, 0, 5, 2, 0.2, capacityBytes: 1.5e6), Device("gpu", 1e9, 3000, 300, 50, 3.5, capacityBytes: 2.5e6) };
        var latency = new double[4, 2];
        for (int t = 0; t < 4; t++) (latency[t, 0], latency[t, 1]) = (1000, 5000);
        var table = new DeviceCostTable(devices, 0, latency, null, [], [1_000_000, 1_000_000, 1_000_000, 1_000_000], [[0], [1], [2], [3]], [10, 10, 10, 10]);
        var plan = PartitionPlanner.Plan(table, Solver, new PartitionOptions());
        Assert.Equal(SolveStatus.Infeasible, plan.Status);
        Assert.StartsWith("mem[", plan.Conflict!.Constraint);
        Assert.True(plan.Solver.Count >= 2);
        Assert.Equal("partition", plan.Solver[0].Problem);
    }

    [Fact]
    public void AnOpNoDeviceRunsIsNamed()
    {
        var devices = ThreeDevices();
        var latency = new double[2, 3];
        for (int d = 0; d < 3; d++) (latency[0, d], latency[1, d]) = (100, double.PositiveInfinity);
        var table = new DeviceCostTable(devices, 0, latency, null, [], [], [[], []], [0, 0]);
        var plan = PartitionPlanner.Plan(table, Solver, new PartitionOptions());
        Assert.Equal("assign[op1]", plan.Conflict!.Constraint);
    }
}
