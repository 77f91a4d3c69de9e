using HwOpt.Analysis.Work;
using HwOpt.IR;

namespace HwOpt.CostModel;

/// <summary>
/// A cost model predicts, for a kernel (one op, or a fusion group's ops, as they appear in the IR), its latency with
/// an interval and any other metric it knows. Training happens offline (<c>hwopt train</c>); implementations are the
/// learned model (<see cref="Model.LearnedCostModel"/>) and the roofline baseline (<see cref="RooflineCostModel"/>).
/// </summary>
public interface ICostModel
{
    /// <summary>Short name for reports (<c>learned:host-cpu</c>, <c>roofline:h200</c>).</summary>
    string Name { get; }

    /// <summary>Predicts kernels; thread-safe.</summary>
    /// <param name="kernels">Each kernel as its ops in program order (the body of the outlined function, without its terminator).</param>
    /// <returns>One prediction per kernel, in order.</returns>
    IReadOnlyList<CostPrediction> Predict(IReadOnlyList<IReadOnlyList<Operation>> kernels);
}

/// <summary>A predicted cost.</summary>
/// <param name="LatencyNs">Predicted latency, ns; <see cref="double.PositiveInfinity"/> when the device cannot run the kernel.</param>
/// <param name="LatencyNsLow">Lower end of the prediction interval (about 90 % coverage on held-out data), ns.</param>
/// <param name="LatencyNsHigh">Upper end of the interval, ns.</param>
/// <param name="Metrics">Other predicted metrics by name (<c>spills</c>, <c>reloads</c>, <c>instructions_static</c>, <c>code_bytes</c>).</param>
/// <param name="Work">FLOPs and bytes of the kernel.</param>
/// <param name="Bound"><c>compute</c>, <c>memory</c> (roofline classification on the device), or <c>unsupported</c>.</param>
/// <param name="OutOfRange">Features whose value lies outside the training data's range: the prediction extrapolates.</param>
public sealed record CostPrediction(
    double LatencyNs, double LatencyNsLow, double LatencyNsHigh, IReadOnlyDictionary<string, double> Metrics, WorkEstimate Work,
    string Bound, IReadOnlyList<string> OutOfRange)
{
    /// <summary>True when the device can run the kernel.</summary>
    public bool Supported => double.IsFinite(LatencyNs);
}
