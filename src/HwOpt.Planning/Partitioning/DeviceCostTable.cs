using System.Globalization;
using HwOpt.CostModel.Devices;

namespace HwOpt.Planning.Partitioning;

/// <summary>A data dependence between two kernel tasks of a <see cref="DeviceCostTable"/>.</summary>
/// <param name="From">Producing task (index into the table's tasks); always &lt; <paramref name="To"/>.</param>
/// <param name="To">Consuming task.</param>
/// <param name="Bytes">Bytes the consumer reads from the producer (sum over distinct values), ≥ 0.</param>
public readonly record struct TaskEdge(int From, int To, long Bytes);

/// <summary>
/// What the partitioner knows: the kernel nodes of a graph as <em>tasks</em> (program order, which is a topological
/// order), the data edges between them, the weights (function arguments and constants) each reads, the bytes each
/// produces, and per (task, device) the predicted latency or the reason the device cannot run it. Energy and price
/// derive from the device profiles: energy = <see cref="DeviceProfile.EnergyJoules"/> (peak power × busy time), price =
/// <see cref="DeviceProfile.PricePerHourUsd"/> × time (an unknown price counts as 0). Non-kernel nodes (constants,
/// views, terminators) are not tasks: they cost nothing and follow their users.
/// <para>
/// Transfers: every device other than the host talks to the host over its <see cref="DeviceProfile.Link"/>, so moving
/// <c>b</c> bytes from device <c>a</c> to device <c>c ≠ a</c> costs one <em>leg</em> per non-host end, a leg on device
/// <c>d</c> being <c>b / link bandwidth(d) + link latency(d)</c> ns (accelerator to accelerator goes through the host:
/// two legs). While a leg runs, its device draws idle power and is paid for.
/// </para>
/// Build one from a <see cref="PlanGraph"/> with <see cref="Build"/>, or directly (tests, synthetic graphs) with the
/// constructor.
/// </summary>
public sealed partial class DeviceCostTable
{
    private readonly double[,] _latencyNs;
    private readonly string?[,] _unsupported;
    private readonly int[][] _inEdges;
    private readonly int[][] _outEdges;
    private IReadOnlyList<int[]>? _liveSets;
    private readonly Dictionary<int, int> _taskOfNode = [];

    /// <summary>Device profiles, in the table's device order (index = device index).</summary>
    public IReadOnlyList<DeviceProfile> Devices { get; }

    /// <summary>Index of the host device (the end of every link; opaque ops run there).</summary>
    public int Host { get; }

    /// <summary>Graph node of each task (for a table built from a <see cref="PlanGraph"/>: the kernel node index).</summary>
    public IReadOnlyList<int> Nodes { get; }

    /// <summary>Display label of each task, e.g. <c>op12 linalg.matmul</c>.</summary>
    public IReadOnlyList<string> Labels { get; }

    /// <summary>Data edges between tasks, producer index &lt; consumer index.</summary>
    public IReadOnlyList<TaskEdge> Edges { get; }

    /// <summary>Size of each weight (a function argument or a constant read by some task), bytes.</summary>
    public IReadOnlyList<long> WeightBytes { get; }

    /// <summary>Per task, the indices of the weights it reads (into <see cref="WeightBytes"/>), ascending.</summary>
    public IReadOnlyList<IReadOnlyList<int>> WeightsRead { get; }

    /// <summary>Per task, the bytes of its results (activations it produces).</summary>
    public IReadOnlyList<long> OutputBytes { get; }

    /// <summary>Number of tasks.</summary>
    public int TaskCount => Nodes.Count;

    /// <summary>Number of devices.</summary>
    public int DeviceCount => Devices.Count;

