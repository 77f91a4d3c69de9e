using System.Globalization;
using HwOpt.Diagnostics;
using YamlDotNet.Core;

namespace HwOpt.CostModel.Devices;

/// <summary>
/// A device profile (<c>cost-models/devices/NAME.yaml</c>): peak throughput per data type, memory, caches, the link to the
/// host, fixed per-kernel overhead, power and price. Published figures cite their spec sheet in the file; the host
/// profile is measured by <c>hwopt device measure-host</c>.
/// </summary>
public sealed class DeviceProfile
{
    /// <summary>Short name used on the command line (<c>--device NAME</c>), the file's stem.</summary>
    public string Name { get; set; } = "";

    /// <summary><c>cpu</c>, <c>gpu</c> or <c>npu</c>.</summary>
    public string Kind { get; set; } = "";

    /// <summary>Human-readable description.</summary>
    public string Description { get; set; } = "";

    /// <summary>Where the figures come from (spec sheet, or the measuring command).</summary>
    public string Source { get; set; } = "";

    /// <summary>Peak arithmetic throughput per element type (MLIR spelling: <c>f32</c>, <c>bf16</c>, <c>i8</c>), FLOP/s (OP/s for integers). A type absent here is not supported by the device.</summary>
    public Dictionary<string, double> PeakFlops { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Main memory.</summary>
    public MemorySpec Memory { get; set; } = new();

    /// <summary>Cache levels, innermost first (may be empty).</summary>
    public List<CacheSpec> Caches { get; set; } = new();

    /// <summary>The link to the host (transfers between devices cross it).</summary>
    public LinkSpec Link { get; set; } = new();

    /// <summary>Fixed cost of one kernel (call or launch), ns.</summary>
    public double KernelOverheadNs { get; set; }

    /// <summary>Power draw.</summary>
    public PowerSpec Power { get; set; } = new();

    /// <summary>Price of one hour of the device, USD (cloud price, or purchase price amortised over three years); null when unknown.</summary>
    public double? PricePerHourUsd { get; set; }

    /// <summary>For measured profiles: how and when (command, pipeline hash, date).</summary>
    public Dictionary<string, string>? Measured { get; set; }

    /// <summary>Peak throughput for an element type, FLOP/s, or null when the device does not support the type.</summary>
    /// <param name="elementType">MLIR element type name; <c>index</c> and unknown integers use <c>i64</c>, then <c>i32</c>.</param>
    public double? PeakFor(string elementType)
    {
        if (PeakFlops.TryGetValue(elementType, out double p)) return p;
        if (elementType is "index" && PeakFlops.TryGetValue("i64", out p)) return p;
        return null;
    }

    /// <summary>Whether the device computes in the element type.</summary>
    public bool Supports(string elementType) => PeakFor(elementType) is not null;

    /// <summary>Energy of a run that keeps the device busy for <paramref name="busyNs"/>, joules (peak power while busy: an upper bound).</summary>
    public double EnergyJoules(double busyNs) => Power.PeakWatts * busyNs * 1e-9;

    /// <summary>Reads and validates a profile.</summary>
    /// <param name="path">A <c>.yaml</c> file.</param>
    /// <param name="diagnostics">Receives HW4012 with the file and the problem.</param>
    /// <returns>The profile, or null when it cannot be read or is invalid.</returns>
    public static DeviceProfile? Load(string path, DiagnosticBag diagnostics)
    {
        string text;
        try { text = File.ReadAllText(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            diagnostics.Report(DiagnosticIds.InvalidDeviceProfile, default, $"{path}: cannot read the device profile: {e.Message}");
            return null;
        }
        var source = new SourceText(path, text);
        DeviceProfile? profile;
        try { profile = DeviceProfileYaml.Read(text); }
        catch (YamlException e)
        {
            diagnostics.Report(DiagnosticIds.InvalidDeviceProfile, SpanAt(source, (int)e.Start.Line, (int)e.Start.Column), (e.InnerException ?? e).Message);
            return null;
        }
        if (profile is null)
        {
            diagnostics.Report(DiagnosticIds.InvalidDeviceProfile, SpanAt(source, 1, 1), "empty device profile");
            return null;
        }
        foreach (string problem in profile.Problems())
        {
            diagnostics.Report(DiagnosticIds.InvalidDeviceProfile, SpanAt(source, 1, 1), problem);
        }
        return diagnostics.HasErrors ? null : profile;
    }

    private static SourceSpan SpanAt(SourceText source, int line, int column)
    {
        int offset = 0;
        for (int l = 1; l < line && offset < source.Text.Length; l++)
        {
            int next = source.Text.IndexOf('\n', offset);
            if (next < 0) break;
            offset = next + 1;
        }
        return new SourceSpan(source, source.OffsetOfChar(Math.Min(source.Text.Length, offset + Math.Max(0, column - 1))), 0);
    }

    /// <summary>What is wrong with the profile (empty when valid).</summary>
    public IEnumerable<string> Problems()
    {
        if (Name.Length == 0) yield return "missing 'name'";
        if (Kind is not ("cpu" or "gpu" or "npu")) yield return $"'kind' must be cpu, gpu or npu, not '{Kind}'";
        if (PeakFlops.Count == 0) yield return "'peak_flops' lists no element type";
        foreach (var (type, peak) in PeakFlops.Where(p => !(p.Value > 0) || double.IsInfinity(p.Value)))
        {
            yield return $"peak_flops.{type} must be a positive number, not {peak.ToString(CultureInfo.InvariantCulture)}";
        }
        if (!(Memory.BandwidthBytesPerS > 0)) yield return "memory.bandwidth_bytes_per_s must be positive";
        if (!(Memory.CapacityBytes > 0)) yield return "memory.capacity_bytes must be positive";
        if (Caches.Any(c => c.Bytes <= 0 || c.BandwidthBytesPerS is <= 0)) yield return "every cache needs positive 'bytes' (and 'bandwidth_bytes_per_s' when given)";
        if (Link.BandwidthBytesPerS < 0 || Link.LatencyNs < 0 || KernelOverheadNs < 0) yield return "link and overhead figures cannot be negative";
    }

    /// <summary>The profile as YAML (for the measured host profile).</summary>
    public string ToYaml() => DeviceProfileYaml.Write(this);
}

/// <summary>Main memory of a device.</summary>
public sealed class MemorySpec
{
    /// <summary>Sustained (measured) or peak (published) bandwidth, bytes/s.</summary>
    public double BandwidthBytesPerS { get; set; }

    /// <summary>Capacity, bytes.</summary>
    public double CapacityBytes { get; set; }
}

/// <summary>One cache level.</summary>
public sealed class CacheSpec
{
    /// <summary>1, 2, 3.</summary>
    public int Level { get; set; }

    /// <summary>Capacity, bytes (per core for private levels).</summary>
    public long Bytes { get; set; }

    /// <summary>Bandwidth for working sets that fit, bytes/s; null when unknown (main-memory bandwidth is used).</summary>
    public double? BandwidthBytesPerS { get; set; }
}

/// <summary>The link between the device and the host.</summary>
public sealed class LinkSpec
{
    /// <summary>Name of the interconnect.</summary>
    public string Name { get; set; } = "";

    /// <summary>Bandwidth per direction, bytes/s.</summary>
    public double BandwidthBytesPerS { get; set; }

    /// <summary>Latency of one transfer, ns.</summary>
    public double LatencyNs { get; set; }
}

/// <summary>Power draw.</summary>
public sealed class PowerSpec
{
    /// <summary>Idle power, W.</summary>
    public double IdleWatts { get; set; }

    /// <summary>Peak (TDP) power, W.</summary>
    public double PeakWatts { get; set; }
}
