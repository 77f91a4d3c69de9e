using System.ComponentModel;
using System.Globalization;
using System.Text;
using HwOpt.Analysis.Graph;
using HwOpt.Analysis.Work;
using HwOpt.Diagnostics;
using HwOpt.Profiling;

namespace HwOpt.Transforms.Reports;

/// <summary>One picture of the report: an SVG when its tool drew it, otherwise a fallback text (DOT) or just a note.</summary>
/// <param name="Title">Caption.</param>
/// <param name="Svg">The SVG document (from <c>&lt;svg</c> on, without XML prologue or DOCTYPE), or null.</param>
/// <param name="FallbackText">Text shown instead when there is no SVG (the graph's DOT), or null.</param>
/// <param name="Note">What the picture shows or why it is missing (one or two sentences).</param>
/// <param name="FitToWidth">Scale the SVG down to the page width (an overview of a large graph) instead of scrolling it at natural size.</param>
public sealed record Picture(string Title, string? Svg, string? FallbackText, string Note, bool FitToWidth = false);

/// <summary>The report's three pictures.</summary>
/// <param name="Graph">The dataflow graph with kernels as clusters coloured by device.</param>
/// <param name="Roofline">Roofline: each kernel at its arithmetic intensity and predicted attained FLOP/s, under its device's roofs.</param>
/// <param name="Scatter">Predicted vs measured latency per kernel (only when measurements were given and matched).</param>
public sealed record ReportPictureSet(Picture Graph, Picture Roofline, Picture Scatter);

/// <summary>
/// Draws the report's pictures. The graph is the plan graph written by <see cref="DotExporter"/> with one
/// <c>subgraph cluster_N</c> per kernel filled with its device's colour; above <see cref="CollapseAboveNodes"/> nodes it
/// is collapsed to one node per kernel (edges summed) so that <c>dot</c> stays fast and the SVG readable. <c>dot
/// -Tsvg</c> renders it when available, else the DOT text is embedded. The roofline and the predicted-vs-measured
/// scatter are gnuplot SVGs (log-log). Tools run through <see cref="ProcessRunner"/> with a time limit; a missing,
/// failing or slow tool gives HW4015 and a degraded picture, never an exception.
/// </summary>
public static class ReportPictures
{
    /// <summary>Plans with more kernel ops than this are drawn at kernel level.</summary>
    public const int CollapseAboveNodes = 300;

    /// <summary>Edge labels (value, bytes) are written only up to this many nodes.</summary>
    public const int EdgeLabelsUpToNodes = 120;

    private static readonly string[] Palette = ["#9ecae1", "#a1d99b", "#fdae6b", "#bcbddc", "#fa9fb5", "#d9d9d9"];

    /// <summary>Strong colours of the same hues as <see cref="Palette"/>, for plot points and lines.</summary>
    private static readonly string[] StrongPalette = ["#1f77b4", "#2ca02c", "#e6550d", "#756bb1", "#c51b8a", "#636363"];

    /// <summary>A device's colour: by its position among the sorted device names of the plan (stable for a plan).</summary>
    /// <param name="device">Device name.</param>
    /// <param name="devices">All device names of the plan, sorted ordinally.</param>
    public static string DeviceColor(string device, IReadOnlyList<string> devices)
    {
        int i = 0;
        for (; i < devices.Count; i++) if (devices[i] == device) break;
        return Palette[i % Palette.Length];
    }

    /// <summary>The strong variant of <see cref="DeviceColor"/> (plot points and roofs).</summary>
    private static string StrongColor(string device, IReadOnlyList<string> devices) =>
        StrongPalette[Array.IndexOf(Palette, DeviceColor(device, devices))];

