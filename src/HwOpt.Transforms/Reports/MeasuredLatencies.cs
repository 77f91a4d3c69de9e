using HwOpt.Diagnostics;
using HwOpt.Profiling;

namespace HwOpt.Transforms.Reports;

/// <summary>
/// Measured latencies by kernel id (the first 16 hex digits of SHA-256 of the outlined kernel's text,
/// <see cref="Kernel.Id"/>), as <c>hwopt profile</c> writes them, for the report's predicted-vs-measured picture. The
/// seam for other sources (e.g. an executed validation of the plan): build one from any kernel id → ns map.
/// </summary>
/// <param name="Source">Where the figures came from (a file name), for the report.</param>
/// <param name="Device">The device profile the figures were measured on; only kernels placed there in their input formats are compared.</param>
/// <param name="LatencyNsByKernelId">Median latency per call, ns, by kernel id.</param>
public sealed record MeasuredLatencies(string Source, string Device, IReadOnlyDictionary<string, double> LatencyNsByKernelId)
{
    /// <summary>Reads the rows with status <c>ok</c> of a measurement dataset (<c>corpus/measurements/host-cpu.csv.gz</c>); measured on the host.</summary>
    /// <param name="path">CSV or gzip-compressed CSV.</param>
    /// <param name="device">Device the dataset was measured on (default: the host profile).</param>
    /// <param name="diagnostics">Receives HW4004 (cannot read) or HW4008 (not a dataset).</param>
    /// <returns>The latencies, or null after a diagnostic.</returns>
    public static MeasuredLatencies? FromDataset(string path, string device, DiagnosticBag diagnostics)
    {
        if (!File.Exists(path))
        {
            diagnostics.Report(DiagnosticIds.CannotReadInput, default, $"{path}: no such measurements file");
            return null;
        }
        try
        {
            var byId = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var row in DatasetStore.Read(path))
            {
                if (row.Status == "ok" && row.LatencyMedianNs is double ns && double.IsFinite(ns) && ns > 0) byId.TryAdd(row.KernelId, ns);
            }
            return new MeasuredLatencies(Path.GetFileName(path), device, byId);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            diagnostics.Report(DiagnosticIds.InvalidDataset, default, e.Message);
            return null;
        }
    }
}
