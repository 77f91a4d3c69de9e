using HwOpt.CostModel;
using HwOpt.CostModel.Devices;
using HwOpt.Diagnostics;
using HwOpt.Planning.Milp;

namespace HwOpt.Transforms.Pipeline;

/// <summary>User budgets; null = no budget.</summary>
/// <param name="MaxBytes">Largest model size (weights at their formats), bytes.</param>
/// <param name="MaxLatencyNs">Largest predicted end-to-end latency, ns.</param>
/// <param name="MaxEnergyJ">Largest predicted energy per inference, J.</param>
/// <param name="MaxBops">Largest bit operations (FLOPs × weight bits × activation bits, HAWQ-V3).</param>
public sealed record Budgets(double? MaxBytes = null, double? MaxLatencyNs = null, double? MaxEnergyJ = null, double? MaxBops = null);

/// <summary>
/// What every pass of one run shares: diagnostics, the solver and its limits, the cost model per device, budgets,
/// pins and where to dump MILP models. Device names are profile names (<c>host-cpu</c>, <c>h200</c>, ...); the
/// short names <c>cpu</c>, <c>gpu</c>, <c>npu</c>, <c>mobile</c> resolve through <see cref="DeviceNames.Resolve"/>.
/// </summary>
public sealed class PassContext
{
    private readonly Func<DeviceProfile, ICostModel> _modelFor;
    private readonly Dictionary<string, ICostModel> _models = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DeviceProfile?> _devices = new(StringComparer.Ordinal);

    /// <summary>Creates a context.</summary>
    /// <param name="diagnostics">Receives the passes' diagnostics.</param>
    /// <param name="solver">MILP backend.</param>
    /// <param name="solverOptions">Limits per solve.</param>
    /// <param name="modelFor">Cost model of a device (the learned model for the host, the roofline elsewhere).</param>
    public PassContext(DiagnosticBag diagnostics, IMilpSolver solver, SolverOptions solverOptions, Func<DeviceProfile, ICostModel> modelFor)
    {
        Diagnostics = diagnostics;
        Solver = solver;
        SolverOptions = solverOptions;
        _modelFor = modelFor;
    }

    /// <summary>Diagnostics of the run.</summary>
    public DiagnosticBag Diagnostics { get; }

    /// <summary>The MILP backend.</summary>
    public IMilpSolver Solver { get; }

    /// <summary>Limits per solve.</summary>
    public SolverOptions SolverOptions { get; }

    /// <summary>Budgets from the command line.</summary>
    public Budgets Budgets { get; init; } = new();

    /// <summary>Folder to write each MILP into (LP format) before solving; null for none.</summary>
    public string? DumpMilpFolder { get; init; }

    /// <summary>Per-layer sensitivity sidecar JSON for the precision pass; null for none.</summary>
    public string? SensitivityFile { get; init; }

    /// <summary>Pins from a pin file (node index → pass-specific pin); pins in the IR (<c>hwopt.pin.*</c>) are read by the passes.</summary>
    public Pins Pins { get; init; } = new();

    /// <summary>Set by a pass when no feasible plan exists (exit code 3).</summary>
    public bool Infeasible { get; set; }

    /// <summary>The host device name.</summary>
    public string HostDevice { get; init; } = DeviceCatalog.Host;

    /// <summary>Loads a device profile by name or short name (once); reports HW3002 when unknown.</summary>
    /// <param name="name">Profile or short name.</param>
    /// <param name="span">Where the name was written (for the diagnostic).</param>
    public DeviceProfile? Device(string name, SourceSpan span = default)
    {
        string resolved = DeviceNames.Resolve(name);
        if (_devices.TryGetValue(resolved, out var known)) return known;
        DeviceProfile? profile = null;
        if (DeviceCatalog.Names().Contains(resolved, StringComparer.Ordinal))
        {
            profile = DeviceCatalog.Load(resolved, Diagnostics);
        }
        else
        {
            Diagnostics.Report(DiagnosticIds.UnknownDevice, span,
                $"unknown device '{name}' (known: {string.Join(", ", DeviceCatalog.Names())}; short names: {string.Join(", ", DeviceNames.Short.Select(p => p.Key + "=" + p.Value))})");
        }
        _devices[resolved] = profile;
        return profile;
    }

    /// <summary>The devices named (short or profile names), each once in the order given, with its cost model; null after HW3002.</summary>
    public IReadOnlyList<Planning.Partitioning.PartitionDevice>? PartitionDevices(IEnumerable<string> names)
    {
        var devices = new List<Planning.Partitioning.PartitionDevice>();
        foreach (string name in names)
        {
            var p = Device(name);
            if (p is null) return null;
            if (devices.All(x => x.Profile.Name != p.Name)) devices.Add(new Planning.Partitioning.PartitionDevice(p, ModelFor(p)));
        }
        return devices;
    }

    /// <summary>The cost model of a device (created once).</summary>
    public ICostModel ModelFor(DeviceProfile device)
    {
        if (!_models.TryGetValue(device.Name, out var model)) _models[device.Name] = model = _modelFor(device);
        return model;
    }

    /// <summary>Names of the cost models used so far, e.g. <c>learned:host-cpu, roofline:h200</c>.</summary>
    public string CostModelNames => string.Join(", ", _models.Values.Select(m => m.Name).Order(StringComparer.Ordinal));

    /// <summary>An <see cref="IMilpSolver"/> that writes each model into <paramref name="folder"/> as <c>NAME.lp</c> (numbered when names repeat) before solving it.</summary>
    /// <param name="inner">The solver.</param>
    /// <param name="folder">Output folder (created).</param>
    public static IMilpSolver Dumping(IMilpSolver inner, string folder)
    {
        int count = 0;
        return new DumpingSolver(inner, model =>
        {
            Directory.CreateDirectory(folder);
            string stem = string.Concat(model.Name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_'));
            Planning.Cbc.CbcSolver.Write(model, Path.Combine(folder, $"{count++:D3}-{stem}.lp"));
        });
    }
}

/// <summary>Short device names (<c>--devices cpu,gpu,npu</c>) and the profiles they stand for.</summary>
public static class DeviceNames
{
    /// <summary>Short name → profile name.</summary>
    public static IReadOnlyDictionary<string, string> Short { get; } = new SortedDictionary<string, string>(StringComparer.Ordinal)
    {
        ["cpu"] = DeviceCatalog.Host, ["gpu"] = "h200", ["npu"] = "edge-npu", ["mobile"] = "mobile-cpu",
    };

    /// <summary>The profile name for a short or full name.</summary>
    public static string Resolve(string name) => Short.TryGetValue(name, out var full) ? full : name;
}

/// <summary>Pins from a pin file: per node, a device and/or a format, and whether the op may be fused.</summary>
public sealed class Pins
{
    /// <summary>Device per node.</summary>
    public Dictionary<int, string> Device { get; } = [];

    /// <summary>Format per node.</summary>
    public Dictionary<int, string> Precision { get; } = [];

    /// <summary>Nodes that must stay alone (no fusion).</summary>
    public HashSet<int> NoFuse { get; } = [];
}
