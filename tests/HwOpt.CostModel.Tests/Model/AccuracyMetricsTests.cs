using HwOpt.CostModel;
using HwOpt.CostModel.Training;

namespace HwOpt.CostModel.Tests.Model;

public class AccuracyMetricsTests
{
    [Fact]
    public void PerfectPredictionsScorePerfectly()
    {
        double[] y = [10, 20, 30, 40, 50];
        var m = AccuracyMetrics.Compute(y, y, y, y);
        Assert.Equal(5, m.N);
        Assert.Equal(0, m.Mape, 9);
        Assert.Equal(1, m.Within10);
        Assert.Equal(1, m.Spearman, 9);
        Assert.Equal(1, m.Kendall, 9);
        Assert.Equal(0, m.RmseLog, 9);
        Assert.Equal(1, m.IntervalCoverage);
    }

    [Fact]
    public void ErrorsAreMeasuredRelativeToTheMeasurement()
    {
        // 5 % over, 15 % under, 50 % over: MAPE 23.3 %, one within ±10 %, two within ±20 %.
        var m = AccuracyMetrics.Compute([100, 200, 400], [105, 170, 600]);
        Assert.Equal(70.0 / 3, m.Mape, 6);
        Assert.Equal(1.0 / 3, m.Within10, 9);
        Assert.Equal(2.0 / 3, m.Within20, 9);
        Assert.Equal(15, m.MedianApe, 6);
    }

    [Fact]
    public void KendallTauBHandlesTiesAndReversal()
    {
        Assert.Equal(-1, AccuracyMetrics.KendallTauB([1, 2, 3, 4], [4, 3, 2, 1]), 9);
        // x ties once: tau-b = (C - D) / sqrt((C + D + Tx)(C + D + Ty)) = (5 - 0) / sqrt(5 * 6).
        Assert.Equal(5 / Math.Sqrt(30), AccuracyMetrics.KendallTauB([1, 1, 2, 3], [1, 2, 3, 4]), 9);
    }

    [Fact]
    public void NonPositiveMeasurementsAreSkipped()
    {
        var m = AccuracyMetrics.Compute([0, 10, -1, 20], [5, 10, 5, 20]);
        Assert.Equal(2, m.N);
    }

    [Fact]
    public void ConformalScaleCoversTheRequestedShare()
    {
        // Residuals 0.1 .. 1.0 with spread 1: the 90 % score of 10 calibration rows is ceil(11 * 0.9) = 10th = 1.0.
        float[] labels = Enumerable.Range(1, 10).Select(i => (float)(i / 10.0)).ToArray();
        double[] mean = new double[10];
        double[] spread = Enumerable.Repeat(1.0, 10).ToArray();
        Assert.Equal(1.0, Trainer.ConformalScale(labels, mean, spread, 0.9), 6);
        Assert.Equal(0.5, Trainer.ConformalScale(labels, mean, spread, 0.45), 6);
    }
}
