namespace HwOpt.Planning.Partitioning;

/// <summary>What the partitioner minimizes.</summary>
public enum PartitionObjective
{
    /// <summary>Makespan, ns: the MILP minimizes a lower bound (critical path with transfers vs. busiest device or link), realized by a list schedule.</summary>
    Latency,
    /// <summary>Energy, J: busy energy of each kernel (peak power × time) plus link legs at idle power.</summary>
    Energy,
    /// <summary>Price, USD: device time (kernels and link legs) × price per hour.</summary>
    Price,
}

/// <summary>Settings of <see cref="PartitionPlanner.Plan(PlanGraph, DeviceCostTable, HwOpt.Planning.Milp.IMilpSolver, PartitionOptions)"/>.</summary>
public sealed record PartitionOptions
{
    /// <summary>The objective (default latency).</summary>
    public PartitionObjective Objective { get; init; } = PartitionObjective.Latency;

    /// <summary>Solver wall-clock limit, s.</summary>
    public double TimeLimitSeconds { get; init; } = 30;

    /// <summary>Branch-and-bound node limit (reproducible, unlike the time limit); <see cref="long.MaxValue"/> for none.</summary>
    public long MaxNodes { get; init; } = long.MaxValue;

    /// <summary>Relative optimality gap at which the solver stops.</summary>
    public double RelativeGap { get; init; } = 1e-4;

    /// <summary>User pins: graph node index → device name; each becomes the equality row <c>pin[opN]</c>.</summary>
    public IReadOnlyDictionary<int, string> Pins { get; init; } = new Dictionary<int, string>();

    /// <summary>Preference order of the greedy (ORT-style) baseline, device names; null for the non-host devices in table order, then the host.</summary>
    public IReadOnlyList<string>? GreedyOrder { get; init; }

    /// <summary>Latency only: sweeps of single-op moves that shorten the realized schedule after the MILP (0 turns them off).</summary>
    public int LocalSearchPasses { get; init; } = 3;

    /// <summary>Apply the memory capacity rows <c>mem[device]</c> (default true).</summary>
    public bool EnforceMemory { get; init; } = true;
}
