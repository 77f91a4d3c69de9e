using MathNet.Numerics.Statistics;

namespace HwOpt.Profiling;

/// <summary>Summary of a kernel's timing samples (ns per call).</summary>
/// <param name="MedianNs">Median.</param>
/// <param name="MinNs">Minimum.</param>
/// <param name="Cov">Coefficient of variation (sample standard deviation / mean); 0 for one sample.</param>
/// <param name="Outliers">Samples outside Tukey's fences.</param>
public sealed record SampleStatistics(double MedianNs, double MinNs, double Cov, int Outliers)
{
    /// <summary>Summarizes samples (MathNet.Numerics statistics).</summary>
    /// <param name="samples">At least one sample.</param>
    /// <exception cref="ArgumentException">No samples.</exception>
    public static SampleStatistics Of(IReadOnlyList<double> samples)
    {
        if (samples.Count == 0) throw new ArgumentException("no samples", nameof(samples));
        var data = samples.ToArray();
        double mean = data.Mean();
        double sd = data.Length > 1 ? data.StandardDeviation() : 0;
        double q1 = data.LowerQuartile(), q3 = data.UpperQuartile(), iqr = q3 - q1;
        int outliers = data.Count(x => x < q1 - 1.5 * iqr || x > q3 + 1.5 * iqr);
        return new SampleStatistics(data.Median(), data.Min(), mean > 0 ? sd / mean : 0, outliers);
    }
}
