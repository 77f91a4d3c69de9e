using System.Globalization;
using HwOpt.Diagnostics;
using HwOpt.Planning.Fusion;
using HwOpt.Planning.Joint;
using HwOpt.Planning.Partitioning;
using HwOpt.Planning.Precision;
using HwOpt.Transforms.Pipeline;

namespace HwOpt.Transforms.Passes;

/// <summary>
/// <c>hwopt-joint{devices=cpu,gpu formats=fp32,bf16,int8 max-sensitivity=S max-group-size=8 piece-size=300 compare=true}</c>
/// (also <c>hwopt optimize --joint</c>): one MILP per piece in which every kernel gets its ops, one format and one
/// device, costed per (fused kernel, format, device) by that device's cost model on the kernel's text rewritten to the
/// format, with transfers and casts on the edges between kernels (<see cref="JointPlanner"/>). Budgets: Σ sensitivity
/// (default: that of uniform bf16), <c>--max-bytes</c>, <c>--max-energy-j</c>, device memory. Beside it, for comparison,
/// the three planners one after another at the same budgets, evaluated by the same objective.
/// </summary>
internal sealed class JointPass(IReadOnlyList<string> devices, IReadOnlyList<NumericFormat>? formats, double? maxSensitivity, int maxGroupSize, int pieceSize, bool compare) : IModulePass
{
    public const string PassName = "hwopt-joint";

    public string Name => PassName;

    public static JointPass? Create(PassOptions o)
    {
        if (!PrecisionPass.TryFormats(o, out var formats)) return null;
        return new JointPass(o.Devices("devices") ?? ["cpu"], formats, o.Number("max-sensitivity"), o.Int("max-group-size", 8), o.Int("piece-size", 300),
            o.Choice("compare", "true", "true", "false") == "true");
    }

    public bool Run(PlanState plan, PassContext context)
    {
        if (context.PartitionDevices(devices) is not { } profiles) return false;
        if (!PrecisionPass.TryPinsAndSidecar(plan, context, out var formatPins, out var sidecar)) return false;
        var options = new JointOptions
        {
            Fusion = new FusionOptions(MaxGroupSize: maxGroupSize, PieceSize: pieceSize),
            Formats = formats, MaxSensitivity = maxSensitivity, SizeBudgetBytes = context.Budgets.MaxBytes, EnergyBudgetJoules = context.Budgets.MaxEnergyJ,
            DevicePins = context.Pins.Device.ToDictionary(p => p.Key, p => DeviceNames.Resolve(p.Value)), FormatPins = formatPins,
            NoFuse = context.Pins.NoFuse, CompareSequential = compare, Sidecar = sidecar, HostName = context.HostDevice, Solver = context.SolverOptions,
        };
        var result = JointPlanner.Plan(plan.Graph, profiles, context.Solver, options);
        plan.Solves.AddRange(result.Solves);
        if (result.Infeasible is { } conflict)
        {
            context.Diagnostics.Report(DiagnosticIds.InfeasibleBudget, ConstraintLocation.Of(plan.Graph, conflict.Constraint), $"{PassName}: constraint {conflict.Constraint} cannot be met: {conflict.Reason}");
            context.Infeasible = true;
            return false;
        }
        plan.SetKernels(result.Kernels.Select(k => new PlannedKernel(0, k.Nodes, k.PredictedNs, k.PredictedNs, k.PredictedNs)));
        foreach (var k in result.Kernels)
        {
            foreach (int n in k.Nodes)
            {
                plan.Ops[n].Device = k.Device;
                plan.Ops[n].Precision = k.Format;
            }
        }
        foreach (var (node, decision) in result.Decisions.OrderBy(p => p.Key))
        {
            plan.Ops[node].Reasons.Add("joint: " + decision.Reason);
            plan.Remarks.Add(PlanRemark.Of(PassName, "Changed", "Unchanged", node, decision, new("Device", plan.Ops[node].Device ?? "-"), new("Format", plan.Ops[node].Precision ?? "-")));
        }
        var totals = result.Totals!;
        plan.PredictedLatencyNs = totals.LatencyNs;
        plan.SensitivitySum = totals.Sensitivity;
        plan.EnergyJoules = totals.EnergyJoules;
        plan.Objectives.Add(new BaselineResult("joint", "milp", totals.LatencyNs, "ns"));
        if (result.Sequential?.Totals is { } seq) plan.Baselines.Add(new BaselineResult("joint", "sequential (fuse → precision → partition)", seq.LatencyNs, "ns"));
        plan.Summary.Add(string.Create(CultureInfo.InvariantCulture,
            $"{PassName}: {result.Kernels.Count} kernels; {totals.LatencyNs / 1e6:0.###} ms serial (kernels {totals.KernelNs / 1e6:0.###}, transfers {totals.TransferNs / 1e6:0.###}, casts {totals.CastNs / 1e6:0.###}), list-schedule makespan {totals.MakespanNs / 1e6:0.###} ms, Σ sensitivity {totals.Sensitivity:0.###e+0} ≤ {result.SensitivityBudget:0.###e+0}, bound {result.BestBoundNs / 1e6:0.###} ms, gap {result.Gap * 100:0.##} %; {result.Comparison}"));
        foreach (string note in result.Notes) plan.Summary.Add(PassName + ": " + note);
        // How the sequential baseline came out (its fusion, formats and partition), so that the comparison can be read.
        foreach (string note in result.Sequential?.Notes ?? []) plan.Summary.Add(PassName + ": sequential baseline: " + note);
        return true;
    }
}