    /// <summary>Sorted distinct device names of the facts' kernels.</summary>
    public static IReadOnlyList<string> DeviceNames(PlanFacts facts) =>
        facts.Kernels.Select(k => k.Device).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    /// <summary>The graph as DOT: op level with kernel clusters, or kernel level above <see cref="CollapseAboveNodes"/> nodes.</summary>
    /// <param name="plan">The plan.</param>
    /// <param name="facts">Its facts.</param>
    /// <param name="collapsed">True when drawn at kernel level.</param>
    public static string GraphDot(PlanState plan, PlanFacts facts, out bool collapsed)
    {
        var devices = DeviceNames(facts);
        var writer = new StringWriter(CultureInfo.InvariantCulture);
        string name = Path.GetFileName(plan.Graph.Source);
        collapsed = plan.Ops.Count(d => d.Kernel is not null) > CollapseAboveNodes;
        const string attributes = "rankdir=TB; fontname=\"sans\"; fontsize=10; edge [fontname=\"sans\", fontsize=9, color=\"#666666\"]";
        if (!collapsed)
        {
            // Kernel ops only: constants, allocations and views follow their users and would only add long edges.
            var kept = plan.Ops.Where(d => d.Kernel is not null).Select(d => d.Node).ToList();
            var position = new Dictionary<int, int>();
            foreach (int n in kept) position[n] = position.Count;
            var opNodes = kept.Select(n => new DataflowNode(position[n], plan.Graph.Ops[n].Name, "", plan.Graph.Ops[n].IsOpaque, "#" + n.ToString(CultureInfo.InvariantCulture))).ToList();
            var opEdges = plan.Graph.Graph.Edges.Where(e => position.ContainsKey(e.From) && position.ContainsKey(e.To))
                .Select(e => new DataflowEdgeSpec(position[e.From], position[e.To], e.Bytes, e.ValueName, e.Type)).ToList();
            var clusters = facts.Kernels.Select(k => new DotCluster(KernelCaption(k), DeviceColor(k.Device, devices))).ToList();
            var clusterOf = kept.Select(n => plan.Ops[n].Kernel).ToList();
            var style = new DotStyle(clusters, clusterOf, null, kept.Count <= EdgeLabelsUpToNodes, attributes);
            DotExporter.Write(DataflowGraph.Create(opNodes, opEdges), writer, name, style);
            return writer.ToString();
        }
        var nodes = facts.Kernels.Select(k => new DataflowNode(k.Index,
            Inv($"k{k.Index} {plan.Graph.Ops[MainOp(plan, k)].Name}{(k.Nodes.Count > 1 ? "+" + (k.Nodes.Count - 1).ToString(CultureInfo.InvariantCulture) : "")}"), "", false,
            Inv($"{k.Device} {k.Format} {Duration(k.LatencyNs)}"))).ToList();
        var bytes = new SortedDictionary<(int, int), long>();
        foreach (var e in plan.Graph.Graph.Edges)
        {
            if (plan.Ops[e.From].Kernel is int a && plan.Ops[e.To].Kernel is int b && a != b) bytes[(a, b)] = bytes.GetValueOrDefault((a, b)) + Math.Max(0, e.Bytes);
        }
        var edges = bytes.Select(kv => new DataflowEdgeSpec(kv.Key.Item1, kv.Key.Item2, kv.Value, "", "")).ToList();
        var kernelGraph = DataflowGraph.Create(nodes, edges);
        var fill = facts.Kernels.Select(k => (string?)DeviceColor(k.Device, devices)).ToList();
        DotExporter.Write(kernelGraph, writer, name + " (kernels)", new DotStyle([], null, fill, EdgeLabels: false, attributes + "; nodesep=0.15; ranksep=0.3; node [fontsize=10, margin=\"0.05,0.02\", height=0.3]"));
        return writer.ToString();
    }

    /// <summary>The op that names a kernel: the one with the most FLOPs (the first on ties), e.g. the convolution of a conv + bias + ReLU kernel.</summary>
    private static int MainOp(PlanState plan, KernelFacts k) =>
        k.Nodes.Count == 1 ? k.Nodes[0] : k.Nodes.Select(n => (Node: n, Flops: WorkEstimator.Estimate(plan.Graph.Ops[n]).Flops)).MaxBy(p => p.Flops).Node;

