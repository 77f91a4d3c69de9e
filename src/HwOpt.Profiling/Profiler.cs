using System.Globalization;
using System.Text.RegularExpressions;

namespace HwOpt.Profiling;

/// <summary>Settings of a profiling run.</summary>
/// <param name="Timing">How kernels are timed.</param>
/// <param name="KernelTimeout">Wall-clock limit for one kernel (lowering or running it alone); a batch gets a share per kernel.</param>
/// <param name="BatchSize">Kernels per harness (one lowering, one JIT, one process).</param>
/// <param name="CovTarget">Kernels whose coefficient of variation is above this are measured again, up to <paramref name="MaxAttempts"/>.</param>
/// <param name="MaxAttempts">Most measurements of one kernel.</param>
/// <param name="Cpu">CPU the timed process is pinned to (<c>taskset</c>), or null.</param>
/// <param name="MemoryLimitBytes">Address-space limit of each child process.</param>
/// <param name="MaxArgumentBytes">Kernels whose arguments need more memory are recorded as unsupported.</param>
/// <param name="WorkDirectory">Scratch folder for harness files (null: a new temporary folder, deleted afterwards).</param>
/// <param name="Runner">How the lowered harness is executed.</param>
/// <param name="OptLevel">LLVM optimisation level of <c>opt</c> and <c>llc</c> (0-3; 3 for the ground truth).</param>
/// <param name="TargetCpu">LLVM <c>-mcpu</c> of <c>opt</c> and <c>llc</c> (<c>native</c> for the ground truth; e.g. <c>x86-64</c> for a baseline SSE2 CPU).</param>
public sealed record ProfileOptions(
    TimingSettings Timing, TimeSpan KernelTimeout, int BatchSize = 48, double CovTarget = 0.05, int MaxAttempts = 2, int? Cpu = 1,
    long MemoryLimitBytes = 16L << 30, long MaxArgumentBytes = 2L << 30, string? WorkDirectory = null, HarnessRunner Runner = HarnessRunner.Aot,
    int OptLevel = 3, string TargetCpu = "native")
{
    /// <summary>Defaults: 10 samples, 60 s per kernel, batches of 48.</summary>
    public static ProfileOptions Default { get; } = new(new TimingSettings(), TimeSpan.FromSeconds(60));
}

/// <summary>How a lowered harness is executed.</summary>
public enum HarnessRunner
{
    /// <summary>
    /// Ahead of time: <c>mlir-translate --mlir-to-llvmir | opt -O3 | llc -O3</c> (host CPU), assembled with <c>llvm-mc</c>,
    /// linked with <c>cc</c> against the MLIR runner utility libraries and the deterministic heap of <see cref="KernelArena"/>,
    /// run as a native process. The static metrics
    /// come from the very assembly that runs. Default: JIT-compiling a 48-kernel harness with
    /// <c>mlir-cpu-runner -O3</c> took minutes of CPU, compiling it ahead of time seconds.
    /// </summary>
    Aot,

    /// <summary><c>mlir-cpu-runner -O3</c> (LLVM 19 ORC JIT); static metrics from a separate <c>opt -O3 | llc -O3</c> compile.</summary>
    Jit,
}

/// <summary>The reference kernel's median in one batch: the machine-drift record.</summary>
/// <param name="Batch">Batch number.</param>
/// <param name="MeasuredAt">UTC time.</param>
/// <param name="MedianNs">Median latency of the reference kernel, ns.</param>
/// <param name="Cov">Its coefficient of variation.</param>
public sealed record DriftRecord(int Batch, string MeasuredAt, double MedianNs, double Cov);

/// <summary>Progress of a run.</summary>
/// <param name="Done">Kernels finished (measured or failed).</param>
/// <param name="Total">Kernels to do.</param>
/// <param name="Failed">Kernels that failed.</param>
public sealed record ProfileProgress(int Done, int Total, int Failed);

