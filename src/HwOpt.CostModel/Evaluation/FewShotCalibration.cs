using MathNet.Numerics.LinearAlgebra;

namespace HwOpt.CostModel;

/// <summary>
/// Few-shot adaptation of the host model to a new device from at most a handful of measured kernels (after HELP:
/// Lee et al., "HELP: Hardware-Adaptive Efficient Latency Prediction for NAS via Meta-Learning", NeurIPS 2021, which
/// adapts with 10 samples). The correction is a ridge regression, in log space, of the residual
/// r = ln y' − ln ŷ (new device's latency over the host prediction) on the host prediction and the kernel's roofline
/// terms: r = w0 + w1 ln ŷ + w2 ln FLOPs + w3 ln bytes, so compute- and memory-bound kernels may be corrected
/// differently (a per-device scaling of roofline-normalised residuals). The three features are centred and scaled
/// on the samples, and the ridge strength λ is chosen by leave-one-out cross-validation from a grid that ends with
/// λ = ∞, i.e. w1 = w2 = w3 = 0: a plain rescaling by the median residual, which cannot change ranks. The
/// grid also holds "no correction"; the cross-validation error is the mean absolute log error (robust to the few kernels that are many times slower on the
/// new device). With 10 samples the three slopes are often collinear; cross-validation then keeps the rescaling
/// instead of fitting noise.
/// </summary>
public sealed class FewShotCalibration
{
    private readonly double[] _weights;
    private readonly double[] _mean;
    private readonly double[] _scale;

    private FewShotCalibration(double[] weights, double[] mean, double[] scale, double lambda)
    {
        _weights = weights;
        _mean = mean;
        _scale = scale;
        Lambda = lambda;
    }

    /// <summary>The ridge strengths tried (per sample, on standardized features); the last, ∞, is a pure rescaling.</summary>
    public static IReadOnlyList<double> LambdaGrid { get; } = [0.01, 0.1, 1, 10, double.PositiveInfinity];

    /// <summary>The ridge strength leave-one-out cross-validation chose (∞ = rescaling only; NaN = no correction, the host model as trained).</summary>
    public double Lambda { get; }

    /// <summary>The fitted weights in original units: ln y' = w0 + w1 ln ŷ + w2 ln FLOPs + w3 ln bytes.</summary>
    public IReadOnlyList<double> Weights
    {
        get
        {
            double w0 = _weights[0];
            var w = new double[4];
            for (int j = 1; j < 4; j++)
            {
                w[j] = _weights[j] / _scale[j];
                w0 -= w[j] * _mean[j];
            }
            w[0] = w0;
            w[1] += 1;
            return w;
        }
    }

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
        var raw = new double[n, 4];
        var r = new double[n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 1; j < 4; j++) raw[i, j] = Feature(j, hostPredictedNs[i], flops[i], bytes[i]);
            r[i] = Math.Log(Math.Max(measuredNs[i], 1e-3)) - Math.Log(Math.Max(hostPredictedNs[i], 1e-3));
        }
        var mean = new double[4];
        var scale = new double[4];
        for (int j = 1; j < 4; j++)
        {
            for (int i = 0; i < n; i++) mean[j] += raw[i, j] / n;
            double v = 0;
            for (int i = 0; i < n; i++) v += (raw[i, j] - mean[j]) * (raw[i, j] - mean[j]) / n;
            scale[j] = v > 1e-12 ? Math.Sqrt(v) : 1;
        }
        double[] Row(int i) => [1, (raw[i, 1] - mean[1]) / scale[1], (raw[i, 2] - mean[2]) / scale[2], (raw[i, 3] - mean[3]) / scale[3]];
        var rows = Enumerable.Range(0, n).Select(Row).ToArray();
        // Candidate 0: no correction at all (the host model as trained); it wins unless a correction predicts the
        // held-out samples better.
        double bestLambda = double.NaN, bestError = r.Sum(Math.Abs);
        foreach (double lambda in LambdaGrid)
        {
            double error = 0;
            for (int held = 0; held < n; held++)
            {
                var w = Solve(rows, r, lambda, held);
                error += Math.Abs(r[held] - Dot(w, rows[held]));
            }
            // Ties (and near-ties) go to the stronger penalty: prefer the simpler correction.
            if (error < bestError * (1 - 1e-9)) { bestError = error; bestLambda = lambda; }
        }
        return new FewShotCalibration(double.IsNaN(bestLambda) ? [0, 0, 0, 0] : Solve(rows, r, bestLambda, -1), mean, scale, bestLambda);
    }

    /// <summary>The calibrated latency on the new device, ns, from the host prediction (ns), FLOPs and bytes.</summary>
    public double Predict(double hostPredictedNs, double flops, double bytes)
    {
        double residual = _weights[0];
        for (int j = 1; j < 4; j++) residual += _weights[j] * (Feature(j, hostPredictedNs, flops, bytes) - _mean[j]) / _scale[j];
        return Math.Exp(Math.Log(Math.Max(hostPredictedNs, 1e-3)) + residual);
    }

    /// <summary>Ridge solution on the rows except <paramref name="skip"/>; intercept unpenalised; λ = ∞ gives the mean residual.</summary>
    private static double[] Solve(double[][] rows, double[] r, double lambda, int skip)
    {
        int m = rows.Length - (skip >= 0 ? 1 : 0);
        if (double.IsPositiveInfinity(lambda))
        {
            // The median residual: a few kernels that are many times slower on the new device (e.g. software f16
            // conversions on a CPU without them) must not drag the rescaling of all the others.
            var kept = Enumerable.Range(0, rows.Length).Where(i => i != skip).Select(i => r[i]).Order().ToArray();
            double median = kept.Length % 2 == 1 ? kept[kept.Length / 2] : (kept[kept.Length / 2 - 1] + kept[kept.Length / 2]) / 2;
            return [median, 0, 0, 0];
        }
        var x = Matrix<double>.Build.Dense(m, 4);
        var y = Vector<double>.Build.Dense(m);
        for (int i = 0, k = 0; i < rows.Length; i++)
        {
            if (i == skip) continue;
            for (int j = 0; j < 4; j++) x[k, j] = rows[i][j];
            y[k++] = r[i];
        }
        var penalty = Matrix<double>.Build.DenseDiagonal(4, 4, j => j == 0 ? 0 : lambda * m);
        return (x.TransposeThisAndMultiply(x) + penalty).Solve(x.TransposeThisAndMultiply(y)).ToArray();
    }

    private static double Dot(double[] w, double[] row) => w[0] * row[0] + w[1] * row[1] + w[2] * row[2] + w[3] * row[3];

    private static double Feature(int j, double predicted, double flops, double bytes) => j switch
    {
        1 => Math.Log(Math.Max(predicted, 1e-3)),
        2 => Math.Log(Math.Max(flops, 1)),
        _ => Math.Log(Math.Max(bytes, 1)),
    };
}