    /// <summary>Draws the three pictures.</summary>
    /// <param name="plan">The plan.</param>
    /// <param name="facts">Its facts.</param>
    /// <param name="tools">Tool paths and time limit.</param>
    /// <param name="diagnostics">Receives HW4015 warnings for pictures that could not be drawn.</param>
    public static ReportPictureSet Draw(PlanState plan, PlanFacts facts, ReportTools tools, DiagnosticBag diagnostics) =>
        new(DrawGraph(plan, facts, tools, diagnostics), DrawRoofline(facts, tools, diagnostics), DrawScatter(facts, tools, diagnostics));

    private static Picture DrawGraph(PlanState plan, PlanFacts facts, ReportTools tools, DiagnosticBag diagnostics)
    {
        string dot = GraphDot(plan, facts, out bool collapsed);
        string what = collapsed
            ? $"{plan.Ops.Count(d => d.Kernel is not null)} kernel ops are more than {CollapseAboveNodes}: one node per kernel, edges between kernels, filled with the kernel's device colour"
            : "kernel ops as boxes (constants, allocations and views left out), each kernel a cluster filled with its device's colour; edges are SSA values with their sizes";
        var (svg, why) = Run(tools.Dot, "dot", ["-Tsvg"], dot, tools.Timeout, "svg");
        if (svg is not null) return new Picture("Dataflow graph and kernels", svg, null, what + (collapsed ? "; scaled to the page width (zoom in to read)." : "."), FitToWidth: collapsed);
        diagnostics.Report(DiagnosticIds.ReportPictureNotDrawn, default, $"graph picture: {why}; the report carries the DOT text instead (render it with 'dot -Tsvg')");
        return new Picture("Dataflow graph and kernels", null, dot, $"{what}. Not rendered: {why}; the DOT text is given instead (dot -Tsvg renders it).");
    }

    private static Picture DrawRoofline(PlanFacts facts, ReportTools tools, DiagnosticBag diagnostics)
    {
        const string title = "Roofline (predicted)";
        var points = facts.Kernels.Where(k => k.Flops > 0 && k.Bytes > 0 && k.AttainedFlopsPerS > 0 && facts.Devices.ContainsKey(k.Device)).ToList();
        int skipped = facts.Kernels.Count - points.Count;
        if (points.Count == 0) return new Picture(title, null, null, "No kernel performs floating-point or integer arithmetic with a known byte count: nothing to place on a roofline.");
        var devices = DeviceNames(facts);
        var roofs = points.Select(k => (k.Device, k.ComputeType)).Distinct().OrderBy(r => r.Device, StringComparer.Ordinal).ThenBy(r => r.ComputeType, StringComparer.Ordinal)
            .Select(r => (r.Device, r.ComputeType, Peak: facts.Devices[r.Device].PeakFor(r.ComputeType) ?? facts.Devices[r.Device].PeakFlops.Values.Max(), Bandwidth: facts.Devices[r.Device].Memory.BandwidthBytesPerS))
            .ToList();
        double xmin = Math.Min(points.Min(p => p.Intensity), roofs.Min(r => r.Peak / r.Bandwidth)) / 4;
        double xmax = Math.Max(points.Max(p => p.Intensity), roofs.Max(r => r.Peak / r.Bandwidth)) * 4;
        double ymin = Math.Min(points.Min(p => p.AttainedFlopsPerS), roofs.Min(r => r.Bandwidth * xmin)) / 4;
        double ymax = Math.Max(points.Max(p => p.AttainedFlopsPerS), roofs.Max(r => r.Peak)) * 4;
        var gp = Header("arithmetic intensity (FLOP / byte)", "attained FLOP/s (predicted latency)", xmin, xmax, ymin, ymax, "outside below left Left reverse maxcols 2", 520);
        var plots = new List<string>();
        for (int i = 0; i < roofs.Count; i++)
        {
            var r = roofs[i];
            gp.Append(Inv($"roof{i}(x) = (x * {r.Bandwidth:R} < {r.Peak:R}) ? x * {r.Bandwidth:R} : {r.Peak:R}\n"));
            string color = StrongColor(r.Device, devices);
            plots.Add(Inv($"roof{i}(x) with lines lw 2 dt {1 + i % 4} lc rgb '{color}' title '{r.Device} {r.ComputeType}: {Si(r.Peak)}FLOP/s, {Si(r.Bandwidth)}B/s'"));
        }
        foreach (string device in devices)
        {
            var mine = points.Where(p => p.Device == device).ToList();
            if (mine.Count == 0) continue;
            string block = "$" + Ident(device);
            gp.Append(block).Append(" << EOD\n");
            foreach (var p in mine) gp.Append(Inv($"{p.Intensity:R} {p.AttainedFlopsPerS:R}\n"));
            gp.Append("EOD\n");
            plots.Add(Inv($"{block} using 1:2 with points pt 7 ps 0.7 lc rgb '{StrongColor(device, devices)}' title 'kernels on {device} ({mine.Count})'"));
        }
        gp.Append("plot ").Append(string.Join(", \\\n     ", plots)).Append('\n');
        string note = "Each kernel at its arithmetic intensity (FLOPs / bytes moved, from the IR) and the FLOP/s its predicted latency implies; " +
            "lines are its device's roofs (peak FLOP/s for the kernel's compute type, memory bandwidth) from cost-models/devices." +
            (skipped > 0 ? Inv($" {skipped} kernels without arithmetic or bytes are not shown.") : "");
        return Plot(title, gp.ToString(), note, tools, diagnostics, "roofline");
    }

