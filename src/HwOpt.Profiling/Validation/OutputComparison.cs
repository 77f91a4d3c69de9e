namespace HwOpt.Profiling.Validation;

/// <summary>How closely one variant's output matches the reference's.</summary>
/// <param name="Compared">Elements compared.</param>
/// <param name="MaxAbsError">max |x - r|.</param>
/// <param name="MaxRelError">Normwise relative error: max |x - r| / max |r| (robust where r is near zero).</param>
/// <param name="SqnrDb">Signal-to-quantization-noise ratio, 10 log10(sum r^2 / sum (x - r)^2), dB; null when the outputs are identical.</param>
/// <param name="NonFinite">Elements where exactly one of the two is NaN or infinite, or both are but differ.</param>
/// <param name="Tolerance">The bound on <paramref name="MaxRelError"/>.</param>
/// <param name="Match">True when there is no non-finite mismatch and <paramref name="MaxRelError"/> is within <paramref name="Tolerance"/>.</param>
public sealed record OutputComparison(long Compared, double MaxAbsError, double MaxRelError, double? SqnrDb, long NonFinite, double Tolerance, bool Match)
{
    /// <summary>Compares <paramref name="actual"/> with <paramref name="reference"/> (the same length).</summary>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public static OutputComparison Of(IReadOnlyList<float> reference, IReadOnlyList<float> actual, double tolerance)
    {
        if (reference.Count != actual.Count) throw new ArgumentException($"{reference.Count} reference values but {actual.Count} values");
        double maxAbs = 0, maxRef = 0, signal = 0, noise = 0;
        long nonFinite = 0;
        for (int i = 0; i < reference.Count; i++)
        {
            double r = reference[i], x = actual[i];
            if (!double.IsFinite(r) || !double.IsFinite(x))
            {
                if (!(r.Equals(x))) nonFinite++;
                continue;
            }
            double d = Math.Abs(x - r);
            maxAbs = Math.Max(maxAbs, d);
            maxRef = Math.Max(maxRef, Math.Abs(r));
            signal += r * r;
            noise += d * d;
        }
        double rel = maxAbs == 0 ? 0 : maxRef > 0 ? maxAbs / maxRef : double.PositiveInfinity;
        double? sqnr = noise == 0 ? null : signal == 0 ? double.NegativeInfinity : 10 * Math.Log10(signal / noise);
        return new OutputComparison(reference.Count, maxAbs, rel, sqnr, nonFinite, tolerance, nonFinite == 0 && rel <= tolerance);
    }

    /// <summary>
    /// The tolerance on <see cref="MaxRelError"/> for a computation whose narrowest format is <paramref name="narrowestBits"/>
    /// wide: 1e-4 for f32 and wider (reassociation only), 5e-2 for 16-bit floats, 1e-1 for 8-bit and narrower formats.
    /// </summary>
    public static double ToleranceFor(int narrowestBits) => narrowestBits switch
    {
        >= 32 => 1e-4,
        >= 16 => 5e-2,
        _ => 1e-1,
    };
}
