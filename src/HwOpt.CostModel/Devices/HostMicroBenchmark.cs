using System.Globalization;
using HwOpt.Profiling;

namespace HwOpt.CostModel.Devices;

/// <summary>
/// Measures this machine's device profile with the ground-truth method itself: kernels written in MLIR, lowered with
/// the project's pipeline and timed by <see cref="Profiler"/>. Peak FLOP/s per element type is the best rate of square
/// <c>linalg.matmul</c>s (64, 128, 256; i8 multiplies accumulate in i32, recorded as <c>i8</c>); bandwidth per memory
/// level is that of <c>linalg.copy</c> of an f32 tensor of a quarter of the level, so source and destination fill half of it (main memory: 256 MiB), counting
/// bytes read plus bytes written. Cache sizes from <c>/sys/devices/system/cpu/cpu0/cache</c>, capacity from
/// <c>/proc/meminfo</c>. So the roofline baseline sees the same code generator as the kernels it is compared with.
/// </summary>
public static class HostMicroBenchmark
{
    private static readonly (string Name, string In, string Out)[] MatmulTypes =
    [
        ("f64", "f64", "f64"), ("f32", "f32", "f32"), ("f16", "f16", "f16"), ("bf16", "bf16", "bf16"), ("i8", "i8", "i32"), ("i32", "i32", "i32"),
    ];

    private static readonly int[] MatmulSizes = [64, 128, 256];

    /// <summary>Runs the micro-benchmarks and returns the host profile.</summary>
    /// <param name="profiler">A profiler (pipeline, pinning, limits).</param>
    /// <param name="pipeline">The pipeline, recorded in the profile.</param>
    /// <param name="command">The command line, recorded in the profile.</param>
    /// <param name="log">Progress lines.</param>
    /// <exception cref="InvalidOperationException">A micro-benchmark failed to run (its reason is in the message).</exception>
    public static DeviceProfile Measure(Profiler profiler, LoweringPipeline pipeline, string command, Action<string>? log = null)
    {
        var caches = ReadCaches();
        var kernels = new List<(Kernel Kernel, string Type, double Flops, double Bytes, int? Level)>();
        foreach (var (name, input, output) in MatmulTypes)
        {
            foreach (int n in MatmulSizes)
            {
                kernels.Add((One(Matmul(n, input, output), "micro:matmul"), name, 2.0 * n * n * n, 0, null));
            }
        }
        var levels = caches.Select(c => ((int?)c.Level, c.Bytes / 4)).Append((null, 256L << 20));
        foreach (var (level, bytes) in levels)
        {
            long elements = Math.Max(1024, bytes / 4);
            kernels.Add((One(Copy(elements), "micro:copy"), "f32", 0, 2.0 * elements * 4, level));
        }

        var rows = new Dictionary<string, MeasurementRow>(StringComparer.Ordinal);
        profiler.Measure(kernels.Select(k => k.Kernel).ToList(), batch =>
        {
            foreach (var r in batch) rows[r.KernelId] = r;
        });
        double Latency(Kernel k) => rows.TryGetValue(k.Id, out var r) && r.Status == "ok" && r.LatencyMedianNs is { } ns
            ? ns
            : throw new InvalidOperationException($"micro-benchmark {k.OpNames[0]} {k.Signature} failed: {(rows.TryGetValue(k.Id, out var f) ? f.Status + " " + f.Error : "not measured")}");

        var peaks = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var k in kernels.Where(k => k.Flops > 0))
        {
            double rate = k.Flops / (Latency(k.Kernel) * 1e-9);
            peaks[k.Type] = Math.Max(peaks.GetValueOrDefault(k.Type), rate);
            log?.Invoke($"matmul {k.Kernel.Signature}: {rate / 1e9:0.###} GFLOP/s");
        }
        double dram = 0;
        foreach (var k in kernels.Where(k => k.Bytes > 0))
        {
            double bandwidth = k.Bytes / (Latency(k.Kernel) * 1e-9);
            log?.Invoke($"copy {k.Bytes / 2 / 1024:0} KiB (level {(k.Level?.ToString(CultureInfo.InvariantCulture) ?? "memory")}): {bandwidth / 1e9:0.###} GB/s");
            if (k.Level is { } level) caches.First(c => c.Level == level).BandwidthBytesPerS = Significant(bandwidth);
            else dram = bandwidth;
        }

