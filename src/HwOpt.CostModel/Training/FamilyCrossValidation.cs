using HwOpt.CostModel.Devices;
using HwOpt.CostModel.Features;
using HwOpt.CostModel.Learning;
using HwOpt.CostModel.Model;
using HwOpt.Profiling;

namespace HwOpt.CostModel.Training;

/// <summary>One fold of <see cref="FamilyCrossValidation"/>: the family held out and the rows of each role, as indices into the dataset's rows.</summary>
/// <param name="Family">The architecture family held out (e.g. <c>cnn</c>).</param>
/// <param name="Train">Rows trained on: every other family's rows (sweeps included) outside the random validation share.</param>
/// <param name="Validation">Rows for early stopping: the random validation share (<c>split_random</c> = validation) of the other families.</param>
/// <param name="HeldOut">Rows evaluated: every row of <paramref name="Family"/>.</param>
public sealed record FamilyFold(string Family, int[] Train, int[] Validation, int[] HeldOut);

/// <summary>Latency accuracy on one held-out family (or pooled over all), of the learned model and of the roofline baseline on the same rows.</summary>
/// <param name="Family">The family, or <c>pooled</c>.</param>
/// <param name="Learned">The learned model's metrics.</param>
/// <param name="Roofline">The roofline baseline's metrics (rows the roofline cannot estimate are skipped), or null without a host profile.</param>
/// <param name="BestIterations">Best boosting round of each latency member of the fold (empty for <c>pooled</c>).</param>
public sealed record FamilyResult(string Family, AccuracyMetrics Learned, AccuracyMetrics? Roofline, IReadOnlyList<int> BestIterations);

/// <summary>One held-out kernel's prediction in <see cref="FamilyCrossValidation"/>.</summary>
/// <param name="KernelId">The dataset's kernel id.</param>
/// <param name="Family">The family held out.</param>
/// <param name="Op">The kernel's op names.</param>
/// <param name="MeasuredNs">Measured median latency, ns.</param>
/// <param name="PredictedNs">The learned model's latency, ns.</param>
/// <param name="RooflineNs">The roofline baseline's latency, ns (infinite where it has no estimate), or null without a host profile.</param>
public sealed record HeldOutPrediction(string KernelId, string Family, string Op, double MeasuredNs, double PredictedNs, double? RooflineNs);

/// <summary>
/// Leave-one-family-out cross-validation of the latency model: for each architecture family of the dataset other than
/// <c>sweep</c>, train on everything else (single-op sweeps always train) and measure latency accuracy on every kernel
/// of the family left out, an architecture the model has never seen. The fixed <c>split_family</c> split is ignored
/// here (each family takes its turn as the test family); <c>split_random</c> = validation rows of the training
/// families drive early stopping. Pooled metrics are computed over the held-out predictions of all folds together.
/// Deterministic for fixed parameters (seeds and thread count).
/// </summary>
public static class FamilyCrossValidation
{
    /// <summary>The family name of single-op sweeps, never held out.</summary>
    public const string SweepFamily = "sweep";

    /// <summary>The name of the pooled result.</summary>
    public const string Pooled = "pooled";

    /// <summary>The folds over a dataset's rows: one per family other than <see cref="SweepFamily"/>, in ordinal order of the family name.</summary>
    /// <param name="rows">The rows (e.g. <see cref="TrainingSet.Rows"/>).</param>
    public static IReadOnlyList<FamilyFold> Folds(IReadOnlyList<MeasurementRow> rows)
    {
        var families = rows.Select(r => r.Family).Where(f => f != SweepFamily).Distinct().Order(StringComparer.Ordinal);
        return families.Select(family =>
        {
            var held = Enumerable.Range(0, rows.Count).Where(i => rows[i].Family == family).ToArray();
            var rest = Enumerable.Range(0, rows.Count).Where(i => rows[i].Family != family).ToArray();
            return new FamilyFold(family, rest.Where(i => rows[i].SplitRandom != "validation").ToArray(), rest.Where(i => rows[i].SplitRandom == "validation").ToArray(), held);
        }).ToList();
    }

    /// <summary>Runs the cross-validation of the latency target.</summary>
    /// <param name="set">The featurized dataset.</param>
    /// <param name="options">Booster parameters, latency ensemble members and sample weighting (as <see cref="Trainer.Train"/> uses them) and the command line to record.</param>
    /// <param name="datasetPath">The dataset file (hashed into the report).</param>
    /// <param name="host">The host profile for the roofline baseline, or null.</param>
    /// <param name="log">Progress lines.</param>
    /// <returns>The report: one result per fold in <see cref="Folds"/> order, then the pooled result.</returns>
    public static FamilyCrossValidationReport Run(TrainingSet set, TrainOptions options, string datasetPath, DeviceProfile? host, Action<string> log)
    {
        var target = TargetMetric.Latency;
        var roofline = host is null ? null : new RooflineCostModel(host);
        var results = new List<FamilyResult>();
        var pooledMeasured = new List<double>();
        var pooledLearned = new List<double>();
        var pooledRoofline = new List<double>();
        var predictions = new List<HeldOutPrediction>();
        foreach (var fold in Folds(set.Rows))
        {
            if (fold.HeldOut.Length == 0 || fold.Train.Length == 0 || fold.Validation.Length == 0) continue;
            var forests = new List<CompiledForest>();
            var best = new List<int>();
            for (int m = 0; m < Math.Max(1, options.LatencyMembers); m++)
            {
                var p = options.Parameters with { Seed = options.Parameters.Seed + m };
                using var booster = Trainer.TrainMember(set, fold.Train, fold.Validation, target, p, options.ModelRowWeight);
                forests.Add(booster.Compiled);
                best.Add(booster.BestIteration);
            }
            var work = fold.HeldOut.Select(i => set.Work[i]).ToArray();
            var (predicted, _, _) = new MemberSet(forests, 0, Trainer.SpreadFloor).PredictValues(set.Subset(fold.HeldOut), target, work);
            var measured = fold.HeldOut.Select(i => target.Read(set.Rows[i])!.Value).ToArray();
            var baseline = roofline is null ? null : work.Select(w => roofline.FromWork(w).LatencyNs).ToArray();
            var result = new FamilyResult(fold.Family, AccuracyMetrics.Compute(measured, predicted), baseline is null ? null : AccuracyMetrics.Compute(measured, baseline), best);
            results.Add(result);
            predictions.AddRange(fold.HeldOut.Select((i, j) => new HeldOutPrediction(set.Rows[i].KernelId, fold.Family, set.Rows[i].OpNames, measured[j], predicted[j], baseline?[j])));
            pooledMeasured.AddRange(measured);
            pooledLearned.AddRange(predicted);
            if (baseline is not null) pooledRoofline.AddRange(baseline);
            log($"{fold.Family}: trained on {fold.Train.Length} rows, best rounds {string.Join("/", best)}; held out n {result.Learned.N}, within ±10% {result.Learned.Within10:P1}, MAPE {result.Learned.Mape:0.#}%, Spearman {result.Learned.Spearman:0.###}");
        }
        results.Add(new FamilyResult(Pooled, AccuracyMetrics.Compute(pooledMeasured, pooledLearned),
            roofline is null ? null : AccuracyMetrics.Compute(pooledMeasured, pooledRoofline), []));
        return new FamilyCrossValidationReport(Path.GetFileName(datasetPath), Trainer.Sha256File(datasetPath), Featurizer.Default.Schema.Version,
            Trainer.Describe(options.Parameters, options.LatencyMembers, options.ModelRowWeight), options.Command, results)
        {
            Predictions = predictions,
        };
    }
}
