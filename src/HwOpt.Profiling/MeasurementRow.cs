namespace HwOpt.Profiling;

/// <summary>
/// One measured kernel: a row of the dataset (<c>corpus/measurements/*.csv.gz</c>). Latencies are per call of the
/// kernel function in ns, from <c>rtclock</c> around an inner repeat loop. Static metrics come from <c>llc -O3</c>.
/// Failed kernels are rows too, with <see cref="Status"/> and <see cref="Error"/> set and metrics empty.
/// </summary>
public sealed class MeasurementRow
{
    /// <summary>Kernel id (<see cref="Kernel.Id"/>).</summary>
    public string KernelId { get; set; } = "";
    /// <summary>Source (model file name or <c>sweep:NAME</c>).</summary>
    public string Source { get; set; } = "";
    /// <summary>Architecture family.</summary>
    public string Family { get; set; } = "";
    /// <summary>Op names, space-separated.</summary>
    public string OpNames { get; set; } = "";
    /// <summary>Number of ops (fusion group size).</summary>
    public int OpCount { get; set; }
    /// <summary>Kernel signature <c>(arg types) -&gt; (result types)</c>.</summary>
    public string Signature { get; set; } = "";
    /// <summary>Element types, space-separated.</summary>
    public string ElementTypes { get; set; } = "";
    /// <summary>Total argument bytes.</summary>
    public long ArgumentBytes { get; set; }
    /// <summary><c>ok</c>, <c>unsupported</c>, <c>lowering-failed</c>, <c>run-failed</c>, <c>timeout</c>.</summary>
    public string Status { get; set; } = "";
    /// <summary>Failure reason (first diagnostic line), empty when ok.</summary>
    public string Error { get; set; } = "";
    /// <summary>Median latency per call, ns.</summary>
    public double? LatencyMedianNs { get; set; }
    /// <summary>Minimum latency per call, ns.</summary>
    public double? LatencyMinNs { get; set; }
    /// <summary>Coefficient of variation of the samples (standard deviation / mean).</summary>
    public double? LatencyCov { get; set; }
    /// <summary>Timed samples.</summary>
    public int? Samples { get; set; }
    /// <summary>Kernel calls per sample (inner repeat count).</summary>
    public long? InnerRepeats { get; set; }
    /// <summary>Samples outside Tukey's fences (Q1 - 1.5 IQR, Q3 + 1.5 IQR).</summary>
    public int? Outliers { get; set; }
    /// <summary>Measurement attempts (re-measured while CoV &gt; the target).</summary>
    public int Attempts { get; set; }
    /// <summary>Register spills in the kernel function (llc -O3 asm comments).</summary>
    public int? Spills { get; set; }
    /// <summary>Register reloads.</summary>
    public int? Reloads { get; set; }
    /// <summary>Static machine instructions of the kernel function.</summary>
    public int? StaticInstructions { get; set; }
    /// <summary>Code size of the kernel function in bytes.</summary>
    public long? CodeSizeBytes { get; set; }
    /// <summary>Batch the kernel was measured in (for drift analysis).</summary>
    public int Batch { get; set; }
    /// <summary>Measurement time (UTC, ISO 8601).</summary>
    public string MeasuredAt { get; set; } = "";
    /// <summary>Random split: <c>train</c>, <c>validation</c> or <c>test</c> (80/10/10 by a hash of the kernel id).</summary>
    public string SplitRandom { get; set; } = "";
    /// <summary>Split by architecture family (see <see cref="DatasetSplits"/>).</summary>
    public string SplitFamily { get; set; } = "";
    /// <summary>The kernel function in MLIR generic form.</summary>
    public string KernelMlir { get; set; } = "";
}
