using HwOpt.IR;
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
/// An optional group key per kernel (the caller's choice; <c>hwopt eval</c> uses the kernel's narrowest float element
/// type, <see cref="ElementClass"/>) adds one offset per group seen among the samples, r = ... + b_g, shrunk towards 0
/// like a random effect: b_g is fitted with a ridge penalty μ that acts as a pseudo-count of samples (a group seen
/// once with μ = 1 gets half its residual). A new device often differs by element type rather than by roofline
/// terms (a CPU without F16C converts f16 in software: 6x slower on this machine's f16 kernels compiled for
/// <c>-mcpu=x86-64</c>). μ is chosen by the same leave-one-out cross-validation, jointly with λ, from a grid that
/// starts with μ = ∞ (no group offsets); a kernel of a group no sample had gets no offset. Without slopes there is also
/// a variant with no common rescaling (offsets measured from the host prediction itself), which cross-validation
/// prefers when the groups alone explain the residuals: a group no sample had then keeps the host's prediction.
/// </summary>
public sealed class FewShotCalibration
{
    private readonly double[] _weights;
    private readonly double[] _mean;
    private readonly double[] _scale;
    private readonly Dictionary<string, double> _groupEffects;

    private FewShotCalibration(double[] weights, double[] mean, double[] scale, double lambda, double mu, Dictionary<string, double> groupEffects)
    {
        _weights = weights;
        _mean = mean;
        _scale = scale;
        Lambda = lambda;
        GroupPenalty = mu;
        _groupEffects = groupEffects;
    }

    /// <summary>The ridge strengths tried (per sample, on standardized features); the last, ∞, is a pure rescaling.</summary>
    public static IReadOnlyList<double> LambdaGrid { get; } = [0.01, 0.1, 1, 10, double.PositiveInfinity];

    /// <summary>The group penalties μ tried (pseudo-counts of samples); the first, ∞, means no group offsets.</summary>
    public static IReadOnlyList<double> GroupPenaltyGrid { get; } = [double.PositiveInfinity, 1, 0.25, 0.05];

    /// <summary>The ridge strength leave-one-out cross-validation chose (∞ = rescaling only; NaN = no correction, the host model as trained).</summary>
    public double Lambda { get; }

    /// <summary>The group penalty μ cross-validation chose (∞ = no group offsets, also when no groups were given).</summary>
    public double GroupPenalty { get; }

    /// <summary>The fitted offset of each group, in ln units (ln of the extra factor on the group's latency); empty without groups.</summary>
    public IReadOnlyDictionary<string, double> GroupEffects => _groupEffects;

    /// <summary>The fitted weights in original units: ln y' = w0 + w1 ln ŷ + w2 ln FLOPs + w3 ln bytes (+ the group's offset).</summary>
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

    /// <summary>
    /// The group key <c>hwopt eval</c> uses: the narrowest floating-point type among a kernel's element types
    /// (space-separated, as in the dataset's <c>element_types</c> column; f16 before bf16 at equal width), <c>int</c> when
    /// there is none but some integer or index type, and the empty string for no types.
    /// </summary>
    /// <param name="elementTypes">Element types, e.g. <c>"f16 f32"</c>.</param>
    public static string ElementClass(string elementTypes)
    {
        string best = "";
        int bestBits = int.MaxValue;
        bool integer = false;
        foreach (var t in elementTypes.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            // The IR's float type knows the width of every float type name, and has none for any other name.
            int bits = new FloatType(t).BitWidth ?? 0;
            if (bits == 0)
            {
                integer |= t == "index" || (t.Length > 1 && (t[0] == 'i' || t.StartsWith("si", StringComparison.Ordinal) || t.StartsWith("ui", StringComparison.Ordinal)));
                continue;
            }
            if (bits < bestBits || (bits == bestBits && t == "f16"))
            {
                best = t;
                bestBits = bits;
            }
        }
        return best.Length > 0 ? best : integer ? "int" : "";
    }

