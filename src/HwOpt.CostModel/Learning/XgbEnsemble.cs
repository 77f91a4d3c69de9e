namespace HwOpt.CostModel.Learning;

/// <summary>
/// K regressors trained on the same task with different seeds (<see cref="BoosterParameters.Seed"/> + i) and
/// different row subsets, so that their spread estimates the model's uncertainty: <see cref="Predict(FeatureMatrix, Span{float}, Span{float})"/>
/// returns the members' mean and standard deviation per row. Members are trained one after another, each with
/// <see cref="BoosterParameters.Threads"/> threads; the result is deterministic like <see cref="XgbRegressor"/>.
/// Thread safety is that of <see cref="XgbRegressor"/>.
/// </summary>
public sealed class XgbEnsemble : IDisposable
{
    private readonly XgbRegressor[] _members;

    private XgbEnsemble(XgbRegressor[] members)
    {
        int features = members[0].FeatureCount;
        if (members.Any(m => m.FeatureCount != features))
            throw new ArgumentException("ensemble members were trained on different feature counts");
        _members = members;
    }

    /// <summary>The members, in seed order.</summary>
    public IReadOnlyList<XgbRegressor> Members => _members;

    /// <summary>Number of features every input row must have.</summary>
    public int FeatureCount => _members[0].FeatureCount;

    /// <summary>
    /// Trains <paramref name="members"/> regressors; member i uses seed <c>parameters.Seed + i</c> and a random
    /// <paramref name="rowFraction"/> of the training rows (drawn without replacement with the same seed).
    /// Every member early-stops on the full validation set.
    /// </summary>
    /// <param name="train">Training features; NaN = missing.</param>
    /// <param name="labels">One finite label per training row.</param>
    /// <param name="validation">Validation features, or null.</param>
    /// <param name="validationLabels">Validation labels; null exactly when <paramref name="validation"/> is.</param>
    /// <param name="parameters">Parameters shared by all members (the seed is offset per member).</param>
    /// <param name="members">Number of members, ≥ 1.</param>
    /// <param name="progress">Called after each round with (member index, 0-based round, training RMSE, validation RMSE or null).</param>
    /// <param name="rowFraction">Fraction of training rows each member sees, in (0, 1]; 1 = all rows (seeds alone differ).</param>
    /// <returns>The ensemble; the caller disposes it.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="members"/> &lt; 1, <paramref name="rowFraction"/> outside (0, 1], or a parameter out of range.</exception>
    /// <exception cref="ArgumentException">As <see cref="XgbRegressor.Train"/>.</exception>
    /// <exception cref="NativeLibraryMissingException">libxgboost cannot be loaded (HW4010).</exception>
    /// <exception cref="XgbException">XGBoost fails.</exception>
    public static XgbEnsemble Train(
        FeatureMatrix train, float[] labels, FeatureMatrix? validation, float[]? validationLabels,
        BoosterParameters parameters, int members, Action<int, int, double, double?>? progress = null, double rowFraction = 0.8)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentOutOfRangeException.ThrowIfLessThan(members, 1);
        if (!(rowFraction > 0 && rowFraction <= 1)) throw new ArgumentOutOfRangeException(nameof(rowFraction), rowFraction, "must be in (0, 1]");
        if (labels.Length != train.Rows) throw new ArgumentException($"{labels.Length} labels for {train.Rows} rows", nameof(labels));

