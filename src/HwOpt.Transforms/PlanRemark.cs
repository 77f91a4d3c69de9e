using HwOpt.Planning;

namespace HwOpt.Transforms;

/// <summary>Kind of an optimization remark, as LLVM and MLIR name them (<c>--- !Passed</c>, <c>!Missed</c>, <c>!Analysis</c>).</summary>
public enum RemarkKind
{
    /// <summary>The transformation was applied (fused, lowered, moved off the host).</summary>
    Passed,

    /// <summary>The transformation was considered and not applied; the reason says why.</summary>
    Missed,

    /// <summary>A figure about the plan, not a yes or no (solver statistics, a kernel's predicted cost).</summary>
    Analysis,
}

/// <summary>
/// One decision of a pass about one op (or, for <see cref="RemarkKind.Analysis"/>, a figure about the plan), written by
/// <c>hwopt optimize --remarks-output</c> in the spirit of MLIR's optimization remarks.
/// </summary>
/// <param name="Kind">Passed, missed or analysis.</param>
/// <param name="Pass">The pass (<c>hwopt-fuse</c>, <c>hwopt-precision</c>, <c>hwopt-partition</c>, <c>hwopt-joint</c>).</param>
/// <param name="Name">Remark name, CamelCase (<c>Fused</c>, <c>NotFused</c>, <c>PrecisionLowered</c>, <c>Offloaded</c>, <c>SolverStatistics</c>).</param>
/// <param name="Node">The op's node index in the plan graph; null for remarks about the whole plan.</param>
/// <param name="Reason">One sentence: why.</param>
/// <param name="Args">Further key/value pairs in order (values as text, invariant culture).</param>
public sealed record PlanRemark(RemarkKind Kind, string Pass, string Name, int? Node, string Reason, IReadOnlyList<KeyValuePair<string, string>> Args)
{
    /// <summary>The remark of a planner decision: <see cref="RemarkKind.Passed"/> when accepted, <see cref="RemarkKind.Missed"/> otherwise.</summary>
    /// <param name="pass">Pass name.</param>
    /// <param name="passed">Name when accepted.</param>
    /// <param name="missed">Name when rejected.</param>
    /// <param name="node">Node index.</param>
    /// <param name="decision">The decision.</param>
    /// <param name="args">Extra arguments.</param>
    public static PlanRemark Of(string pass, string passed, string missed, int node, Decision decision, params KeyValuePair<string, string>[] args)
    {
        var all = new List<KeyValuePair<string, string>>(args);
        if (decision.Binding.Count > 0) all.Add(new("Binding", string.Join(", ", decision.Binding)));
        return new PlanRemark(decision.Accepted ? RemarkKind.Passed : RemarkKind.Missed, pass, decision.Accepted ? passed : missed, node, decision.Reason, all);
    }
}
