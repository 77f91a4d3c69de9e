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
    public void AnElementTypeSlowdownIsLearnedAsAGroupOffset()
    {
        // The new device runs f32 as the host does and f16 six times slower (software conversions): one rescaling
        // cannot fit both, group offsets can, and a group no sample had gets only the common rescaling.
        var random = new Random(7);
        var pred = Enumerable.Range(0, 10).Select(_ => Math.Exp(random.NextDouble() * 8 + 4)).ToArray();
        var flops = pred.Select(p => p * Math.Exp(random.NextDouble() * 3)).ToArray();
        var bytes = pred.Select(p => p * Math.Exp(random.NextDouble() * 3)).ToArray();
        string[] groups = ["f32", "f16", "f32", "f32", "f16", "f32", "f32", "f16", "f32", "f32"];
        var measured = pred.Select((p, i) => p * (groups[i] == "f16" ? 6 : 1) * Math.Exp((random.NextDouble() - 0.5) * 0.05)).ToArray();
        var fit = FewShotCalibration.Fit(pred, flops, bytes, measured, groups);
        Assert.False(double.IsPositiveInfinity(fit.GroupPenalty), "cross-validation should keep the group offsets");
        Assert.Equal(6, fit.Predict(1000, 2000, 2000, "f16") / 1000, 6 * 0.2);
        Assert.Equal(1, fit.Predict(1000, 2000, 2000, "f32") / 1000, 0.1);
        Assert.Equal(["f16", "f32"], fit.GroupEffects.Keys.Order(StringComparer.Ordinal));
        var plain = FewShotCalibration.Fit(pred, flops, bytes, measured);
        Assert.Empty(plain.GroupEffects);
        Assert.True(double.IsPositiveInfinity(plain.GroupPenalty));
        Assert.Equal(plain.Predict(1000, 2000, 2000), plain.Predict(1000, 2000, 2000, "f16"));
    }

    [Fact]
    public void GroupsOfOneKindOnlyChangeNothingButTheRescaling()
    {
        // Every sample in one group: its offset and the rescaling cannot be told apart, so the fit is that of no groups.
        var random = new Random(13);
        var pred = Enumerable.Range(0, 10).Select(_ => Math.Exp(random.NextDouble() * 8 + 4)).ToArray();
        var measured = pred.Select(p => 2 * p * Math.Exp((random.NextDouble() - 0.5) * 0.1)).ToArray();
        var ones = pred.Select(_ => "f32").ToArray();
        var withGroups = FewShotCalibration.Fit(pred, pred, pred, measured, ones);
        var without = FewShotCalibration.Fit(pred, pred, pred, measured);
        Assert.Equal(without.Predict(5000, 5000, 5000), withGroups.Predict(5000, 5000, 5000, "bf16"), 5000 * 0.05);
    }

    [Theory]
    [InlineData("f16 f32", "f16")]
    [InlineData("bf16 f32", "bf16")]
    [InlineData("f32 bf16 f16", "f16")]
    [InlineData("f32 f64", "f32")]
    [InlineData("i8 i32", "int")]
    [InlineData("i8 f32", "f32")]
    [InlineData("f8E4M3FN f16", "f8E4M3FN")]
    [InlineData("f64 index", "f64")]
    [InlineData("", "")]
    public void ElementClassIsTheNarrowestFloatType(string elementTypes, string expected) =>
        Assert.Equal(expected, FewShotCalibration.ElementClass(elementTypes));

    [Fact]
    public void GroupsMustMatchTheSamples() =>
        Assert.Throws<ArgumentException>(() => FewShotCalibration.Fit([1.0, 2.0], [1.0, 2.0], [1.0, 2.0], [1.0, 2.0], ["f32"]));

    [Fact]
    public void TooFewSamplesAreRefused() =>
        Assert.Throws<ArgumentException>(() => FewShotCalibration.Fit([1.0], [1.0], [1.0], [1.0]));
}