/// <summary>
/// Measures kernels on this machine with MLIR 19. Kernels are grouped in batches: one harness module per batch
/// (<see cref="HarnessBuilder"/>), lowered once by <c>mlir-opt</c> with the ground-truth pipeline, compiled once by
/// LLVM 19 (<see cref="HarnessRunner.Aot"/>; the assembly also gives the static metrics) and run once pinned to one CPU.
/// Every child process has a time and memory limit. A batch that fails to lower or to run is split: its kernels are
/// lowered and run one by one, so that one bad kernel is recorded with its reason and cannot stop the others.
/// Each batch also times a fixed reference kernel (a 128x128x128 f32 matmul) to record machine drift.
/// Timing runs one process at a time: the machine has two cores and a second timed process would share caches
/// and memory bandwidth with the first.
/// </summary>
public sealed class Profiler
{
    private static readonly Regex SampleLine = new(@"^(\d+), (\d+)((?:, [-+0-9.eEinfa]+)*)\s*$", RegexOptions.Compiled);
    private readonly Toolchain tools;
    private readonly LoweringPipeline pipeline;
    private readonly ProfileOptions options;
    private readonly Kernel reference;
    private int batchCounter;

    /// <summary>Creates a profiler.</summary>
    public Profiler(Toolchain tools, LoweringPipeline pipeline, ProfileOptions options)
    {
        this.tools = tools;
        this.pipeline = pipeline;
        this.options = options;
        reference = KernelSweeps.ReferenceKernel();
    }

    /// <summary>Drift records of the batches run so far.</summary>
    public List<DriftRecord> Drift { get; } = new();

    /// <summary>Raised after each batch.</summary>
    public event Action<ProfileProgress>? Progress;

    /// <summary>Measures kernels (deduplicated by id) and hands over rows batch by batch.</summary>
    /// <param name="kernels">Kernels to measure.</param>
    /// <param name="onRows">Called with the rows of each finished batch (for resumable, incremental writing).</param>
    public void Measure(IReadOnlyList<Kernel> kernels, Action<IReadOnlyList<MeasurementRow>> onRows)
    {
        var unique = kernels.GroupBy(k => k.Id).Select(g => g.First()).ToList();
        int done = 0, failed = 0;
        var pending = new List<Kernel>();
        var early = new List<MeasurementRow>();
        foreach (var k in unique)
        {
            string? why = HarnessBuilder.Unsupported(k);
            if (why is null && HarnessBuilder.ArgumentBytes(k) > options.MaxArgumentBytes) why = $"arguments need {HarnessBuilder.ArgumentBytes(k)} bytes";
            if (why is not null) early.Add(Failure(k, "unsupported", why, 0));
            else pending.Add(k);
        }
        if (early.Count > 0)
        {
            done += early.Count;
            failed += early.Count;
            onRows(early);
        }

        var attempts = new Dictionary<string, int>(StringComparer.Ordinal);
        var queue = new Queue<List<Kernel>>(Chunk(pending));
        var retry = new List<Kernel>();
        while (queue.Count > 0 || retry.Count > 0)
        {
            if (queue.Count == 0)
            {
                foreach (var c in Chunk(retry)) queue.Enqueue(c);
                retry.Clear();
            }
            var batch = queue.Dequeue();
            foreach (var k in batch) attempts[k.Id] = attempts.GetValueOrDefault(k.Id) + 1;
            var rows = MeasureBatch(batch, attempts);
            var finished = new List<MeasurementRow>();
            foreach (var row in rows)
            {
                if (row.Status == "ok" && row.LatencyCov > options.CovTarget && attempts[row.KernelId] < options.MaxAttempts)
                {
                    retry.Add(batch.First(k => k.Id == row.KernelId));
                    continue;
                }
                finished.Add(row);
            }
            done += finished.Count;
            failed += finished.Count(r => r.Status != "ok");
            if (finished.Count > 0) onRows(finished);
            Progress?.Invoke(new ProfileProgress(done, unique.Count, failed));
        }
    }

    private IEnumerable<List<Kernel>> Chunk(List<Kernel> kernels)
    {
        var current = new List<Kernel>();
        long bytes = 0;
        foreach (var k in kernels)
        {
            long b = HarnessBuilder.ArgumentBytes(k);
            if (current.Count > 0 && (current.Count >= options.BatchSize || bytes + b > options.MaxArgumentBytes))
            {
                yield return current;
                current = new List<Kernel>();
                bytes = 0;
            }
            current.Add(k);
            bytes += b;
        }
        if (current.Count > 0) yield return current;
    }

