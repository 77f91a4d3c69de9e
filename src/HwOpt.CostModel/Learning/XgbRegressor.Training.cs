using System.Globalization;

namespace HwOpt.CostModel.Learning;

// Training: one XGBoosterUpdateOneIter per round, then XGBoosterEvalOneIter for the RMSE curve; early stopping
// keeps every tree but remembers the best round, and predictions stop there (as XGBoost's Python package does).
public sealed partial class XgbRegressor
{
    /// <summary>
    /// Trains a regressor. With validation data, training stops once validation RMSE has not improved for
    /// <see cref="BoosterParameters.EarlyStoppingRounds"/> rounds and predictions use rounds [0, best + 1);
    /// without it, all <see cref="BoosterParameters.MaxRounds"/> rounds are trained and used.
    /// Deterministic: the same data, parameters and seed give a byte-identical <see cref="SaveJson"/>.
    /// </summary>
    /// <param name="train">Training features, ≥ 1 row; NaN = missing.</param>
    /// <param name="labels">One finite label per training row.</param>
    /// <param name="validation">Validation features with the same columns, or null.</param>
    /// <param name="validationLabels">One finite label per validation row; null exactly when <paramref name="validation"/> is.</param>
    /// <param name="parameters">Training parameters (validated here).</param>
    /// <param name="progress">Called after each round with (0-based round, training RMSE, validation RMSE or null).</param>
    /// <param name="weights">Sample weights, or null (every row 1): one finite weight ≥ 0 per training row, then one per
    /// validation row when there is validation data (the validation RMSE that drives early stopping is weighted the same way).</param>
    /// <returns>The trained model; the caller disposes it.</returns>
    /// <exception cref="ArgumentNullException">A required argument is null.</exception>
    /// <exception cref="ArgumentException">Shapes disagree, a label is not finite, a weight is negative or not finite, or there are no rows.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is out of range (see <see cref="BoosterParameters.Validate"/>).</exception>
    /// <exception cref="NativeLibraryMissingException">libxgboost cannot be loaded (HW4010).</exception>
    /// <exception cref="XgbException">XGBoost rejects a parameter (e.g. an unknown objective) or fails.</exception>
    public static unsafe XgbRegressor Train(
        FeatureMatrix train, float[] labels, FeatureMatrix? validation, float[]? validationLabels,
        BoosterParameters parameters, Action<int, double, double?>? progress = null, float[]? weights = null)
    {
        CheckArguments(train, labels, validation, validationLabels, parameters);
        CheckWeights(weights, train.Rows + (validation?.Rows ?? 0));
        XgbLibrary.EnsureAvailable();

        var trainWeights = weights is null ? default : weights.AsSpan(0, train.Rows);
        using var dtrain = XgbData.CreateDMatrix(train.Data, train.Rows, train.Columns, parameters.Threads, labels, trainWeights);
        using var dvalid = validation is null ? null
            : XgbData.CreateDMatrix(validation.Data, validation.Rows, validation.Columns, parameters.Threads, validationLabels,
                weights is null ? default : weights.AsSpan(train.Rows));
        using var matrices = dvalid is null ? new HandleArray(dtrain) : new HandleArray(dtrain, dvalid);

        BoosterHandle booster;
        fixed (nint* handles = matrices.Pointers)
        {
            XgbNative.Check(XgbNative.XGBoosterCreate(handles, (ulong)matrices.Pointers.Length, out booster));
        }
        try
        {
            foreach (var (name, value) in parameters.ToXgbParameters())
                XgbNative.Check(XgbNative.XGBoosterSetParam(booster, name, value));

            var curve = new List<(double Train, double? Validation)>();
            int best = 0;
            double bestRmse = double.PositiveInfinity;
            for (int round = 0; round < parameters.MaxRounds; round++)
            {
                XgbNative.Check(XgbNative.XGBoosterUpdateOneIter(booster, round, dtrain));
                var (trainRmse, validRmse) = Evaluate(booster, round, matrices.Pointers);
                curve.Add((trainRmse, validRmse));
                progress?.Invoke(round, trainRmse, validRmse);
                if (validRmse is not double v)
                {
                    best = round;
                }
                else if (round == 0 || v < bestRmse)
                {
                    best = round;
                    bestRmse = v;
                }
                else if (round - best >= parameters.EarlyStoppingRounds)
                {
                    break;
                }
            }

            XgbNative.Check(XgbNative.XGBoosterSetAttr(booster, BestIterationAttribute, best.ToString(CultureInfo.InvariantCulture)));
            return new XgbRegressor(booster, best, parameters.Threads, curve);
        }
        catch
        {
            booster.Dispose();
            throw;
        }
    }

    private static void CheckArguments(FeatureMatrix train, float[] labels, FeatureMatrix? validation, float[]? validationLabels, BoosterParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(parameters);
        parameters.Validate();
        if (train.Rows == 0) throw new ArgumentException("no training rows", nameof(train));
        CheckLabels(labels, train.Rows, nameof(labels));
        if ((validation is null) != (validationLabels is null))
            throw new ArgumentException("give validation features and labels together, or neither", nameof(validationLabels));
        if (validation is null) return;
        if (validation.Rows == 0) throw new ArgumentException("no validation rows", nameof(validation));
        if (validation.Columns != train.Columns)
            throw new ArgumentException($"validation has {validation.Columns} columns, training {train.Columns}", nameof(validation));
        CheckLabels(validationLabels!, validation.Rows, nameof(validationLabels));
    }

    private static void CheckWeights(float[]? weights, int rows)
    {
        if (weights is null) return;
        if (weights.Length != rows) throw new ArgumentException($"{weights.Length} weights for {rows} training and validation rows", nameof(weights));
        int bad = Array.FindIndex(weights, w => !(float.IsFinite(w) && w >= 0));
        if (bad >= 0) throw new ArgumentException($"weight {bad} is {weights[bad].ToString(CultureInfo.InvariantCulture)}, not a finite number ≥ 0", nameof(weights));
    }

    private static void CheckLabels(float[] labels, int rows, string name)
    {
        if (labels.Length != rows) throw new ArgumentException($"{labels.Length} labels for {rows} rows", name);
        int bad = Array.FindIndex(labels, l => !float.IsFinite(l));
        if (bad >= 0) throw new ArgumentException($"label {bad} is {labels[bad].ToString(CultureInfo.InvariantCulture)}, not a finite number", name);
    }

    private static unsafe (double Train, double? Validation) Evaluate(BoosterHandle booster, int round, nint[] matrices)
    {
        nint text;
        fixed (byte* trainName = "train\0"u8)
        fixed (byte* validName = "valid\0"u8)
        fixed (nint* handles = matrices)
        {
            byte** names = stackalloc byte*[] { trainName, validName };
            XgbNative.Check(XgbNative.XGBoosterEvalOneIter(booster, round, handles, names, (ulong)matrices.Length, out text));
        }
        string line = XgbNative.ReadString(text);
        return EvalLine.Parse(line, matrices.Length > 1);
    }
}
