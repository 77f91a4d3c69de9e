using System.Globalization;
using HwOpt.Planning.Milp;

namespace HwOpt.Planning.Precision;

/// <summary>
/// Turns a solved assignment into per-op decisions with reasons, and an infeasible solve into the budget that
/// cannot be met. A budget is called binding when the sensitivity-optimal assignment without budgets (each op in its
/// lowest-Ω format, fp32 on ties) exceeds it: that budget is what forces lower precision.
/// </summary>
internal static class PrecisionExplainer
{
    /// <summary>The plan record of an assignment.</summary>
    public static PrecisionPlan Explain(PlanGraph graph, PrecisionProblem p, int[] choice, IReadOnlyDictionary<int, int> pinned,
        IReadOnlyDictionary<string, double> budgets, IReadOnlyList<BaselinePlan> baselines, SolverReport report)
    {
        var qs = p.Quantizable;
        var free = qs.Select((q, i) => pinned.TryGetValue(i, out int c) ? c
            : Enumerable.Range(0, q.Candidates.Count).OrderBy(c => q.Candidates[c].Omega).ThenBy(c => c).First()).ToArray();
        var binding = PrecisionProblem.Violated(p.Evaluate(free), budgets).Select(Label).ToArray();
        var formats = new SortedDictionary<int, NumericFormat>();
        var ops = new List<OpPrecision>();
        var qOf = qs.Select((q, i) => (q.Node, i)).ToDictionary(x => x.Node, x => x.i);
        foreach (int node in graph.KernelNodes)
        {
            var op = graph.Ops[node];
            if (!qOf.TryGetValue(node, out int q))
            {
                double ns = p.Fixed.FirstOrDefault(f => f.Node == node).LatencyNs;
                string type = op.Results.FirstOrDefault()?.Type is HwOpt.IR.ShapedType s ? s.ElementType.ToString() : "its type";
                ops.Add(new OpPrecision(node, op.Name, NumericFormat.Fp32, Decision.Reject($"not quantizable (no contraction, or no format other than its own can run it): computes in {type}"),
                    0, "n/a", ns, new Dictionary<string, double>(), []));
                continue;
            }
            var n = qs[q];
            var chosen = n.Candidates[choice[q]];
            formats[node] = chosen.Format;
            bool lowered = chosen.Format != NumericFormat.Fp32;
            string lacking = n.Unavailable.Count == 0 ? "" : "; not offered: " + string.Join("; ", n.Unavailable);
            Decision decision;
            if (pinned.ContainsKey(q)) decision = new Decision(lowered, $"{chosen.Format}: pinned by the options{lacking}", []);
            else if (n.Candidates.Count == 1) decision = Decision.Reject($"{chosen.Format}: the only format available{lacking}");
            else if (!lowered && binding.Length == 0) decision = Decision.Reject($"fp32: lowest sensitivity, and the budgets are met without lowering it{lacking}");
            else if (!lowered) decision = Decision.Reject($"fp32: lowering other ops meets the binding budgets ({string.Join(", ", binding)}) at less total sensitivity{lacking}", binding);
            else if (binding.Length == 0) decision = Decision.Accept($"{chosen.Format}: no higher Ω than the wider formats (Ω = {G(chosen.Omega)}){lacking}");
            else decision = Decision.Accept($"{chosen.Format}: lowest total sensitivity meeting the budgets; binding: {string.Join(", ", binding)} (Ω = {G(chosen.Omega)}, {G(chosen.LatencyNs)} ns){lacking}", binding);
            ops.Add(new OpPrecision(node, op.Name, chosen.Format, decision, chosen.Omega, n.SensitivitySource, chosen.LatencyNs,
                n.Candidates.ToDictionary(c => c.Format.Name, c => c.LatencyNs), n.Unavailable));
        }
        return new PrecisionPlan(formats, ops, p.Evaluate(choice), budgets, report, baselines, null);
    }

    /// <summary>Names the budget that cannot be met (each checked alone), or says that they conflict together.</summary>
    public static string WhyInfeasible(PrecisionProblem p, IReadOnlyDictionary<int, int> pinned, IReadOnlyDictionary<string, double> budgets, IMilpSolver solver, PrecisionOptions options)
    {
        var qs = p.Quantizable;
        double MinOf(Func<PrecisionProblem.Candidate, double> measure) =>
            qs.Select((q, i) => pinned.TryGetValue(i, out int c) ? measure(q.Candidates[c]) : q.Candidates.Min(measure)).Sum();
        if (budgets.TryGetValue(PrecisionProblem.Budgets.Size, out double size) && MinOf(c => c.SizeBytes) is var minSize && minSize > size)
            return $"model size budget {Bytes(size)} < smallest achievable {Bytes(minSize)}";
        if (budgets.TryGetValue(PrecisionProblem.Budgets.Bops, out double bops) && MinOf(c => c.Bops) is var minBops && minBops > bops)
            return $"BOPs budget {G(bops)} < smallest achievable {G(minBops)}";
        var latencyModel = new PrecisionMilp(p, pinned, minimizeLatency: true);
        var s = solver.Solve(latencyModel.Model, options.Solver ?? new SolverOptions());
        if (!s.HasSolution) return "the pins and the residual joins (integer inputs of an add must share the format) cannot all hold";
        if (budgets.TryGetValue(PrecisionProblem.Budgets.Latency, out double latency) && s.BestBound > latency)
            return $"latency budget {Ns(latency)} < smallest achievable {Ns(s.BestBound)} (predicted, casts included)";
        return "the budgets cannot all be met together (" + string.Join(", ", budgets.Keys.Select(Label)) + " are each achievable alone)";
    }

    /// <summary>A budget row's name in words.</summary>
    public static string Label(string row) => row switch
    {
        PrecisionProblem.Budgets.Size => "model size",
        PrecisionProblem.Budgets.Bops => "BOPs",
        _ => "latency",
    };

    private static string G(double v) => v.ToString("G4", CultureInfo.InvariantCulture);

    private static string Bytes(double b) => b >= 1e6 ? G(b / 1e6) + " MB" : b >= 1e3 ? G(b / 1e3) + " kB" : G(b) + " B";

    private static string Ns(double ns) => ns >= 1e6 ? G(ns / 1e6) + " ms" : ns >= 1e3 ? G(ns / 1e3) + " µs" : G(ns) + " ns";
}