    /// <summary>
    /// Measures one batch. Kernels that do not lower are found by lowering each alone (cheap) and recorded; the rest
    /// are lowered, compiled and run together. Kernels without samples after that run (a crash or time-out of the
    /// batch process) are run alone, each with the per-kernel limits.
    /// </summary>
    internal List<MeasurementRow> MeasureBatch(List<Kernel> batch, IReadOnlyDictionary<string, int> attempts)
    {
        int batchNo = ++batchCounter;
        string dir = options.WorkDirectory ?? Path.Combine(Path.GetTempPath(), "hwopt-profile-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        Directory.CreateDirectory(dir);
        try
        {
            var rows = new Dictionary<string, MeasurementRow>(StringComparer.Ordinal);
            string stem = "b" + batchNo.ToString(CultureInfo.InvariantCulture);
            var all = new List<Kernel> { reference };
            all.AddRange(batch);
            var lowered = Lower(all, dir, stem);
            if (lowered.Error is not null)
            {
                var good = new List<Kernel> { reference };
                for (int i = 1; i < all.Count; i++)
                {
                    var alone = Lower([all[i]], dir, $"{stem}k{i}");
                    if (alone.Error is not null) rows[all[i].Id] = Failure(all[i], "lowering-failed", alone.Error, batchNo);
                    else good.Add(all[i]);
                }
                all = good;
                lowered = all.Count > 1 ? Lower(all, dir, stem) : lowered;
            }
            var result = lowered.Error is null && all.Count > 1
                ? Run(all, lowered.Path, dir, stem, options.KernelTimeout + TimeSpan.FromSeconds(2) * all.Count)
                : HarnessResult.Empty;
            if (result.Samples.TryGetValue(0, out var refSamples))
            {
                var st = SampleStatistics.Of(refSamples.Samples);
                Drift.Add(new DriftRecord(batchNo, Provenance.Now(), st.MedianNs, st.Cov));
            }
            for (int i = 1; i < all.Count; i++)
            {
                var k = all[i];
                if (rows.ContainsKey(k.Id)) continue;
                if (result.Samples.TryGetValue(i, out var s))
                {
                    rows[k.Id] = Success(k, s, result.Metrics.GetValueOrDefault("k" + i.ToString(CultureInfo.InvariantCulture)), batchNo);
                    continue;
                }
                // Run alone, with the per-kernel limits.
                string single = $"{stem}k{i}";
                var alone = Lower([k], dir, single);
                if (alone.Error is not null)
                {
                    rows[k.Id] = Failure(k, "lowering-failed", alone.Error, batchNo);
                    continue;
                }
                var r = Run([k], alone.Path, dir, single, options.KernelTimeout);
                rows[k.Id] = r.Samples.TryGetValue(0, out var s1)
                    ? Success(k, s1, r.Metrics.GetValueOrDefault("k0"), batchNo)
                    : Failure(k, r.TimedOut ? "timeout" : r.CompileError is not null ? "compile-failed" : "run-failed", r.CompileError ?? r.RunError ?? "no output", batchNo);
            }
            foreach (var r in rows.Values) r.Attempts = attempts.GetValueOrDefault(r.KernelId, 1);
            return batch.Select(k => rows[k.Id]).ToList();
        }
        finally
        {
            if (options.WorkDirectory is null)
            {
                try { Directory.Delete(dir, recursive: true); }
                catch (IOException) { }
            }
        }
    }

    private sealed record KernelSamples(long Inner, List<double> Samples);

    private sealed record LoweringResult(string Path, string? Error);

    private sealed record HarnessResult(
        string? CompileError, string? RunError, bool TimedOut, Dictionary<int, KernelSamples> Samples, IReadOnlyDictionary<string, FunctionMetrics> Metrics)
    {
        public static HarnessResult Empty { get; } = new(null, null, false, new Dictionary<int, KernelSamples>(), new Dictionary<string, FunctionMetrics>());
    }

    /// <summary>Writes the harness of <paramref name="kernels"/> and lowers it to the LLVM dialect with the pipeline.</summary>
    private LoweringResult Lower(IReadOnlyList<Kernel> kernels, string dir, string stem)
    {
        string harness = Path.Combine(dir, stem + ".mlir");
        string lowered = Path.Combine(dir, stem + ".llvm.mlir");
        File.WriteAllText(harness, HarnessBuilder.Build(kernels, options.Timing));
        string pipelineText = kernels.Any(k => k.OpNames.Any(n => n.StartsWith("tosa.", StringComparison.Ordinal)))
            ? "builtin.module(func.func(tosa-to-linalg-named,tosa-to-linalg,tosa-to-arith,tosa-to-tensor)," + pipeline.Text["builtin.module(".Length..]
            : pipeline.Text;
        var lower = ProcessRunner.Run(tools.MlirOpt, [harness, "--pass-pipeline=" + pipelineText, "-o", lowered], options.KernelTimeout, memoryLimitBytes: options.MemoryLimitBytes);
        if (!lower.Succeeded) return new LoweringResult(lowered, WithoutPaths(lower.FailureReason(), dir));
        StripLeakedFastMath(lowered);
        return new LoweringResult(lowered, null);
    }

    /// <summary>The f16/bf16 conversion helpers, linked when present (code for CPUs without native conversions, e.g. <c>-mcpu=x86-64</c>, calls them).</summary>
    private string[] Float16Link => File.Exists(tools.Float16Utils) ? ["-l:" + Path.GetFileName(tools.Float16Utils)] : [];

    private string OptFlag => "-O" + Math.Clamp(options.OptLevel, 0, 3).ToString(CultureInfo.InvariantCulture);

    private string CpuFlag => "-mcpu=" + options.TargetCpu;

    /// <summary>Compiles (ahead of time, or JIT) and runs a lowered harness; reads samples and static metrics.</summary>
    private HarnessResult Run(IReadOnlyList<Kernel> kernels, string lowered, string dir, string stem, TimeSpan runTimeout)
    {
        var limit = options.KernelTimeout;
        string ll = Path.Combine(dir, stem + ".ll");
        string optimized = Path.Combine(dir, stem + ".opt.ll");
        string asm = Path.Combine(dir, stem + ".s");
        string obj = Path.Combine(dir, stem + ".o");
        string exe = Path.Combine(dir, stem + ".exe");
        IReadOnlyDictionary<string, FunctionMetrics> metrics = new Dictionary<string, FunctionMetrics>();
        string? compileError = null;
        foreach (var (tool, args) in new (string, string[])[]
                 {
                     (tools.MlirTranslate, ["--mlir-to-llvmir", lowered, "-o", ll]),
                     (tools.Opt, [OptFlag, CpuFlag, ll, "-S", "-o", optimized]),
                     (tools.Llc, [OptFlag, CpuFlag, .. CodeLayout.LlcFlags, optimized, "-o", asm]),
                     (tools.LlvmMc, ["-filetype=obj", asm, "-o", obj]),
                 })
        {
            var step = ProcessRunner.Run(tool, args, limit, memoryLimitBytes: options.MemoryLimitBytes);
            if (!step.Succeeded)
            {
                compileError = Path.GetFileName(tool) + ": " + WithoutPaths(step.FailureReason(), dir);
                break;
            }
        }
        if (compileError is null)
        {
            metrics = StaticMetrics.FromAssembly(File.ReadAllText(asm));
            var nm = ProcessRunner.Run(tools.LlvmNm, ["--print-size", "--defined-only", obj], limit);
            if (nm.Succeeded) metrics = StaticMetrics.WithSizes(metrics, nm.StdOut);
        }

        ProcessOutcome run;
        if (options.Runner == HarnessRunner.Jit)
        {
            run = ProcessRunner.Run(tools.MlirCpuRunner,
                ["-O3", "-e", "main", "-entry-point-result=void", "-shared-libs=" + tools.CRunnerUtils + "," + tools.RunnerUtils, lowered],
                runTimeout, memoryLimitBytes: options.MemoryLimitBytes, cpu: options.Cpu);
        }
        else
        {
            if (compileError is not null) return new HarnessResult(compileError, null, false, new Dictionary<int, KernelSamples>(), metrics);
            var (arena, arenaError) = KernelArena.Compile(tools.Linker, limit);
            if (arena is null) return new HarnessResult(arenaError, null, false, new Dictionary<int, KernelSamples>(), metrics);
            var link = ProcessRunner.Run(tools.Linker,
                [obj, arena, .. KernelArena.WrapFlags, "-o", exe, "-L" + tools.LibDir, "-l:" + Path.GetFileName(tools.CRunnerUtils), "-l:" + Path.GetFileName(tools.RunnerUtils), .. Float16Link, "-Wl,-rpath," + tools.LibDir, "-lm"],
                limit);
            if (!link.Succeeded) return new HarnessResult("link: " + WithoutPaths(link.FailureReason(), dir), null, false, new Dictionary<int, KernelSamples>(), metrics);
            run = ProcessRunner.Run(exe, [], runTimeout, memoryLimitBytes: options.MemoryLimitBytes, cpu: options.Cpu);
        }
        var samples = new Dictionary<int, KernelSamples>();
        foreach (var line in run.StdOut.Split('\n'))
        {
            var m = SampleLine.Match(line);
            if (!m.Success) continue;
            int index = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            long inner = long.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture);
            var values = m.Groups[3].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(v => double.Parse(v, NumberStyles.Float, CultureInfo.InvariantCulture)).Where(v => double.IsFinite(v) && v >= 0).ToList();
            if (values.Count > 0) samples[index] = new KernelSamples(inner, values);
        }
        return new HarnessResult(compileError, run.Succeeded ? null : WithoutPaths(run.FailureReason(), dir), run.TimedOut, samples, metrics);
    }

