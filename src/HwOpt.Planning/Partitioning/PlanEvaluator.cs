namespace HwOpt.Planning.Partitioning;

/// <summary>The figures of one assignment of tasks to devices, computed by the same evaluator for every plan.</summary>
/// <param name="MakespanNs">Makespan of the realized list schedule, ns.</param>
/// <param name="MakespanBoundNs">The MILP's latency model of this assignment, ns: max(critical path, busiest device, busiest link) — a lower bound on any schedule.</param>
/// <param name="CriticalPathNs">Longest path of kernel and transfer times, ns.</param>
/// <param name="BusyNs">Per device, total kernel time, ns.</param>
/// <param name="LinkBusyNs">Per device, total time of the link legs on its link, ns (0 for the host).</param>
/// <param name="TransferNs">Sum of the times of all cross-device transfers (edges), ns.</param>
/// <param name="EnergyJoules">Kernel energy plus link legs, J.</param>
/// <param name="PriceUsd">Device time × price, USD.</param>
/// <param name="MemoryBytes">Per device, weights read there plus the peak-live-activation estimate, bytes.</param>
/// <param name="TasksPerDevice">Per device, kernels placed there.</param>
/// <param name="OverCapacity">Names (<c>mem[device]</c>) of the devices whose capacity the assignment exceeds.</param>
public sealed record PlanEvaluation(
    double MakespanNs, double MakespanBoundNs, double CriticalPathNs, IReadOnlyList<double> BusyNs, IReadOnlyList<double> LinkBusyNs, double TransferNs,
    double EnergyJoules, double PriceUsd, IReadOnlyList<double> MemoryBytes, IReadOnlyList<int> TasksPerDevice,
    IReadOnlyList<string> OverCapacity)
{
    /// <summary>True when every device holds its share.</summary>
    public bool FitsMemory => OverCapacity.Count == 0;

    /// <summary>The figure a user compares for an objective: realized makespan (ns), energy (J) or price (USD).</summary>
    public double Value(PartitionObjective objective) => objective switch
    {
        PartitionObjective.Energy => EnergyJoules,
        PartitionObjective.Price => PriceUsd,
        _ => MakespanNs,
    };

    /// <summary>The figure the MILP minimizes: makespan bound (ns), energy (J) or price (USD).</summary>
    public double ModelValue(PartitionObjective objective) => objective == PartitionObjective.Latency ? MakespanBoundNs : Value(objective);
}

/// <summary>
/// Evaluates an assignment (device per task). Latency bound: earliest start times in task order (a topological
/// order), <c>s_v = max_u (s_u + dur_u + transfer_uv)</c>, critical path = max finish; bound = max(critical path,
/// max device busy time, max link busy time). Realized makespan: a list schedule — each device runs one kernel at a
/// time and each link carries one transfer at a time; a task becomes ready when its producers are done; among ready
/// tasks the one with the smallest priority (ties: task index) starts next on its device, at max(device free, data
/// arrival); when it is placed, its outgoing cross-device transfers are queued on the links of their non-host ends
/// (a transfer holds both links for its whole time). Memory: distinct weights read on the device plus the peak live
/// activations of <see cref="LiveSets"/>.
/// </summary>
internal static class PlanEvaluator
{
    /// <summary>All figures; <paramref name="priority"/> null: earliest start times of the bound model.</summary>
    public static PlanEvaluation Evaluate(DeviceCostTable table, IReadOnlyList<int> device, IReadOnlyList<double>? priority = null)
    {
        var (start, critical) = EarliestStarts(table, device);
        var busy = new double[table.DeviceCount];
        var count = new int[table.DeviceCount];
        var link = new double[table.DeviceCount];
        double energy = 0, price = 0, transfer = 0;
        for (int t = 0; t < table.TaskCount; t++)
        {
            int d = device[t];
            busy[d] += table.LatencyNs(t, d);
            count[d]++;
            energy += table.EnergyJoules(t, d);
            price += table.PriceUsd(t, d);
        }
        foreach (var e in table.Edges)
        {
            int a = device[e.From], b = device[e.To];
            if (a == b) continue;
            transfer += table.TransferNs(e.Bytes, a, b);
            link[a] += table.LegNs(e.Bytes, a);
            link[b] += table.LegNs(e.Bytes, b);
            energy += table.LegEnergyJoules(e.Bytes, a) + table.LegEnergyJoules(e.Bytes, b);
            price += table.LegPriceUsd(e.Bytes, a) + table.LegPriceUsd(e.Bytes, b);
        }
        double makespan = ListSchedule(table, device, priority ?? start);
        var memory = MemoryBytes(table, device);
        var over = Enumerable.Range(0, table.DeviceCount)
            .Where(d => memory[d] > table.Devices[d].Memory.CapacityBytes)
            .Select(d => PartitionModel.MemRow(table, d)).ToArray();
        double bound = Math.Max(critical, Math.Max(busy.Max(), link.Max()));
        return new PlanEvaluation(makespan, bound, critical, busy, link, transfer, energy, price, memory, count, over);
    }