    /// <summary>Fits the calibration.</summary>
    /// <param name="hostPredictedNs">Host-model predictions of the sample kernels, ns.</param>
    /// <param name="flops">FLOPs of the sample kernels.</param>
    /// <param name="bytes">Bytes read and written by the sample kernels.</param>
    /// <param name="measuredNs">The sample kernels measured on the new device, ns.</param>
    /// <param name="groups">Optional group key of each sample kernel (e.g. <see cref="ElementClass"/>); null: no group offsets.</param>
    /// <exception cref="ArgumentException">Fewer than 2 samples, or lengths differ.</exception>
    public static FewShotCalibration Fit(IReadOnlyList<double> hostPredictedNs, IReadOnlyList<double> flops, IReadOnlyList<double> bytes, IReadOnlyList<double> measuredNs,
        IReadOnlyList<string>? groups = null)
    {
        int n = measuredNs.Count;
        if (n < 2 || hostPredictedNs.Count != n || flops.Count != n || bytes.Count != n || (groups is not null && groups.Count != n))
        {
            throw new ArgumentException("need at least 2 samples of equal length");
        }
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
        // Groups in ordinal order (deterministic columns); group[i] = column of sample i's group, counted from 0.
        string[] names = groups is null ? [] : groups.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        int[] group = groups is null ? new int[n] : groups.Select(g => Array.BinarySearch(names, g, StringComparer.Ordinal)).ToArray();
        double[] Row(int i) => [1, (raw[i, 1] - mean[1]) / scale[1], (raw[i, 2] - mean[2]) / scale[2], (raw[i, 3] - mean[3]) / scale[3]];
        var rows = Enumerable.Range(0, n).Select(Row).ToArray();
        var problem = new Problem(rows, r, group, names.Length);
        // Candidate 0: no correction at all (the host model as trained); it wins unless a correction predicts the
        // held-out samples better. Then the grid, simplest first (no group offsets), and a later candidate must be
        // strictly better.
        double bestLambda = double.NaN, bestMu = double.PositiveInfinity, bestError = r.Sum(Math.Abs);
        bool bestUnanchored = false;
        foreach (double mu in GroupPenaltyGrid)
        {
            bool grouped = !double.IsPositiveInfinity(mu);
            if (names.Length == 0 && grouped) continue;
            foreach (double lambda in LambdaGrid)
            {
                // With group offsets and no slopes, also the variant without a common rescaling (offsets from 1x):
                // groups no sample had then keep the host's prediction.
                foreach (bool unanchored in grouped && double.IsPositiveInfinity(lambda) ? [false, true] : new[] { false })
                {
                    double error = 0;
                    for (int held = 0; held < n; held++)
                    {
                        var (w, b) = problem.Solve(lambda, mu, held, unanchored);
                        error += Math.Abs(r[held] - Dot(w, rows[held]) - b[group[held]]);
                    }
                    if (error < bestError * (1 - 1e-9)) { bestError = error; bestLambda = lambda; bestMu = mu; bestUnanchored = unanchored; }
                }
            }
        }
        if (double.IsNaN(bestLambda)) return new FewShotCalibration([0, 0, 0, 0], mean, scale, bestLambda, bestMu, []);
        var (weights, effects) = problem.Solve(bestLambda, bestMu, -1, bestUnanchored);
        var byName = new Dictionary<string, double>(StringComparer.Ordinal);
        if (!double.IsPositiveInfinity(bestMu)) for (int g = 0; g < names.Length; g++) byName[names[g]] = effects[g];
        return new FewShotCalibration(weights, mean, scale, bestLambda, bestMu, byName);
    }

    /// <summary>The calibrated latency on the new device, ns, from the host prediction (ns), FLOPs, bytes and the kernel's group.</summary>
    /// <param name="hostPredictedNs">The host model's prediction, ns.</param>
    /// <param name="flops">FLOPs of the kernel.</param>
    /// <param name="bytes">Bytes read and written by the kernel.</param>
    /// <param name="group">The kernel's group key (as given to <see cref="Fit"/>); a group no sample had, or null, gets no offset.</param>
    public double Predict(double hostPredictedNs, double flops, double bytes, string? group = null)
    {
        double residual = _weights[0];
        for (int j = 1; j < 4; j++) residual += _weights[j] * (Feature(j, hostPredictedNs, flops, bytes) - _mean[j]) / _scale[j];
        if (group is not null && _groupEffects.TryGetValue(group, out double b)) residual += b;
        return Math.Exp(Math.Log(Math.Max(hostPredictedNs, 1e-3)) + residual);
    }

