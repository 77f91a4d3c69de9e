namespace HwOpt.Planning.Partitioning;

/// <summary>
/// Repairs what the latency MILP cannot see: its bound model ignores the order in which a device and a link serve
/// their kernels and transfers, so the realized schedule of its assignment can be improved by single-op moves.
/// First-improvement local search: tasks in index order, devices in index order; a move (one unpinned task to another
/// device that can run it) is kept when the realized makespan (list schedule, earliest-start priorities) drops by
/// more than 1e-9 relative and memory still fits. At most <c>passes</c> sweeps; deterministic.
/// </summary>
internal static class LocalMoves
{
    /// <summary>The improved assignment and its evaluation, and how many moves were kept.</summary>
    public static (int[] Device, PlanEvaluation Evaluation, int Moves) Improve(
        DeviceCostTable table, int[] start, IReadOnlyDictionary<int, int> pins, bool enforceMemory, int passes = 3)
    {
        var device = (int[])start.Clone();
        var best = PlanEvaluator.Evaluate(table, device);
        int moves = 0;
        for (int pass = 0; pass < passes; pass++)
        {
            bool improved = false;
            for (int t = 0; t < table.TaskCount; t++)
            {
                if (pins.ContainsKey(t)) continue;
                int original = device[t];
                for (int d = 0; d < table.DeviceCount; d++)
                {
                    if (d == original || !table.Supports(t, d)) continue;
                    device[t] = d;
                    var e = PlanEvaluator.Evaluate(table, device);
                    if (e.MakespanNs < best.MakespanNs * (1 - 1e-9) && (!enforceMemory || e.FitsMemory))
                    {
                        (best, original, improved) = (e, d, true);
                        moves++;
                    }
                }
                device[t] = original;
            }
            if (!improved) break;
        }
        return (device, best, moves);
    }
}