        var trained = new List<XgbRegressor>(members);
        try
        {
            for (int i = 0; i < members; i++)
            {
                int seed = unchecked(parameters.Seed + i);
                var (rows, rowLabels) = SampleRows(train, labels, rowFraction, seed);
                int member = i;
                trained.Add(XgbRegressor.Train(rows, rowLabels, validation, validationLabels, parameters with { Seed = seed },
                    progress is null ? null : (round, t, v) => progress(member, round, t, v)));
            }
            return new XgbEnsemble([.. trained]);
        }
        catch
        {
            foreach (var m in trained) m.Dispose();
            throw;
        }
    }

    /// <summary>Per-row mean and standard deviation of the members' predictions.</summary>
    /// <param name="x">Rows to predict, <see cref="FeatureCount"/> columns.</param>
    /// <param name="mean">At least <c>x.Rows</c> elements: the mean prediction, in label units.</param>
    /// <param name="stdDev">At least <c>x.Rows</c> elements: the population standard deviation across members (0 for one member), in label units.</param>
    /// <exception cref="ArgumentException">Shapes do not match.</exception>
    /// <exception cref="ObjectDisposedException">The ensemble is disposed.</exception>
    /// <exception cref="XgbException">XGBoost fails.</exception>
    public void Predict(FeatureMatrix x, Span<float> mean, Span<float> stdDev)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Columns != FeatureCount) throw new ArgumentException($"{x.Columns} columns; the ensemble was trained on {FeatureCount}", nameof(x));
        Predict(x.Data, x.Rows, mean, stdDev);
    }

    /// <summary>Per-row mean and standard deviation of the members' predictions, reading row-major input in place.</summary>
    /// <param name="rowMajor">Exactly <paramref name="rows"/> × <see cref="FeatureCount"/> values; NaN = missing.</param>
    /// <param name="rows">Number of rows, ≥ 0.</param>
    /// <param name="mean">At least <paramref name="rows"/> elements: the mean prediction.</param>
    /// <param name="stdDev">At least <paramref name="rows"/> elements: the population standard deviation across members.</param>
    /// <exception cref="ArgumentException">Shapes do not match.</exception>
    /// <exception cref="ObjectDisposedException">The ensemble is disposed.</exception>
    /// <exception cref="XgbException">XGBoost fails.</exception>
    public void Predict(ReadOnlySpan<float> rowMajor, int rows, Span<float> mean, Span<float> stdDev)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        if (mean.Length < rows || stdDev.Length < rows)
            throw new ArgumentException($"mean has {mean.Length} and stdDev {stdDev.Length} elements for {rows} rows");
        var one = new float[rows];
        var sum = new double[rows];
        var sumSquares = new double[rows];
        foreach (var member in _members)
        {
            member.Predict(rowMajor, rows, one);
            for (int r = 0; r < rows; r++)
            {
                sum[r] += one[r];
                sumSquares[r] += (double)one[r] * one[r];
            }
        }
        int k = _members.Length;
        for (int r = 0; r < rows; r++)
        {
            double m = sum[r] / k;
            mean[r] = (float)m;
            stdDev[r] = (float)Math.Sqrt(Math.Max(0, sumSquares[r] / k - m * m));
        }
    }

    /// <summary>Each member's <see cref="XgbRegressor.SaveJson"/>, in member order (the caller writes them, e.g. one file each).</summary>
    /// <exception cref="ObjectDisposedException">The ensemble is disposed.</exception>
    /// <exception cref="XgbException">XGBoost fails.</exception>
    public IReadOnlyList<byte[]> SaveJson() => [.. _members.Select(m => m.SaveJson())];

    /// <summary>Reads an ensemble saved by <see cref="SaveJson"/>.</summary>
    /// <param name="members">The member models, in order; at least one.</param>
    /// <param name="threads">Threads each member uses for prediction, ≥ 1.</param>
    /// <exception cref="ArgumentException"><paramref name="members"/> is empty or the members' feature counts differ.</exception>
    /// <exception cref="NativeLibraryMissingException">libxgboost cannot be loaded (HW4010).</exception>
    /// <exception cref="XgbException">A buffer is not a valid XGBoost JSON model.</exception>
    public static XgbEnsemble LoadJson(IReadOnlyList<byte[]> members, int threads = 1)
    {
        ArgumentNullException.ThrowIfNull(members);
        if (members.Count == 0) throw new ArgumentException("no members", nameof(members));
        var loaded = new List<XgbRegressor>(members.Count);
        try
        {
            foreach (var json in members) loaded.Add(XgbRegressor.LoadJson(json, threads));
            return new XgbEnsemble([.. loaded]);
        }
        catch
        {
            foreach (var m in loaded) m.Dispose();
            throw;
        }
    }

    /// <summary>Disposes every member. Idempotent.</summary>
    public void Dispose()
    {
        foreach (var m in _members) m.Dispose();
    }

    private static (FeatureMatrix Rows, float[] Labels) SampleRows(FeatureMatrix train, float[] labels, double fraction, int seed)
    {
        if (fraction >= 1) return (train, labels);
        int count = Math.Max(1, (int)Math.Round(train.Rows * fraction));
        var order = Enumerable.Range(0, train.Rows).ToArray();
        new Random(seed).Shuffle(order);
        var chosen = order.AsSpan(0, count);
        chosen.Sort();
        var chosenLabels = new float[count];
        for (int k = 0; k < count; k++) chosenLabels[k] = labels[chosen[k]];
        return (train.SelectRows(chosen), chosenLabels);
    }
}
