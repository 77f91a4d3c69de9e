using HwOpt.Analysis.Work;
using HwOpt.CostModel.Devices;
using HwOpt.Diagnostics;
using HwOpt.Planning.Precision;
using HwOpt.Profiling;

namespace HwOpt.Transforms.Reports;

/// <summary>One kernel as the report shows it.</summary>
/// <param name="Index">Kernel number.</param>
/// <param name="Nodes">Its ops (node indices), program order.</param>
/// <param name="Device">Device profile it runs on.</param>
/// <param name="Format">Format(s) of its ops (<c>fp32</c>, <c>bf16</c>, <c>fp32+int8</c>).</param>
/// <param name="ComputeType">Element type its arithmetic runs in (the roofline's peak is taken for it).</param>
/// <param name="LatencyNs">Predicted latency on its device in its formats, ns (what <c>hwopt.cost_ns</c> carries).</param>
/// <param name="LatencyNsLow">Lower end of the prediction interval, ns (NaN when the interval is not known for this device and format).</param>
/// <param name="LatencyNsHigh">Upper end, ns (NaN when not known).</param>
/// <param name="Flops">FLOPs of the kernel (<see cref="WorkEstimator.EstimateGroup"/>).</param>
/// <param name="Bytes">Bytes it reads and writes outside itself.</param>
/// <param name="KernelId">Id of the outlined kernel (<see cref="Kernel.Id"/>): the key of measurement datasets.</param>
/// <param name="MeasuredNs">Measured latency when a measurement of this very kernel on this device in this format was given; else null.</param>
public sealed record KernelFacts(
    int Index, IReadOnlyList<int> Nodes, string Device, string Format, string ComputeType, double LatencyNs, double LatencyNsLow, double LatencyNsHigh,
    double Flops, double Bytes, string KernelId, double? MeasuredNs)
{
    /// <summary>Arithmetic intensity, FLOP per byte (0 when no bytes move).</summary>
    public double Intensity => Bytes > 0 ? Flops / Bytes : 0;

    /// <summary>Attained FLOP/s at the predicted latency (0 when the latency is not positive and finite).</summary>
    public double AttainedFlopsPerS => LatencyNs > 0 && double.IsFinite(LatencyNs) ? Flops / (LatencyNs * 1e-9) : 0;
}

/// <summary>
/// The figures of a plan that the report derives beside the passes' own: per kernel its device, format, work and
/// latency, the energy per inference, the effective sensitivity sum (ESS), and which kernels have measurements.
/// </summary>
/// <param name="Kernels">Kernels in index order.</param>
/// <param name="EnergyJoules">Energy per inference, J; null when a device profile is missing.</param>
/// <param name="EnergySource">How <paramref name="EnergyJoules"/> was obtained (one sentence).</param>
/// <param name="SensitivitySum">ESS: Σ Ω of the quantizable ops in their formats; null when no pass chose formats.</param>
/// <param name="Devices">The profiles of the devices used, by name.</param>
/// <param name="MeasuredNote">What was compared with measurements (or why nothing was).</param>
public sealed record PlanFacts(
    IReadOnlyList<KernelFacts> Kernels, double? EnergyJoules, string EnergySource, double? SensitivitySum,
    IReadOnlyDictionary<string, DeviceProfile> Devices, string MeasuredNote)
{
    /// <summary>The definition of ESS printed in every report.</summary>
    public const string EssDefinition =
        "ESS (effective sensitivity sum) = Σ over the quantizable ops of Ω(op, format), Ω = Tr(H)/n · ‖Q_format(W) − W‖² (HAWQ-V3, Yao et al. 2021): " +
        "the second-order estimate of the loss increase the chosen formats cause; 0 when every op keeps fp32, lower is better.";

    /// <summary>Derives the facts of a plan. Call it before <see cref="Annotator.Apply"/>: kernel ids hash the ops' text, which the annotation changes.</summary>
    /// <param name="plan">The plan (after its passes ran).</param>
    /// <param name="measured">Measured latencies, or null.</param>
    /// <returns>The facts; never throws for a plan the passes produced.</returns>
    public static PlanFacts Compute(PlanState plan, MeasuredLatencies? measured = null)
    {
        var graph = plan.Graph;
        string family = DatasetSplits.FamilyOf(graph.Source);
        var devices = new SortedDictionary<string, DeviceProfile>(StringComparer.Ordinal);
        var quiet = new DiagnosticBag();
        var kernels = new List<KernelFacts>(plan.Kernels.Count);
        int comparable = 0;
        foreach (var k in plan.Kernels)
        {
            var first = plan.Ops[k.Nodes[0]];
            string device = first.Device ?? DeviceCatalog.Host;
            if (!devices.ContainsKey(device) && DeviceCatalog.Load(device, quiet) is { } profile) devices[device] = profile;
            var formats = k.Nodes.Select(n => plan.Ops[n].Precision ?? NumericFormat.Fp32.Name).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            var ops = k.Nodes.Select(n => graph.Ops[n]).ToList();
            var work = WorkEstimator.EstimateGroup(ops);
            string lowered = formats.FirstOrDefault(f => f != NumericFormat.Fp32.Name) ?? "";
            string computeType = NumericFormat.Find(lowered) is { } nf ? nf.ElementType : work.ComputeType.Length > 0 ? work.ComputeType : "f32";
            double ns = first.KernelCostNs ?? k.LatencyNs;
            bool sameAsPlanned = Math.Abs(ns - k.LatencyNs) <= 1e-9 * Math.Max(1, Math.Abs(ns));
            string id = KernelExtractor.FromGroup(ops, graph.Source, family).Id;
            double? measuredNs = null;
            if (measured is not null && device == measured.Device && lowered.Length == 0)
            {
                comparable++;
                if (measured.LatencyNsByKernelId.TryGetValue(id, out double m)) measuredNs = m;
            }
            kernels.Add(new KernelFacts(k.Index, k.Nodes, device, string.Join("+", formats), computeType, ns,
                sameAsPlanned ? k.LatencyNsLow : double.NaN, sameAsPlanned ? k.LatencyNsHigh : double.NaN, work.Flops, work.Bytes, id, measuredNs));
        }
        double? energy;
        string energySource;
        if (plan.EnergyJoules is double planned)
        {
            energy = planned;
            energySource = "as the placing planner evaluated it: each kernel at its device's peak power for its predicted latency, plus transfers at the devices' idle power (cost-models/devices/*.yaml)";
        }
        else if (kernels.Count == 0)
        {
            energy = null;
            energySource = "not computed: no pass formed kernels (run hwopt-fuse, hwopt-partition or hwopt-joint)";
        }
        else if (kernels.All(k => devices.ContainsKey(k.Device)))
        {
            energy = kernels.Where(k => double.IsFinite(k.LatencyNs)).Sum(k => devices[k.Device].EnergyJoules(k.LatencyNs));
            energySource = "Σ over kernels of predicted latency × the device's peak power (cost-models/devices/*.yaml; an upper bound: peak power while busy)";
        }
        else
        {
            energy = null;
            energySource = "not computed: a device profile is missing";
        }
        int matched = kernels.Count(k => k.MeasuredNs is not null);
        string note = measured is null
            ? "no measurements given (hwopt optimize --measurements corpus/measurements/host-cpu.csv.gz); no predicted-vs-measured comparison"
            : $"{matched} of {comparable} comparable kernels (on {measured.Device}, input formats) found by kernel id in {measured.Source} ({measured.LatencyNsByKernelId.Count} measured kernels)";
        return new PlanFacts(kernels, energy, energySource, plan.SensitivitySum, devices, note);
    }
}