    private static Picture DrawScatter(PlanFacts facts, ReportTools tools, DiagnosticBag diagnostics)
    {
        const string title = "Predicted vs measured latency";
        var pairs = facts.Kernels.Where(k => k.MeasuredNs is > 0 && k.LatencyNs > 0 && double.IsFinite(k.LatencyNs)).ToList();
        if (pairs.Count == 0) return new Picture(title, null, null, "No picture: " + facts.MeasuredNote + ".");
        double lo = pairs.Min(k => Math.Min(k.LatencyNs, k.MeasuredNs!.Value)) / 2, hi = pairs.Max(k => Math.Max(k.LatencyNs, k.MeasuredNs!.Value)) * 2;
        var gp = Header("predicted latency (ns)", "measured latency (ns)", lo, hi, lo, hi, "top left box opaque");
        gp.Append("$k << EOD\n");
        foreach (var k in pairs) gp.Append(Inv($"{k.LatencyNs:R} {k.MeasuredNs!.Value:R}\n"));
        gp.Append("EOD\n");
        gp.Append(Inv($"plot $k using 1:2 with points pt 7 ps 0.8 lc rgb '#1f5f9f' title 'kernels ({pairs.Count}, {pairs.Select(k => k.KernelId).Distinct(StringComparer.Ordinal).Count()} distinct)', x with lines lc rgb '#888888' title 'measured = predicted', 2*x with lines dt 2 lc rgb '#bbbbbb' title '×2 / ÷2', x/2 with lines dt 2 lc rgb '#bbbbbb' notitle\n"));
        double mape = pairs.Average(k => Math.Abs(k.LatencyNs - k.MeasuredNs!.Value) / k.MeasuredNs!.Value) * 100;
        return Plot(title, gp.ToString(), Inv($"{facts.MeasuredNote}; mean absolute percentage error {mape:0.#} % over these kernels."), tools, diagnostics, "scatter");
    }

