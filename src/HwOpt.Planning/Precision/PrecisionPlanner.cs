using System.Globalization;
using HwOpt.CostModel;
using HwOpt.CostModel.Devices;
using HwOpt.Planning.Milp;

namespace HwOpt.Planning.Precision;

/// <summary>
/// Mixed-precision bit allocation as an integer program, after HAWQ-V3 (Yao et al. 2021, "HAWQ-V3: Dyadic Neural
/// Network Quantization", ICML; the ILP of §3.4):
/// <code>
/// minimize   Σ_op Σ_f Ω[op,f] · x[op,f]                      (Ω: Tr(H)/n · ‖Q_f(W) − W‖², see Sensitivity)
/// subject to Σ_f x[op,f] = 1                                 cover[op]
///            Σ bytes(W_op) · bits_f / 8 · x ≤ size budget    budget.size_bytes
///            Σ FLOPs_op · b_w · b_a · x    ≤ BOPs budget     budget.bops  (HAWQ-V3's BOPs)
///            Σ latency[op,f] · x + Σ cast costs + fixed ≤ latency budget   budget.latency_ns
///            y[e,f,g] ≥ x[u,f] + x[v,g] − 1                  cast[e.f.g]  (edge u→v between two lowered ops; y ∈ [0,1])
///            x[a,f] = x[b,f] for integer f                   join[node].f (residual adds: int inputs agree)
///            x[op,f] = 1                                     pin[op]
/// </code>
/// latency[op,f] is the cost model's prediction on the op's kernel rewritten to f (<see cref="FormatRewriter"/>);
/// casts are linear in x when one side is fixed, and use the linearized product y otherwise (y only appears in a ≤
/// row, so its lower bound is tight at an optimum). When the solver finds no plan, each budget is checked alone
/// (size and BOPs: Σ of per-op minima; latency: the same MILP minimizing latency) and the first that cannot be met is
/// named. Determinism: rows and columns in node order, formats widest first, the solver's seed and threads fixed;
/// the best feasible uniform baseline is the MIP start.
/// </summary>
public static class PrecisionPlanner
{
    /// <summary>Plans the format of every quantizable op.</summary>
    /// <param name="graph">The model.</param>
    /// <param name="model">Cost model for kernel and cast latencies.</param>
    /// <param name="device">The device (which formats it computes in).</param>
    /// <param name="solver">MILP backend (<c>CbcSolver</c>).</param>
    /// <param name="options">Budgets, candidate formats, pins, sidecar.</param>
    /// <returns>The plan; an unmeetable budget is a result (<see cref="PrecisionPlan.Infeasible"/>), not an exception.</returns>
    public static PrecisionPlan Plan(PlanGraph graph, ICostModel model, DeviceProfile device, IMilpSolver solver, PrecisionOptions options)
    {
        var problem = PrecisionProblem.Build(graph, model, device, options);
        return Solve(problem, graph, solver, options);
    }

