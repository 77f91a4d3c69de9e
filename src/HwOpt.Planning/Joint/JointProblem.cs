using System.Globalization;
using HwOpt.IR;
using HwOpt.Planning.Partitioning;
using HwOpt.Planning.Precision;
using HwOpt.Profiling;
using HwOpt.Syntax;

namespace HwOpt.Planning.Joint;

/// <summary>
/// The data of a joint problem, built once and read by the MILP, the evaluator, the sequential comparison and the
/// tests alike. Per candidate group g (a legal convex fusion group, <see cref="Fusion.FusionCandidates"/>), format f
/// and device d: the latency of the group's fused kernel text rewritten to f, predicted by d's cost model, or no entry
/// when d cannot run it. Texts: the group outlined as the profiler outlines groups (<see cref="KernelExtractor.FromGroup"/>);
/// fp32 is the text itself; a float format replaces the quantizable op's element type throughout the text (the training
/// kernels are uniform in type, so epilogue ops are costed in f too, while their Ω stays that of fp32: 0); an integer format
/// is offered to a group that is one contraction only (<see cref="FormatRewriter"/>). Each device predicts all its texts in
/// one batch, identical texts once (<see cref="KernelTexts"/>). A device runs a group only when it runs each of its ops
/// (<see cref="DeviceCostTable.Unsupported"/>: opaque ops stay on the host), supports f (fp32 always) and its model says supported.
/// Per op: Ω and weight bytes per format (<see cref="Sensitivity"/>, as <see cref="PrecisionPlanner"/>); per op edge of the
/// per-op table: bytes, transfer legs, and the cast cost on each device the consumer may run on (the edge's fp32 bytes ×
/// <see cref="JointOptions.CastNsPerByte"/>, by default 2 / that device's memory bandwidth: the cast reads and writes the
/// tensor once, counted at fp32 size).
/// </summary>
internal sealed class JointProblem
{
    /// <summary>The graph.</summary>
    public required PlanGraph Graph { get; init; }

    /// <summary>Per-op table: tasks = kernel nodes, edges with bytes, weights, unsupported reasons, transfers.</summary>
    public required DeviceCostTable Ops { get; init; }

    /// <summary>Candidate formats, fp32 first (index 0).</summary>
    public required IReadOnlyList<NumericFormat> Formats { get; init; }

    /// <summary>Candidate groups (sorted node lists).</summary>
    public required IReadOnlyList<int[]> Groups { get; init; }

    /// <summary>Kernel id per group.</summary>
    public required IReadOnlyList<string> KernelIds { get; init; }

    /// <summary>[group][format, device] latency, ns; NaN when there is no variable.</summary>
    public required double[][,] LatencyNs { get; init; }

    /// <summary>Per node: quantizable (its format follows its kernel's).</summary>
    public required bool[] Quantizable { get; init; }

    /// <summary>Per node, per format: Ω (0 for fp32 and non-quantizable ops).</summary>
    public required double[][] Omega { get; init; }

    /// <summary>Per node, per format: weight bytes (weights × bits / 8; 0 for non-quantizable ops).</summary>
    public required double[][] SizeBytes { get; init; }

    /// <summary>Cast cost per op-table edge and consumer device, ns.</summary>
    public required double[,] CastNs { get; init; }

    /// <summary>Where each node's Ω came from.</summary>
    public required IReadOnlyDictionary<int, string> SensitivitySource { get; init; }

    /// <summary>Index of a group by its nodes.</summary>
    public required IReadOnlyDictionary<string, int> GroupIndex { get; init; }

    /// <summary>Number of formats.</summary>
    public int FormatCount => Formats.Count;

    /// <summary>Number of devices.</summary>
    public int DeviceCount => Ops.DeviceCount;

    /// <summary>True when (g, f, d) is a variable.</summary>
    public bool Has(int g, int f, int d) => !double.IsNaN(LatencyNs[g][f, d]);

    /// <summary>Σ Ω of the group's quantizable ops in format f.</summary>
    public double GroupOmega(int g, int f) => Groups[g].Sum(n => Omega[n][f]);

    /// <summary>Σ weight bytes of the group's quantizable ops in format f.</summary>
    public double GroupSize(int g, int f) => Groups[g].Sum(n => SizeBytes[n][f]);

    /// <summary>Energy of (g, f, d), J.</summary>
    public double Energy(int g, int f, int d) => Ops.Devices[d].EnergyJoules(LatencyNs[g][f, d]);

    /// <summary>Format index a node takes when its kernel has format f.</summary>
    public int TypeOf(int node, int f) => Quantizable[node] ? f : 0;

    /// <summary>Key of a node list.</summary>
    public static string Key(IEnumerable<int> nodes) => string.Join(',', nodes);

