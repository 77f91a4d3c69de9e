using System.Globalization;
using System.Text;
using System.Text.Json;
using HwOpt.Profiling.Validation;

namespace HwOpt.Cli;

/// <summary>The cost model's predictions set beside the measurements: per variant, ns (null when not known).</summary>
/// <param name="UnfusedNs">Sum of the predicted latencies of the ops as single kernels (the fusion pass's "none" baseline).</param>
/// <param name="GreedyNs">The fusion pass's greedy producer-consumer baseline (TVM FuseOps / XLA style; a proxy for mlir-opt's greedy fusion, not the same kernels).</param>
/// <param name="PlanNs">The plan's predicted latency.</param>
internal sealed record ValidationPredictions(double? UnfusedNs, double? GreedyNs, double PlanNs);

/// <summary>
/// The report of <c>hwopt validate</c>: JSON (<c>schemaVersion</c> 1: <c>measured_ns</c> and <c>predicted_ns</c> per variant,
/// <c>outputs_match</c>, <c>max_rel_error</c>, ...) and a short human-readable table.
/// </summary>
internal static class ValidationReport
{
    private static readonly string[] Names = ["unfused", "mlir_greedy", "hwopt"];

    public static string Json(ValidationResult r, ValidationPredictions p, string passPipeline, string costModels, string lowering, string cpu, int rounds)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteNumber("schemaVersion", 1);
            w.WriteString("model", r.Model);
            w.WriteString("entry", r.Entry);
            w.WriteString("pass_pipeline", passPipeline);
            w.WriteString("cost_models", costModels);
            w.WriteString("lowering_pipeline", lowering);
            w.WriteString("cpu", cpu);
            w.WriteNumber("rounds", rounds);
            w.WriteStartObject("measured_ns");
            foreach (var n in Names) Number(w, n, r[n].MedianNs);
            w.WriteEndObject();
            w.WriteStartObject("measured_min_ns");
            foreach (var n in Names) Number(w, n, r[n].MinNs);
            w.WriteEndObject();
            w.WriteStartObject("samples");
            foreach (var n in Names) w.WriteNumber(n, r[n].Samples);
            w.WriteEndObject();
            w.WriteStartObject("loop_nests");
            foreach (var n in Names)
            {
                if (r[n].LoopNests is { } l) w.WriteNumber(n, l);
                else w.WriteNull(n);
            }
            w.WriteEndObject();
            w.WriteStartObject("predicted_ns");
            Number(w, "unfused", p.UnfusedNs);
            Number(w, "mlir_greedy", p.GreedyNs);
            Number(w, "hwopt", p.PlanNs);
            w.WriteEndObject();
            w.WriteStartObject("speedup");
            Number(w, "hwopt_vs_unfused", Ratio(r["unfused"].MedianNs, r["hwopt"].MedianNs));
            Number(w, "hwopt_vs_mlir_greedy", Ratio(r["mlir_greedy"].MedianNs, r["hwopt"].MedianNs));
            Number(w, "mlir_greedy_vs_unfused", Ratio(r["unfused"].MedianNs, r["mlir_greedy"].MedianNs));
            w.WriteEndObject();
            w.WriteBoolean("outputs_match", r.OutputsMatch);
            var comparisons = r.Comparisons.Values.ToList();
            Number(w, "max_abs_error", comparisons.Count > 0 ? comparisons.Max(c => c.MaxAbsError) : null);
            Number(w, "max_rel_error", comparisons.Count > 0 ? comparisons.Max(c => c.MaxRelError) : null);
            Number(w, "min_sqnr_db", comparisons.Select(c => c.SqnrDb).Where(v => v is not null).Select(v => v!.Value).DefaultIfEmpty(double.NaN).Min() is var m && double.IsNaN(m) ? null : m);
            Number(w, "tolerance", comparisons.Count > 0 ? comparisons[0].Tolerance : null);
            w.WriteNumber("output_elements", r.OutputElements);
            w.WriteNumber("compared_every", r.OutputStride);
            w.WriteStartObject("comparisons");
            foreach (var (name, c) in r.Comparisons.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            {
                w.WriteStartObject(name);
                w.WriteString("reference", "unfused");
                w.WriteNumber("compared", c.Compared);
                Number(w, "max_abs_error", c.MaxAbsError);
                Number(w, "max_rel_error", c.MaxRelError);
                Number(w, "sqnr_db", c.SqnrDb);
                w.WriteNumber("non_finite_mismatches", c.NonFinite);
                w.WriteBoolean("match", c.Match);
                w.WriteEndObject();
            }
            w.WriteEndObject();
            w.WriteStartObject("plan");
            w.WriteNumber("kernels", r.Kernels.Count(k => k.OpCount > 0));
            w.WriteNumber("fused_kernels", r.Kernels.Count(k => k.OpCount > 1));
            w.WriteNumber("largest_kernel_ops", r.Kernels.Select(k => k.OpCount).DefaultIfEmpty(0).Max());
            w.WriteNumber("real_format_kernels", r.Kernels.Count(k => k.Execution == FormatExecution.Real));
            w.WriteNumber("emulated_format_kernels", r.Kernels.Count(k => k.Execution == FormatExecution.Emulated));
            w.WriteStartArray("formats");
            foreach (var f in r.Kernels.Where(k => k.Execution != FormatExecution.Native).Select(k => k.Format!).Distinct().Order(StringComparer.Ordinal)) w.WriteStringValue(f);
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteStartArray("failures");
            foreach (var v in r.Variants.Where(v => v.Failure is not null))
            {
                w.WriteStartObject();
                w.WriteString("variant", v.Name);
                w.WriteString("stage", v.Failure!.Stage.ToString().ToLowerInvariant());
                w.WriteString("message", v.Failure.Message);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    public static string Text(ValidationResult r, ValidationPredictions p)
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"{r.Model} ({r.Entry}): {r.Kernels.Count(k => k.OpCount > 0)} planned kernels, {r.Kernels.Count(k => k.OpCount > 1)} fused\n");
        sb.Append("| variant | loop nests | measured median (min) ms | predicted ms | speedup vs unfused | output vs unfused |\n|---|---:|---:|---:|---:|---|\n");
        var predicted = new Dictionary<string, double?> { ["unfused"] = p.UnfusedNs, ["mlir_greedy"] = p.GreedyNs, ["hwopt"] = p.PlanNs };
        foreach (var n in Names)
        {
            var v = r[n];
            string agreement = n == "unfused" ? "reference" : r.Comparisons.TryGetValue(n, out var c)
                ? string.Create(CultureInfo.InvariantCulture, $"{(c.Match ? "match" : "DIFFERS")}: max rel {c.MaxRelError:0.###e+00}, max abs {c.MaxAbsError:0.###e+00}, SQNR {(c.SqnrDb is { } q ? q.ToString("0.#", CultureInfo.InvariantCulture) + " dB" : "exact")}")
                : "-";
            sb.Append(CultureInfo.InvariantCulture, $"| {n} | {(v.LoopNests is { } l ? l.ToString(CultureInfo.InvariantCulture) : "-")} | {(Ms(v.MedianNs) is { } med ? med + " (" + Ms(v.MinNs) + ")" : "failed: " + v.Failure?.Message)} | {Ms(predicted[n]) ?? "-"} | {(Ratio(r["unfused"].MedianNs, v.MedianNs) is { } s ? s.ToString("0.000", CultureInfo.InvariantCulture) : "-")} | {agreement} |\n");
        }
        return sb.ToString();
    }

    private static string? Ms(double? ns) => ns is { } v ? (v / 1e6).ToString("0.###", CultureInfo.InvariantCulture) : null;

    private static double? Ratio(double? baseline, double? x) => baseline is { } b && x is { } v && v > 0 ? b / v : null;

    private static void Number(Utf8JsonWriter w, string name, double? v)
    {
        if (v is { } x && double.IsFinite(x)) w.WriteNumber(name, Math.Round(x, 6));
        else w.WriteNull(name);
    }
}
