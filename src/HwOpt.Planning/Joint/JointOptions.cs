using HwOpt.CostModel.Devices;
using HwOpt.Planning.Fusion;
using HwOpt.Planning.Milp;
using HwOpt.Planning.Precision;

namespace HwOpt.Planning.Joint;

/// <summary>Settings of <see cref="JointPlanner.Plan"/>. A budget left null is not a constraint, except the sensitivity budget, which has a default.</summary>
public sealed record JointOptions
{
    /// <summary>Fusion limits: group size K, candidates per seed, piece size of the decomposition, cycle cuts per piece.
    /// The working-set and spill limits apply to the sequential fusion step only (joint candidates are not filtered by them);
    /// the solver limits here are not used (see <see cref="Solver"/>).</summary>
    public FusionOptions Fusion { get; init; } = new();

    /// <summary>Candidate formats (default: fp32, bf16, fp16, int8). fp32 is always added. Each kernel is offered the ones its device supports
    /// (<see cref="DeviceProfile.Supports"/>); integer formats only to a kernel that is one contraction (see <see cref="FormatRewriter"/>).</summary>
    public IReadOnlyList<NumericFormat>? Formats { get; init; }

    /// <summary>Largest Σ Ω over the quantizable ops (HAWQ-V3 sensitivity, <see cref="Sensitivity"/>). Null: Ω of every quantizable op in
    /// uniform bf16 where some device supports bf16 (and bf16 is a candidate format), else 0 (uniform fp32).</summary>
    public double? MaxSensitivity { get; init; }

    /// <summary>Largest total weight size of the quantizable ops, bytes (Σ weight elements × bits / 8, as <see cref="PrecisionPlanner"/> counts it).</summary>
    public double? SizeBudgetBytes { get; init; }

    /// <summary>Largest energy, J: kernels at peak power on their device plus link legs at idle power (<see cref="Partitioning.DeviceCostTable"/>).</summary>
    public double? EnergyBudgetJoules { get; init; }

    /// <summary>Apply <c>mem[device]</c>: the distinct weights (fp32 bytes) read by kernels placed on a device fit its capacity (default true).</summary>
    public bool EnforceMemory { get; init; } = true;

    /// <summary>Device pins: graph node → device name; the node's kernel runs there (row name <c>pin[opN]</c> when it cannot).</summary>
    public IReadOnlyDictionary<int, string> DevicePins { get; init; } = new Dictionary<int, string>();

    /// <summary>Format pins: graph node → format; the node's kernel takes it (only quantizable ops may take a format other than fp32).</summary>
    public IReadOnlyDictionary<int, NumericFormat> FormatPins { get; init; } = new Dictionary<int, NumericFormat>();

    /// <summary>Nodes that stay alone (no fused candidate contains them).</summary>
    public IReadOnlySet<int> NoFuse { get; init; } = new HashSet<int>();

    /// <summary>Cast cost at a format boundary between two kernels, ns per fp32 byte of the edge's tensor, on every device. Null: 2 / the
    /// memory bandwidth of the consumer's device (the cast runs there and reads and writes the tensor once, counted at fp32 size: a bound
    /// independent of the format pair).</summary>
    public double? CastNsPerByte { get; init; }

    /// <summary>The device the sequential comparison fuses and lowers precision for (its cost model), before partitioning.
    /// Null: the first device that is not the host, else the host.</summary>
    public string? SequentialDevice { get; init; }

    /// <summary>Compute the sequential plan (fusion → precision → partition) for comparison and as MIP start (default true).</summary>
    public bool CompareSequential { get; init; } = true;

    /// <summary>Per-layer sensitivities and Hessian traces (null: computed from the IR).</summary>
    public SensitivitySidecar? Sidecar { get; init; }

    /// <summary>Name of the host device (opaque ops run there; the end of every link).</summary>
    public string HostName { get; init; } = DeviceCatalog.Host;

    /// <summary>Solver limits per piece (default: 60 s, gap 1e-4, one thread, seed 1).</summary>
    public SolverOptions? Solver { get; init; }

    /// <summary>The solver limits in force.</summary>
    public SolverOptions SolverOrDefault => Solver ?? new SolverOptions();

    /// <summary>The candidate formats in force, fp32 first.</summary>
    public IReadOnlyList<NumericFormat> FormatsOrDefault =>
        new[] { NumericFormat.Fp32 }.Concat(Formats ?? [NumericFormat.Bf16, NumericFormat.Fp16, NumericFormat.Int8])
            .Distinct().OrderBy(f => NumericFormat.All.ToList().IndexOf(f)).ToList();
}