    private static readonly Regex ScratchLocation = new(@"(loc\("")?b[0-9k]+(\.llvm)?\.mlir""?:\d+:\d+\)?:?\s*", RegexOptions.Compiled);

    /// <summary>Removes scratch-file locations from a tool's message, so that equal failures read the same.</summary>
    private static string WithoutPaths(string message, string dir) =>
        ScratchLocation.Replace(message.Replace(dir + Path.DirectorySeparatorChar, "", StringComparison.Ordinal), "");

    private static readonly Regex LeakedFastMath = new(@"(llvm\.fp(?:ext|trunc) %\S+) \{fastmath = #arith\.fastmath<[a-z, ]*>\}", RegexOptions.Compiled);

    /// <summary>
    /// Works around an MLIR 19 defect: <c>arith.extf</c>/<c>arith.truncf</c> created by <c>math-legalize-to-f32</c> carry
    /// <c>fastmath&lt;contract&gt;</c>, which <c>convert-arith-to-llvm</c> leaves on <c>llvm.fpext</c>/<c>llvm.fptrunc</c> as a
    /// discardable <c>#arith.fastmath</c> attribute that <c>mlir-cpu-runner</c> cannot parse (it does not load the arith
    /// dialect). The attribute has no meaning on a conversion, so it is removed from the lowered text.
    /// </summary>
    internal static void StripLeakedFastMath(string loweredPath)
    {
        string text = File.ReadAllText(loweredPath);
        if (!text.Contains("#arith.fastmath", StringComparison.Ordinal)) return;
        File.WriteAllText(loweredPath, LeakedFastMath.Replace(text, "$1"));
    }

