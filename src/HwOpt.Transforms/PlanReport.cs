using System.Globalization;
using System.Text;
using System.Text.Json;
using HwOpt.Planning;
using HwOpt.Transforms.Reports;

namespace HwOpt.Transforms;

/// <summary>
/// The plan as a report: JSON (schemaVersion 1; the machine-readable contract of <c>hwopt optimize --json</c>) or
/// Markdown. JSON fields: <c>schemaVersion</c>, <c>model</c>, <c>cost_model</c>, <c>pipeline</c>, <c>summary</c>,
/// <c>predicted_latency_ns</c>, <c>solver</c> (array, one object per solved problem: <c>problem, status, objective,
/// best_bound, gap, solve_time_s, variables, constraints, nodes, backend</c>), <c>objectives</c> and <c>baselines</c>
/// (<c>problem, name, objective, unit</c>), <c>kernels</c> (<c>index, ops, latency_ns, latency_ns_low,
/// latency_ns_high</c>, and since issue 6 <c>device, precision, cost_ns, flops, bytes, kernel_id, measured_ns</c>) and
/// <c>ops</c> (<c>index, name, location, kernel, precision, device, cost_ns, reasons</c>, and <c>sensitivity</c>); since
/// issue 6 also <c>energy_j</c>, <c>energy_source</c>, <c>ess</c> (Σ Ω, see <see cref="PlanFacts.EssDefinition"/>),
/// <c>ess_definition</c> and <c>measurements</c>. The Markdown report carries the same sections; the HTML report is
/// <see cref="HtmlReport"/>. Solve times are the only non-deterministic figures; <c>scrubTimes</c> leaves them out (JSON null, "-" in tables), which makes a report the same bytes on every run (<c>hwopt optimize</c> does so unless asked for <c>--report-timing</c>).
/// </summary>
public static class PlanReport
{
    /// <summary>Writes the JSON report.</summary>
    /// <param name="plan">The plan.</param>
    /// <param name="model">Input path as given.</param>
    /// <param name="costModel">Cost model name(s).</param>
    /// <param name="pipeline">The pass pipeline run (text).</param>
    /// <param name="scrubTimes">Leave solve times out (null): byte-identical reports across runs.</param>
    /// <param name="facts">Derived figures (<see cref="PlanFacts.Compute"/>); computed without measurements when null.</param>
    public static string Json(PlanState plan, string model, string costModel, string pipeline, bool scrubTimes = false, PlanFacts? facts = null)
    {
        facts ??= PlanFacts.Compute(plan);
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
            if (facts.EnergyJoules is double energy) Number(w, "energy_j", energy); else w.WriteNull("energy_j");
            w.WriteString("energy_source", facts.EnergySource);
            if (facts.SensitivitySum is double ess) Number(w, "ess", ess); else w.WriteNull("ess");
            w.WriteString("ess_definition", PlanFacts.EssDefinition);
            w.WriteString("measurements", facts.MeasuredNote);
            w.WriteStartArray("solver");
            foreach (var s in plan.Solves)
            {
                w.WriteStartObject();
                w.WriteString("problem", s.Problem);
                w.WriteString("status", StatusName(s.Status));
                Number(w, "objective", s.Objective);
                Number(w, "best_bound", s.BestBound);
                Number(w, "gap", s.Gap);
                Number(w, "solve_time_s", scrubTimes ? double.NaN : Math.Round(s.SolveTimeSeconds, 3));
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
                var f = facts.Kernels[k.Index];
                w.WriteString("device", f.Device);
                w.WriteString("precision", f.Format);
                Number(w, "cost_ns", f.LatencyNs);
                Number(w, "flops", f.Flops);
                Number(w, "bytes", f.Bytes);
                w.WriteString("kernel_id", f.KernelId);
                if (f.MeasuredNs is double m) Number(w, "measured_ns", m); else w.WriteNull("measured_ns");
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
                if (d.Sensitivity is double sens) w.WriteNumber("sensitivity", sens); else w.WriteNull("sensitivity");
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

    /// <summary>Writes the Markdown report: summary, key figures (energy, ESS), solver table, objectives beside baselines, pictures (links), kernels, ops with reasons.</summary>
    /// <param name="plan">The plan.</param>
    /// <param name="model">Input path.</param>
    /// <param name="costModel">Cost model name(s).</param>
    /// <param name="pipeline">Pipeline text.</param>
    /// <param name="scrubTimes">Leave solve times out ('-').</param>
    /// <param name="facts">Derived figures; computed without measurements when null.</param>
    /// <param name="pictures">Picture files written beside the report (caption, relative file name, note); none when null.</param>
    public static string Markdown(PlanState plan, string model, string costModel, string pipeline, bool scrubTimes = false, PlanFacts? facts = null,
        IReadOnlyList<(string Title, string? File, string Note)>? pictures = null)
    {
        facts ??= PlanFacts.Compute(plan);
        var sb = new StringBuilder();
        sb.Append("# hwopt plan: ").Append(model).Append("\n\n");
        sb.Append(SummaryLine(plan)).Append("\n\n");
        sb.Append("Cost model: ").Append(costModel).Append(". Pipeline: `").Append(pipeline).Append("`.\n\n");
        foreach (string line in plan.Summary) sb.Append("- ").Append(line).Append('\n');
        sb.Append("\n## Key figures\n\n| figure | value |\n|---|---|\n");
        sb.Append("| predicted latency | ").Append(Duration(plan.PredictedLatencyNs)).Append(" |\n");
        sb.Append("| energy per inference | ").Append(facts.EnergyJoules is double j ? Inv($"{j:0.####e+0} J") : "n/a").Append(" — ").Append(facts.EnergySource).Append(" |\n");
        sb.Append("| ESS | ").Append(facts.SensitivitySum is double ess ? Inv($"{ess:0.####e+0}") : "n/a (no pass chose formats)").Append(" |\n");
        sb.Append("| measurements | ").Append(facts.MeasuredNote).Append(" |\n\n");
        sb.Append(PlanFacts.EssDefinition).Append('\n');
        sb.Append("\n## Solver\n\n| problem | status | objective | best bound | gap | time (s) | variables | constraints | nodes |\n|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
        foreach (var s in plan.Solves)
        {
            sb.Append(Inv($"| {s.Problem} | {StatusName(s.Status)} | {Num(s.Objective)} | {Num(s.BestBound)} | {Pct(s.Gap)} | {(scrubTimes ? "-" : s.SolveTimeSeconds.ToString("0.###", CultureInfo.InvariantCulture))} | {s.Variables} | {s.Constraints} | {s.Nodes} |\n"));
        }
        sb.Append("\n## Plan vs baselines\n\n| problem | plan | objective | unit |\n|---|---|---:|---|\n");
        foreach (var b in plan.Objectives.Select(o => (o, "hwopt")).Concat(plan.Baselines.Select(b => (b, b.Name))))
        {
            sb.Append(Inv($"| {b.Item1.Problem} | {(b.Item2 == "hwopt" ? "**hwopt (" + b.Item1.Name + ")**" : b.Item2)} | {Num(b.Item1.Objective)} | {b.Item1.Unit} |\n"));
        }
        if (pictures is not null)
        {
            sb.Append("\n## Pictures\n");
            foreach (var (title, file, note) in pictures)
            {
                sb.Append("\n### ").Append(title).Append("\n\n").Append(note).Append('\n');
                if (file is not null) sb.Append("\n").Append(file.EndsWith(".svg", StringComparison.Ordinal) ? "![" + title + "](" + file + ")" : "[" + file + "](" + file + ")").Append('\n');
            }
        }
        sb.Append("\n## Kernels\n\n| kernel | ops | device | format | latency ns | interval | measured ns | FLOPs | bytes |\n|---:|---|---|---|---:|---|---:|---:|---:|\n");
        foreach (var k in facts.Kernels)
        {
            string interval = double.IsNaN(k.LatencyNsLow) ? "-" : $"[{Num(k.LatencyNsLow)}, {Num(k.LatencyNsHigh)}]";
            sb.Append(Inv($"| {k.Index} | {string.Join(", ", k.Nodes.Select(n => plan.Graph.Ops[n].Name + "#" + n))} | {k.Device} | {k.Format} | {Num(k.LatencyNs)} | {interval} | {(k.MeasuredNs is double m ? Num(m) : "-")} | {Num(k.Flops)} | {Num(k.Bytes)} |\n"));
        }
        sb.Append("\n## Ops\n\n| # | op | location | kernel | precision | device | reasons |\n|---:|---|---|---:|---|---|---|\n");
        foreach (var d in plan.Ops.Where(IsDecided))
        {
            var op = plan.Graph.Ops[d.Node];
            sb.Append(Inv($"| {d.Node} | {op.Name} | {LocationOf(op)} | {(d.Kernel is int k ? k.ToString(CultureInfo.InvariantCulture) : "-")} | {d.Precision ?? "-"} | {d.Device ?? "-"} | {string.Join("; ", d.Reasons).Replace("|", "\\|", StringComparison.Ordinal)} |\n"));
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

    /// <summary>True when a pass decided something for the op (a kernel, a format or a device): the ops the reports list.</summary>
    internal static bool IsDecided(OpDecision d) => d.Kernel is not null || d.Precision is not null || d.Device is not null;

    internal static string LocationOf(HwOpt.IR.Operation op) =>
        op.Span.Source is { } src ? Inv($"{src.Path}:{op.Span.Line}:{op.Span.Column}") : op.Location.Describe();

    internal static string StatusName(Planning.Milp.SolveStatus s) => s switch
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

    internal static string Pct(double gap) => double.IsNaN(gap) ? "n/a" : double.IsInfinity(gap) ? "inf" : Inv($"{gap * 100:0.##} %");

    internal static string Num(double v) => !double.IsFinite(v) ? "n/a" : Math.Abs(v) >= 1e6 || (v != 0 && Math.Abs(v) < 0.01) ? v.ToString("0.###e+0", CultureInfo.InvariantCulture) : v.ToString("0.###", CultureInfo.InvariantCulture);

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
