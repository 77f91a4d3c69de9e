using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using HwOpt.CostModel.Devices;
using HwOpt.CostModel.Features;
using HwOpt.CostModel.Learning;
using HwOpt.CostModel.Model;
using HwOpt.Profiling;

namespace HwOpt.CostModel.Training;

/// <summary>Settings of <c>hwopt train</c>.</summary>
/// <param name="Parameters">Booster hyper-parameters (seeded: member i uses Seed + i).</param>
/// <param name="LatencyMembers">Ensemble members for latency (the spread gives the interval); other metrics use one booster.</param>
/// <param name="Machine">Machine name: the bundle's folder name.</param>
/// <param name="Command">The command line, recorded in the card.</param>
/// <param name="HoldOutOp">An op name whose kernels are kept out of training and validation and evaluated as split <c>test_op</c> (accuracy on an op kind never seen), or null.</param>
/// <param name="Targets">Metric names to train (null: all); latency is always needed by a usable bundle.</param>
/// <param name="ModelRowWeight">Sample weight of a kernel of a model architecture (every family but <c>sweep</c>), relative to a sweep kernel's 1, ≥ 0:
/// the few hundred model kernels would otherwise count for little against tens of thousands of sweep kernels.</param>
public sealed record TrainOptions(
    BoosterParameters Parameters, int LatencyMembers = 5, string Machine = DeviceCatalog.Host, string Command = "", string? HoldOutOp = null, IReadOnlyList<string>? Targets = null,
    double ModelRowWeight = 1);

/// <summary>
/// Trains the cost model: per target metric (<see cref="TargetMetric.All"/>) boosters on log(1 + value) with early
/// stopping on the validation split, split-conformal interval calibration on that split (Vovk et al., "Algorithmic
/// Learning in a Random World", 2005; Lei et al., "Distribution-free predictive inference for regression", JASA 2018),
/// held-out metrics on both test splits, and the roofline baseline's metrics on the same rows. Writes the booster files
/// (XGBoost JSON, gzip) and the model card into the output folder.
/// </summary>
public static class Trainer
{
    /// <summary>Spread floor in label units: a member spread below this would claim more certainty than the data allows.</summary>
    public const double SpreadFloor = 0.02;

    /// <summary>Interval coverage the calibration aims at.</summary>
    public const double Coverage = 0.90;