    /// <summary>Costs every group in every format on every device.</summary>
    public static JointProblem Build(PlanGraph graph, DeviceCostTable ops, IReadOnlyList<PartitionDevice> devices, IReadOnlyList<int[]> groups, JointOptions options)
    {
        var formats = options.FormatsOrDefault;
        int nf = formats.Count, nd = devices.Count;
        string family = DatasetSplits.FamilyOf(graph.Source);
        var quantizable = new bool[graph.Count];
        var roles = new OpRoles?[graph.Count];
        var omega = new double[graph.Count][];
        var size = new double[graph.Count][];
        var source = new SortedDictionary<int, string>();
        for (int n = 0; n < graph.Count; n++)
        {
            omega[n] = new double[nf];
            size[n] = new double[nf];
            if (!graph.IsKernel(n)) continue;
            var op = graph.Ops[n];
            var r = OpRoles.Of(op, quantizeElementwise: false);
            if (r.Kind == QuantizableKind.None) continue;
            quantizable[n] = true;
            roles[n] = r;
            var s = Sensitivity.Of(op, r, formats, graph.Module.MetadataText, options.Sidecar);
            source[n] = s.Source;
            double weights = r.Weight >= 0 && op.Operands[r.Weight].Type is ShapedType { ElementCount: long wn } ? wn : 0;
            for (int f = 0; f < nf; f++)
            {
                omega[n][f] = s.Omega[formats[f].Name];
                size[n][f] = weights * formats[f].Bits / 8.0;
            }
        }

        // Texts per (group, format), then one batch per device.
        var texts = devices.Select(d => new KernelTexts(d.Model)).ToArray();
        var handle = new int[groups.Count][,];
        var ids = new string[groups.Count];
        for (int g = 0; g < groups.Count; g++)
        {
            handle[g] = new int[nf, nd];
            var nodes = groups[g];
            var kernel = KernelExtractor.FromGroup(nodes.Select(v => graph.Ops[v]).ToList(), graph.Source, family);
            ids[g] = kernel.Id;
            var runs = Enumerable.Range(0, nd).Select(d => nodes.All(v => ops.Supports(ops.TaskOfNode(v), d))).ToArray();
            for (int f = 0; f < nf; f++)
            {
                string? text = Text(graph, nodes, kernel, formats[f], quantizable, roles);
                for (int d = 0; d < nd; d++)
                {
                    bool formatOk = f == 0 || devices[d].Profile.Supports(formats[f].ElementType);
                    handle[g][f, d] = text is not null && formatOk && runs[d] ? texts[d].Add(text, nodes.Length == 1 && f == 0 ? graph.Ops[nodes[0]] : null) : -1;
                }
            }
        }
        foreach (var t in texts) t.Predict();
        var latency = new double[groups.Count][,];
        for (int g = 0; g < groups.Count; g++)
        {
            latency[g] = new double[nf, nd];
            for (int f = 0; f < nf; f++)
                for (int d = 0; d < nd; d++)
                {
                    double? ns = handle[g][f, d] < 0 ? null : texts[d].Latency(handle[g][f, d]);
                    latency[g][f, d] = ns is double v && double.IsFinite(v) ? Math.Max(0, v) : double.NaN;
                }
        }

        var cast = new double[ops.Edges.Count, nd];
        for (int d = 0; d < nd; d++)
        {
            double perByte = options.CastNsPerByte ?? 2e9 / Math.Max(1, ops.Devices[d].Memory.BandwidthBytesPerS);
            for (int e = 0; e < ops.Edges.Count; e++) cast[e, d] = ops.Edges[e].Bytes * perByte;
        }
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int g = 0; g < groups.Count; g++) index.TryAdd(Key(groups[g]), g);
        return new JointProblem
        {
            Graph = graph, Ops = ops, Formats = formats, Groups = groups, KernelIds = ids, LatencyNs = latency,
            Quantizable = quantizable, Omega = omega, SizeBytes = size,
            CastNs = cast, SensitivitySource = source, GroupIndex = index,
        };
    }

    /// <summary>The group's text in a format, or null when the format does not apply to it.</summary>
    private static string? Text(PlanGraph graph, int[] nodes, Kernel kernel, NumericFormat format, bool[] quantizable, OpRoles?[] roles)
    {
        if (format == NumericFormat.Fp32) return kernel.Text;
        var q = nodes.Where(v => quantizable[v]).ToArray();
        if (q.Length == 0) return null;
        if (format.IsInteger)
        {
            if (nodes.Length != 1 || roles[q[0]]!.Kind != QuantizableKind.Contraction) return null;
            return FormatRewriter.Rewrite(kernel, graph.Ops[q[0]], format, out _);
        }
        var original = ((ShapedType)graph.Ops[q[0]].Results[0].Type).ElementType;
        if (original is not FloatType || format.Bits >= (original.BitWidth ?? 32)) return null;
        return FormatRewriter.ReplaceType(kernel.Text, original.ToString()!, format.ElementType);
    }

    /// <summary>A name for rows and columns: <c>op12</c>.</summary>
    public static string Op(int node) => "op" + node.ToString(CultureInfo.InvariantCulture);
}
