using CsvHelper.Configuration.Attributes;

namespace HwOpt.Profiling;

/// <summary>
/// One measured kernel: a row of the dataset (<c>corpus/measurements/*.csv.gz</c>). Latencies are per call of the
/// kernel function in ns, from <c>rtclock</c> around an inner repeat loop. Static metrics come from <c>llc -O3</c>.
/// Failed kernels are rows too, with <see cref="Status"/> and <see cref="Error"/> set and metrics empty.
/// </summary>
public sealed class MeasurementRow
{
    /// <summary>Kernel id (<see cref="Kernel.Id"/>).</summary>
    [Name("kernel_id", "KernelId")]
    public string KernelId { get; set; } = "";
    /// <summary>Source (model file name or <c>sweep:NAME</c>).</summary>
    [Name("source", "Source")]
    public string Source { get; set; } = "";
    /// <summary>Architecture family.</summary>
    [Name("family", "Family")]
    public string Family { get; set; } = "";
    /// <summary>Op names, space-separated.</summary>
    [Name("op", "OpNames")]
    public string OpNames { get; set; } = "";
    /// <summary>Number of ops (fusion group size).</summary>
    [Name("op_count", "OpCount")]
    public int OpCount { get; set; }
    /// <summary>Kernel signature <c>(arg types) -&gt; (result types)</c>.</summary>
    [Name("signature", "Signature")]
    public string Signature { get; set; } = "";
    /// <summary>Element types, space-separated.</summary>
    [Name("element_types", "ElementTypes")]
    public string ElementTypes { get; set; } = "";
    /// <summary>Total argument bytes.</summary>
    [Name("argument_bytes", "ArgumentBytes")]
    public long ArgumentBytes { get; set; }
    /// <summary><c>ok</c>, <c>unsupported</c>, <c>lowering-failed</c>, <c>run-failed</c>, <c>timeout</c>.</summary>
    [Name("status", "Status")]
    public string Status { get; set; } = "";
    /// <summary>Failure reason (first diagnostic line), empty when ok.</summary>
    [Name("error", "Error")]
    public string Error { get; set; } = "";
    /// <summary>Median latency per call, ns.</summary>
    [Name("latency_ns_median", "LatencyMedianNs")]
    public double? LatencyMedianNs { get; set; }
    /// <summary>Minimum latency per call, ns.</summary>
    [Name("latency_ns_min", "LatencyMinNs")]
    public double? LatencyMinNs { get; set; }
    /// <summary>Coefficient of variation of the samples (standard deviation / mean).</summary>
    [Name("cov", "LatencyCov")]
    public double? LatencyCov { get; set; }
    /// <summary>Timed samples.</summary>
    [Name("samples", "Samples")]
    public int? Samples { get; set; }
    /// <summary>Kernel calls per sample (inner repeat count).</summary>
    [Name("inner_repeats", "InnerRepeats")]
    public long? InnerRepeats { get; set; }
    /// <summary>Samples outside Tukey's fences (Q1 - 1.5 IQR, Q3 + 1.5 IQR).</summary>
    [Name("outliers", "Outliers")]
    public int? Outliers { get; set; }
    /// <summary>Measurement attempts (re-measured while CoV &gt; the target).</summary>
    [Name("attempts", "Attempts")]
    public int Attempts { get; set; }
    /// <summary>Register spills in the kernel function (llc -O3 asm comments).</summary>
    [Name("spills", "Spills")]
    public int? Spills { get; set; }
    /// <summary>Register reloads.</summary>
    [Name("reloads", "Reloads")]
    public int? Reloads { get; set; }
    /// <summary>Static machine instructions of the kernel function.</summary>
    [Name("instructions_static", "StaticInstructions")]
    public int? StaticInstructions { get; set; }
    /// <summary>Code size of the kernel function in bytes.</summary>
    [Name("code_bytes", "CodeSizeBytes")]
    public long? CodeSizeBytes { get; set; }
    /// <summary>Batch the kernel was measured in (for drift analysis).</summary>
    [Name("batch", "Batch")]
    public int Batch { get; set; }
    /// <summary>Measurement time (UTC, ISO 8601).</summary>
    [Name("measured_at", "MeasuredAt")]
    public string MeasuredAt { get; set; } = "";
    /// <summary>Random split: <c>train</c>, <c>validation</c> or <c>test</c> (80/10/10 by a hash of the kernel id).</summary>
    [Name("split_random", "SplitRandom")]
    public string SplitRandom { get; set; } = "";
    /// <summary>Split by architecture family (see <see cref="DatasetSplits"/>).</summary>
    [Name("split_family", "SplitFamily")]
    public string SplitFamily { get; set; } = "";
    /// <summary>The kernel function in MLIR generic form.</summary>
    [Name("kernel_mlir", "KernelMlir")]
    public string KernelMlir { get; set; } = "";
}