    /// <summary>The samples: standardized rows [1, z1, z2, z3], residuals, and each sample's group (0..groups-1).</summary>
    private sealed record Problem(double[][] Rows, double[] R, int[] Group, int Groups)
    {
        /// <summary>
        /// Weights (intercept unpenalised, slopes with ridge λ per sample) and group offsets (ridge μ, a pseudo-count) on
        /// the samples except <paramref name="skip"/>. λ = ∞: no slopes, the intercept is the median residual and each
        /// group's offset its shrunk median deviation from it (<paramref name="unanchored"/>: the intercept is 0, the
        /// offsets deviations from the host's prediction). μ = ∞: no group offsets (all 0).
        /// </summary>
        public (double[] Weights, double[] Effects) Solve(double lambda, double mu, int skip, bool unanchored = false)
        {
            int n = Rows.Length;
            var effects = new double[Math.Max(Groups, 1)];
            bool grouped = !double.IsPositiveInfinity(mu) && Groups > 0;
            if (double.IsPositiveInfinity(lambda))
            {
                // The median residual: a few kernels that are many times slower on the new device (e.g. software f16
                // conversions on a CPU without them) must not drag the rescaling of all the others.
                var kept = Enumerable.Range(0, n).Where(i => i != skip).Select(i => R[i]).Order().ToArray();
                double median = unanchored ? 0 : kept.Length % 2 == 1 ? kept[kept.Length / 2] : (kept[kept.Length / 2 - 1] + kept[kept.Length / 2]) / 2;
                if (grouped)
                {
                    // Each group's median deviation from the overall median, shrunk by its sample count c:
                    // offset = c / (c + μ) · median_g(r − median), so a group seen once or twice moves part way.
                    for (int g = 0; g < Groups; g++)
                    {
                        var own = Enumerable.Range(0, n).Where(i => i != skip && Group[i] == g).Select(i => R[i] - median).Order().ToArray();
                        if (own.Length == 0) continue;
                        double groupMedian = own.Length % 2 == 1 ? own[own.Length / 2] : (own[own.Length / 2 - 1] + own[own.Length / 2]) / 2;
                        effects[g] = own.Length / (own.Length + mu) * groupMedian;
                    }
                }
                return ([median, 0, 0, 0], effects);
            }
            int m = n - (skip >= 0 ? 1 : 0);
            int columns = 4 + (grouped ? Groups : 0);
            var x = Matrix<double>.Build.Dense(m, columns);
            var y = Vector<double>.Build.Dense(m);
            for (int i = 0, k = 0; i < n; i++)
            {
                if (i == skip) continue;
                for (int j = 0; j < 4; j++) x[k, j] = Rows[i][j];
                if (grouped) x[k, 4 + Group[i]] = 1;
                y[k++] = R[i];
            }
            var penalty = Matrix<double>.Build.DenseDiagonal(columns, columns, j => j == 0 ? 0 : j < 4 ? lambda * m : mu);
            var solution = (x.TransposeThisAndMultiply(x) + penalty).Solve(x.TransposeThisAndMultiply(y)).ToArray();
            if (grouped) for (int g = 0; g < Groups; g++) effects[g] = solution[4 + g];
            return (solution[..4], effects);
        }
    }

    private static double Dot(double[] w, double[] row) => w[0] * row[0] + w[1] * row[1] + w[2] * row[2] + w[3] * row[3];

    private static double Feature(int j, double predicted, double flops, double bytes) => j switch
    {
        1 => Math.Log(Math.Max(predicted, 1e-3)),
        2 => Math.Log(Math.Max(flops, 1)),
        _ => Math.Log(Math.Max(bytes, 1)),
    };
}
