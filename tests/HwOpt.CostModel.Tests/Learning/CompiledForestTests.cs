using System.IO.Compression;
using HwOpt.CostModel.Features;
using HwOpt.CostModel.Learning;
using HwOpt.Profiling;
using HwOpt.Syntax;

namespace HwOpt.CostModel.Tests.Learning;

/// <summary>The managed forest evaluator gives XGBoost's own predictions, bit for bit.</summary>
public sealed class CompiledForestTests
{
    [Fact]
    public void MatchesXgboostBitForBitOnRowsWithMissingValuesAndThresholdTies()
    {
        var (x, y) = Synthetic.Make(1500, seed: 11, noise: 0.2, missingFraction: 0.2);
        using var model = XgbRegressor.Train(x, y, null, null, Synthetic.Fast with { MaxRounds = 60 });
        var (probe, _) = Synthetic.Make(3000, seed: 12, missingFraction: 0.3);
        // Rows that sit exactly on split thresholds: each column of a row set to a threshold the forest uses.
        var json = model.SaveJson();
        var thresholds = ThresholdsOf(json);
        var data = probe.Data.ToArray();
        for (int r = 0; r < 500; r++) data[r * 5 + r % 5] = thresholds[r % thresholds.Length];
        AssertSame(model, data, 3000);
    }

    [Fact]
    public void MatchesXgboostOnTheShippedLatencyAndSpillModelsForCorpusKernels()
    {
        string root = ShippedRoot();
        var kernels = new List<IReadOnlyList<HwOpt.IR.Operation>>();
        foreach (var name in new[] { "lenet5.mlir", "mlp_bf16.mlir", "lenet5_tosa.mlir" })
        {
            string path = Path.Combine(root, "corpus/models", name);
            var parsed = MlirParser.Parse(new HwOpt.Diagnostics.SourceText(path, File.ReadAllText(path)));
            Assert.NotNull(parsed.Module);
            foreach (var p in KernelExtractor.FromModule(parsed.Module!, name, "test")) kernels.Add(Featurizer.KernelBody(p.Kernel.Text));
        }
        int columns = Featurizer.Default.Schema.Count;
        var data = new float[kernels.Count * columns];
        for (int i = 0; i < kernels.Count; i++) Featurizer.Default.Featurize(kernels[i], data.AsSpan(i * columns, columns));
        foreach (var file in new[] { "latency_ns.0.json.gz", "spills.0.json.gz" })
        {
            using var gz = new GZipStream(File.OpenRead(Path.Combine(root, "cost-models/host-cpu", file)), CompressionMode.Decompress);
            using var buffer = new MemoryStream();
            gz.CopyTo(buffer);
            using var model = XgbRegressor.LoadJson(buffer.ToArray(), threads: 2);
            Assert.True(model.Compiled.Trees == model.BestIteration + 1);
            AssertSame(model, data, kernels.Count);
        }
    }

    [Fact]
    public void RejectsWhatItCannotEvaluate()
    {
        Assert.Throws<InvalidDataException>(() => CompiledForest.FromXgboostJson("{\"learner\":{}}"u8, 1));
        Assert.Throws<InvalidDataException>(() => CompiledForest.FromXgboostJson("not json"u8, 1));
        var (x, y) = Synthetic.Make(200, seed: 3);
        using var model = XgbRegressor.Train(x, y, null, null, Synthetic.Fast with { MaxRounds = 5 });
        Assert.Throws<InvalidDataException>(() => CompiledForest.FromXgboostJson(model.SaveJson(), 6));
        var forest = CompiledForest.FromXgboostJson(model.SaveJson(), 5);
        Assert.Equal(5, forest.Trees);
        Assert.Throws<ArgumentException>(() => forest.Predict(new float[9], 2, new float[2]));
    }

    private static void AssertSame(XgbRegressor model, float[] rowMajor, int rows)
    {
        var native = new float[rows];
        var compiled = new float[rows];
        var parallel = new float[rows];
        model.PredictNative(rowMajor, rows, native);
        model.Compiled.Predict(rowMajor, rows, compiled);
        model.Compiled.Predict(rowMajor, rows, parallel, threads: 2);
        for (int i = 0; i < rows; i++)
        {
            Assert.True(BitConverter.SingleToInt32Bits(native[i]) == BitConverter.SingleToInt32Bits(compiled[i]), $"row {i}: XGBoost {native[i]:R}, compiled {compiled[i]:R}");
            Assert.Equal(BitConverter.SingleToInt32Bits(compiled[i]), BitConverter.SingleToInt32Bits(parallel[i]));
        }
    }

    private static float[] ThresholdsOf(byte[] json)
    {
        using var document = System.Text.Json.JsonDocument.Parse(json);
        var trees = document.RootElement.GetProperty("learner").GetProperty("gradient_booster").GetProperty("model").GetProperty("trees");
        var result = new List<float>();
        foreach (var tree in trees.EnumerateArray())
        {
            var left = tree.GetProperty("left_children").EnumerateArray().Select(e => e.GetInt32()).ToArray();
            var conditions = tree.GetProperty("split_conditions").EnumerateArray().Select(e => e.GetSingle()).ToArray();
            for (int n = 0; n < left.Length; n++) if (left[n] != -1) result.Add(conditions[n]);
        }
        return [.. result.Distinct().Order()];
    }

    private static string ShippedRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Compiler.sln"))) return dir.FullName;
        throw new InvalidOperationException("repository root not found");
    }
}
