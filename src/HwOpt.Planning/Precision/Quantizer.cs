namespace HwOpt.Planning.Precision;

/// <summary>
/// Quantizers whose error defines the sensitivity Ω (HAWQ-V3, Yao et al. 2021, eq. for Ω: Tr(H)/n · ‖Q(W) − W‖²):
/// integers: symmetric uniform per-tensor quantization, scale = max|w| / (2^(b−1) − 1), round half to even, clamp to
/// ±(2^(b−1) − 1); floats: round to nearest even on the format's mantissa (subnormals keep the smallest normal's
/// step), saturating at the largest finite value (so the error stays finite).
/// </summary>
internal static class Quantizer
{
    /// <summary>‖Q(W) − W‖² of a tensor in a format (0 for fp32 when the values are f32 numbers).</summary>
    /// <param name="values">The weights.</param>
    /// <param name="format">The target format.</param>
    public static double SquaredError(ReadOnlySpan<double> values, NumericFormat format)
    {
        if (!format.IsInteger) return SquaredErrorFloat(values, format);
        double max = 0;
        foreach (double v in values) if (double.IsFinite(v)) max = Math.Max(max, Math.Abs(v));
        if (max == 0) return 0;
        double levels = (1 << (format.Bits - 1)) - 1;
        double scale = max / levels;
        double sum = 0;
        foreach (double v in values)
        {
            if (!double.IsFinite(v)) continue;
            double q = Math.Clamp(Math.Round(v / scale, MidpointRounding.ToEven), -levels, levels) * scale;
            sum += (q - v) * (q - v);
        }
        return sum;
    }

    /// <summary>One value rounded to a float format (round to nearest even, saturating).</summary>
    public static double RoundFloat(double v, NumericFormat format)
    {
        if (!double.IsFinite(v) || v == 0) return v;
        double a = Math.Abs(v);
        if (a >= format.MaxFinite) return Math.CopySign(format.MaxFinite, v);
        int e = Math.Max(Math.ILogB(a), format.MinNormalExponent);
        double step = Math.ScaleB(1.0, e - format.MantissaBits);
        double q = Math.Round(a / step, MidpointRounding.ToEven) * step;
        return Math.CopySign(Math.Min(q, format.MaxFinite), v);
    }

    private static double SquaredErrorFloat(ReadOnlySpan<double> values, NumericFormat format)
    {
        double sum = 0;
        foreach (double v in values)
        {
            if (!double.IsFinite(v)) continue;
            double d = RoundFloat(v, format) - v;
            sum += d * d;
        }
        return sum;
    }

    /// <summary>
    /// The default proxy's per-element error: E‖Q(W) − W‖² / n of a unit-variance Gaussian tensor of
    /// <paramref name="elements"/> elements (at most 2^16 sampled, fixed seed, Box–Muller), so larger tensors and fewer
    /// bits give larger Ω. Deterministic.
    /// </summary>
    public static double GaussianErrorPerElement(long elements, NumericFormat format)
    {
        int n = (int)Math.Clamp(elements, 1, 1 << 16);
        var key = (n, format.Name);
        lock (Cache)
        {
            if (Cache.TryGetValue(key, out double cached)) return cached;
        }
        var rng = new Random(12345);
        var w = new double[n];
        for (int i = 0; i < n; i += 2)
        {
            double u1 = 1.0 - rng.NextDouble(), u2 = rng.NextDouble();
            double r = Math.Sqrt(-2 * Math.Log(u1));
            w[i] = r * Math.Cos(2 * Math.PI * u2);
            if (i + 1 < n) w[i + 1] = r * Math.Sin(2 * Math.PI * u2);
        }
        double perElement = SquaredError(w, format) / n;
        lock (Cache) Cache[key] = perElement;
        return perElement;
    }

    private static readonly Dictionary<(int, string), double> Cache = [];
}
