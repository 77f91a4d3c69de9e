namespace HwOpt.CostModel.Learning;

// Prediction: in place from the caller's pinned memory (XGBoosterPredictFromDense with an __array_interface__
// pointing at it: no copy, no DMatrix), or through a DMatrix copy (XGBoosterPredictFromDMatrix), which is the
// fallback for a library without the in-place entry point. Both use rounds [0, BestIteration + 1).
public sealed partial class XgbRegressor
{
    private static volatile bool s_inPlaceMissing;
    private CompiledForest? _compiled;

    /// <summary>Predicts every row of <paramref name="x"/>.</summary>
    /// <param name="x">Rows to predict; <see cref="FeatureMatrix.Columns"/> must equal <see cref="FeatureCount"/>.</param>
    /// <returns>One prediction per row, in label units.</returns>
    /// <exception cref="ArgumentException">The column count differs from <see cref="FeatureCount"/>.</exception>
    /// <exception cref="ObjectDisposedException">The regressor is disposed.</exception>
    /// <exception cref="XgbException">XGBoost fails.</exception>
    public float[] Predict(FeatureMatrix x)
    {
        ArgumentNullException.ThrowIfNull(x);
        CheckColumns(x.Columns);
        var result = new float[x.Rows];
        Predict(x.Data, x.Rows, result);
        return result;
    }

    /// <summary>Predicts <paramref name="rows"/> row-major rows into <paramref name="destination"/> without copying the input.</summary>
    /// <param name="rowMajor">Exactly <paramref name="rows"/> × <see cref="FeatureCount"/> values; NaN = missing.</param>
    /// <param name="rows">Number of rows, ≥ 0.</param>
    /// <param name="destination">At least <paramref name="rows"/> elements; the first <paramref name="rows"/> receive the predictions.</param>
    /// <exception cref="ArgumentException">The lengths do not match <paramref name="rows"/> and <see cref="FeatureCount"/>.</exception>
    /// <exception cref="ObjectDisposedException">The regressor is disposed.</exception>
    /// <exception cref="XgbException">XGBoost fails.</exception>
    public void Predict(ReadOnlySpan<float> rowMajor, int rows, Span<float> destination)
    {
        CheckShapes(rowMajor.Length, rows, destination.Length);
        ObjectDisposedException.ThrowIf(_booster.IsClosed, this);
        if (rows == 0) return;
        Compiled.Predict(rowMajor, rows, destination, Threads);
    }

    /// <summary>
    /// The trees of rounds [0, <see cref="BestIteration"/> + 1) in managed code (<see cref="CompiledForest"/>), which
    /// <see cref="Predict(ReadOnlySpan{float}, int, Span{float})"/> evaluates: bit-identical to XGBoost's own CPU
    /// predictor (tested against <see cref="PredictNative"/>) and several times faster for the small batches a
    /// planner sends, since no native call, array interface or per-call thread pool is involved. Built on first use.
    /// </summary>
    /// <exception cref="XgbException">The model cannot be serialized or read back (a bug).</exception>
    public CompiledForest Compiled
    {
        get
        {
            if (_compiled is { } c) return c;
            CompiledForest built;
            try { built = CompiledForest.FromXgboostJson(SaveJson(), BestIteration + 1); }
            catch (InvalidDataException e) { throw new XgbException(nameof(CompiledForest), e.Message); }
            return Interlocked.CompareExchange(ref _compiled, built, null) ?? built;
        }
    }

    /// <summary>Predicts through XGBoost's C API (in place, or through a DMatrix where in-place prediction is missing): the reference for <see cref="Compiled"/>.</summary>
    /// <param name="rowMajor">Exactly <paramref name="rows"/> × <see cref="FeatureCount"/> values; NaN = missing.</param>
    /// <param name="rows">Number of rows, ≥ 0.</param>
    /// <param name="destination">At least <paramref name="rows"/> elements.</param>
    /// <exception cref="ArgumentException">The lengths do not match.</exception>
    /// <exception cref="ObjectDisposedException">The regressor is disposed.</exception>
    /// <exception cref="XgbException">XGBoost fails.</exception>
    public void PredictNative(ReadOnlySpan<float> rowMajor, int rows, Span<float> destination)
    {
        CheckShapes(rowMajor.Length, rows, destination.Length);
        ObjectDisposedException.ThrowIf(_booster.IsClosed, this);
        if (rows == 0) return;
        if (!s_inPlaceMissing)
        {
            try
            {
                PredictInPlace(rowMajor, rows, destination);
                return;
            }
            catch (EntryPointNotFoundException)
            {
                s_inPlaceMissing = true;
            }
        }
        PredictViaDMatrix(rowMajor, rows, destination);
    }

    /// <summary>The in-place path: XGBoost reads the caller's memory through a pinned pointer.</summary>
    internal unsafe void PredictInPlace(ReadOnlySpan<float> rowMajor, int rows, Span<float> destination)
    {
        CheckShapes(rowMajor.Length, rows, destination.Length);
        Span<byte> arrayInterface = stackalloc byte[192];
        fixed (float* data = rowMajor)
        fixed (byte* config = _predictionConfig)
        fixed (byte* values = arrayInterface)
        {
            if (!XgbData.TryWriteDenseInterface(data, rows, FeatureCount, arrayInterface))
                throw new InvalidOperationException("array interface text longer than its buffer");
            XgbNative.Check(XgbNative.XGBoosterPredictFromDense(_booster, values, config, 0, out ulong* shape, out ulong dimensions, out float* result));
            CopyResult(shape, dimensions, result, rows, destination);
        }
    }

    /// <summary>The DMatrix path: the rows are copied into a temporary DMatrix first.</summary>
    internal unsafe void PredictViaDMatrix(ReadOnlySpan<float> rowMajor, int rows, Span<float> destination)
    {
        CheckShapes(rowMajor.Length, rows, destination.Length);
        using var matrix = XgbData.CreateDMatrix(rowMajor, rows, FeatureCount, Threads);
        fixed (byte* config = _predictionConfig)
        {
            XgbNative.Check(XgbNative.XGBoosterPredictFromDMatrix(_booster, matrix, config, out ulong* shape, out ulong dimensions, out float* result));
            CopyResult(shape, dimensions, result, rows, destination);
        }
    }

    /// <summary>
    /// One prediction before the model is shared: XGBoost configures a loaded booster lazily on first use,
    /// and doing it here keeps that out of concurrent callers' way.
    /// </summary>
    private void WarmUp()
    {
        var row = new float[FeatureCount];
        Array.Fill(row, float.NaN);
        Span<float> prediction = stackalloc float[1];
        PredictNative(row, 1, prediction);
    }

    private static unsafe void CopyResult(ulong* shape, ulong dimensions, float* result, int rows, Span<float> destination)
    {
        ulong count = 1;
        for (ulong d = 0; d < dimensions; d++) count *= shape[d];
        if (count != (ulong)rows)
            throw new XgbException("XGBoosterPredict", $"{count} predictions for {rows} rows (a multi-output model?)");
        new ReadOnlySpan<float>(result, rows).CopyTo(destination);
    }

    private void CheckColumns(int columns)
    {
        if (columns != FeatureCount)
            throw new ArgumentException($"{columns} columns; the model was trained on {FeatureCount}");
    }

    private void CheckShapes(int values, int rows, int destination)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        if ((long)rows * FeatureCount != values)
            throw new ArgumentException($"{values} values for {rows} rows × {FeatureCount} features");
        if (destination < rows)
            throw new ArgumentException($"destination has {destination} elements for {rows} rows");
    }
}
