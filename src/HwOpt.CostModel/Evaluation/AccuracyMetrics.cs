using MathNet.Numerics.Statistics;

namespace HwOpt.CostModel;

/// <summary>
/// Accuracy of predictions against measurements, as the cost-model literature reports it: MAPE and the share within
/// ±10 % / ±20 % (nn-Meter), RMSE of the natural log (scale-free error), Spearman's rho and Kendall's tau-b (rank
/// agreement, what a planner needs), and the coverage of the prediction intervals when given.
/// </summary>
public sealed class AccuracyMetrics
{
    /// <summary>Number of (measured, predicted) pairs.</summary>
    public int N { get; set; }

    /// <summary>Mean absolute percentage error, %: mean(|p - y| / y) · 100.</summary>
    public double Mape { get; set; }

    /// <summary>Median absolute percentage error, %.</summary>
    public double MedianApe { get; set; }

    /// <summary>Share of predictions within ±10 % of the measurement, in [0, 1].</summary>
    public double Within10 { get; set; }

    /// <summary>Share within ±20 %, in [0, 1].</summary>
    public double Within20 { get; set; }

    /// <summary>Root mean square of ln(p) - ln(y).</summary>
    public double RmseLog { get; set; }

    /// <summary>Spearman's rank correlation.</summary>
    public double Spearman { get; set; }

    /// <summary>Kendall's tau-b.</summary>
    public double Kendall { get; set; }

    /// <summary>Share of measurements inside the prediction interval, or null without intervals.</summary>
    public double? IntervalCoverage { get; set; }

    /// <summary>Computes the metrics; pairs whose measurement is not positive are skipped.</summary>
    /// <param name="measured">Measured values (e.g. ns).</param>
    /// <param name="predicted">Predicted values, same length.</param>
    /// <param name="low">Lower interval bounds, or null.</param>
    /// <param name="high">Upper interval bounds, or null.</param>
    /// <exception cref="ArgumentException">Lengths differ.</exception>
    public static AccuracyMetrics Compute(IReadOnlyList<double> measured, IReadOnlyList<double> predicted, IReadOnlyList<double>? low = null, IReadOnlyList<double>? high = null)
    {
        if (measured.Count != predicted.Count) throw new ArgumentException("measured and predicted differ in length");
        var keep = Enumerable.Range(0, measured.Count).Where(i => measured[i] > 0 && double.IsFinite(predicted[i])).ToArray();
        var y = keep.Select(i => measured[i]).ToArray();
        var p = keep.Select(i => Math.Max(predicted[i], 1e-9)).ToArray();
        var m = new AccuracyMetrics { N = y.Length };
        if (y.Length == 0) return m;
        var ape = y.Zip(p, (a, b) => Math.Abs(b - a) / a).ToArray();
        m.Mape = ape.Average() * 100;
        m.MedianApe = ape.Median() * 100;
        m.Within10 = ape.Count(e => e <= 0.10) / (double)y.Length;
        m.Within20 = ape.Count(e => e <= 0.20) / (double)y.Length;
        m.RmseLog = Math.Sqrt(y.Zip(p, (a, b) => Math.Pow(Math.Log(b) - Math.Log(a), 2)).Average());
        m.Spearman = y.Length > 2 ? Correlation.Spearman(y, p) : double.NaN;
        m.Kendall = y.Length > 2 ? KendallTauB(y, p) : double.NaN;
        if (low is not null && high is not null)
        {
            m.IntervalCoverage = keep.Count(i => low[i] <= measured[i] && measured[i] <= high[i]) / (double)keep.Length;
        }
        return m;
    }

    /// <summary>Kendall's tau-b (ties in either variable handled), O(n²); Kendall, "The treatment of ties in ranking problems", Biometrika 33, 1945.</summary>
    internal static double KendallTauB(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        long concordant = 0, discordant = 0, tiesX = 0, tiesY = 0;
        for (int i = 0; i < x.Count; i++)
        {
            for (int j = i + 1; j < x.Count; j++)
            {
                int sx = Math.Sign(x[i] - x[j]), sy = Math.Sign(y[i] - y[j]);
                if (sx == 0 && sy == 0) continue;
                if (sx == 0) tiesX++;
                else if (sy == 0) tiesY++;
                else if (sx == sy) concordant++;
                else discordant++;
            }
        }
        double denominator = Math.Sqrt((double)(concordant + discordant + tiesX) * (concordant + discordant + tiesY));
        return denominator > 0 ? (concordant - discordant) / denominator : double.NaN;
    }
}