    internal static PrecisionPlan Solve(PrecisionProblem p, PlanGraph graph, IMilpSolver solver, PrecisionOptions options)
    {
        var qs = p.Quantizable;
        var fp32 = qs.Select(q => Math.Max(0, q.IndexOf(NumericFormat.Fp32))).ToArray();
        var reference = p.Evaluate(fp32);
        var budgets = EffectiveBudgets(options, reference);
        var baselines = Baselines(p, budgets);

        // Pins.
        var pinned = new Dictionary<int, int>();
        foreach (var (node, format) in options.Pins ?? new Dictionary<int, NumericFormat>())
        {
            int q = qs.ToList().FindIndex(x => x.Node == node);
            int c = q < 0 ? -1 : qs[q].IndexOf(format);
            if (c < 0)
            {
                string why = q < 0 ? $"node {node} ({graph.Ops[node].Name}) is not a quantizable kernel"
                    : $"node {node} cannot take {format}: {qs[q].Unavailable.FirstOrDefault(u => u.StartsWith(format.Name + ":", StringComparison.Ordinal)) ?? "not a candidate"}";
                return Empty(graph, p, budgets, baselines, null, $"pin {node} → {format}: {why}");
            }
            pinned[q] = c;
        }

        var m = new PrecisionMilp(p, pinned);
        m.AddBudgets(budgets);
        var start = baselines.Zip(BaselineChoices(p))
            .Where(b => b.First.Violated.Count == 0 && p.JoinsHold(b.Second) && pinned.All(kv => b.Second[kv.Key] == kv.Value))
            .OrderBy(b => b.First.Totals.Sensitivity).Select(b => b.Second).FirstOrDefault();
        if (start is not null) m.SetStart(start);
        var solution = solver.Solve(m.Model, options.Solver ?? new SolverOptions());
        var scaled = SolverReport.Of("precision", m.Model, solution);
        var report = scaled with { Objective = scaled.Objective / m.ObjectiveScale, BestBound = scaled.BestBound / m.ObjectiveScale };
        if (!solution.HasSolution)
        {
            string why = solution.Status == SolveStatus.Infeasible
                ? PrecisionExplainer.WhyInfeasible(p, pinned, budgets, solver, options)
                : $"the solver stopped without a plan ({solution.Status})";
            return Empty(graph, p, budgets, baselines, report, why);
        }
        var choice = m.Read(solution);
        return PrecisionExplainer.Explain(graph, p, choice, pinned, budgets, baselines, report);
    }

    private static PrecisionPlan Empty(PlanGraph graph, PrecisionProblem p, IReadOnlyDictionary<string, double> budgets, IReadOnlyList<BaselinePlan> baselines, SolverReport? report, string why) =>
        new(new Dictionary<int, NumericFormat>(), [], null, budgets, report, baselines, why);

    /// <summary>Budget rows in force: the smaller of the absolute and the fractional (× all-fp32 total) form.</summary>
    internal static IReadOnlyDictionary<string, double> EffectiveBudgets(PrecisionOptions o, PrecisionTotals fp32)
    {
        var b = new SortedDictionary<string, double>(StringComparer.Ordinal);
        void Add(string name, double? absolute, double? fraction, double total)
        {
            double limit = Math.Min(absolute ?? double.PositiveInfinity, fraction is double f ? f * total : double.PositiveInfinity);
            if (double.IsFinite(limit)) b[name] = limit;
        }
        Add(PrecisionProblem.Budgets.Size, o.SizeBudgetBytes, o.SizeBudgetFraction, fp32.SizeBytes);
        Add(PrecisionProblem.Budgets.Bops, o.BopsBudget, o.BopsBudgetFraction, fp32.Bops);
        Add(PrecisionProblem.Budgets.Latency, o.LatencyBudgetNs, o.LatencyBudgetFraction, fp32.LatencyNs);
        return b;
    }

    /// <summary>Uniform assignments: fp32, bf16, int8 (ops that cannot take the format keep fp32).</summary>
    internal static IReadOnlyList<int[]> BaselineChoices(PrecisionProblem p) =>
        BaselineFormats.Select(f => p.Quantizable.Select(q => q.IndexOf(f) is int c and >= 0 ? c : Math.Max(0, q.IndexOf(NumericFormat.Fp32))).ToArray()).ToList();

    private static readonly NumericFormat[] BaselineFormats = [NumericFormat.Fp32, NumericFormat.Bf16, NumericFormat.Int8];

    private static IReadOnlyList<BaselinePlan> Baselines(PrecisionProblem p, IReadOnlyDictionary<string, double> budgets)
    {
        var list = new List<BaselinePlan>();
        foreach (var (f, choice) in BaselineFormats.Zip(BaselineChoices(p)))
        {
            int missing = p.Quantizable.Count(q => q.IndexOf(f) < 0);
            var t = p.Evaluate(choice);
            var violated = PrecisionProblem.Violated(t, budgets).ToList();
            if (!p.JoinsHold(choice)) violated.Add("join");
            string note = missing == 0 ? "" : string.Create(CultureInfo.InvariantCulture, $"{missing} of {p.Quantizable.Count} ops cannot take {f} and stay fp32");
            list.Add(new BaselinePlan("uniform " + f.Name, t, violated, note));
        }
        return list;
    }
}
