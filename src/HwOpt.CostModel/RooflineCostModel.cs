using HwOpt.Analysis.Work;
using HwOpt.CostModel.Devices;
using HwOpt.IR;

namespace HwOpt.CostModel;

/// <summary>The roofline baseline as a cost model: no interval (low = high = the estimate), no other metrics.</summary>
/// <param name="device">The device profile.</param>
public sealed class RooflineCostModel(DeviceProfile device) : ICostModel
{
    private readonly RooflineModel roofline = new(device);

    /// <inheritdoc/>
    public string Name => "roofline:" + device.Name;

    /// <inheritdoc/>
    public IReadOnlyList<CostPrediction> Predict(IReadOnlyList<IReadOnlyList<Operation>> kernels) =>
        kernels.Select(k => FromWork(WorkEstimator.EstimateGroup(k))).ToList();

    /// <summary>The prediction for a kernel's work.</summary>
    public CostPrediction FromWork(WorkEstimate work)
    {
        var r = roofline.Estimate(work);
        double ns = r.LatencyNs ?? double.PositiveInfinity;
        return new CostPrediction(ns, ns, ns, new Dictionary<string, double>(), work, r.Bound, []);
    }
}
