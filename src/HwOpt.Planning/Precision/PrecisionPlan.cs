using HwOpt.Planning.Milp;

namespace HwOpt.Planning.Precision;

/// <summary>Settings of <see cref="PrecisionPlanner.Plan"/>. A budget left null is not a constraint; when both the absolute and the fractional form of a budget are given, the smaller wins.</summary>
/// <param name="SizeBudgetBytes">Largest total weight size of the quantizable ops, bytes (Σ weights × bits / 8).</param>
/// <param name="BopsBudget">Largest Σ FLOPs × b_w × b_a over the quantizable ops (HAWQ-V3's BOPs), bit-operations.</param>
/// <param name="LatencyBudgetNs">Largest predicted latency of the whole model (every kernel plus the casts), ns.</param>
/// <param name="SizeBudgetFraction">Size budget as a fraction of the all-fp32 size (e.g. 0.5).</param>
/// <param name="BopsBudgetFraction">BOPs budget as a fraction of the all-fp32 BOPs.</param>
/// <param name="LatencyBudgetFraction">Latency budget as a fraction of the all-fp32 predicted latency.</param>
/// <param name="Formats">Candidate formats (default: every format of <see cref="NumericFormat.All"/>); each op gets those the device supports.</param>
/// <param name="Pins">Node index → required format.</param>
/// <param name="Sidecar">Per-layer sensitivities and Hessian traces (null: computed from the IR).</param>
/// <param name="QuantizeElementwise">Also lower elementwise ops (float formats only).</param>
/// <param name="Solver">Solver limits (default: 60 s, gap 1e-4, one thread, seed 1).</param>
public sealed record PrecisionOptions(
    double? SizeBudgetBytes = null, double? BopsBudget = null, double? LatencyBudgetNs = null,
    double? SizeBudgetFraction = null, double? BopsBudgetFraction = null, double? LatencyBudgetFraction = null,
    IReadOnlyList<NumericFormat>? Formats = null, IReadOnlyDictionary<int, NumericFormat>? Pins = null,
    SensitivitySidecar? Sidecar = null, bool QuantizeElementwise = false, SolverOptions? Solver = null);

/// <summary>Totals of an assignment of formats, all from the same evaluator.</summary>
/// <param name="SizeBytes">Σ weight elements × bits / 8 over the quantizable ops, bytes.</param>
/// <param name="Bops">Σ FLOPs × b_w × b_a over the quantizable ops.</param>
/// <param name="LatencyNs">Predicted latency of every kernel in its format plus the casts, ns.</param>
/// <param name="CastLatencyNs">The part of <paramref name="LatencyNs"/> spent in casts at precision boundaries, ns.</param>
/// <param name="Sensitivity">Σ Ω.</param>
public sealed record PrecisionTotals(double SizeBytes, double Bops, double LatencyNs, double CastLatencyNs, double Sensitivity);

/// <summary>The precision of one kernel node.</summary>
/// <param name="Node">Node index in the <see cref="PlanGraph"/>.</param>
/// <param name="OpName">The op.</param>
/// <param name="Format">Format chosen (fp32 for ops that are not quantizable and keep their f32 type).</param>
/// <param name="Decision">Accepted when the precision was lowered; the reason says why this format.</param>
/// <param name="Sensitivity">Ω in the chosen format.</param>
/// <param name="SensitivitySource">Where Ω came from (sidecar, weights, default proxy).</param>
/// <param name="LatencyNs">Predicted latency of the op's kernel in the chosen format, ns.</param>
/// <param name="LatencyNsByFormat">Predicted latency per candidate format name, ns.</param>
/// <param name="Unavailable">Formats not offered for the op, each with why (device lacks it, kernel cannot be written).</param>
public sealed record OpPrecision(
    int Node, string OpName, NumericFormat Format, Decision Decision, double Sensitivity, string SensitivitySource,
    double LatencyNs, IReadOnlyDictionary<string, double> LatencyNsByFormat, IReadOnlyList<string> Unavailable);

/// <summary>A uniform assignment evaluated like the plan.</summary>
/// <param name="Name"><c>uniform fp32</c>, <c>uniform bf16</c>, <c>uniform int8</c>.</param>
/// <param name="Totals">Its totals.</param>
/// <param name="Violated">Budgets it does not meet (empty when it is feasible).</param>
/// <param name="Note">Ops that could not take the format and stayed fp32, if any.</param>
public sealed record BaselinePlan(string Name, PrecisionTotals Totals, IReadOnlyList<string> Violated, string Note);

/// <summary>The result of mixed-precision planning.</summary>
/// <param name="Formats">Format per kernel node (node index → format); empty when infeasible.</param>
/// <param name="Ops">Per kernel node: format, reason, sensitivity, latency.</param>
/// <param name="Totals">Totals of the plan (null when infeasible).</param>
/// <param name="Budgets">Effective budgets by row name (<c>budget.size_bytes</c>, <c>budget.bops</c>, <c>budget.latency_ns</c>).</param>
/// <param name="Solver">Statistics of the MILP solve (null when no solve ran).</param>
/// <param name="Baselines">Uniform fp32 / bf16 / int8 assignments, where the device supports them.</param>
/// <param name="Infeasible">Why no plan exists (e.g. <c>model size budget 10 MB &lt; smallest achievable 12.3 MB</c>); null when a plan was found.</param>
public sealed record PrecisionPlan(
    IReadOnlyDictionary<int, NumericFormat> Formats, IReadOnlyList<OpPrecision> Ops, PrecisionTotals? Totals,
    IReadOnlyDictionary<string, double> Budgets, SolverReport? Solver, IReadOnlyList<BaselinePlan> Baselines, string? Infeasible);
