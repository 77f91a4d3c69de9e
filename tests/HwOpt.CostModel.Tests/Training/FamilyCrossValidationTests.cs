using System.Text.Json.Nodes;
using HwOpt.CostModel.Features;
using HwOpt.CostModel.Learning;
using HwOpt.CostModel.Tests.Features;
using HwOpt.CostModel.Training;
using HwOpt.Profiling;

namespace HwOpt.CostModel.Tests.Training;

public class FamilyCrossValidationTests
{
    private static readonly string[] Kernels =
        [KernelSamples.Matmul, KernelSamples.MatmulWider, KernelSamples.Conv, KernelSamples.FusedMatmulBiasSilu, KernelSamples.Pad, KernelSamples.IntegerMatmul, KernelSamples.Collapse];

    /// <summary>
    /// A tiny dataset: 60 sweep rows and a few rows of three model families, with latencies that vary per row and a
    /// random split that puts about one row in five into validation.
    /// </summary>
    private static List<MeasurementRow> Rows()
    {
        var random = new Random(5);
        var families = Enumerable.Repeat("sweep", 60).Concat(Enumerable.Repeat("cnn", 9)).Concat(Enumerable.Repeat("mlp", 4)).Concat(Enumerable.Repeat("transformer-decoder", 6));
        return families.Select((family, i) => new MeasurementRow
        {
            KernelId = i.ToString("x16", System.Globalization.CultureInfo.InvariantCulture),
            Source = family == "sweep" ? "sweep:test" : family + ".mlir",
            Family = family,
            Status = "ok",
            KernelMlir = Kernels[i % Kernels.Length],
            LatencyMedianNs = 1000 * (1 + i % Kernels.Length) * (0.9 + 0.2 * random.NextDouble()),
            SplitRandom = i % 5 == 0 ? "validation" : "train",
            SplitFamily = "train",
        }).ToList();
    }

    [Fact]
    public void EachFoldHoldsOutExactlyOneFamilyAndNeverTrainsOnIt()
    {
        var rows = Rows();
        var folds = FamilyCrossValidation.Folds(rows);

        Assert.Equal(["cnn", "mlp", "transformer-decoder"], folds.Select(f => f.Family));
        foreach (var fold in folds)
        {
            Assert.Equal(Enumerable.Range(0, rows.Count).Where(i => rows[i].Family == fold.Family), fold.HeldOut);
            Assert.DoesNotContain(fold.Train.Concat(fold.Validation), i => rows[i].Family == fold.Family);
            Assert.All(fold.Validation, i => Assert.Equal("validation", rows[i].SplitRandom));
            Assert.All(fold.Train, i => Assert.NotEqual("validation", rows[i].SplitRandom));
            // Every row has exactly one role; the sweeps always train (or validate).
            Assert.Equal(Enumerable.Range(0, rows.Count), fold.Train.Concat(fold.Validation).Concat(fold.HeldOut).Order());
            Assert.Contains(fold.Train, i => rows[i].Family == "sweep");
        }
    }

    [Fact]
    public void RunReportsEveryHeldOutFamilyAndThePooledRowsDeterministically()
    {
        var set = TrainingSet.Build(Rows(), Featurizer.Default, threads: 1);
        var options = new TrainOptions(new BoosterParameters(MaxDepth: 3, LearningRate: 0.3, MaxRounds: 20, EarlyStoppingRounds: 5, Threads: 1, Seed: 2), LatencyMembers: 2, Command: "test", ModelRowWeight: 3);
        string data = Path.Combine(Path.GetTempPath(), "hwopt-cv-" + Guid.NewGuid().ToString("N") + ".csv");
        File.WriteAllText(data, "synthetic");
        try
        {
            var report = FamilyCrossValidation.Run(set, options, data, host: null, _ => { });
            var again = FamilyCrossValidation.Run(set, options, data, host: null, _ => { });

            Assert.Equal(["cnn", "mlp", "transformer-decoder", FamilyCrossValidation.Pooled], report.Results.Select(r => r.Family));
            Assert.Equal([9, 4, 6, 19], report.Results.Select(r => r.Learned.N));
            Assert.All(report.Results.SkipLast(1), r => Assert.Equal(2, r.BestIterations.Count));
            Assert.All(report.Results, r => Assert.True(double.IsFinite(r.Learned.Mape) && r.Roofline is null));
            Assert.Equal("3 (sample weight of a model-architecture kernel; sweep kernels 1)", report.HyperParameters["model_row_weight"]);
            Assert.Equal(report.ToJson(), again.ToJson());
            var json = JsonNode.Parse(report.ToJson())!;
            Assert.Equal(19, (int)json["results"]![3]!["learned"]!["n"]!);
            Assert.Contains("| transformer-decoder | 6 |", report.Markdown(), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(data);
        }
    }
}
