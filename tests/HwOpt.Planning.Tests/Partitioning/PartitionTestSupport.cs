using HwOpt.CostModel.Devices;
using HwOpt.Diagnostics;
using HwOpt.Planning.Partitioning;
using HwOpt.Syntax;

namespace HwOpt.Planning.Tests.Partitioning;

/// <summary>Synthetic devices and graphs, and the brute-force reference the MILP is checked against.</summary>
internal static class PartitionTestSupport
{
    public static DeviceProfile Device(string name, double linkBytesPerS, double linkLatencyNs, double peakWatts, double idleWatts, double? pricePerHour, double capacityBytes = 1e12) => new()
    {
        Name = name,
        Kind = name.StartsWith("host", StringComparison.Ordinal) ? "cpu" : "gpu",
        PeakFlops = new(StringComparer.Ordinal) { ["f32"] = 1e12 },
        Memory = new MemorySpec { BandwidthBytesPerS = 1e11, CapacityBytes = capacityBytes },
        Link = new LinkSpec { Name = "test", BandwidthBytesPerS = linkBytesPerS, LatencyNs = linkLatencyNs },
        Power = new PowerSpec { IdleWatts = idleWatts, PeakWatts = peakWatts },
        PricePerHourUsd = pricePerHour,
    };

    /// <summary>Three devices: a host, a fast expensive GPU, a slow frugal NPU that runs only some tasks.</summary>
    public static DeviceProfile[] ThreeDevices(double npuCapacity = 1e12) =>
    [
        Device("host-cpu", 2e10, 0, 5, 2, 0.2),
        Device("gpu", 1e9, 3000, 300, 50, 3.5),
        Device("npu", 5e8, 2000, 2, 0.5, 0.001, npuCapacity),
    ];

    /// <summary>A random DAG of <paramref name="n"/> tasks (edges only forward), random latencies; about a third of the tasks cannot run on the NPU.</summary>
    public static DeviceCostTable RandomTable(int seed, int n, DeviceProfile[]? devices = null)
    {
        var rng = new Random(seed);
        devices ??= ThreeDevices();
        var latency = new double[n, devices.Length];
        for (int t = 0; t < n; t++)
        {
            double work = rng.Next(1, 200) * 1000.0;
            latency[t, 0] = work;
            latency[t, 1] = work * rng.Next(1, 30) / 10.0 + 2000;
            if (devices.Length > 2) latency[t, 2] = rng.Next(3) == 0 ? double.PositiveInfinity : work * rng.Next(2, 15) / 10.0;
        }
        var edges = new List<TaskEdge>();
        for (int v = 1; v < n; v++)
        {
            int preds = rng.Next(0, 3);
            foreach (int u in Enumerable.Range(0, preds).Select(_ => rng.Next(v)).Distinct()) edges.Add(new TaskEdge(u, v, rng.Next(0, 4) * 20_000L));
        }
        var weights = Enumerable.Range(0, n).Select(_ => (long)rng.Next(1, 100) * 10_000).ToArray();
        var reads = Enumerable.Range(0, n).Select(t => (IReadOnlyList<int>)[t, rng.Next(n)]).ToArray();
        var outputs = Enumerable.Range(0, n).Select(_ => (long)rng.Next(1, 50) * 10_000).ToArray();
        return new DeviceCostTable(devices, 0, latency, null, edges, weights, reads, outputs);
    }

    /// <summary>Every assignment of tasks to devices that can run them (d^n, n ≤ 8), with pins applied.</summary>
    public static IEnumerable<int[]> AllAssignments(DeviceCostTable table, IReadOnlyDictionary<int, int>? pins = null)
    {
        var choices = Enumerable.Range(0, table.TaskCount)
            .Select(t => pins is not null && pins.TryGetValue(t, out int p) ? [p] : Enumerable.Range(0, table.DeviceCount).Where(d => table.Supports(t, d)).ToArray())
            .ToArray();
        var current = new int[table.TaskCount];
        IEnumerable<int[]> Recurse(int t)
        {
            if (t == current.Length)
            {
                yield return (int[])current.Clone();
                yield break;
            }
            foreach (int d in choices[t])
            {
                current[t] = d;
                foreach (var a in Recurse(t + 1)) yield return a;
            }
        }
        return Recurse(0);
    }

    /// <summary>Brute-force optimum of the MILP's objective (makespan bound for latency) over memory-feasible assignments.</summary>
    public static (double Value, int[]? Best) BruteForce(DeviceCostTable table, PartitionObjective objective, IReadOnlyDictionary<int, int>? pins = null)
    {
        double best = double.PositiveInfinity;
        int[]? arg = null;
        foreach (var a in AllAssignments(table, pins))
        {
            var e = PlanEvaluator.Evaluate(table, a);
            if (!e.FitsMemory) continue;
            double v = e.ModelValue(objective);
            if (v < best) (best, arg) = (v, a);
        }
        return (best, arg);
    }

    public static PlanGraph Graph(string text, string name = "test.mlir")
    {
        var result = MlirParser.Parse(new SourceText(name, text));
        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics.Select(d => d.Message)));
        return PlanGraph.FromModule(result.Module!, name);
    }

    public static DeviceProfile Catalog(string name)
    {
        var diags = new DiagnosticBag();
        var profile = DeviceCatalog.Load(name, diags);
        Assert.NotNull(profile);
        return profile;
    }
}
