using System.Globalization;
using System.Text;

namespace HwOpt.Transforms.Reports;

/// <summary>
/// The plan's decisions as optimization remarks (<c>hwopt optimize --remarks-output FILE.yaml</c>) in the YAML layout of
/// LLVM's and MLIR's remark files: one document per remark,
/// <code>
/// --- !Passed
/// Pass: 'hwopt-fuse'
/// Name: 'Fused'
/// DebugLoc: { File: 'lenet5.mlir', Line: 12, Column: 10 }
/// Function: 'forward'
/// Args:
///   - Op: 'linalg.generic'
///   - Reason: 'fused with ... into kernel ...'
/// </code>
/// <c>!Passed</c> for a transformation applied (fused, format lowered, moved off the host), <c>!Missed</c> for one not
/// applied with its reason, <c>!Analysis</c> for figures (each MILP's statistics, the plan's summary). Every scalar is a
/// single-quoted YAML string (quotes doubled, line breaks as spaces) except line and column numbers. Remarks follow the
/// order in which the passes decided (pass by pass, ops in program order); solve times are left out, so the file is
/// deterministic.
/// </summary>
public static class RemarksYaml
{
    /// <summary>Writes the remarks of a plan.</summary>
    /// <param name="plan">The plan.</param>
    public static string Write(PlanState plan)
    {
        var sb = new StringBuilder();
        foreach (var r in plan.Remarks) Document(sb, plan, r);
        foreach (var s in plan.Solves)
        {
            Document(sb, plan, new PlanRemark(RemarkKind.Analysis, PassOf(s.Problem), "SolverStatistics", null,
                $"{s.Problem}: {PlanReport.StatusName(s.Status)}",
                [
                    new("Problem", s.Problem), new("Status", PlanReport.StatusName(s.Status)), new("Objective", G(s.Objective)), new("BestBound", G(s.BestBound)),
                    new("Gap", G(s.Gap)), new("Variables", G(s.Variables)), new("Constraints", G(s.Constraints)), new("Nodes", G(s.Nodes)), new("Backend", s.Solver),
                ]));
        }
        Document(sb, plan, new PlanRemark(RemarkKind.Analysis, "hwopt-optimize", "PlanSummary", null, PlanReport.SummaryLine(plan),
            [new("PredictedLatencyNs", G(plan.PredictedLatencyNs)), new("Kernels", G(plan.Kernels.Count))]));
        return sb.ToString();
    }

    private static void Document(StringBuilder sb, PlanState plan, PlanRemark r)
    {
        sb.Append("--- !").Append(r.Kind.ToString()).Append('\n');
        sb.Append("Pass: ").Append(Q(r.Pass)).Append('\n');
        sb.Append("Name: ").Append(Q(r.Name)).Append('\n');
        if (r.Node is int node)
        {
            var op = plan.Graph.Ops[node];
            if (op.Span.Source is { } src)
            {
                sb.Append("DebugLoc: { File: ").Append(Q(src.Path)).Append(", Line: ").Append(op.Span.Line.ToString(CultureInfo.InvariantCulture))
                    .Append(", Column: ").Append(op.Span.Column.ToString(CultureInfo.InvariantCulture)).Append(" }\n");
            }
            string function = plan.Graph.Graph.Nodes[node].Label ?? "";
            sb.Append("Function: ").Append(Q(function.TrimStart('@'))).Append('\n');
        }
        sb.Append("Args:\n");
        if (r.Node is int n)
        {
            Arg(sb, "Op", plan.Graph.Ops[n].Name);
            Arg(sb, "Node", n.ToString(CultureInfo.InvariantCulture));
            if (plan.Ops[n].Kernel is int k) Arg(sb, "Kernel", k.ToString(CultureInfo.InvariantCulture));
        }
        Arg(sb, "Reason", r.Reason);
        foreach (var (key, value) in r.Args) Arg(sb, key, value);
    }

    private static void Arg(StringBuilder sb, string key, string value) => sb.Append("  - ").Append(key).Append(": ").Append(Q(value)).Append('\n');

    /// <summary>A YAML single-quoted scalar: quotes doubled, line breaks and other control characters as spaces.</summary>
    internal static string Q(string s)
    {
        var sb = new StringBuilder(s.Length + 2).Append('\'');
        foreach (char c in s)
        {
            if (c == '\'') sb.Append("''");
            else sb.Append(char.IsControl(c) ? ' ' : c);
        }
        return sb.Append('\'').ToString();
    }

    private static string PassOf(string problem) =>
        problem.StartsWith("fusion", StringComparison.Ordinal) ? "hwopt-fuse"
        : problem.StartsWith("precision", StringComparison.Ordinal) ? "hwopt-precision"
        : problem.StartsWith("partition", StringComparison.Ordinal) ? "hwopt-partition"
        : problem.StartsWith("joint", StringComparison.Ordinal) ? "hwopt-joint" : "hwopt-optimize";

    private static string G(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