    private static StringBuilder Header(string xlabel, string ylabel, double xmin, double xmax, double ymin, double ymax, string key, int height = 460)
    {
        var gp = new StringBuilder();
        gp.Append(Inv($"set terminal svg size 760,{height} font 'sans,11' background rgb 'white'\n"));
        gp.Append("set encoding utf8\nset logscale xy\nset grid xtics ytics lc rgb '#dddddd'\nset key ").Append(key).Append(" font 'sans,10'\n");
        gp.Append("set format x '%.0e'\nset format y '%.0e'\nset samples 400\n");
        gp.Append("set xlabel '").Append(xlabel).Append("'\nset ylabel '").Append(ylabel).Append("'\n");
        gp.Append(Inv($"set xrange [{xmin:R}:{xmax:R}]\nset yrange [{ymin:R}:{ymax:R}]\n"));
        return gp;
    }

    private static Picture Plot(string title, string script, string note, ReportTools tools, DiagnosticBag diagnostics, string what)
    {
        var (svg, why) = Run(tools.Gnuplot, "gnuplot", [], script, tools.Timeout, what);
        if (svg is not null) return new Picture(title, svg, null, note);
        diagnostics.Report(DiagnosticIds.ReportPictureNotDrawn, default, $"{what} plot: {why}; the report says so instead");
        return new Picture(title, null, null, $"{note} Not drawn: {why}.");
    }

    /// <summary>Runs a tool with <paramref name="input"/> on stdin and returns its SVG (prefixed ids), or null and why.</summary>
    private static (string? Svg, string Why) Run(string? path, string program, IReadOnlyList<string> args, string input, TimeSpan timeout, string idPrefix)
    {
        if (path is null) return (null, $"{program} is not available (not on PATH, or HWOPT_{program.ToUpperInvariant()} is empty; Debian package {(program == "dot" ? "graphviz" : program)})");
        ProcessOutcome outcome;
        try { outcome = ProcessRunner.Run(path, args, timeout, stdin: input); }
        catch (Exception e) when (e is Win32Exception or IOException or InvalidOperationException)
        {
            return (null, $"{program} could not be started ({path}: {e.Message})");
        }
        if (outcome.TimedOut) return (null, Inv($"{program} ran past its limit of {timeout.TotalSeconds:0} s"));
        if (!outcome.Succeeded) return (null, $"{program} failed ({outcome.FailureReason()})");
        int start = outcome.StdOut.IndexOf("<svg", StringComparison.Ordinal);
        if (start < 0) return (null, $"{program} wrote no SVG");
        return (PrefixIds(outcome.StdOut[start..].TrimEnd() + "\n", idPrefix), "");
    }

    /// <summary>Makes the SVG's element ids unique within an HTML page holding several SVGs (<c>id='x'</c> → <c>id='P_x'</c>, and the references to them).</summary>
    private static string PrefixIds(string svg, string prefix)
    {
        var sb = new StringBuilder(svg);
        foreach (char q in new[] { '\'', '"' })
        {
            sb.Replace($"id={q}", $"id={q}{prefix}_");
            sb.Replace($"href={q}#", $"href={q}#{prefix}_");
        }
        sb.Replace("url(#", $"url(#{prefix}_");
        return sb.ToString();
    }

    internal static string KernelCaption(KernelFacts k) => Inv($"kernel {k.Index} · {k.Device} · {k.Format} · {Duration(k.LatencyNs)}");

    internal static string Duration(double ns) =>
        !double.IsFinite(ns) ? "n/a" : ns >= 1e6 ? Inv($"{ns / 1e6:0.###} ms") : ns >= 1e3 ? Inv($"{ns / 1e3:0.###} us") : Inv($"{ns:0.#} ns");

    private static string Si(double v)
    {
        string[] units = ["", "k", "M", "G", "T", "P", "E"];
        int i = 0;
        while (Math.Abs(v) >= 1000 && i < units.Length - 1) { v /= 1000; i++; }
        return Inv($"{v:0.##} {units[i]}");
    }

    private static string Ident(string s) => "d_" + string.Concat(s.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_'));

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