    /// <summary>Earliest start of each task (ns) with unlimited devices, and the critical path length (ns).</summary>
    public static (double[] Start, double CriticalPath) EarliestStarts(DeviceCostTable table, IReadOnlyList<int> device)
    {
        var start = new double[table.TaskCount];
        double critical = 0;
        for (int v = 0; v < table.TaskCount; v++)
        {
            foreach (int ei in table.InEdges(v))
            {
                var e = table.Edges[ei];
                double ready = start[e.From] + table.LatencyNs(e.From, device[e.From]) + table.TransferNs(e.Bytes, device[e.From], device[v]);
                start[v] = Math.Max(start[v], ready);
            }
            critical = Math.Max(critical, start[v] + table.LatencyNs(v, device[v]));
        }
        return (start, critical);
    }

    /// <summary>Makespan of the list schedule described in the class note, ns.</summary>
    public static double ListSchedule(DeviceCostTable table, IReadOnlyList<int> device, IReadOnlyList<double> priority)
    {
        int n = table.TaskCount;
        var waiting = new int[n];
        var ready = new PriorityQueue<int, (double, int)>();
        for (int t = 0; t < n; t++)
        {
            waiting[t] = table.InEdges(t).Length;
            if (waiting[t] == 0) ready.Enqueue(t, (priority[t], t));
        }
        var finish = new double[n];
        var arrival = new double[table.Edges.Count];
        var free = new double[table.DeviceCount];
        var linkFree = new double[table.DeviceCount];
        double makespan = 0;
        while (ready.TryDequeue(out int v, out _))
        {
            int d = device[v];
            double start = free[d];
            foreach (int ei in table.InEdges(v)) start = Math.Max(start, arrival[ei]);
            finish[v] = start + table.LatencyNs(v, d);
            free[d] = finish[v];
            makespan = Math.Max(makespan, finish[v]);
            foreach (int ei in table.OutEdges(v))
            {
                var e = table.Edges[ei];
                int to = device[e.To];
                arrival[ei] = finish[v];
                if (to != d)
                {
                    double begin = Math.Max(finish[v], Math.Max(d == table.Host ? 0 : linkFree[d], to == table.Host ? 0 : linkFree[to]));
                    arrival[ei] = begin + table.TransferNs(e.Bytes, d, to);
                    if (d != table.Host) linkFree[d] = arrival[ei];
                    if (to != table.Host) linkFree[to] = arrival[ei];
                    makespan = Math.Max(makespan, arrival[ei]);
                }
                if (--waiting[e.To] == 0) ready.Enqueue(e.To, (priority[e.To], e.To));
            }
        }
        return makespan;
    }

    /// <summary>Per device: distinct weights read there plus the largest live-activation set (<see cref="LiveSets"/>) placed there, bytes.</summary>
    /// <param name="table">Costs.</param>
    /// <param name="device">Device per task; a negative entry leaves the task out (a partial assignment).</param>
    public static double[] MemoryBytes(DeviceCostTable table, IReadOnlyList<int> device)
    {
        var memory = new double[table.DeviceCount];
        var counted = new HashSet<(int Weight, int Device)>();
        for (int t = 0; t < table.TaskCount; t++)
        {
            if (device[t] < 0) continue;
            foreach (int w in table.WeightsRead[t])
            {
                if (counted.Add((w, device[t]))) memory[device[t]] += table.WeightBytes[w];
            }
        }
        var peak = new double[table.DeviceCount];
        foreach (var live in table.LiveSets)
        {
            var sum = new double[table.DeviceCount];
            foreach (int t in live)
            {
                if (device[t] >= 0) sum[device[t]] += table.OutputBytes[t];
            }
            for (int d = 0; d < peak.Length; d++) peak[d] = Math.Max(peak[d], sum[d]);
        }
        for (int d = 0; d < memory.Length; d++) memory[d] += peak[d];
        return memory;
    }

    /// <summary>
    /// Peak-live-activation estimate: run the tasks in program order; the result of task t is live from t to its last
    /// consumer (to t itself when it has none). Live set p = results live while task p runs (its inputs and its output).
    /// Only the sets where some result dies are returned (the others are contained in the next one). The estimate
    /// ignores buffer reuse inside a kernel and copies received from other devices.
    /// </summary>
    public static IReadOnlyList<int[]> LiveSets(DeviceCostTable table)
    {
        int n = table.TaskCount;
        var last = Enumerable.Range(0, n).ToArray();
        foreach (var e in table.Edges) last[e.From] = Math.Max(last[e.From], e.To);
        var sets = new List<int[]>();
        for (int p = 0; p < n; p++)
        {
            bool dies = Enumerable.Range(0, p + 1).Any(t => last[t] == p);
            if (!dies) continue;
            sets.Add(Enumerable.Range(0, p + 1).Where(t => last[t] >= p).ToArray());
        }
        return sets;
    }
}