    /// <summary>Trains and writes a bundle.</summary>
    /// <param name="set">The featurized dataset.</param>
    /// <param name="options">Settings.</param>
    /// <param name="outputDir">Bundle folder (created).</param>
    /// <param name="datasetPath">The dataset file (hashed into the card).</param>
    /// <param name="provenance">The dataset's provenance (machine, LLVM, pipeline), or null.</param>
    /// <param name="host">The host device profile for the roofline baseline's metrics, or null.</param>
    /// <param name="log">Progress lines.</param>
    /// <returns>The card written.</returns>
    public static ModelCard Train(TrainingSet set, TrainOptions options, string outputDir, string datasetPath, Provenance? provenance, DeviceProfile? host, Action<string> log)
    {
        var watch = Stopwatch.StartNew();
        Directory.CreateDirectory(outputDir);
        var splits = TrainingSet.SplitNames.ToDictionary(s => s, set.Indices, StringComparer.Ordinal);
        if (options.HoldOutOp is { } held)
        {
            bool Held(int i) => set.Rows[i].OpNames.Split(' ').Contains(held, StringComparer.Ordinal);
            splits["test_op"] = Enumerable.Range(0, set.Rows.Count).Where(Held).ToArray();
            foreach (var name in TrainingSet.SplitNames) splits[name] = splits[name].Where(i => !Held(i)).ToArray();
        }
        var card = new ModelCard
        {
            Machine = options.Machine,
            CpuModel = provenance?.CpuModel ?? "",
            LlvmVersion = provenance?.LlvmVersion ?? "",
            Pipeline = provenance?.Pipeline ?? "",
            PipelineHash = provenance?.PipelineHash ?? "",
            Dataset = Path.GetFileName(datasetPath),
            DatasetSha256 = Sha256File(datasetPath),
            Rows = splits.ToDictionary(kv => kv.Key, kv => kv.Value.Length, StringComparer.Ordinal),
            Splits = "test_family: decoder LMs (GPT-2, Llama-2), never trained on; validation: ViT-B/16 plus the random 10 % validation share (early stopping, interval calibration); test_random: the random 10 % test share of the other architectures and sweeps; train: the rest",
            FeatureVersion = Featurizer.Default.Schema.Version,
            FeatureCount = set.Features.Columns,
            XgboostVersion = XgbLibrary.Version,
            HyperParameters = Describe(options.Parameters, options.LatencyMembers, options.ModelRowWeight),
            Command = options.Command,
        };
        card.Rows["ok"] = set.Rows.Count;
        card.Rows["unreadable"] = set.Unreadable;
        card.FeatureRanges = FeatureRanges(set, splits["train"]);

        foreach (var target in TargetMetric.All.Where(t => options.Targets is null || options.Targets.Contains(t.Name)))
        {
            var byTarget = splits.ToDictionary(kv => kv.Key, kv => kv.Value.Where(i => target.Read(set.Rows[i]) is not null).ToArray(), StringComparer.Ordinal);
            float[] Labels(int[] idx) => idx.Select(i => target.ToLabel(target.Read(set.Rows[i])!.Value, set.Work[i])).ToArray();
            var validation = set.Subset(byTarget["validation"]);
            var validationLabels = Labels(byTarget["validation"]);
            int members = target == TargetMetric.Latency ? Math.Max(1, options.LatencyMembers) : 1;
            var tc = new TargetCard { Name = target.Name, Label = target.LabelDefinition, SpreadFloor = SpreadFloor };
            var boosters = new List<XgbRegressor>();
            for (int m = 0; m < members; m++)
            {
                var p = options.Parameters with { Seed = options.Parameters.Seed + m };
                var booster = TrainMember(set, byTarget["train"], byTarget["validation"], target, p, options.ModelRowWeight);
                boosters.Add(booster);
                string file = $"{target.Name}.{m}.json.gz";
                byte[] gz = Gzip(booster.SaveJson());
                File.WriteAllBytes(Path.Combine(outputDir, file), gz);
                tc.Files.Add(file);
                tc.Sha256.Add(Convert.ToHexStringLower(SHA256.HashData(gz)));
                tc.BestIterations.Add(booster.BestIteration);
                if (m == 0)
                {
                    tc.Curve = booster.Curve.Select((c, round) => (c, round)).Where(x => x.round % 10 == 0 || x.round == booster.Curve.Count - 1)
                        .Select(x => new[] { x.round, Math.Round(x.c.Train, 5), Math.Round(x.c.Validation ?? double.NaN, 5) }).ToList();
                }
                var last = booster.Curve[booster.BestIteration];
                log($"{target.Name} member {m + 1}/{members}: {booster.RoundsTrained} rounds, best {booster.BestIteration}, RMSE(log) train {last.Train:0.###} validation {last.Validation:0.###}");
            }

            var forests = boosters.Select(b => b.Compiled).ToList();
            var ensemble = new MemberSet(forests, 0, SpreadFloor);
            var (vMean, vSpread) = ensemble.Predict(validation);
            tc.IntervalScale = ConformalScale(validationLabels, vMean, vSpread, Coverage);
            var calibrated = new MemberSet(forests, tc.IntervalScale, SpreadFloor);
            foreach (var split in new[] { "validation", "test_random", "test_family", "test_op" })
            {
                if (!byTarget.TryGetValue(split, out var idx) || idx.Length == 0) continue;
                var (mean, low, high) = calibrated.PredictValues(set.Subset(idx), target, idx.Select(i => set.Work[i]).ToArray());
                var measured = idx.Select(i => target.Read(set.Rows[i])!.Value).ToArray();
                tc.Metrics[split] = AccuracyMetrics.Compute(measured, mean, low, high);
                if (target == TargetMetric.Latency && host is not null)
                {
                    var roofline = new RooflineCostModel(host);
                    tc.Baseline ??= new Dictionary<string, AccuracyMetrics>(StringComparer.Ordinal);
                    tc.Baseline[split] = AccuracyMetrics.Compute(measured, idx.Select(i => roofline.FromWork(set.Work[i]).LatencyNs).ToArray());
                }
                var a = tc.Metrics[split];
                log($"{target.Name} {split}: n {a.N}, within ±10% {a.Within10:P1}, MAPE {a.Mape:0.#}%, Spearman {a.Spearman:0.###}, interval coverage {a.IntervalCoverage:P0}");
            }
            foreach (var b in boosters) b.Dispose();
            card.Targets.Add(tc);
        }
        card.TrainedAt = Provenance.Now();
        card.TrainingSeconds = Math.Round(watch.Elapsed.TotalSeconds, 1);
        File.WriteAllText(Path.Combine(outputDir, "model-card.json"), card.ToJson());
        File.WriteAllText(Path.Combine(outputDir, "MODEL_CARD.md"), ModelCardReport.Markdown(card));
        return card;
    }

