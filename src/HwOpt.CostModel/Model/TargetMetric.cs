using HwOpt.Analysis.Work;
using HwOpt.Profiling;

namespace HwOpt.CostModel.Model;

/// <summary>
/// A measured metric the cost model learns, with its dataset column. Counts are learned as ln(1 + value). Latency,
/// which spans six orders of magnitude, is learned per unit of work: ln(latency / s) with s = max(iteration points,
/// bytes / 16, 1) from the work estimate, so the trees model the cost per loop iteration instead of approximating a
/// steep trend with piecewise constants (the normalisation TVM's and HELP's latency predictors use in spirit).
/// </summary>
/// <param name="Name">Column name in the dataset and in <c>hwopt cost --json</c> (e.g. <c>latency_ns</c>).</param>
/// <param name="Unit">Unit (ns, count, bytes).</param>
/// <param name="Read">The value of a dataset row, or null when not measured.</param>
/// <param name="PerUnitOfWork">Learned as ln(value / s) rather than ln(1 + value).</param>
public sealed record TargetMetric(string Name, string Unit, Func<MeasurementRow, double?> Read, bool PerUnitOfWork = false)
{
    /// <summary>Median latency per call, ns (<c>latency_ns_median</c>).</summary>
    public static TargetMetric Latency { get; } = new("latency_ns", "ns", r => r.LatencyMedianNs, PerUnitOfWork: true);

    /// <summary>Every metric the model predicts, latency first.</summary>
    public static IReadOnlyList<TargetMetric> All { get; } =
    [
        Latency,
        new("spills", "count", r => r.Spills),
        new("reloads", "count", r => r.Reloads),
        new("instructions_static", "count", r => r.StaticInstructions),
        new("code_bytes", "bytes", r => r.CodeSizeBytes),
    ];

    /// <summary>The metric of a name, or null.</summary>
    public static TargetMetric? Named(string name) => All.FirstOrDefault(t => t.Name == name);

    /// <summary>How the label is formed, recorded in the model card and checked when loading.</summary>
    public string LabelDefinition => PerUnitOfWork ? "ln(y / max(iteration_points, bytes / 16, 1))" : "ln(1 + y)";

    /// <summary>The unit of work s of a kernel: max(iteration points, bytes / 16, 1).</summary>
    public static double WorkScale(WorkEstimate work) => Math.Max(1, Math.Max(work.IterationPoints, work.Bytes / 16));

    /// <summary>The training label of a value.</summary>
    public float ToLabel(double value, WorkEstimate work) =>
        PerUnitOfWork ? (float)(Math.Log(Math.Max(value, 1e-3)) - Math.Log(WorkScale(work))) : (float)Math.Log(1 + Math.Max(0, value));

    /// <summary>The value of a label (at least 0).</summary>
    public double FromLabel(double label, WorkEstimate work) =>
        PerUnitOfWork ? Math.Exp(label + Math.Log(WorkScale(work))) : Math.Max(0, Math.Exp(label) - 1);
}
