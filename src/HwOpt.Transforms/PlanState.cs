using HwOpt.Planning;

namespace HwOpt.Transforms;

/// <summary>What the passes decided for one node (op) of the <see cref="PlanGraph"/>.</summary>
public sealed class OpDecision
{
    /// <summary>Node index (program order over function bodies).</summary>
    public required int Node { get; init; }

    /// <summary>Kernel (fusion group) number, dense from 0 in program order of each kernel's first op; null for ops that are not kernels.</summary>
    public int? Kernel { get; set; }

    /// <summary>Format the op computes in (<c>f32</c>, <c>bf16</c>, <c>i8</c>, ...); null when not decided.</summary>
    public string? Precision { get; set; }

    /// <summary>Device profile name the op runs on; null when not decided.</summary>
    public string? Device { get; set; }

    /// <summary>Predicted latency of the op's kernel, ns (the whole kernel, on its device, in its formats); null when not a kernel.</summary>
    public double? KernelCostNs { get; set; }

    /// <summary>One sentence per decision that concerned the op, prefixed with the pass (<c>fuse: ...</c>).</summary>
    public List<string> Reasons { get; } = [];

    /// <summary>Sensitivity Ω of the op in its chosen format (HAWQ-V3: Tr(H)/n · ‖Q(W) − W‖²); null when no precision pass decided it per op.</summary>
    public double? Sensitivity { get; set; }
}

/// <summary>One kernel of the plan: a fusion group (or a single op) with its predicted cost.</summary>
/// <param name="Index">Kernel number.</param>
/// <param name="Nodes">Its nodes in program order.</param>
/// <param name="LatencyNs">Predicted latency, ns.</param>
/// <param name="LatencyNsLow">Lower end of the prediction interval, ns.</param>
/// <param name="LatencyNsHigh">Upper end, ns.</param>
public sealed record PlannedKernel(int Index, IReadOnlyList<int> Nodes, double LatencyNs, double LatencyNsLow, double LatencyNsHigh);

/// <summary>A baseline's objective beside the planner's, e.g. <c>fusion / greedy: 1.23e6 ns</c>.</summary>
/// <param name="Problem">Which problem (<c>fusion</c>, <c>precision</c>, <c>partition</c>, <c>joint</c>).</param>
/// <param name="Name">Baseline name (<c>none</c>, <c>greedy</c>, <c>uniform-int8</c>, <c>best-single-device</c>, ...).</param>
/// <param name="Objective">Its objective in the problem's unit.</param>
/// <param name="Unit">Unit (<c>ns</c>, <c>J</c>, <c>USD</c>, <c>sensitivity</c>).</param>
public sealed record BaselineResult(string Problem, string Name, double Objective, string Unit);

/// <summary>
/// The plan being built by the passes of one <c>hwopt optimize</c> run: decisions per op, kernels, solver reports,
/// baselines and a one-line summary per pass. Passes read what earlier passes decided (precision and partitioning
/// plan over the kernels that fusion formed).
/// </summary>
public sealed class PlanState
{
    /// <summary>Creates an empty plan for a graph: every kernel op is its own kernel until a fusion pass runs.</summary>
    /// <param name="graph">The graph.</param>
    public PlanState(PlanGraph graph)
    {
        Graph = graph;
        Ops = Enumerable.Range(0, graph.Count).Select(i => new OpDecision { Node = i }).ToArray();
    }

    /// <summary>The graph planned.</summary>
    public PlanGraph Graph { get; }

    /// <summary>Decisions per node.</summary>
    public IReadOnlyList<OpDecision> Ops { get; }

    /// <summary>Kernels after fusion (empty until a pass sets them; then every kernel op is in exactly one).</summary>
    public List<PlannedKernel> Kernels { get; } = [];

    /// <summary>Solver statistics, one per MILP solved, in order.</summary>
    public List<SolverReport> Solves { get; } = [];

    /// <summary>Baselines computed beside the planner.</summary>
    public List<BaselineResult> Baselines { get; } = [];

    /// <summary>The planner's own objective per problem (same units as the baselines).</summary>
    public List<BaselineResult> Objectives { get; } = [];

    /// <summary>One line per pass for the report's summary.</summary>
    public List<string> Summary { get; } = [];

    /// <summary>Predicted end-to-end latency of the plan, ns (set by the last pass that knows it).</summary>
    public double PredictedLatencyNs { get; set; }

    /// <summary>
    /// Effective sensitivity sum (ESS): Σ Ω over the quantizable ops in their chosen formats (HAWQ-V3's objective; 0 when
    /// every op keeps fp32), set by <c>hwopt-precision</c> and <c>hwopt-joint</c>; null when no pass chose formats.
    /// </summary>
    public double? SensitivitySum { get; set; }

    /// <summary>Predicted energy per inference, J, as the planner that placed the kernels evaluated it (kernels at their device's peak power plus link transfers at idle power); null when no partitioning or joint pass ran.</summary>
    public double? EnergyJoules { get; set; }

    /// <summary>Optimization remarks: one per decision of each pass about each op, then analysis remarks.</summary>
    public List<PlanRemark> Remarks { get; } = [];

    /// <summary>Sets the kernels and each op's kernel number and cost.</summary>
    /// <param name="kernels">Kernels; each kernel op must be in exactly one.</param>
    /// <exception cref="ArgumentException">An op is in two kernels.</exception>
    public void SetKernels(IEnumerable<PlannedKernel> kernels)
    {
        Kernels.Clear();
        foreach (var op in Ops)
        {
            op.Kernel = null;
            op.KernelCostNs = null;
        }
        foreach (var k in kernels.OrderBy(k => k.Nodes.Min()))
        {
            var renumbered = k with { Index = Kernels.Count };
            Kernels.Add(renumbered);
            foreach (int n in k.Nodes)
            {
                if (Ops[n].Kernel is not null) throw new ArgumentException($"node {n} is in two kernels");
                Ops[n].Kernel = renumbered.Index;
                Ops[n].KernelCostNs = k.LatencyNs;
            }
        }
        PredictedLatencyNs = Kernels.Sum(k => k.LatencyNs);
    }
}

/// <summary>Where a MILP row of a plan is about, for diagnostics.</summary>
public static class ConstraintLocation
{
    /// <summary>
    /// The source span of the op a row names (<c>pin[op3]</c>, <c>assign[op12]</c>, <c>cover[op7]</c>: graph node 3, 12, 7);
    /// an empty span for rows about the whole model (<c>budget.size_bytes</c>, <c>mem[h200]</c>).
    /// </summary>
    /// <param name="graph">The plan graph the row's node indices refer to.</param>
    /// <param name="constraint">The row name.</param>
    public static Diagnostics.SourceSpan Of(Planning.PlanGraph graph, string constraint)
    {
        int open = constraint.IndexOf("[op", StringComparison.Ordinal);
        if (open < 0) return default;
        int close = constraint.IndexOf(']', open);
        if (close < 0 || !int.TryParse(constraint.AsSpan(open + 3, close - open - 3), System.Globalization.NumberStyles.None,
                System.Globalization.CultureInfo.InvariantCulture, out int node) || node >= graph.Ops.Count) return default;
        return graph.Ops[node].Span;
    }
}
