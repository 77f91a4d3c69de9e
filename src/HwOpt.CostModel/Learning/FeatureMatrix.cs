namespace HwOpt.CostModel.Learning;

/// <summary>
/// A dense row-major matrix of 32-bit features: <see cref="Rows"/> × <see cref="Columns"/>, element (r, c) at
/// <c>Data[r * Columns + c]</c>; <see cref="float.NaN"/> marks a missing value (XGBoost routes it down the
/// learned default branch). The array is shared, not copied: do not change it while a booster reads it.
/// </summary>
public sealed class FeatureMatrix
{
    /// <summary>Wraps <paramref name="data"/> as a <paramref name="rows"/> × <paramref name="columns"/> matrix.</summary>
    /// <param name="data">Row-major values, length <c>rows * columns</c>; NaN = missing.</param>
    /// <param name="rows">Number of rows (samples), ≥ 0.</param>
    /// <param name="columns">Number of columns (features), ≥ 1.</param>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rows"/> &lt; 0 or <paramref name="columns"/> &lt; 1.</exception>
    /// <exception cref="ArgumentException"><c>data.Length != rows * columns</c>.</exception>
    public FeatureMatrix(float[] data, int rows, int columns)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfLessThan(columns, 1);
        if ((long)rows * columns != data.Length)
            throw new ArgumentException($"data has {data.Length} values; {rows} rows × {columns} columns need {(long)rows * columns}", nameof(data));
        Data = data;
        Rows = rows;
        Columns = columns;
    }

    /// <summary>Number of rows (samples).</summary>
    public int Rows { get; }

    /// <summary>Number of columns (features).</summary>
    public int Columns { get; }

    /// <summary>The row-major values (shared with the caller, not a copy).</summary>
    public float[] Data { get; }

    /// <summary>Row <paramref name="i"/>: <see cref="Columns"/> values.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="i"/> is outside [0, <see cref="Rows"/>).</exception>
    public ReadOnlySpan<float> Row(int i)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(i);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(i, Rows);
        return Data.AsSpan(i * Columns, Columns);
    }

    /// <summary>A new matrix holding copies of the given rows, in the given order (repeats allowed).</summary>
    /// <param name="rowIndices">Indices into this matrix's rows.</param>
    /// <exception cref="ArgumentOutOfRangeException">An index is outside [0, <see cref="Rows"/>).</exception>
    public FeatureMatrix SelectRows(ReadOnlySpan<int> rowIndices)
    {
        var data = new float[(long)rowIndices.Length * Columns];
        for (int k = 0; k < rowIndices.Length; k++)
            Row(rowIndices[k]).CopyTo(data.AsSpan(k * Columns, Columns));
        return new FeatureMatrix(data, rowIndices.Length, Columns);
    }
}