        return new DeviceProfile
        {
            Name = DeviceCatalog.Host,
            Kind = "cpu",
            Description = $"this machine: {Provenance.ThisCpuModel()}, {Environment.ProcessorCount} logical CPUs, one core used",
            Source = "measured by 'hwopt device measure-host' (matmul and copy kernels through the ground-truth pipeline)",
            PeakFlops = peaks.ToDictionary(p => p.Key, p => Significant(p.Value), StringComparer.Ordinal),
            Memory = new MemorySpec { BandwidthBytesPerS = Significant(dram), CapacityBytes = ReadMemoryBytes() },
            Caches = caches,
            Link = new LinkSpec { Name = "none (host)", BandwidthBytesPerS = Significant(dram), LatencyNs = 0 },
            KernelOverheadNs = 0,
            // Not measurable here (no power counters in the VM): a share of a server CPU's TDP, stated as assumed.
            Power = new PowerSpec { IdleWatts = 2, PeakWatts = 5 },
            PricePerHourUsd = null,
            Measured = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["command"] = command,
                ["pipeline"] = pipeline.Name,
                ["pipeline_hash"] = pipeline.Hash,
                ["llvm"] = Toolchain.Default.LlvmVersion(),
                ["at"] = Provenance.Now(),
                ["power"] = "assumed (no power counters readable): 5 W peak, 2 W idle for one core of a server CPU",
            },
        };
    }

    /// <summary>Rounds to 4 significant digits (the measurements are not more precise).</summary>
    internal static double Significant(double v) =>
        v == 0 || !double.IsFinite(v) ? v : Math.Round(v / Math.Pow(10, Math.Floor(Math.Log10(Math.Abs(v))) - 3)) * Math.Pow(10, Math.Floor(Math.Log10(Math.Abs(v))) - 3);

    private static Kernel One(string function, string source) => DatasetKernels.FromFunctions(function, source, "micro").Single();

    private static string Matmul(int n, string input, string output)
    {
        string a = $"tensor<{n}x{n}x{input}>", c = $"tensor<{n}x{n}x{output}>";
        return $"func.func @k(%a: {a}, %b: {a}, %c: {c}) -> {c} {{\n  %0 = linalg.matmul ins(%a, %b : {a}, {a}) outs(%c : {c}) -> {c}\n  return %0 : {c}\n}}\n";
    }

    private static string Copy(long elements)
    {
        string t = $"tensor<{elements}xf32>";
        return $"func.func @k(%a: {t}, %b: {t}) -> {t} {{\n  %0 = linalg.copy ins(%a : {t}) outs(%b : {t}) -> {t}\n  return %0 : {t}\n}}\n";
    }

    private static List<CacheSpec> ReadCaches()
    {
        var caches = new List<CacheSpec>();
        const string root = "/sys/devices/system/cpu/cpu0/cache";
        if (!Directory.Exists(root)) return caches;
        foreach (var dir in Directory.GetDirectories(root, "index*").Order(StringComparer.Ordinal))
        {
            try
            {
                string type = File.ReadAllText(Path.Combine(dir, "type")).Trim();
                if (type == "Instruction") continue;
                int level = int.Parse(File.ReadAllText(Path.Combine(dir, "level")).Trim(), CultureInfo.InvariantCulture);
                caches.Add(new CacheSpec { Level = level, Bytes = ParseSize(File.ReadAllText(Path.Combine(dir, "size")).Trim()) });
            }
            catch (Exception e) when (e is IOException or FormatException or UnauthorizedAccessException)
            {
            }
        }
        return caches.OrderBy(c => c.Level).ToList();
    }

    /// <summary>Parses sysfs sizes such as <c>32K</c>, <c>1024K</c>, <c>32M</c>, bytes.</summary>
    internal static long ParseSize(string text)
    {
        long unit = text.EndsWith('K') ? 1024 : text.EndsWith('M') ? 1L << 20 : text.EndsWith('G') ? 1L << 30 : 1;
        return long.Parse(unit == 1 ? text : text[..^1], CultureInfo.InvariantCulture) * unit;
    }

    private static double ReadMemoryBytes()
    {
        try
        {
            var line = File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
            if (line is not null)
            {
                var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                return double.Parse(parts[1], CultureInfo.InvariantCulture) * 1024;
            }
        }
        catch (IOException)
        {
        }
        return 0;
    }
}
