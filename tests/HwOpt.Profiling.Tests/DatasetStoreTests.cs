using HwOpt.Profiling;

namespace HwOpt.Profiling.Tests;

public sealed class DatasetStoreTests
{
    private static MeasurementRow Row(string id, double? latency) => new()
    {
        KernelId = id, Source = "sweep:x", Family = "sweep", OpNames = "linalg.matmul", OpCount = 1, Status = latency is null ? "run-failed" : "ok",
        Error = latency is null ? "exit 1: error: \"quoted\", with comma" : "", LatencyMedianNs = latency, KernelMlir = "\"func.func\"() ({\n}) : () -> ()\n",
    };

    [Fact]
    public void RoundTripsThroughCompressedCsvAndResumes()
    {
        using var scratch = new ScratchFolder("hwopt-store-");
        string dir = scratch.Path;
        string path = Path.Combine(dir, "d.csv.gz");
        var store = new DatasetStore(path, resume: false);
        store.Add([Row("a", 1.5), Row("b", null)]);
        Assert.True(File.Exists(store.PartialPath));
        store.Finish();
        Assert.False(File.Exists(store.PartialPath));

        var resumed = new DatasetStore(path, resume: true);
        Assert.Equal(["a", "b"], resumed.DoneIds.Order());
        resumed.Add([Row("c", 2.25)]);
        var all = resumed.Finish();
        Assert.Equal(["a", "b", "c"], all.Select(r => r.KernelId));

        var read = DatasetStore.Read(path);
        Assert.Equal(3, read.Count);
        Assert.Equal(2.25, read[2].LatencyMedianNs);
        Assert.Equal("exit 1: error: \"quoted\", with comma", read[1].Error);
        Assert.Equal("\"func.func\"() ({\n}) : () -> ()\n", read[0].KernelMlir);

        // Retrying failures: the failed kernel b is dropped from the done set and its new row replaces the old one.
        var retry = new DatasetStore(path, resume: true, retryFailed: true);
        Assert.Equal(["a", "c"], retry.DoneIds.Order());
        retry.Add([Row("b", 7.5)]);
        var retried = retry.Finish();
        Assert.Equal(["a", "c", "b"], retried.Select(r => r.KernelId));
        Assert.Equal(7.5, retried[2].LatencyMedianNs);
    }

    [Fact]
    public void EveryColumnRoundTripsAndThePropertyNamesAreReadAsHeaders()
    {
        using var scratch = new ScratchFolder("hwopt-store-");
        var full = new MeasurementRow
        {
            KernelId = "k", Source = "s", Family = "f", OpNames = "linalg.add", OpCount = 3, Signature = "sig", ElementTypes = "f32",
            ArgumentBytes = 1L << 40, Status = "ok", Error = "", LatencyMedianNs = 0.1 + 0.2, LatencyMinNs = 1e-300, LatencyCov = 0.25,
            Samples = 7, InnerRepeats = 1L << 33, Outliers = 1, Attempts = 2, Spills = 4, Reloads = 5, StaticInstructions = 600,
            CodeSizeBytes = 123456789012, Batch = 9, MeasuredAt = "2026-12-06T00:00:00Z", SplitRandom = "train", SplitFamily = "test",
            KernelMlir = "func.func @f() {\n  return\n}\n",
        };
        var sparse = new MeasurementRow { KernelId = "n", Status = "run-failed" };
        string path = Path.Combine(scratch.Path, "d.csv");
        DatasetStore.Write(path, [full, sparse]);
        var read = DatasetStore.Read(path);
        var properties = typeof(MeasurementRow).GetProperties();
        Assert.Equal(26, properties.Length);
        foreach (var property in properties)
        {
            Assert.Equal(property.GetValue(full), property.GetValue(read[0]));
            Assert.Equal(property.GetValue(sparse), property.GetValue(read[1]));
        }

        // Files whose header names the properties (KernelId, LatencyMedianNs, ...) read the same.
        var lines = File.ReadAllLines(path);
        var byColumn = new Dictionary<string, string>
        {
            ["kernel_id"] = "KernelId", ["op"] = "OpNames", ["latency_ns_median"] = "LatencyMedianNs", ["latency_ns_min"] = "LatencyMinNs",
            ["cov"] = "LatencyCov", ["instructions_static"] = "StaticInstructions", ["code_bytes"] = "CodeSizeBytes",
        };
        lines[0] = string.Join(",", lines[0].Split(',').Select(c => byColumn.GetValueOrDefault(c, c)));
        string renamed = Path.Combine(scratch.Path, "e.csv");
        File.WriteAllText(renamed, string.Join("\n", lines) + "\n");
        var again = DatasetStore.Read(renamed);
        foreach (var property in properties) Assert.Equal(property.GetValue(full), property.GetValue(again[0]));
    }

    [Fact]
    public void SplitsAreStableAndCoverAllThree()
    {
        var ids = Enumerable.Range(0, 2000).Select(i => i.ToString("x16")).ToList();
        var splits = ids.Select(DatasetSplits.Random).ToList();
        Assert.Equal(splits, ids.Select(DatasetSplits.Random));
        double train = splits.Count(s => s == "train") / 2000.0;
        Assert.InRange(train, 0.75, 0.85);
        Assert.Contains("validation", splits);
        Assert.Contains("test", splits);
        Assert.Equal("test", DatasetSplits.ByFamily("llama2_7b_2layers.mlir", DatasetSplits.FamilyOf("llama2_7b_2layers.mlir")));
        Assert.Equal("train", DatasetSplits.ByFamily("resnet50.mlir", DatasetSplits.FamilyOf("resnet50.mlir")));
    }

    [Fact]
    public void ANonDatasetGivesAOneLineReason()
    {
        using var scratch = new ScratchFolder("hwopt-store-");
        string dir = scratch.Path;
        string noHeader = Path.Combine(dir, "a.csv");
        File.WriteAllText(noHeader, "garbage\n1\n");
        var e = Assert.Throws<InvalidDataException>(() => DatasetStore.Read(noHeader));
        Assert.Equal($"{noHeader}: not a measurement dataset: missing columns kernel_id, source, family, op, op_count and 21 more", e.Message);

        string shortRow = Path.Combine(dir, "b.csv");
        var store = new DatasetStore(Path.Combine(dir, "c.csv"), resume: false);
        store.Add([Row("a", 1.5)]);
        store.Finish();
        File.WriteAllText(shortRow, File.ReadLines(Path.Combine(dir, "c.csv")).First() + "\na,b,c\n");
        e = Assert.Throws<InvalidDataException>(() => DatasetStore.Read(shortRow));
        Assert.StartsWith($"{shortRow}: not a measurement dataset: row 2: ", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }
}
