using HwOpt.Planning.Milp;

namespace HwOpt.Planning;

/// <summary>Statistics of one solved MILP, as the report and <c>--json</c> print them (<c>solver: {...}</c>).</summary>
/// <param name="Problem">Which problem (<c>fusion</c>, <c>fusion[piece 3]</c>, <c>precision</c>, <c>partition</c>, <c>joint</c>).</param>
/// <param name="Status">Solve status.</param>
/// <param name="Objective">Objective of the plan returned, in the problem's unit (ns, sensitivity, J, $).</param>
/// <param name="BestBound">Best proven lower bound, same unit.</param>
/// <param name="Gap">Relative gap (0 = proven optimal).</param>
/// <param name="SolveTimeSeconds">Solver wall time, s.</param>
/// <param name="Variables">Columns.</param>
/// <param name="Constraints">Rows.</param>
/// <param name="Nodes">Branch-and-bound nodes.</param>
/// <param name="Solver">Backend and version.</param>
public sealed record SolverReport(
    string Problem, SolveStatus Status, double Objective, double BestBound, double Gap, double SolveTimeSeconds,
    int Variables, int Constraints, long Nodes, string Solver)
{
    /// <summary>The report of a solve of a model.</summary>
    public static SolverReport Of(string problem, MilpModel model, MilpSolution solution) =>
        new(problem, solution.Status, solution.Objective, solution.BestBound, solution.Gap, solution.SolveTimeSeconds,
            model.Variables.Count, model.Constraints.Count, solution.Nodes, solution.Solver);
}

/// <summary>A planner decision with its reason, e.g. <c>Decision.Reject("producer has 2 users outside the group")</c>.</summary>
/// <param name="Accepted">True for a "yes" (fused, lowered precision, moved to a device).</param>
/// <param name="Reason">One sentence saying why.</param>
/// <param name="Binding">Names of the constraints that were binding for it (may be empty).</param>
public sealed record Decision(bool Accepted, string Reason, IReadOnlyList<string> Binding)
{
    /// <summary>A "yes" with its reason.</summary>
    public static Decision Accept(string reason, params string[] binding) => new(true, reason, binding);

    /// <summary>A "no" with its reason.</summary>
    public static Decision Reject(string reason, params string[] binding) => new(false, reason, binding);
}