    private static MeasurementRow Success(Kernel k, KernelSamples s, FunctionMetrics? m, int batch)
    {
        var row = Base(k, batch);
        var st = SampleStatistics.Of(s.Samples);
        row.Status = "ok";
        row.LatencyMedianNs = Math.Round(st.MedianNs, 3);
        row.LatencyMinNs = Math.Round(st.MinNs, 3);
        row.LatencyCov = Math.Round(st.Cov, 5);
        row.Samples = s.Samples.Count;
        row.InnerRepeats = s.Inner;
        row.Outliers = st.Outliers;
        if (m is not null)
        {
            row.Spills = m.Spills;
            row.Reloads = m.Reloads;
            row.StaticInstructions = m.Instructions;
            row.CodeSizeBytes = m.CodeSizeBytes >= 0 ? m.CodeSizeBytes : null;
        }
        return row;
    }

    private static MeasurementRow Failure(Kernel k, string status, string error, int batch)
    {
        var row = Base(k, batch);
        row.Status = status;
        row.Error = error.Length > 300 ? error[..300] : error;
        return row;
    }

    private static MeasurementRow Base(Kernel k, int batch) => new()
    {
        KernelId = k.Id,
        Source = k.Source,
        Family = k.Family,
        OpNames = string.Join(' ', k.OpNames),
        OpCount = k.OpNames.Count,
        Signature = k.Signature,
        ElementTypes = string.Join(' ', k.ElementTypes),
        ArgumentBytes = HarnessBuilder.ArgumentBytes(k),
        Batch = batch,
        MeasuredAt = Provenance.Now(),
        SplitRandom = DatasetSplits.Random(k.Id),
        SplitFamily = DatasetSplits.ByFamily(k.Source, k.Family),
        KernelMlir = k.Text,
        Attempts = 1,
    };
}
