using System.Globalization;
using HwOpt.IR;
using HwOpt.Syntax;

namespace HwOpt.Profiling;

/// <summary>One model's measured latency next to the sum of its kernels' measured latencies.</summary>
/// <param name="Model">Model file name.</param>
/// <param name="Function">The function timed (<c>@forward</c>).</param>
/// <param name="Ops">Ops in the function body (without the terminator).</param>
/// <param name="KernelOps">Ops that are kernels (the rest are constants, allocations, views the extractor skips).</param>
/// <param name="MeasuredOps">Kernel ops with a measured latency in the dataset.</param>
/// <param name="SumOfKernelsNs">Sum over the function's ops of their kernels' median latency (ns; each op counted once per occurrence).</param>
/// <param name="WholeModelNs">Median latency of the whole function run as one kernel (ns), or null when it failed.</param>
/// <param name="Samples">Timed runs of the whole function.</param>
/// <param name="Error">Why the whole-model run failed, or empty.</param>
public sealed record WholeModelResult(
    string Model, string Function, int Ops, int KernelOps, int MeasuredOps, double SumOfKernelsNs, double? WholeModelNs, int Samples, string Error)
{
    /// <summary>Sum of kernels divided by the whole-model latency (1.0: the sum predicts the model exactly).</summary>
    public double? Ratio => WholeModelNs is { } w && w > 0 ? SumOfKernelsNs / w : null;
}

/// <summary>
/// Measures a model's entry function as one kernel (same harness, lowering and runner as op kernels; few samples,
/// since a forward pass takes seconds with the naive-loop pipeline) and compares it with the sum of the measured
/// latencies of its op kernels: the first, honest figure for whole-model prediction by summation.
/// </summary>
public static class WholeModel
{
    /// <summary>Timing for whole models: one warm-up-free calibration call plus at least 2 timed runs within 60 s.</summary>
    public static TimingSettings Timing { get; } = new(Samples: 3, MinSamples: 2, SampleTargetNs: 1, BudgetNs: 60e9, WarmupCalls: 0);

    /// <summary>The first function with a body that is public (no <c>sym_visibility</c>), with its ops.</summary>
    public static (string Name, IReadOnlyList<Operation> Ops)? EntryFunction(ModuleIR module)
    {
        foreach (var op in module.Root.Walk())
        {
            if (op.Name != "func.func" || op.Regions.Count == 0 || op.Regions[0].Blocks.Count == 0) continue;
            if (op.GetAttribute("sym_visibility") is StringAttr { Value: "private" }) continue;
            var name = op.GetAttribute("sym_name") is StringAttr s ? s.Value : "?";
            var ops = op.Regions[0].Blocks[0].Operations.Where(o => !DialectTraits.Has(o.Name, "terminator")).ToList();
            return ("@" + name, ops);
        }
        return null;
    }

    /// <summary>Measures one model and sums its kernels from <paramref name="medianById"/>.</summary>
    /// <param name="module">Parsed model.</param>
    /// <param name="model">File name.</param>
    /// <param name="medianById">Measured median latency (ns) by kernel id.</param>
    /// <param name="profiler">A profiler created with <see cref="Timing"/>.</param>
    public static WholeModelResult Measure(ModuleIR module, string model, IReadOnlyDictionary<string, double> medianById, Profiler profiler)
    {
        var entry = EntryFunction(module);
        if (entry is null) return new WholeModelResult(model, "?", 0, 0, 0, 0, null, 0, "no function with a body");
        var (name, ops) = entry.Value;
        var kernels = KernelExtractor.FromModule(module, model, DatasetSplits.FamilyOf(model));
        var inEntry = new HashSet<Operation>(ops, ReferenceEqualityComparer.Instance);
        var mine = kernels.Where(p => inEntry.Contains(p.Op)).ToList();
        int measured = mine.Count(p => medianById.ContainsKey(p.Kernel.Id));
        double sum = mine.Sum(p => medianById.TryGetValue(p.Kernel.Id, out var v) ? v : 0);

        var whole = KernelExtractor.FromGroup(ops, model, "whole-model");
        var rows = new List<MeasurementRow>();
        profiler.Measure([whole], rows.AddRange);
        var row = rows.Single();
        return new WholeModelResult(model, name, ops.Count, mine.Count, measured, sum, row.LatencyMedianNs, row.Samples ?? 0, row.Error);
    }

    /// <summary>A Markdown table of results.</summary>
    public static string Table(IEnumerable<WholeModelResult> results)
    {
        var sb = new System.Text.StringBuilder();
        sb.Append("| model | ops | kernel ops measured | sum of kernels (ms) | whole model (ms) | sum / whole | runs |\n|---|---:|---:|---:|---:|---:|---:|\n");
        foreach (var r in results)
        {
            sb.Append(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Model} | {r.Ops} | {r.MeasuredOps}/{r.KernelOps} | {r.SumOfKernelsNs / 1e6:0.###} | {(r.WholeModelNs is { } w ? (w / 1e6).ToString("0.###", CultureInfo.InvariantCulture) : "failed: " + r.Error)} | {(r.Ratio is { } q ? q.ToString("0.000", CultureInfo.InvariantCulture) : "-")} | {r.Samples} |\n"));
        }
        return sb.ToString();
    }
}
