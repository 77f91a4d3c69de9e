using HwOpt.CostModel;

namespace HwOpt.CostModel.Tests.Model;

public class FewShotCalibrationTests
{
    [Fact]
    public void AConstantSlowdownIsLearnedFromTenSamples()
    {
        // The new device is 3x slower on everything: the calibration recovers the factor.
        var random = new Random(3);
        double[] predicted = Enumerable.Range(0, 10).Select(_ => Math.Exp(random.NextDouble() * 10)).ToArray();
        double[] flops = predicted.Select(p => p * 2).ToArray();
        double[] bytes = predicted.Select(p => p * 3).ToArray();
        double[] measured = predicted.Select(p => 3 * p).ToArray();
        var fit = FewShotCalibration.Fit(predicted, flops, bytes, measured);
        foreach (double p in new[] { 10.0, 1e3, 1e5 })
        {
            Assert.Equal(3 * p, fit.Predict(p, 2 * p, 3 * p), 3 * p * 0.05);
        }
    }

    [Fact]
    public void AMemoryBoundSlowdownCanReorderKernels()
    {
        // The new device is 10x slower per byte only: two kernels the host ranks equally are told apart.
        var random = new Random(5);
        var samples = Enumerable.Range(0, 10).Select(_ => (Pred: Math.Exp(random.NextDouble() * 8 + 2), Flops: Math.Exp(random.NextDouble() * 12), Bytes: Math.Exp(random.NextDouble() * 12))).ToArray();
        double[] measured = samples.Select(s => s.Pred * Math.Pow(s.Bytes, 0.5)).ToArray();
        var fit = FewShotCalibration.Fit(samples.Select(s => s.Pred).ToArray(), samples.Select(s => s.Flops).ToArray(), samples.Select(s => s.Bytes).ToArray(), measured);
        Assert.True(fit.Predict(1000, 1e4, 1e6) > fit.Predict(1000, 1e4, 1e3));
        Assert.True(fit.Weights[3] > 0.2, $"bytes weight {fit.Weights[3]}");
        Assert.True(double.IsFinite(fit.Lambda), "cross-validation should keep the slopes when they explain the residuals");
    }

    [Fact]
    public void NoiseIsNotFittedCrossValidationKeepsTheRescaling()
    {
        // Residuals are a 2x slowdown plus noise unrelated to the features: leave-one-out picks the pure rescaling,
        // so predictions are the host's times about 2 and ranks are the host's.
        var random = new Random(11);
        var pred = Enumerable.Range(0, 10).Select(_ => Math.Exp(random.NextDouble() * 10 + 3)).ToArray();
        var flops = pred.Select(p => p * Math.Exp(random.NextDouble() * 4)).ToArray();
        var bytes = pred.Select(p => p * Math.Exp(random.NextDouble() * 4)).ToArray();
        var measured = pred.Select(p => 2 * p * Math.Exp((random.NextDouble() - 0.5) * 0.2)).ToArray();
        var fit = FewShotCalibration.Fit(pred, flops, bytes, measured);
        Assert.True(double.IsPositiveInfinity(fit.Lambda), $"lambda {fit.Lambda}");
        Assert.Equal(2, fit.Predict(1000, 1e5, 1e5) / 1000, 0.15);
        Assert.Equal(1, fit.Weights[1], 9);
    }

    [Fact]
    public void TooFewSamplesAreRefused() =>
        Assert.Throws<ArgumentException>(() => FewShotCalibration.Fit([1.0], [1.0], [1.0], [1.0]));
}