    /// <summary>Creates a table from its parts (synthetic graphs and tests; <see cref="Build"/> for a real graph).</summary>
    /// <param name="devices">Device profiles (names unique).</param>
    /// <param name="host">Index of the host device.</param>
    /// <param name="latencyNs">[task, device] latency, ns; <see cref="double.PositiveInfinity"/> when the device cannot run the task.</param>
    /// <param name="unsupported">[task, device] reason the device cannot run the task, or null; a missing reason for an infinite latency reads "not supported".</param>
    /// <param name="edges">Data edges, each with From &lt; To.</param>
    /// <param name="weightBytes">Bytes of each weight.</param>
    /// <param name="weightsRead">Per task, weights read.</param>
    /// <param name="outputBytes">Per task, bytes produced.</param>
    /// <param name="nodes">Graph node per task; null for 0..n-1.</param>
    /// <param name="labels">Label per task; null for <c>op{node}</c>.</param>
    /// <exception cref="ArgumentException">Sizes disagree, an edge is not forward, a latency is negative or NaN, or a name repeats.</exception>
    public DeviceCostTable(
        IReadOnlyList<DeviceProfile> devices, int host, double[,] latencyNs, string?[,]? unsupported,
        IReadOnlyList<TaskEdge> edges, IReadOnlyList<long> weightBytes, IReadOnlyList<IReadOnlyList<int>> weightsRead,
        IReadOnlyList<long> outputBytes, IReadOnlyList<int>? nodes = null, IReadOnlyList<string>? labels = null)
    {
        int n = latencyNs.GetLength(0);
        if (latencyNs.GetLength(1) != devices.Count) throw new ArgumentException("latency table has the wrong number of devices");
        if ((uint)host >= (uint)devices.Count) throw new ArgumentException($"host index {host} is not a device");
        if (devices.Select(d => d.Name).Distinct(StringComparer.Ordinal).Count() != devices.Count) throw new ArgumentException("device names repeat");
        if (weightsRead.Count != n || outputBytes.Count != n || nodes is { } nd && nd.Count != n || labels is { } lb && lb.Count != n)
        {
            throw new ArgumentException("per-task lists must have one entry per task");
        }
        foreach (var e in edges)
        {
            if (e.From < 0 || e.From >= e.To || e.To >= n || e.Bytes < 0) throw new ArgumentException($"edge {e} is not a forward edge between tasks with bytes ≥ 0");
        }
        if (weightsRead.SelectMany(w => w).Any(w => (uint)w >= (uint)weightBytes.Count)) throw new ArgumentException("a task reads an unknown weight");
        _latencyNs = (double[,])latencyNs.Clone();
        _unsupported = new string?[n, devices.Count];
        for (int t = 0; t < n; t++)
        {
            for (int d = 0; d < devices.Count; d++)
            {
                double l = latencyNs[t, d];
                if (double.IsNaN(l) || l < 0) throw new ArgumentException($"latency of task {t} on device {d} is {l}");
                if (!double.IsFinite(l)) _unsupported[t, d] = unsupported?[t, d] ?? $"{devices[d].Name}: not supported";
            }
        }
        Devices = devices;
        Host = host;
        Nodes = nodes ?? Enumerable.Range(0, n).ToArray();
        Labels = labels ?? Nodes.Select(v => "op" + v.ToString(CultureInfo.InvariantCulture)).ToArray();
        Edges = edges.OrderBy(e => e.To).ThenBy(e => e.From).ToArray();
        WeightBytes = weightBytes;
        WeightsRead = weightsRead.Select(w => (IReadOnlyList<int>)w.Distinct().Order().ToArray()).ToArray();
        OutputBytes = outputBytes;
        _inEdges = Group(n, Edges, e => e.To);
        _outEdges = Group(n, Edges, e => e.From);
        for (int t = 0; t < Nodes.Count; t++) _taskOfNode.TryAdd(Nodes[t], t);
    }

    /// <summary>Index of a device by name, or -1.</summary>
    public int DeviceIndex(string name)
    {
        for (int d = 0; d < Devices.Count; d++)
        {
            if (string.Equals(Devices[d].Name, name, StringComparison.Ordinal)) return d;
        }
        return -1;
    }

    /// <summary>Index of the task of a graph node, or -1 when the node is not a task.</summary>
    public int TaskOfNode(int node) => _taskOfNode.GetValueOrDefault(node, -1);

    /// <summary>Predicted latency of a task on a device, ns; <see cref="double.PositiveInfinity"/> when unsupported.</summary>
    public double LatencyNs(int task, int device) => _latencyNs[task, device];

    /// <summary>Why the device cannot run the task, or null when it can.</summary>
    public string? Unsupported(int task, int device) => _unsupported[task, device];

    /// <summary>True when the device can run the task.</summary>
    public bool Supports(int task, int device) => _unsupported[task, device] is null;

    /// <summary>Energy of the task on the device, J (peak power × latency; ∞ when unsupported).</summary>
    public double EnergyJoules(int task, int device) => Devices[device].EnergyJoules(_latencyNs[task, device]);

    /// <summary>Price of the task on the device, USD (price per hour × latency; 0 when the profile has no price).</summary>
    public double PriceUsd(int task, int device) => PricePerNs(device) * _latencyNs[task, device];

    /// <summary>Edge indices into the task (ascending producer).</summary>
    public ReadOnlySpan<int> InEdges(int task) => _inEdges[task];

    /// <summary>Edge indices out of the task.</summary>
    public ReadOnlySpan<int> OutEdges(int task) => _outEdges[task];

    /// <summary>One link leg of <paramref name="bytes"/> on a device, ns: 0 on the host, else bytes / link bandwidth + link latency.</summary>
    public double LegNs(long bytes, int device)
    {
        if (device == Host) return 0;
        var link = Devices[device].Link;
        double transfer = link.BandwidthBytesPerS > 0 ? bytes / link.BandwidthBytesPerS * 1e9 : 0;
        return transfer + link.LatencyNs;
    }

    /// <summary>Energy of one leg on a device, J (idle power of the device for the leg's time).</summary>
    public double LegEnergyJoules(long bytes, int device) => Devices[device].Power.IdleWatts * LegNs(bytes, device) * 1e-9;

    /// <summary>Price of one leg on a device, USD.</summary>
    public double LegPriceUsd(long bytes, int device) => PricePerNs(device) * LegNs(bytes, device);

    /// <summary>Time to move <paramref name="bytes"/> from one device to another, ns (0 when they are the same).</summary>
    public double TransferNs(long bytes, int from, int to) => from == to ? 0 : LegNs(bytes, from) + LegNs(bytes, to);

    /// <summary>Price of one nanosecond on a device, USD.</summary>
    public double PricePerNs(int device) => (Devices[device].PricePerHourUsd ?? 0) / 3.6e12;

    /// <summary>The live sets of the peak-live-activation estimate (<see cref="PlanEvaluator.LiveSets"/>), computed once.</summary>
    internal IReadOnlyList<int[]> LiveSets => _liveSets ??= PlanEvaluator.LiveSets(this);

    private static int[][] Group(int n, IReadOnlyList<TaskEdge> edges, Func<TaskEdge, int> key)
    {
        var lists = Enumerable.Range(0, n).Select(_ => new List<int>()).ToArray();
        for (int i = 0; i < edges.Count; i++) lists[key(edges[i])].Add(i);
        return lists.Select(l => l.ToArray()).ToArray();
    }
}
