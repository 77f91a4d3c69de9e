using System.Globalization;
using System.Text;

namespace HwOpt.Transforms.Reports;

/// <summary>
/// The plan as one self-contained HTML page (<c>hwopt optimize --report FILE.html</c>): inline CSS and inline SVG
/// pictures, no script, no external URL. Sections: summary line, key figures (predicted latency, energy per
/// inference, ESS with its definition), per-pass summaries, solver statistics, plan beside baselines, pictures (graph,
/// roofline, predicted vs measured), kernels, ops with their decisions and reasons. The markup is well-formed XML
/// (XHTML syntax: escaped text, closed tags) so tests can parse it; bytes are deterministic except solve times, which
/// <c>scrubTimes</c> zeroes.
/// </summary>
public static class HtmlReport
{
    private const string Css = """
        body { font-family: -apple-system, "Segoe UI", "DejaVu Sans", Arial, sans-serif; font-size: 14px; color: #1d1d1f; margin: 24px auto; max-width: 1320px; padding: 0 16px; line-height: 1.4; }
        h1 { font-size: 22px; margin: 0 0 4px 0; }
        h2 { font-size: 17px; margin: 28px 0 8px 0; padding-bottom: 3px; border-bottom: 1px solid #ccc; }
        h3 { font-size: 15px; margin: 18px 0 6px 0; }
        .summary { font-size: 16px; background: #f3f6fa; border-left: 4px solid #3b6ea5; padding: 8px 12px; margin: 10px 0; }
        .meta { color: #555; font-size: 12px; }
        code, pre { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 12px; }
        table { border-collapse: collapse; margin: 6px 0 12px 0; font-size: 12.5px; }
        th, td { border: 1px solid #d0d0d0; padding: 3px 7px; vertical-align: top; text-align: left; }
        th { background: #eef1f5; position: sticky; top: 0; }
        td.nw { white-space: nowrap; }
        td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        tr:nth-child(even) td { background: #fafbfc; }
        .figures td:first-child { font-weight: 600; white-space: nowrap; }
        .reasons { font-size: 12px; color: #333; }
        .reasons div { margin: 1px 0; }
        .picture { border: 1px solid #d0d0d0; padding: 8px; margin: 8px 0 4px 0; overflow: auto; max-height: 900px; background: #fff; }
        .picture svg { display: block; }
        .picture.fit { max-height: 1600px; }
        nav { font-size: 13px; margin: 4px 0 8px 0; }
        nav a { color: #3b6ea5; text-decoration: none; margin-right: 12px; }
        .picture.fit svg { max-width: 100%; height: auto; }
        .note { color: #444; font-size: 12.5px; margin: 2px 0 10px 0; }
        .legend span { display: inline-block; padding: 1px 8px; margin-right: 8px; border: 1px solid #999; font-size: 12px; }
        pre.dot { max-height: 400px; overflow: auto; background: #f7f7f7; padding: 8px; border: 1px solid #ddd; }
        .best { font-weight: 600; }
        """;

