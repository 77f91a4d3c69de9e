namespace HwOpt.Planning.Partitioning;

/// <summary>
/// The plans a partition is compared with, all evaluated by <see cref="PlanEvaluator"/> (list schedule with
/// transfers), so their figures compare with the MILP plan's:
/// <list type="bullet">
/// <item><c>single:DEV</c> — every kernel on DEV, the ones DEV cannot run fall back to the host (what "run the model
/// on the GPU" does).</item>
/// <item><c>greedy:A&gt;B&gt;host</c> — ONNX Runtime's execution-provider assignment: each kernel goes to the first
/// device in the preference order that can run it, ignoring transfers and memory.</item>
/// </list>
/// Baselines ignore pins.
/// </summary>
internal static class PartitionBaselines
{
    /// <summary>The single-device plans (table order) and the greedy plan.</summary>
    public static IReadOnlyList<BaselinePlan> All(DeviceCostTable table, PartitionOptions options)
    {
        var plans = new List<BaselinePlan>();
        for (int d = 0; d < table.DeviceCount; d++)
        {
            var device = SingleDevice(table, d);
            if (device is null) continue;
            plans.Add(new BaselinePlan("single:" + table.Devices[d].Name, device, PlanEvaluator.Evaluate(table, device)));
        }
        var order = GreedyOrder(table, options);
        var greedy = Greedy(table, order);
        if (greedy is not null)
        {
            plans.Add(new BaselinePlan("greedy:" + string.Join(">", order.Select(d => table.Devices[d].Name)), greedy, PlanEvaluator.Evaluate(table, greedy)));
        }
        return plans;
    }

    /// <summary>Every task on the device, unsupported ones on the host; null when the host cannot run one of those either.</summary>
    public static int[]? SingleDevice(DeviceCostTable table, int device)
    {
        var result = new int[table.TaskCount];
        for (int t = 0; t < result.Length; t++)
        {
            result[t] = table.Supports(t, device) ? device : table.Host;
            if (!table.Supports(t, result[t])) return null;
        }
        return result;
    }

    /// <summary>Each task on the first device of the order that can run it; null when none can run some task.</summary>
    public static int[]? Greedy(DeviceCostTable table, IReadOnlyList<int> order)
    {
        var result = new int[table.TaskCount];
        for (int t = 0; t < result.Length; t++)
        {
            int pick = order.FirstOrDefault(d => table.Supports(t, d), -1);
            if (pick < 0) return null;
            result[t] = pick;
        }
        return result;
    }

    /// <summary>The greedy preference order: the option's names (unknown ones skipped), else the non-host devices in table order; the host is appended when missing.</summary>
    public static IReadOnlyList<int> GreedyOrder(DeviceCostTable table, PartitionOptions options)
    {
        var order = options.GreedyOrder is { } names
            ? names.Select(table.DeviceIndex).Where(d => d >= 0).Distinct().ToList()
            : Enumerable.Range(0, table.DeviceCount).Where(d => d != table.Host).ToList();
        if (!order.Contains(table.Host)) order.Add(table.Host);
        return order;
    }
}
