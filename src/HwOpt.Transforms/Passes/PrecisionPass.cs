using System.Globalization;
using HwOpt.Diagnostics;
using HwOpt.Planning.Precision;
using HwOpt.Transforms.Pipeline;

namespace HwOpt.Transforms.Passes;

/// <summary>
/// <c>hwopt-precision{formats=fp32,bf16,int8 size-fraction=0.5 bops-fraction=F latency-fraction=F elementwise device=cpu}</c>:
/// chooses a numeric format per quantizable op with <see cref="PrecisionPlanner"/> (HAWQ-V3-style MILP: minimize the
/// summed sensitivity under model-size, BOPs and latency budgets; latency per (op, format) from the device's cost model
/// on the op's kernel rewritten to that format). Budgets come from the pass options (fractions of the all-fp32 figures)
/// and from <c>--max-bytes</c>, <c>--max-bops</c>, <c>--max-latency-ns</c>; pins from <c>hwopt.pin.precision</c> and the pin
/// file; sensitivities from <c>--sensitivity</c> when given. In a pipeline after <c>hwopt-fuse</c> the formats are
/// chosen per op and the latency budget counts each op's kernel in its format (per-op kernels, not the fused ones:
/// <c>--joint</c> costs formats on fused kernels).
/// </summary>
internal sealed class PrecisionPass(PrecisionOptions options, string? device) : IModulePass
{
    public const string PassName = "hwopt-precision";

    public string Name => PassName;

    public static PrecisionPass? Create(PassOptions o)
    {
        if (!TryFormats(o, out var formats)) return null;
        var options = new PrecisionOptions(
            SizeBudgetFraction: o.Number("size-fraction"), BopsBudgetFraction: o.Number("bops-fraction"), LatencyBudgetFraction: o.Number("latency-fraction"),
            Formats: formats, QuantizeElementwise: o.String("elementwise") is "true");
        return new PrecisionPass(options, o.Device("device"));
    }

    /// <summary>Reads the <c>formats=</c> option (names or element types); false after an HW3001 error.</summary>
    internal static bool TryFormats(PassOptions o, out IReadOnlyList<NumericFormat>? formats)
    {
        formats = null;
        if (o.List("formats") is not { } names) return true;
        var found = new List<NumericFormat>();
        foreach (string n in names)
        {
            if (FormatNamed(n) is not { } f)
            {
                o.ReportError($"unknown format '{n}' (known: {string.Join(", ", NumericFormat.All.Select(x => x.Name))})");
                return false;
            }
            found.Add(f);
        }
        formats = found;
        return true;
    }

    /// <summary>
    /// The precision pins (node → format, from <c>hwopt.pin.precision</c> and the pin file) and the sensitivity sidecar
    /// (<c>--sensitivity</c>, null when not given) that this pass and <c>hwopt-joint</c> read; false after HW3004 (an
    /// unknown format in a pin) or the sidecar's own diagnostic.
    /// </summary>
    internal static bool TryPinsAndSidecar(PlanState plan, PassContext context, out Dictionary<int, NumericFormat> pins, out SensitivitySidecar? sidecar)
    {
        pins = [];
        sidecar = null;
        foreach (var (node, name) in context.Pins.Precision.OrderBy(p => p.Key))
        {
            if (FormatNamed(name) is not { } f)
            {
                context.Diagnostics.Report(DiagnosticIds.InvalidPin, plan.Graph.Ops[node].Span, $"unknown format '{name}' in a precision pin (known: {string.Join(", ", NumericFormat.All.Select(x => x.Name))})");
                return false;
            }
            pins[node] = f;
        }
        return context.SensitivityFile is not { } file || (sidecar = SensitivitySidecar.Load(file, context.Diagnostics)) is not null;
    }

    /// <summary>A format by its name (<c>int8</c>) or its MLIR element type (<c>i8</c>, <c>bf16</c>, <c>f32</c>).</summary>
    internal static NumericFormat? FormatNamed(string name) =>
        NumericFormat.Find(name) ?? NumericFormat.All.FirstOrDefault(f => string.Equals(f.ElementType, name, StringComparison.Ordinal));

    public bool Run(PlanState plan, PassContext context)
    {
        var profile = context.Device(device ?? context.HostDevice);
        if (profile is null) return false;
        if (!TryPinsAndSidecar(plan, context, out var pins, out var sidecar)) return false;
        var effective = options with
        {
            SizeBudgetBytes = context.Budgets.MaxBytes, BopsBudget = context.Budgets.MaxBops, LatencyBudgetNs = context.Budgets.MaxLatencyNs,
            Pins = pins, Sidecar = sidecar, Solver = context.SolverOptions,
        };
        var model = context.ModelFor(profile);
        var result = PrecisionPlanner.Plan(plan.Graph, model, profile, context.Solver, effective);
        if (result.Solver is { } s) plan.Solves.Add(s);
        if (result.Infeasible is { } why)
        {
            context.Diagnostics.Report(DiagnosticIds.InfeasibleBudget, default, $"{PassName}: {why}");
            context.Infeasible = true;
            return false;
        }
        foreach (var op in result.Ops)
        {
            plan.Ops[op.Node].Precision = op.Format.Name;
            plan.Ops[op.Node].Reasons.Add(string.Create(CultureInfo.InvariantCulture, $"precision: {op.Decision.Reason} (sensitivity {op.Sensitivity:0.###e+0} from {op.SensitivitySource})"));
            plan.Ops[op.Node].Sensitivity = op.Sensitivity;
            plan.Remarks.Add(PlanRemark.Of(PassName, "PrecisionLowered", "PrecisionKept", op.Node, op.Decision,
                new("Format", op.Format.Name), new("Sensitivity", op.Sensitivity.ToString("0.###e+0", CultureInfo.InvariantCulture)), new("SensitivitySource", op.SensitivitySource),
                new("LatencyNs", op.LatencyNs.ToString("0.###", CultureInfo.InvariantCulture))));
        }
        var totals = result.Totals!;
        plan.SensitivitySum = totals.Sensitivity;
        plan.Objectives.Add(new BaselineResult("precision", "milp", totals.Sensitivity, "sensitivity"));
        foreach (var b in result.Baselines)
        {
            plan.Baselines.Add(new BaselineResult("precision", b.Name + (b.Violated.Count > 0 ? " (violates " + string.Join(", ", b.Violated) + ")" : ""), b.Totals.Sensitivity, "sensitivity"));
        }
        var lowered = result.Ops.Where(o => o.Format != NumericFormat.Fp32).GroupBy(o => o.Format.Name).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} on {g.Count()}");
        plan.Summary.Add(string.Create(CultureInfo.InvariantCulture,
            $"{PassName} ({model.Name}): {result.Ops.Count} ops planned; {string.Join(", ", lowered.DefaultIfEmpty("all fp32"))}; size {totals.SizeBytes / 1e6:0.###} MB, BOPs {totals.Bops:0.###e+0}, latency {totals.LatencyNs / 1e6:0.###} ms (casts {totals.CastLatencyNs / 1e3:0.#} us), Σ sensitivity {totals.Sensitivity:0.###e+0}; budgets: {(result.Budgets.Count == 0 ? "none" : string.Join(", ", result.Budgets.Select(b => $"{b.Key} ≤ {b.Value:0.###e+0}")))}"));
        return true;
    }
}