    /// <summary>Writes the page.</summary>
    /// <param name="plan">The plan.</param>
    /// <param name="facts">Its facts (<see cref="PlanFacts.Compute"/>).</param>
    /// <param name="pictures">Its pictures (<see cref="ReportPictures.Draw"/>).</param>
    /// <param name="model">Input path as given.</param>
    /// <param name="costModel">Cost model name(s).</param>
    /// <param name="pipeline">Pass pipeline text.</param>
    /// <param name="scrubTimes">Leave solve times out ('-').</param>
    public static string Write(PlanState plan, PlanFacts facts, ReportPictureSet pictures, string model, string costModel, string pipeline, bool scrubTimes = false)
    {
        var h = new StringBuilder();
        h.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\" />\n<title>hwopt plan: ").Append(E(model)).Append("</title>\n<style>\n")
            .Append(Css.Replace("\r", "", StringComparison.Ordinal)).Append("\n</style>\n</head>\n<body>\n");
        h.Append("<h1>hwopt plan: ").Append(E(model)).Append("</h1>\n");
        h.Append("<p class=\"meta\">Cost model: ").Append(E(costModel)).Append(". Pipeline: <code>").Append(E(pipeline)).Append("</code></p>\n");
        h.Append("<p class=\"summary\" id=\"summary\">").Append(E(PlanReport.SummaryLine(plan))).Append("</p>\n");
        h.Append("<nav>");
        foreach (var (id, text) in new[] { ("figures", "Key figures"), ("passes", "Passes"), ("solver", "Solver"), ("baselines", "Baselines"), ("graph", "Graph"), ("roofline", "Roofline"), ("scatter", "Predicted vs measured"), ("kernels", "Kernels"), ("ops", "Ops and decisions") })
        {
            if (id == "passes" && plan.Summary.Count == 0 || id == "baselines" && plan.Objectives.Count == 0) continue;
            h.Append("<a href=\"#").Append(id).Append("\">").Append(text).Append("</a>");
        }
        h.Append("</nav>\n");
        Figures(h, plan, facts);
        if (plan.Summary.Count > 0)
        {
            h.Append("<h2 id=\"passes\">Passes</h2>\n<ul>\n");
            foreach (string line in plan.Summary) h.Append("<li>").Append(E(line)).Append("</li>\n");
            h.Append("</ul>\n");
        }
        Solver(h, plan, scrubTimes);
        Baselines(h, plan);
        Pictures(h, pictures, facts);
        Kernels(h, plan, facts);
        Ops(h, plan);
        h.Append("</body>\n</html>\n");
        return h.ToString();
    }

    private static void Figures(StringBuilder h, PlanState plan, PlanFacts facts)
    {
        h.Append("<h2 id=\"figures\">Key figures</h2>\n<table class=\"figures\">\n");
        Row(h, "predicted latency", ReportPictures.Duration(plan.PredictedLatencyNs) + " (end to end, as the last pass evaluated the plan)");
        Row(h, "energy per inference", (facts.EnergyJoules is double j ? Inv($"{j:0.####e+0} J") : "n/a") + " — " + facts.EnergySource);
        Row(h, "ESS", (facts.SensitivitySum is double s ? Inv($"{s:0.####e+0}") : "n/a (no pass chose formats; every op keeps its input format)") + " — " + PlanFacts.EssDefinition);
        Row(h, "kernels", Inv($"{plan.Kernels.Count} kernels of {plan.Ops.Count(d => d.Kernel is not null)} kernel ops ({plan.Graph.Count} ops in the graph)"));
        Row(h, "measurements", facts.MeasuredNote);
        h.Append("</table>\n");
    }

    private static void Row(StringBuilder h, string name, string value) => h.Append("<tr><td>").Append(E(name)).Append("</td><td>").Append(E(value)).Append("</td></tr>\n");

    private static void Solver(StringBuilder h, PlanState plan, bool scrubTimes)
    {
        h.Append("<h2 id=\"solver\">Solver statistics</h2>\n");
        if (plan.Solves.Count == 0)
        {
            h.Append("<p class=\"note\">No MILP was solved.</p>\n");
            return;
        }
        h.Append("<table>\n<tr><th>problem</th><th>status</th><th class=\"num\">objective</th><th class=\"num\">best bound</th><th class=\"num\">gap</th><th class=\"num\">time (s)</th><th class=\"num\">variables</th><th class=\"num\">constraints</th><th class=\"num\">nodes</th><th>backend</th></tr>\n");
        foreach (var s in plan.Solves)
        {
            h.Append("<tr><td>").Append(E(s.Problem)).Append("</td><td>").Append(E(PlanReport.StatusName(s.Status))).Append("</td>");
            Num(h, PlanReport.Num(s.Objective));
            Num(h, PlanReport.Num(s.BestBound));
            Num(h, PlanReport.Pct(s.Gap));
            Num(h, scrubTimes ? "-" : Inv($"{s.SolveTimeSeconds:0.###}"));
            Num(h, Inv($"{s.Variables}"));
            Num(h, Inv($"{s.Constraints}"));
            Num(h, Inv($"{s.Nodes}"));
            h.Append("<td>").Append(E(s.Solver)).Append("</td></tr>\n");
        }
        h.Append("</table>\n");
    }

    private static void Baselines(StringBuilder h, PlanState plan)
    {
        if (plan.Objectives.Count == 0) return;
        h.Append("<h2 id=\"baselines\">Plan beside baselines</h2>\n<table>\n<tr><th>problem</th><th>plan</th><th class=\"num\">objective</th><th>unit</th></tr>\n");
        foreach (var problem in plan.Objectives.Select(o => o.Problem).Distinct(StringComparer.Ordinal))
        {
            foreach (var o in plan.Objectives.Where(o => o.Problem == problem))
            {
                h.Append("<tr class=\"best\"><td>").Append(E(problem)).Append("</td><td>hwopt (").Append(E(o.Name)).Append(")</td>");
                Num(h, PlanReport.Num(o.Objective));
                h.Append("<td>").Append(E(o.Unit)).Append("</td></tr>\n");
            }
            foreach (var b in plan.Baselines.Where(b => b.Problem == problem))
            {
                h.Append("<tr><td>").Append(E(problem)).Append("</td><td>").Append(E(b.Name)).Append("</td>");
                Num(h, PlanReport.Num(b.Objective));
                h.Append("<td>").Append(E(b.Unit)).Append("</td></tr>\n");
            }
        }
        h.Append("</table>\n");
    }

    private static void Pictures(StringBuilder h, ReportPictureSet pictures, PlanFacts facts)
    {
        h.Append("<h2 id=\"pictures\">Pictures</h2>\n");
        var devices = ReportPictures.DeviceNames(facts);
        h.Append("<p class=\"legend\">Devices: ");
        foreach (string d in devices) h.Append("<span style=\"background:").Append(ReportPictures.DeviceColor(d, devices)).Append("\">").Append(E(d)).Append("</span>");
        h.Append("</p>\n");
        foreach (var (p, id) in new[] { (pictures.Graph, "graph"), (pictures.Roofline, "roofline"), (pictures.Scatter, "scatter") })
        {
            h.Append("<h3 id=\"").Append(id).Append("\">").Append(E(p.Title)).Append("</h3>\n<p class=\"note\">").Append(E(p.Note)).Append("</p>\n");
            if (p.Svg is not null) h.Append(p.FitToWidth ? "<div class=\"picture fit\">\n" : "<div class=\"picture\">\n").Append(p.Svg).Append("</div>\n");
            else if (p.FallbackText is not null) h.Append("<pre class=\"dot\">").Append(E(p.FallbackText)).Append("</pre>\n");
        }
    }

    private static void Kernels(StringBuilder h, PlanState plan, PlanFacts facts)
    {
        h.Append("<h2 id=\"kernels\">Kernels</h2>\n<table>\n<tr><th class=\"num\">kernel</th><th>ops</th><th>device</th><th>format</th><th class=\"num\">predicted</th><th class=\"num\">interval</th><th class=\"num\">measured</th><th class=\"num\">FLOPs</th><th class=\"num\">bytes</th><th class=\"num\">FLOP/byte</th></tr>\n");
        foreach (var k in facts.Kernels)
        {
            h.Append("<tr>");
            Num(h, Inv($"{k.Index}"));
            h.Append("<td>").Append(E(string.Join(", ", k.Nodes.Select(n => plan.Graph.Ops[n].Name + "#" + n.ToString(CultureInfo.InvariantCulture))))).Append("</td>");
            h.Append("<td class=\"nw\">").Append(E(k.Device)).Append("</td><td class=\"nw\">").Append(E(k.Format)).Append("</td>");
            Num(h, ReportPictures.Duration(k.LatencyNs));
            Num(h, double.IsNaN(k.LatencyNsLow) ? "-" : ReportPictures.Duration(k.LatencyNsLow) + " – " + ReportPictures.Duration(k.LatencyNsHigh));
            Num(h, k.MeasuredNs is double m ? ReportPictures.Duration(m) : "-");
            Num(h, PlanReport.Num(k.Flops));
            Num(h, PlanReport.Num(k.Bytes));
            Num(h, k.Bytes > 0 ? Inv($"{k.Intensity:0.###}") : "-");
            h.Append("</tr>\n");
        }
        h.Append("</table>\n");
    }

    private static void Ops(StringBuilder h, PlanState plan)
    {
        h.Append("<h2 id=\"ops\">Ops and decisions</h2>\n<table>\n<tr><th class=\"num\">#</th><th>op</th><th>location</th><th class=\"num\">kernel</th><th>format</th><th>device</th><th class=\"num\">kernel cost</th><th>decisions and reasons</th></tr>\n");
        foreach (var d in plan.Ops.Where(PlanReport.IsDecided))
        {
            var op = plan.Graph.Ops[d.Node];
            h.Append("<tr>");
            Num(h, Inv($"{d.Node}"));
            h.Append("<td><code>").Append(E(op.Name)).Append("</code></td><td>").Append(E(PlanReport.LocationOf(op))).Append("</td>");
            Num(h, d.Kernel is int k ? Inv($"{k}") : "-");
            h.Append("<td class=\"nw\">").Append(E(d.Precision ?? "-")).Append("</td><td class=\"nw\">").Append(E(d.Device ?? "-")).Append("</td>");
            Num(h, d.KernelCostNs is double c ? ReportPictures.Duration(c) : "-");
            h.Append("<td class=\"reasons\">");
            foreach (string r in d.Reasons) h.Append("<div>").Append(E(r)).Append("</div>");
            h.Append("</td></tr>\n");
        }
        h.Append("</table>\n");
        int others = plan.Ops.Count(d => !PlanReport.IsDecided(d));
        if (others > 0) h.Append("<p class=\"note\">").Append(Inv($"{others} ops are not planned (constants, views, allocations, terminators, or ops no pass decided) and follow their users; the JSON report lists why for each.")).Append("</p>\n");
    }

    private static void Num(StringBuilder h, string text) => h.Append("<td class=\"num\">").Append(E(text)).Append("</td>");

    /// <summary>Escapes text for HTML and XML content and attribute values.</summary>
    internal static string E(string s)
    {
        var sb = new StringBuilder(s.Length);
        foreach (char c in s)
        {
            switch (c)
            {
                case '&': sb.Append("&amp;"); break;
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '"': sb.Append("&quot;"); break;
                default: sb.Append(char.IsControl(c) && c != '\n' && c != '\t' ? ' ' : c); break;
            }
        }
        return sb.ToString();
    }

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
