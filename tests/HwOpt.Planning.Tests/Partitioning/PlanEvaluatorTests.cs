using HwOpt.Planning.Partitioning;
using static HwOpt.Planning.Tests.Partitioning.PartitionTestSupport;

namespace HwOpt.Planning.Tests.Partitioning;

/// <summary>The evaluator on cases computed by hand.</summary>
public sealed class PlanEvaluatorTests
{
    /// <summary>Host task 0 (10 ns) feeds GPU tasks 1 and 2 (50 ns each) with 1000 bytes each over a 1 byte/ns link with 100 ns latency.</summary>
    private static DeviceCostTable Fork()
    {
        var devices = new[] { Device("host-cpu", 2e10, 0, 5, 2, 0.2), Device("gpu", 1e9, 100, 300, 50, 3.6) };
        var latency = new double[,] { { 10, 10 }, { 500, 50 }, { 500, 50 } };
        return new DeviceCostTable(devices, 0, latency, null, [new TaskEdge(0, 1, 1000), new TaskEdge(0, 2, 1000)], [], [[], [], []], [1000, 10, 10]);
    }

    [Fact]
    public void TransfersShareTheLinkInTheRealizedScheduleButNotInTheCriticalPath()
    {
        var e = PlanEvaluator.Evaluate(Fork(), [0, 1, 1]);
        // Each transfer: 1000 B / 1 B/ns + 100 ns = 1100 ns (the host leg is free).
        Assert.Equal(10 + 1100 + 50, e.CriticalPathNs, 9);
        Assert.Equal(2200, e.LinkBusyNs[1], 9);
        Assert.Equal(2200, e.MakespanBoundNs, 9); // the link is the bottleneck
        // Realized: transfers 10..1110 and 1110..2210; task 1 at 1110..1160, task 2 at 2210..2260.
        Assert.Equal(2260, e.MakespanNs, 9);
        Assert.Equal(2200, e.TransferNs, 9);
        // Energy: kernels at peak power, each GPU leg at GPU idle power (50 W); price: 3.6 USD/h = 1e-12 USD/ns.
        Assert.Equal((10 * 5 + 100 * 300 + 2200 * 50) * 1e-9, e.EnergyJoules, 15);
        Assert.Equal(10 * 0.2 / 3.6e12 + (100 + 2200) * 1e-12, e.PriceUsd, 1e-20);
    }

    [Fact]
    public void DeviceLoadBoundsTheMakespanWhenEverythingIsOnOneDevice()
    {
        var e = PlanEvaluator.Evaluate(Fork(), [0, 0, 0]);
        Assert.Equal(1010, e.MakespanNs, 9);
        Assert.Equal(1010, e.MakespanBoundNs, 9);
        Assert.Equal(510, e.CriticalPathNs, 9);
        Assert.Equal([3, 0], e.TasksPerDevice);
    }

    [Fact]
    public void LiveSetsFollowLastUses()
    {
        var devices = new[] { Device("host-cpu", 2e10, 0, 5, 2, 0.2) };
        var latency = new double[3, 1];
        var chain = new DeviceCostTable(devices, 0, latency, null, [new TaskEdge(0, 1, 1), new TaskEdge(1, 2, 1)], [], [[], [], []], [100, 20, 3]);
        Assert.Equal([[0, 1], [1, 2]], PlanEvaluator.LiveSets(chain));
        var skip = new DeviceCostTable(devices, 0, latency, null, [new TaskEdge(0, 1, 1), new TaskEdge(0, 2, 1), new TaskEdge(1, 2, 1)], [7], [[0], [0], []], [100, 20, 3]);
        Assert.Equal([[0, 1, 2]], PlanEvaluator.LiveSets(skip));
        // Memory: the shared weight once, plus the largest live set.
        Assert.Equal(7 + 123, PlanEvaluator.MemoryBytes(skip, [0, 0, 0])[0]);
    }
}
