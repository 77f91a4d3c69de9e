using System.Globalization;

namespace HwOpt.Planning.Joint;

/// <summary>One kernel of a joint plan.</summary>
/// <param name="Nodes">Its kernel ops (graph node indices), ascending.</param>
/// <param name="KernelId">Id of the outlined kernel.</param>
/// <param name="Format">Format of the kernel (its quantizable ops take it; the others stay fp32).</param>
/// <param name="Device">Device that runs it.</param>
/// <param name="PredictedNs">The device's cost model on the kernel text rewritten to the format, ns.</param>
/// <param name="Reason">Why this group, format and device (one sentence).</param>
public sealed record JointKernel(IReadOnlyList<int> Nodes, string KernelId, string Format, string Device, double PredictedNs, string Reason);

/// <summary>Figures of a joint assignment, all from the same evaluator.</summary>
/// <param name="LatencyNs">The objective: kernels + transfers + casts, executed serially, ns.</param>
/// <param name="KernelNs">Σ predicted kernel latencies, ns.</param>
/// <param name="TransferNs">Σ transfers of edges whose ends run on different devices, ns.</param>
/// <param name="CastNs">Σ casts of edges between kernels whose ends have different formats, ns.</param>
/// <param name="Sensitivity">Σ Ω of the quantizable ops in their formats.</param>
/// <param name="SizeBytes">Σ weight elements × bits / 8 of the quantizable ops, bytes.</param>
/// <param name="EnergyJoules">Kernels at peak power plus link legs at idle power, J.</param>
/// <param name="MakespanNs">Realized makespan of the list schedule over the kernels (<c>PlanEvaluator</c>: devices run concurrently), ns.</param>
/// <param name="WeightBytesPerDevice">Distinct weights read on each device (fp32), bytes, in device order.</param>
/// <param name="Violated">Rows the assignment breaks (<c>budget.sensitivity</c>, <c>budget.size_bytes</c>, <c>budget.energy_j</c>, <c>mem[d]</c>); empty when feasible.</param>
public sealed record JointTotals(
    double LatencyNs, double KernelNs, double TransferNs, double CastNs, double Sensitivity, double SizeBytes, double EnergyJoules,
    double MakespanNs, IReadOnlyList<double> WeightBytesPerDevice, IReadOnlyList<string> Violated);

/// <summary>The row that makes a joint problem infeasible.</summary>
/// <param name="Constraint">Row name: <c>budget.sensitivity</c>, <c>budget.size_bytes</c>, <c>budget.energy_j</c>, <c>mem[h200]</c>, <c>pin[op12]</c>, <c>cover[op3]</c>.</param>
/// <param name="Reason">One sentence.</param>
public sealed record JointConflict(string Constraint, string Reason);

/// <summary>The sequential pipeline (fusion → precision → partition) evaluated with the joint objective.</summary>
/// <param name="Kernels">Its kernels with format and device.</param>
/// <param name="Totals">Its figures (null when a step found no plan).</param>
/// <param name="Representable">True when every kernel (group, format, device) is a variable of the joint MILP, so the joint optimum is ≤ its objective.</param>
/// <param name="Notes">What each step did, and why the plan is not representable when it is not.</param>
public sealed record JointSequential(IReadOnlyList<JointKernel> Kernels, JointTotals? Totals, bool Representable, IReadOnlyList<string> Notes);

/// <summary>The result of <see cref="JointPlanner.Plan"/>.</summary>
/// <param name="Kernels">The kernels, sorted by first node; they cover every kernel node once. Empty when infeasible.</param>
/// <param name="Decisions">Per kernel node: accepted when fused, lowered or moved off the host, with the reason.</param>
/// <param name="Totals">Figures of the plan; null when infeasible.</param>
/// <param name="BestBoundNs">Σ over pieces of the solvers' proven bounds (plus the fixed cross-piece costs), ns.</param>
/// <param name="Gap">(LatencyNs − BestBoundNs) / LatencyNs over all pieces, ≥ 0.</param>
/// <param name="SensitivityBudget">The Σ Ω limit in force.</param>
/// <param name="Solves">One report per piece (<c>joint[piece 0]</c>), then any solves that searched for the infeasible row.</param>
/// <param name="Sequential">The sequential pipeline's plan, evaluated the same way; null when not asked for.</param>
/// <param name="Infeasible">The row that cannot be met, or null.</param>
/// <param name="Notes">Decomposition, candidate caps, fallbacks.</param>
public sealed record JointPlan(
    IReadOnlyList<JointKernel> Kernels, IReadOnlyDictionary<int, Decision> Decisions, JointTotals? Totals, double BestBoundNs, double Gap,
    double SensitivityBudget, IReadOnlyList<SolverReport> Solves, JointSequential? Sequential, JointConflict? Infeasible, IReadOnlyList<string> Notes)
{
    /// <summary>True when the plan has an assignment.</summary>
    public bool HasPlan => Totals is not null;

    /// <summary>One line for reports: <c>joint X ns vs sequential Y ns at the same Ω budget Z</c>.</summary>
    public string Comparison => string.Create(CultureInfo.InvariantCulture,
        $"joint {(Totals is null ? "infeasible" : Totals.LatencyNs.ToString("0.###", CultureInfo.InvariantCulture) + " ns")} vs sequential {(Sequential?.Totals is { } s ? s.LatencyNs.ToString("0.###", CultureInfo.InvariantCulture) + " ns" + (s.Violated.Count > 0 ? " (breaks " + string.Join(", ", s.Violated) + ")" : "") : "n/a")} at the same Ω budget {SensitivityBudget:G4}");
}
