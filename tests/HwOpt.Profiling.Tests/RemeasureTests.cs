using HwOpt.Profiling;

namespace HwOpt.Profiling.Tests;

/// <summary>
/// Re-measures a small random sample of the committed dataset and checks that the new medians fall within the
/// recorded noise band. Machine noise allowance: the band is max(3 x recorded CoV, 35 %) around the recorded median,
/// and two of the eight kernels may fall outside it, because the test runs while the machine builds and tests other
/// projects, unpinned, with fewer samples than the dataset, in a batch of its own, and the dataset itself was measured
/// on a shared 2-core machine (its drift series, 2026-12-05: the reference kernel's worst batch 1.29x its median).
/// Kernels are compiled with a fixed code layout (<see cref="CodeLayout"/>), without which the same kernel could run
/// 1.8x slower in one batch than in another. Runs only on the machine the dataset was measured on (same CPU model),
/// and skips otherwise.
/// </summary>
public sealed class RemeasureTests
{
    private static string DatasetPath => Path.Combine(TestSupport.RepoRoot, "corpus", "measurements", "host-cpu.csv.gz");

    [SkippableFact]
    public void ASampleOfTheDatasetMeasuresTheSameAgain()
    {
        Skip.IfNot(File.Exists(DatasetPath), "corpus/measurements/host-cpu.csv.gz not present");
        Skip.IfNot(TestSupport.ToolchainPresent, "MLIR 19 tools not installed (scripts/setup.sh installs them)");
        var provenance = Provenance.Load(Path.Combine(TestSupport.RepoRoot, "corpus", "measurements", "host-cpu.provenance.json"));
        Skip.If(provenance is null, "provenance file missing");
        var here = Provenance.ForThisMachine(Toolchain.Default, TestSupport.Pipeline);
        Skip.IfNot(here.CpuModel == provenance!.CpuModel && here.PipelineHash == provenance.PipelineHash,
            $"dataset measured on '{provenance.CpuModel}' with pipeline {provenance.PipelineHash[..12]}; this machine is '{here.CpuModel}'");

        // Fast, stable kernels: 20 us .. 2 ms, CoV <= 5 %; eight drawn with a fixed seed.
        var rows = DatasetStore.Read(DatasetPath)
            .Where(r => r.Status == "ok" && r.LatencyMedianNs is >= 20_000 and <= 2_000_000 && r.LatencyCov <= 0.05 && r.Source.StartsWith("sweep:", StringComparison.Ordinal))
            .OrderBy(r => r.KernelId, StringComparer.Ordinal).ToList();
        Assert.True(rows.Count >= 8);
        var rng = new Random(20261121);
        var sample = Enumerable.Range(0, 8).Select(_ => rows[rng.Next(rows.Count)]).DistinctBy(r => r.KernelId).ToList();
        var kernels = sample.Select(r => KernelSweeps.FromText(r.KernelMlir, r.Source, r.Family, fuseFunctions: true).Single()).ToList();
        Assert.Equal(sample.Select(r => r.KernelId), kernels.Select(k => k.Id));

        var options = TestSupport.FastOptions() with { Timing = new TimingSettings(Samples: 7, MinSamples: 5) };
        var profiler = new Profiler(Toolchain.Default, TestSupport.Pipeline, options);
        var fresh = new List<MeasurementRow>();
        profiler.Measure(kernels, fresh.AddRange);
        // Transient load (e.g. build servers still busy right after the build) can hit one measurement: kernels
        // outside their band get one more measurement, and the closer of the two counts.
        var outside = sample.Where(old => Deviation(old, fresh.Single(r => r.KernelId == old.KernelId)) > Band(old)).Select(o => o.KernelId).ToHashSet();
        if (outside.Count > 0)
        {
            var again = new List<MeasurementRow>();
            profiler.Measure(kernels.Where(k => outside.Contains(k.Id)).ToList(), again.AddRange);
            foreach (var r in again)
            {
                var old = sample.Single(o => o.KernelId == r.KernelId);
                int i = fresh.FindIndex(f => f.KernelId == r.KernelId);
                if (r.Status == "ok" && Deviation(old, r) < Deviation(old, fresh[i])) fresh[i] = r;
            }
        }
        int within = 0;
        var report = new List<string>();
        foreach (var old in sample)
        {
            var now = fresh.Single(r => r.KernelId == old.KernelId);
            Assert.Equal("ok", now.Status);
            double band = Band(old);
            double deviation = Deviation(old, now);
            if (deviation <= band) within++;
            report.Add($"{old.OpNames}: recorded {old.LatencyMedianNs:0} ns, now {now.LatencyMedianNs:0} ns ({deviation:P0}, band {band:P0})");
            Assert.Equal(old.Spills, now.Spills); // static metrics are deterministic for the same code and CPU
        }
        // Allow two kernels of eight outside their band (noisy neighbours, see the class comment).
        Assert.True(within >= sample.Count - 2, string.Join("\n", report));
    }

    private static double Band(MeasurementRow old) => Math.Max(3 * old.LatencyCov!.Value, 0.35);

    private static double Deviation(MeasurementRow old, MeasurementRow now) =>
        now.LatencyMedianNs is { } n ? Math.Abs(n - old.LatencyMedianNs!.Value) / old.LatencyMedianNs.Value : double.PositiveInfinity;
}
