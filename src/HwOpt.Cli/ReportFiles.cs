using HwOpt.CostModel.Devices;
using HwOpt.Diagnostics;
using HwOpt.Transforms;
using HwOpt.Transforms.Reports;

namespace HwOpt.Cli;

/// <summary>
/// Writes what <c>hwopt optimize</c> reports besides the IR: <c>--report FILE.json|.md|.html</c> (Markdown with its
/// pictures beside it: <c>FILE.graph.svg</c> or <c>FILE.graph.dot</c>, <c>FILE.roofline.svg</c>, <c>FILE.scatter.svg</c>),
/// <c>--emit-node-data FILE.json</c> (Model Explorer) and <c>--remarks-output FILE.yaml</c>.
/// </summary>
internal static class ReportFiles
{
    /// <summary>What to write and from what.</summary>
    internal sealed record Request(string Input, string CostModels, string Pipeline, string? Report, string? NodeData, string? Remarks, string? Measurements, bool ReportTiming = false);

    /// <summary>
    /// Reads the measurements and derives the plan's facts; call before <see cref="Annotator.Apply"/>, which adds
    /// attributes to the ops and so changes the outlined kernels' ids that measurements are keyed by.
    /// </summary>
    /// <returns>The facts, or null when the measurements could not be read (a diagnostic says why).</returns>
    public static PlanFacts? Prepare(PlanState plan, Request r, DiagnosticBag diagnostics)
    {
        MeasuredLatencies? measured = null;
        if (r.Measurements is not null && (measured = MeasuredLatencies.FromDataset(r.Measurements, DeviceCatalog.Host, diagnostics)) is null) return null;
        return PlanFacts.Compute(plan, measured);
    }

    /// <summary>Writes the requested files; false when one could not be written (diagnostics say which).</summary>
    public static bool Write(PlanState plan, PlanFacts facts, Request r, DiagnosticBag diagnostics)
    {
        bool ok = true;
        if (r.Report is not null)
        {
            string ext = Path.GetExtension(r.Report).ToLowerInvariant();
            if (ext is ".html" or ".htm")
            {
                var pictures = ReportPictures.Draw(plan, facts, ReportTools.FromEnvironment(), diagnostics);
                ok &= OutputWriter.Write(r.Report, [r.Input], HtmlReport.Write(plan, facts, pictures, r.Input, r.CostModels, r.Pipeline, scrubTimes: !r.ReportTiming), diagnostics);
            }
            else if (ext == ".md")
            {
                var pictures = ReportPictures.Draw(plan, facts, ReportTools.FromEnvironment(), diagnostics);
                string stem = r.Report[..^ext.Length];
                var links = new List<(string, string?, string)>();
                foreach (var (p, name) in new[] { (pictures.Graph, "graph"), (pictures.Roofline, "roofline"), (pictures.Scatter, "scatter") })
                {
                    string? file = p.Svg is not null ? $"{stem}.{name}.svg" : p.FallbackText is not null ? $"{stem}.{name}.dot" : null;
                    if (file is not null) ok &= OutputWriter.Write(file, [r.Input], p.Svg ?? p.FallbackText!, diagnostics);
                    links.Add((p.Title, file is null ? null : Path.GetFileName(file), p.Note));
                }
                ok &= OutputWriter.Write(r.Report, [r.Input], PlanReport.Markdown(plan, r.Input, r.CostModels, r.Pipeline, scrubTimes: !r.ReportTiming, facts: facts, pictures: links), diagnostics);
            }
            else
            {
                ok &= OutputWriter.Write(r.Report, [r.Input], PlanReport.Json(plan, r.Input, r.CostModels, r.Pipeline, scrubTimes: !r.ReportTiming, facts: facts), diagnostics);
            }
        }
        if (r.NodeData is not null) ok &= OutputWriter.Write(r.NodeData, [r.Input], ModelExplorerNodeData.Json(plan), diagnostics);
        if (r.Remarks is not null) ok &= OutputWriter.Write(r.Remarks, [r.Input], RemarksYaml.Write(plan), diagnostics);
        return ok;
    }
}