    /// <summary>Trains one booster of a target on the given training and validation rows (labels by <see cref="TargetMetric.ToLabel"/>, weights by <see cref="SampleWeight"/>).</summary>
    internal static XgbRegressor TrainMember(TrainingSet set, int[] train, int[] validation, TargetMetric target, BoosterParameters parameters, double modelRowWeight)
    {
        float[] Labels(int[] idx) => idx.Select(i => target.ToLabel(target.Read(set.Rows[i])!.Value, set.Work[i])).ToArray();
        float[]? weights = modelRowWeight == 1 ? null : train.Concat(validation).Select(i => SampleWeight(set.Rows[i], modelRowWeight)).ToArray();
        return XgbRegressor.Train(set.Subset(train), Labels(train), set.Subset(validation), Labels(validation), parameters, weights: weights);
    }

    /// <summary>The sample weight of a row: <paramref name="modelRowWeight"/> for a kernel of a model architecture, 1 for a sweep kernel.</summary>
    internal static float SampleWeight(MeasurementRow row, double modelRowWeight) =>
        row.Family == FamilyCrossValidation.SweepFamily ? 1f : (float)modelRowWeight;

    /// <summary>
    /// The split-conformal scale: the ceil((n+1)·coverage)/n empirical quantile of |label - mean| / spread over the
    /// calibration rows, so that mean ± scale·spread covers about <paramref name="coverage"/> of new rows.
    /// </summary>
    internal static double ConformalScale(IReadOnlyList<float> labels, IReadOnlyList<double> mean, IReadOnlyList<double> spread, double coverage)
    {
        if (labels.Count == 0) return 2;
        var scores = labels.Select((y, i) => Math.Abs(y - mean[i]) / spread[i]).Order().ToArray();
        int k = Math.Min(scores.Length - 1, (int)Math.Ceiling((scores.Length + 1) * coverage) - 1);
        return scores[Math.Max(0, k)];
    }

    private static Dictionary<string, double[]> FeatureRanges(TrainingSet set, int[] train)
    {
        var names = Featurizer.Default.Schema.Names;
        var ranges = new Dictionary<string, double[]>(StringComparer.Ordinal);
        for (int c = 0; c < names.Count; c++)
        {
            if (!FeatureChannels.IsRangeChecked(names[c])) continue;
            double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
            foreach (int i in train)
            {
                float v = set.Features.Row(i)[c];
                if (float.IsNaN(v)) continue;
                lo = Math.Min(lo, v);
                hi = Math.Max(hi, v);
            }
            if (lo <= hi) ranges[names[c]] = [lo, hi];
        }
        return ranges;
    }

    internal static Dictionary<string, string> Describe(BoosterParameters p, int members, double modelRowWeight) => new(StringComparer.Ordinal)
    {
        ["objective"] = p.Objective + " on each target's label (targets[].label)",
        ["tree_method"] = p.TreeMethod,
        ["max_depth"] = p.MaxDepth.ToString(CultureInfo.InvariantCulture),
        ["eta"] = p.LearningRate.ToString(CultureInfo.InvariantCulture),
        ["max_rounds"] = p.MaxRounds.ToString(CultureInfo.InvariantCulture),
        ["early_stopping_rounds"] = p.EarlyStoppingRounds.ToString(CultureInfo.InvariantCulture),
        ["subsample"] = p.Subsample.ToString(CultureInfo.InvariantCulture),
        ["colsample_bytree"] = p.ColsampleByTree.ToString(CultureInfo.InvariantCulture),
        ["min_child_weight"] = p.MinChildWeight.ToString(CultureInfo.InvariantCulture),
        ["lambda"] = p.Lambda.ToString(CultureInfo.InvariantCulture),
        ["alpha"] = p.Alpha.ToString(CultureInfo.InvariantCulture),
        ["max_bin"] = p.MaxBin.ToString(CultureInfo.InvariantCulture),
        ["seed"] = p.Seed.ToString(CultureInfo.InvariantCulture) + " (member i: seed + i)",
        ["latency_members"] = members.ToString(CultureInfo.InvariantCulture),
        ["model_row_weight"] = modelRowWeight.ToString(CultureInfo.InvariantCulture) + " (sample weight of a model-architecture kernel; sweep kernels 1)",
        ["nthread"] = p.Threads.ToString(CultureInfo.InvariantCulture),
    };

    internal static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gz = new GZipStream(output, CompressionLevel.SmallestSize, leaveOpen: true)) gz.Write(data);
        return output.ToArray();
    }

    internal static string Sha256File(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
