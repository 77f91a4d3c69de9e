using HwOpt.Analysis.Work;
using HwOpt.CostModel.Learning;

namespace HwOpt.CostModel.Model;

/// <summary>
/// The boosters of one target metric: their mean is the prediction (label space, log(1 + y)), their standard deviation
/// floored at <paramref name="spreadFloor"/> the spread, and mean ± <paramref name="intervalScale"/>·spread the
/// calibrated interval.
/// </summary>
/// <param name="members">Boosters (one or more).</param>
/// <param name="intervalScale">Split-conformal scale from the model card.</param>
/// <param name="spreadFloor">Smallest spread, label units.</param>
internal sealed class MemberSet(IReadOnlyList<CompiledForest> members, double intervalScale, double spreadFloor)
{
    public IReadOnlyList<CompiledForest> Members { get; } = members;

    /// <summary>Mean and spread in label space.</summary>
    public (double[] Mean, double[] Spread) Predict(FeatureMatrix x)
    {
        var mean = new double[x.Rows];
        var sq = new double[x.Rows];
        var buffer = new float[x.Rows];
        foreach (var m in Members)
        {
            m.Predict(x.Data, x.Rows, buffer, Environment.ProcessorCount);
            for (int i = 0; i < x.Rows; i++)
            {
                mean[i] += buffer[i];
                sq[i] += (double)buffer[i] * buffer[i];
            }
        }
        int k = Members.Count;
        var spread = new double[x.Rows];
        for (int i = 0; i < x.Rows; i++)
        {
            mean[i] /= k;
            double variance = k > 1 ? Math.Max(0, (sq[i] - k * mean[i] * mean[i]) / (k - 1)) : 0;
            spread[i] = Math.Max(spreadFloor, Math.Sqrt(variance));
        }
        return (mean, spread);
    }

    /// <summary>Prediction and interval in value space (<see cref="TargetMetric.FromLabel"/>).</summary>
    /// <param name="x">Features, one row per kernel.</param>
    /// <param name="target">The metric (how labels map back to values).</param>
    /// <param name="work">The kernels' work, one per row.</param>
    public (double[] Mean, double[] Low, double[] High) PredictValues(FeatureMatrix x, TargetMetric target, IReadOnlyList<WorkEstimate> work)
    {
        var (mean, spread) = Predict(x);
        var value = new double[x.Rows];
        var low = new double[x.Rows];
        var high = new double[x.Rows];
        for (int i = 0; i < x.Rows; i++)
        {
            value[i] = target.FromLabel(mean[i], work[i]);
            low[i] = target.FromLabel(mean[i] - intervalScale * spread[i], work[i]);
            high[i] = target.FromLabel(mean[i] + intervalScale * spread[i], work[i]);
        }
        return (value, low, high);
    }
}
