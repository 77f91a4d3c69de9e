using HwOpt.Planning.Milp;

namespace HwOpt.Planning.Partitioning;

/// <summary>A comparison plan, evaluated by the same evaluator as the MILP plan.</summary>
/// <param name="Name"><c>single:h200</c> (every kernel on one device, unsupported ones on the host) or <c>greedy:h200&gt;host-cpu</c> (ORT-style: first device in the order that can run it).</param>
/// <param name="DevicePerTask">Device index per task.</param>
/// <param name="Evaluation">Its figures.</param>
public sealed record BaselinePlan(string Name, IReadOnlyList<int> DevicePerTask, PlanEvaluation Evaluation);

/// <summary>The constraint that makes a partitioning problem infeasible.</summary>
/// <param name="Constraint">Row name, e.g. <c>mem[edge-npu]</c>, <c>pin[op12]</c>, <c>assign[op3]</c>.</param>
/// <param name="Reason">One sentence.</param>
public sealed record PartitionConflict(string Constraint, string Reason);

/// <summary>The result of <see cref="PartitionPlanner.Plan(PlanGraph, DeviceCostTable, IMilpSolver, PartitionOptions)"/>.</summary>
/// <param name="Objective">What was minimized.</param>
/// <param name="Status">Solver status (<see cref="SolveStatus.Infeasible"/> with <paramref name="Conflict"/> when a constraint cannot be met).</param>
/// <param name="Devices">Device names, in the table's order.</param>
/// <param name="DevicePerNode">Device name per graph node (non-kernel nodes follow their first kernel user, else the host); empty when infeasible.</param>
/// <param name="Decisions">Per graph node: accepted when placed off the host, with the reason; empty when infeasible.</param>
/// <param name="Evaluation">Figures of the plan (realized makespan, bound, energy, price, memory); null when infeasible.</param>
/// <param name="MilpObjective">The MILP's objective in the objective's unit: for latency the makespan <em>bound</em> model (critical path vs. device and link load), ns; NaN without a solution.</param>
/// <param name="MilpBestBound">The solver's proven lower bound on <paramref name="MilpObjective"/>, same unit.</param>
/// <param name="Solver">One report per solve (the plan, then any conflict-search solves).</param>
/// <param name="Baselines">Single-device plans and the greedy plan.</param>
/// <param name="Conflict">The constraint that cannot be met, or null.</param>
/// <param name="Source">Where the assignment comes from: <c>milp (priority: …)</c>, or a baseline's name when it realizes a shorter schedule than the MILP assignment (latency only); empty when infeasible.</param>
public sealed record PartitionPlan(
    PartitionObjective Objective, SolveStatus Status, IReadOnlyList<string> Devices, IReadOnlyList<string> DevicePerNode,
    IReadOnlyList<Decision> Decisions, PlanEvaluation? Evaluation, double MilpObjective, double MilpBestBound,
    IReadOnlyList<SolverReport> Solver, IReadOnlyList<BaselinePlan> Baselines, PartitionConflict? Conflict, string Source = "")
{
    /// <summary>True when the plan has an assignment.</summary>
    public bool HasPlan => Evaluation is not null;

    /// <summary>The best single-device baseline that fits memory (else the best one) by the objective's user figure, or null.</summary>
    public BaselinePlan? BestSingleDevice => Baselines.Where(b => b.Name.StartsWith("single:", StringComparison.Ordinal))
        .OrderBy(b => b.Evaluation.FitsMemory ? 0 : 1).ThenBy(b => b.Evaluation.Value(Objective)).FirstOrDefault();
}
