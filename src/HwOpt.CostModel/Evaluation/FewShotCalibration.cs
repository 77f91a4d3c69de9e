using MathNet.Numerics.LinearAlgebra;

namespace HwOpt.CostModel;

/// <summary>
/// Few-shot adaptation of the host model to a new device from at most a handful of measured kernels (after HELP:
/// Lee et al., "HELP: Hardware-Adaptive Efficient Latency Prediction for NAS via Meta-Learning", NeurIPS 2021, which
/// adapts with 10 samples). hwopt's calibration is a ridge regression, in log space, of the new device's latency on
/// the host model's prediction and the kernel's roofline terms: ln y' = w0 + w1 ln ŷ + w2 ln FLOPs + w3 ln bytes
/// (ln of the compute and memory times up to the new device's unknown peaks, which the intercept absorbs), so the
/// correction can differ for compute- and memory-bound kernels: a per-device scaling of roofline-normalised residuals.
/// With w2 = w3 = 0 it is a plain rescaling of the host prediction, which cannot change ranks.
/// </summary>
public sealed class FewShotCalibration
{
    private readonly double[] weights;

    private FewShotCalibration(double[] weights) => this.weights = weights;

    /// <summary>Ridge penalty on w1..w3 (pulls toward w1 = 1, w2 = w3 = 0: trust the host model when data is scarce).</summary>
    public const double Ridge = 1.0;

    /// <summary>The fitted weights w0..w3.</summary>
    public IReadOnlyList<double> Weights => weights;

    /// <summary>Fits the calibration.</summary>
    /// <param name="hostPredictedNs">Host-model predictions of the sample kernels, ns.</param>
    /// <param name="flops">FLOPs of the sample kernels.</param>
    /// <param name="bytes">Bytes read and written by the sample kernels.</param>
    /// <param name="measuredNs">The sample kernels measured on the new device, ns.</param>
    /// <exception cref="ArgumentException">Fewer than 2 samples, or lengths differ.</exception>
    public static FewShotCalibration Fit(IReadOnlyList<double> hostPredictedNs, IReadOnlyList<double> flops, IReadOnlyList<double> bytes, IReadOnlyList<double> measuredNs)
    {
        int n = measuredNs.Count;
        if (n < 2 || hostPredictedNs.Count != n || flops.Count != n || bytes.Count != n) throw new ArgumentException("need at least 2 samples of equal length");
        // Solve for the residual r = ln y' - ln ŷ with ridge on w1' = w1 - 1, w2, w3 (intercept unpenalised).
        var x = Matrix<double>.Build.Dense(n, 4, (i, j) => j == 0 ? 1 : Feature(j, hostPredictedNs[i], flops[i], bytes[i]));
        var r = Vector<double>.Build.Dense(n, i => Math.Log(Math.Max(measuredNs[i], 1e-3)) - Math.Log(Math.Max(hostPredictedNs[i], 1e-3)));
        var penalty = Matrix<double>.Build.DenseDiagonal(4, 4, j => j == 0 ? 0 : Ridge);
        var w = (x.TransposeThisAndMultiply(x) + penalty * n).Solve(x.TransposeThisAndMultiply(r));
        return new FewShotCalibration([w[0], 1 + w[1], w[2], w[3]]);
    }

    /// <summary>The calibrated latency on the new device, ns, from the host prediction (ns), FLOPs and bytes.</summary>
    public double Predict(double hostPredictedNs, double flops, double bytes) =>
        Math.Exp(weights[0] + weights[1] * Feature(1, hostPredictedNs, flops, bytes) + weights[2] * Feature(2, hostPredictedNs, flops, bytes) + weights[3] * Feature(3, hostPredictedNs, flops, bytes));

    private static double Feature(int j, double predicted, double flops, double bytes) => j switch
    {
        1 => Math.Log(Math.Max(predicted, 1e-3)),
        2 => Math.Log(Math.Max(flops, 1)),
        _ => Math.Log(Math.Max(bytes, 1)),
    };
}
