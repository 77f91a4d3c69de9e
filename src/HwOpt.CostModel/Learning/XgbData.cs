using System.Globalization;
using System.Text.Unicode;

namespace HwOpt.CostModel.Learning;

/// <summary>Builds the native inputs of the C API: DMatrix objects and the JSON strings it takes.</summary>
internal static unsafe class XgbData
{
    /// <summary>A DMatrix copied from a row-major span (NaN = missing), with labels when given.</summary>
    /// <param name="rowMajor">Exactly <paramref name="rows"/> × <paramref name="columns"/> values.</param>
    /// <param name="rows">Rows, ≥ 1.</param>
    /// <param name="columns">Columns, ≥ 1.</param>
    /// <param name="threads">Threads XGBoost may use to build it.</param>
    /// <param name="labels">Empty, or one label per row.</param>
    /// <param name="weights">Empty, or one non-negative sample weight per row (XGBoost's <c>weight</c> field: scales the row's gradient and its share of the evaluation metric).</param>
    /// <exception cref="XgbException">XGBoost rejects the data.</exception>
    public static DMatrixHandle CreateDMatrix(ReadOnlySpan<float> rowMajor, int rows, int columns, int threads, ReadOnlySpan<float> labels = default, ReadOnlySpan<float> weights = default)
    {
        DMatrixHandle matrix;
        fixed (float* data = rowMajor)
        {
            XgbNative.Check(XgbNative.XGDMatrixCreateFromMat_omp(data, (ulong)rows, (ulong)columns, float.NaN, out matrix, threads));
        }
        if (labels.IsEmpty) return matrix;
        try
        {
            fixed (byte* field = "label\0"u8)
            fixed (float* values = labels)
            {
                XgbNative.Check(XgbNative.XGDMatrixSetFloatInfo(matrix, field, values, (ulong)labels.Length));
            }
            if (!weights.IsEmpty)
            {
                fixed (byte* field = "weight\0"u8)
                fixed (float* values = weights)
                {
                    XgbNative.Check(XgbNative.XGDMatrixSetFloatInfo(matrix, field, values, (ulong)weights.Length));
                }
            }
            return matrix;
        }
        catch
        {
            matrix.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Writes a NUL-terminated <c>__array_interface__</c> (version 3) for a C-contiguous float32 matrix at
    /// <paramref name="data"/> into <paramref name="destination"/>.
    /// </summary>
    /// <returns>False when <paramref name="destination"/> is too short.</returns>
    public static bool TryWriteDenseInterface(float* data, int rows, int columns, Span<byte> destination)
    {
        if (!Utf8.TryWrite(destination, CultureInfo.InvariantCulture,
                $"{{\"data\":[{(ulong)data},true],\"shape\":[{rows},{columns}],\"typestr\":\"<f4\",\"version\":3}}", out int written))
            return false;
        if (written >= destination.Length) return false;
        destination[written] = 0;
        return true;
    }

    /// <summary>
    /// The NUL-terminated prediction config of <c>XGBoosterPredictFromDMatrix</c> / <c>XGBoosterPredictFromDense</c>:
    /// normal (type 0) prediction over trees of rounds [0, <paramref name="iterationEnd"/>), missing = NaN.
    /// XGBoost 1.7's in-place prediction also requires <c>"cache_id": 0</c> (an undocumented key: without it the call
    /// fails with "Invalid cast, from Null to Integer"); the DMatrix path ignores it.
    /// </summary>
    public static byte[] PredictionConfig(int iterationEnd) =>
        System.Text.Encoding.UTF8.GetBytes(FormattableString.Invariant(
            $"{{\"type\":0,\"training\":false,\"iteration_begin\":0,\"iteration_end\":{iterationEnd},\"strict_shape\":false,\"cache_id\":0,\"missing\":NaN}}\0"));
}
