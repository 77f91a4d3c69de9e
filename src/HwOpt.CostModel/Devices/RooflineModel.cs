using HwOpt.Analysis.Work;

namespace HwOpt.CostModel.Devices;

/// <summary>A roofline estimate of one kernel on one device.</summary>
/// <param name="LatencyNs">Predicted latency, ns; null when the device does not compute in the kernel's element type.</param>
/// <param name="ComputeNs">FLOPs / peak FLOP/s, ns.</param>
/// <param name="MemoryNs">Bytes / bandwidth of the smallest memory level that holds the working set, ns.</param>
/// <param name="Bound"><c>compute</c> or <c>memory</c>: the larger of the two terms.</param>
/// <param name="BandwidthBytesPerS">The bandwidth used, bytes/s.</param>
public sealed record RooflineEstimate(double? LatencyNs, double ComputeNs, double MemoryNs, string Bound, double BandwidthBytesPerS);

/// <summary>
/// The analytical baseline: Williams, Waterman and Patterson, "Roofline: an insightful visual performance model for
/// multicore architectures", CACM 52(4), 2009. Latency = max(FLOPs / peak(type), bytes / bandwidth) + the device's
/// fixed kernel overhead; the bandwidth is that of the innermost cache level whose capacity holds the kernel's bytes
/// (when the profile gives cache bandwidths), else main memory's.
/// </summary>
public sealed class RooflineModel(DeviceProfile device)
{
    /// <summary>The device.</summary>
    public DeviceProfile Device { get; } = device;

    /// <summary>Estimates a kernel from its work.</summary>
    /// <param name="work">FLOPs and bytes of the kernel (<see cref="WorkEstimator"/>).</param>
    public RooflineEstimate Estimate(WorkEstimate work)
    {
        double bytes = work.BytesRead + work.BytesWritten;
        double bandwidth = Device.Memory.BandwidthBytesPerS;
        foreach (var cache in Device.Caches.OrderBy(c => c.Level))
        {
            if (cache.BandwidthBytesPerS is { } bw && bytes <= cache.Bytes)
            {
                bandwidth = bw;
                break;
            }
        }
        double memoryNs = bytes / bandwidth * 1e9;
        double? peak = work.Flops > 0 ? Device.PeakFor(work.ComputeType) : null;
        if (work.Flops > 0 && peak is null)
        {
            return new RooflineEstimate(null, double.PositiveInfinity, memoryNs, "unsupported", bandwidth);
        }
        double computeNs = peak is { } p ? work.Flops / p * 1e9 : 0;
        return new RooflineEstimate(Math.Max(computeNs, memoryNs) + Device.KernelOverheadNs, computeNs, memoryNs,
            computeNs >= memoryNs ? "compute" : "memory", bandwidth);
    }
}
