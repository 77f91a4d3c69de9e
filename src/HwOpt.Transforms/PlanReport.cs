using System.Globalization;
using System.Text;
using System.Text.Json;
using HwOpt.Planning;

namespace HwOpt.Transforms;

/// <summary>
/// The plan as a report: JSON (schemaVersion 1; the machine-readable contract of <c>hwopt optimize --json</c>) or
/// Markdown. JSON fields: <c>schemaVersion</c>, <c>model</c>, <c>cost_model</c>, <c>pipeline</c>, <c>summary</c>,
/// <c>predicted_latency_ns</c>, <c>solver</c> (array, one object per solved problem: <c>problem, status, objective,
/// best_bound, gap, solve_time_s, variables, constraints, nodes, backend</c>), <c>objectives</c> and <c>baselines</c>
/// (<c>problem, name, objective, unit</c>), <c>kernels</c> (<c>index, ops, latency_ns, latency_ns_low,
/// latency_ns_high</c>) and <c>ops</c> (<c>index, name, location, kernel, precision, device, cost_ns, reasons</c>).
/// Solve times are the only non-deterministic figures; <c>scrubTimes</c> zeroes them for snapshots.
/// </summary>
public static class PlanReport
{
    /// <summary>Writes the JSON report.</summary>
    /// <param name="plan">The plan.</param>
    /// <param name="model">Input path as given.</param>
    /// <param name="costModel">Cost model name(s).</param>
    /// <param name="pipeline">The pass pipeline run (text).</param>
    /// <param name="scrubTimes">Write 0 for solve times (byte-identical reports across runs).</param>
    public static string Json(PlanState plan, string model, string costModel, string pipeline, bool scrubTimes = false)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteNumber("schemaVersion", 1);
            w.WriteString("model", model);
            w.WriteString("cost_model", costModel);
            w.WriteString("pipeline", pipeline);
            w.WriteString("summary", SummaryLine(plan));
            Number(w, "predicted_latency_ns", plan.PredictedLatencyNs);
            w.WriteStartArray("solver");
            foreach (var s in plan.Solves)
            {
                w.WriteStartObject();
                w.WriteString("problem", s.Problem);
                w.WriteString("status", StatusName(s.Status));
                Number(w, "objective", s.Objective);
                Number(w, "best_bound", s.BestBound);
                Number(w, "gap", s.Gap);
                Number(w, "solve_time_s", scrubTimes ? 0 : Math.Round(s.SolveTimeSeconds, 3));
                w.WriteNumber("variables", s.Variables);
                w.WriteNumber("constraints", s.Constraints);
                w.WriteNumber("nodes", s.Nodes);
                w.WriteString("backend", s.Solver);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            WriteResults(w, "objectives", plan.Objectives);
            WriteResults(w, "baselines", plan.Baselines);
            w.WriteStartArray("kernels");
            foreach (var k in plan.Kernels)
            {
                w.WriteStartObject();
                w.WriteNumber("index", k.Index);
                w.WriteStartArray("ops");
                foreach (int n in k.Nodes) w.WriteNumberValue(n);
                w.WriteEndArray();
                Number(w, "latency_ns", k.LatencyNs);
                Number(w, "latency_ns_low", k.LatencyNsLow);
                Number(w, "latency_ns_high", k.LatencyNsHigh);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("ops");
            foreach (var d in plan.Ops)
            {
                var op = plan.Graph.Ops[d.Node];
                w.WriteStartObject();
                w.WriteNumber("index", d.Node);
                w.WriteString("name", op.Name);
                w.WriteString("location", LocationOf(op));
                if (d.Kernel is int k) w.WriteNumber("kernel", k); else w.WriteNull("kernel");
                w.WriteString("precision", d.Precision);
                w.WriteString("device", d.Device);
                if (d.KernelCostNs is double c) Number(w, "cost_ns", c); else w.WriteNull("cost_ns");
                w.WriteStartArray("reasons");
                foreach (string r in d.Reasons) w.WriteStringValue(r);
                if (d.Kernel is null && plan.Graph.WhyNotKernel(d.Node) is { } why) w.WriteStringValue("not planned: " + why);
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    /// <summary>Writes the Markdown report: summary, solver table, objectives beside baselines, kernels, ops.</summary>
    /// <param name="plan">The plan.</param>
    /// <param name="model">Input path.</param>
    /// <param name="costModel">Cost model name(s).</param>
    /// <param name="pipeline">Pipeline text.</param>
    /// <param name="scrubTimes">Write 0 for solve times.</param>
    public static string Markdown(PlanState plan, string model, string costModel, string pipeline, bool scrubTimes = false)
    {
        var sb = new StringBuilder();
        sb.Append("# hwopt plan: ").Append(model).Append("\n\n");
        sb.Append(SummaryLine(plan)).Append("\n\n");
        sb.Append("Cost model: ").Append(costModel).Append(". Pipeline: `").Append(pipeline).Append("`.\n\n");
        foreach (string line in plan.Summary) sb.Append("- ").Append(line).Append('\n');
        sb.Append("\n## Solver\n\n| problem | status | objective | best bound | gap | time (s) | variables | constraints | nodes |\n|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
        foreach (var s in plan.Solves)
        {
            sb.Append(Inv($"| {s.Problem} | {StatusName(s.Status)} | {Num(s.Objective)} | {Num(s.BestBound)} | {Pct(s.Gap)} | {(scrubTimes ? 0 : s.SolveTimeSeconds):0.###} | {s.Variables} | {s.Constraints} | {s.Nodes} |\n"));
        }
        sb.Append("\n## Plan vs baselines\n\n| problem | plan | objective | unit |\n|---|---|---:|---|\n");
        foreach (var b in plan.Objectives.Select(o => (o, "hwopt")).Concat(plan.Baselines.Select(b => (b, b.Name))))
        {
            sb.Append(Inv($"| {b.Item1.Problem} | {(b.Item2 == "hwopt" ? "**hwopt (" + b.Item1.Name + ")**" : b.Item2)} | {Num(b.Item1.Objective)} | {b.Item1.Unit} |\n"));
        }
        sb.Append("\n## Kernels\n\n| kernel | ops | latency ns | interval |\n|---:|---|---:|---|\n");
        foreach (var k in plan.Kernels)
        {
            sb.Append(Inv($"| {k.Index} | {string.Join(", ", k.Nodes.Select(n => plan.Graph.Ops[n].Name + "#" + n))} | {Num(k.LatencyNs)} | [{Num(k.LatencyNsLow)}, {Num(k.LatencyNsHigh)}] |\n"));
        }
        sb.Append("\n## Ops\n\n| # | op | location | kernel | precision | device | reasons |\n|---:|---|---|---:|---|---|---|\n");
        foreach (var d in plan.Ops.Where(d => d.Kernel is not null))
        {
            var op = plan.Graph.Ops[d.Node];
            sb.Append(Inv($"| {d.Node} | {op.Name} | {LocationOf(op)} | {d.Kernel} | {d.Precision ?? "-"} | {d.Device ?? "-"} | {string.Join("; ", d.Reasons).Replace("|", "\\|", StringComparison.Ordinal)} |\n"));
        }
        return sb.ToString();
    }

    /// <summary>The one-line summary, e.g. <c>412 ops → 57 kernels; 3 ops on edge-npu, 409 on host-cpu; i8 on 41 ops; predicted 12.3 ms; worst gap 0.4 %</c>.</summary>
    public static string SummaryLine(PlanState plan)
    {
        var kernelOps = plan.Ops.Where(d => d.Kernel is not null).ToList();
        var parts = new List<string> { $"{kernelOps.Count} kernel ops → {plan.Kernels.Count} kernels" };
        var devices = kernelOps.Where(d => d.Device is not null).GroupBy(d => d.Device!).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Count()} on {g.Key}").ToList();
        if (devices.Count > 0) parts.Add("ops " + string.Join(", ", devices));
        var formats = kernelOps.Where(d => d.Precision is not null).GroupBy(d => d.Precision!).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} on {g.Count()}").ToList();
        if (formats.Count > 0) parts.Add("formats: " + string.Join(", ", formats));
        parts.Add("predicted " + Duration(plan.PredictedLatencyNs));
        if (plan.Solves.Count > 0)
        {
            double worst = plan.Solves.Where(s => !double.IsNaN(s.Gap)).Select(s => s.Gap).DefaultIfEmpty(0).Max();
            parts.Add($"{plan.Solves.Count} MILP solves, worst gap {Pct(worst)}");
        }
        return string.Join("; ", parts);
    }

    internal static string LocationOf(HwOpt.IR.Operation op) =>
        op.Span.Source is { } src ? Inv($"{src.Path}:{op.Span.Line}:{op.Span.Column}") : op.Location.Describe();

    private static string StatusName(Planning.Milp.SolveStatus s) => s switch
    {
        Planning.Milp.SolveStatus.Optimal => "optimal",
        Planning.Milp.SolveStatus.Feasible => "feasible",
        Planning.Milp.SolveStatus.Infeasible => "infeasible",
        Planning.Milp.SolveStatus.NoSolutionFound => "time-out",
        Planning.Milp.SolveStatus.Unbounded => "unbounded",
        _ => "error",
    };

    private static void WriteResults(Utf8JsonWriter w, string name, IEnumerable<BaselineResult> results)
    {
        w.WriteStartArray(name);
        foreach (var b in results)
        {
            w.WriteStartObject();
            w.WriteString("problem", b.Problem);
            w.WriteString("name", b.Name);
            Number(w, "objective", b.Objective);
            w.WriteString("unit", b.Unit);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private static void Number(Utf8JsonWriter w, string name, double v)
    {
        if (double.IsFinite(v)) w.WriteNumber(name, Math.Round(v, 6));
        else w.WriteNull(name);
    }

    private static string Duration(double ns) =>
        ns >= 1e6 ? Inv($"{ns / 1e6:0.###} ms") : ns >= 1e3 ? Inv($"{ns / 1e3:0.###} us") : Inv($"{ns:0.#} ns");

    private static string Pct(double gap) => double.IsNaN(gap) ? "n/a" : double.IsInfinity(gap) ? "inf" : Inv($"{gap * 100:0.##} %");

    private static string Num(double v) => !double.IsFinite(v) ? "n/a" : Math.Abs(v) >= 1e6 ? v.ToString("0.###e+0", CultureInfo.InvariantCulture) : v.ToString("0.###", CultureInfo.InvariantCulture);

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
