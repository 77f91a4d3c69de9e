using System.Text.Json.Nodes;
using HwOpt.CostModel.Features;
using HwOpt.CostModel.Model;
using HwOpt.CostModel.Training;
using HwOpt.Diagnostics;

namespace HwOpt.CostModel.Tests.Model;

public class LearnedCostModelTests(TrainedBundleFixture bundle) : IClassFixture<TrainedBundleFixture>
{
    [Fact]
    public void TheCardDescribesDataFeaturesAndHeldOutMetrics()
    {
        var card = bundle.Card;
        Assert.Equal(Featurizer.Default.Schema.Version, card.FeatureVersion);
        Assert.Equal(64, card.DatasetSha256.Length);
        Assert.Equal(bundle.Set.Rows.Count, card.Rows["ok"]);
        Assert.Equal(TargetMetric.All.Select(t => t.Name), card.Targets.Select(t => t.Name));
        var latency = card.Targets[0];
        Assert.Equal(2, latency.Files.Count);
        Assert.True(latency.IntervalScale > 0);
        Assert.Contains("test_family", latency.Metrics.Keys);
        Assert.NotNull(latency.Baseline);
        Assert.True(File.Exists(Path.Combine(bundle.Folder, "MODEL_CARD.md")));
    }

    [Fact]
    public void EvenASmallModelRanksHeldOutKernelsAndBeatsTheRoofline()
    {
        var latency = bundle.Card.Targets[0];
        var learned = latency.Metrics["test_random"];
        var roofline = latency.Baseline!["test_random"];
        Assert.True(learned.Spearman > 0.8, $"Spearman {learned.Spearman}");
        Assert.True(learned.RmseLog < roofline.RmseLog, $"learned RMSE(ln) {learned.RmseLog} vs roofline {roofline.RmseLog}");
    }

    [Fact]
    public void LoadedModelPredictsLikeTheTrainedOneWithIntervalsAroundIt()
    {
        using var model = LearnedCostModel.Load(bundle.Folder, new DiagnosticBag());
        Assert.NotNull(model);
        var idx = bundle.Set.Indices("test_random").Take(50).ToArray();
        var predictions = model!.PredictFeatures(bundle.Set.Subset(idx), idx.Select(i => bundle.Set.Work[i]).ToArray());
        Assert.All(predictions, p =>
        {
            Assert.True(p.LatencyNs > 0);
            Assert.True(p.LatencyNsLow <= p.LatencyNs && p.LatencyNs <= p.LatencyNsHigh);
            Assert.True(p.Metrics.ContainsKey("spills"));
        });
        var again = model.PredictFeatures(bundle.Set.Subset(idx), idx.Select(i => bundle.Set.Work[i]).ToArray());
        Assert.Equal(predictions.Select(p => p.LatencyNs), again.Select(p => p.LatencyNs));
    }

    [Fact]
    public void RepeatedKernelsInABatchArePredictedOnceWithTheSameResult()
    {
        using var model = LearnedCostModel.Load(bundle.Folder, new DiagnosticBag());
        Assert.NotNull(model);
        var kernels = new List<IReadOnlyList<HwOpt.IR.Operation>>();
        foreach (var text in new[]
        {
            "func.func @k(%a: tensor<64x64xf32>, %b: tensor<64x64xf32>) -> tensor<64x64xf32> {\n  %0 = arith.addf %a, %b : tensor<64x64xf32>\n  return %0 : tensor<64x64xf32>\n}",
            "func.func @k(%a: tensor<8x128xf32>, %b: tensor<8x128xf32>) -> tensor<8x128xf32> {\n  %0 = arith.mulf %a, %b : tensor<8x128xf32>\n  return %0 : tensor<8x128xf32>\n}",
        })
        {
            kernels.Add(Featurizer.KernelBody(text));
        }
        // The same op lists several times, and a fresh parse of the first one (equal features, other objects).
        var batch = new[] { kernels[0], kernels[1], kernels[0], kernels[0], kernels[1] }.ToList();
        model!.DeduplicateRows = false;
        var every = model.Predict(batch);
        model.DeduplicateRows = true;
        var once = model.Predict(batch);
        Assert.Equal(every.Select(p => p.LatencyNs), once.Select(p => p.LatencyNs));
        Assert.Equal(every.Select(p => p.LatencyNsHigh), once.Select(p => p.LatencyNsHigh));
        Assert.Equal(every.Select(p => p.Metrics["spills"]), once.Select(p => p.Metrics["spills"]));
        Assert.Equal(once[0].LatencyNs, once[2].LatencyNs);
    }

    [Fact]
    public void AMissingBoosterFileIsNamed()
    {
        string dir = bundle.Copy();
        File.Delete(Path.Combine(dir, "spills.0.json.gz"));
        var d = LoadFails(dir);
        Assert.Contains("spills.0.json.gz", d.Message);
        Assert.Contains("missing", d.Message);
    }

    [Fact]
    public void AChangedBoosterFileIsRejectedByItsHash()
    {
        string dir = bundle.Copy();
        File.WriteAllBytes(Path.Combine(dir, "latency_ns.1.json.gz"), [1, 2, 3]);
        var d = LoadFails(dir);
        Assert.Contains("latency_ns.1.json.gz", d.Message);
        Assert.Contains("SHA-256", d.Message);
    }

    [Fact]
    public void ACorruptCardIsNamed()
    {
        string dir = bundle.Copy();
        File.WriteAllText(Path.Combine(dir, "model-card.json"), "{ not json");
        Assert.Contains("model-card.json", LoadFails(dir).Message);
    }

    [Fact]
    public void AnotherFeatureVersionIsRejected()
    {
        string dir = bundle.Copy();
        string path = Path.Combine(dir, "model-card.json");
        var card = JsonNode.Parse(File.ReadAllText(path))!;
        card["feature_version"] = "0000";
        File.WriteAllText(path, card.ToJsonString());
        var d = LoadFails(dir);
        Assert.Contains("feature version 0000", d.Message);
    }

    [Fact]
    public void AModelFromAnotherMachineLoadsWithAWarning()
    {
        string dir = bundle.Copy();
        string path = Path.Combine(dir, "model-card.json");
        var card = JsonNode.Parse(File.ReadAllText(path))!;
        card["cpu_model"] = "Some Other CPU";
        File.WriteAllText(path, card.ToJsonString());
        var diagnostics = new DiagnosticBag();
        using var model = LearnedCostModel.Load(dir, diagnostics);
        Assert.NotNull(model);
        Assert.Equal("HW4014", Assert.Single(diagnostics.Items).Id);
    }

    [Fact]
    public void NoCardAtAllSaysHowToTrain()
    {
        var d = LoadFails(Path.Combine(Path.GetTempPath(), "hwopt-no-bundle-here"));
        Assert.Contains("hwopt train", d.Message);
    }

    private static Diagnostic LoadFails(string dir)
    {
        var diagnostics = new DiagnosticBag();
        Assert.Null(LearnedCostModel.Load(dir, diagnostics));
        var d = Assert.Single(diagnostics.Items, x => x.IsError);
        Assert.Equal("HW4011", d.Id);
        return d;
    }
}
