namespace HwOpt.Planning.Milp;

/// <summary>What a solve ended with.</summary>
public enum SolveStatus
{
    /// <summary>Proven optimal within the relative gap asked for.</summary>
    Optimal,
    /// <summary>A feasible solution, not proven optimal (time or node limit); see <see cref="MilpSolution.Gap"/>.</summary>
    Feasible,
    /// <summary>Proven that no solution exists.</summary>
    Infeasible,
    /// <summary>The limit was reached before any feasible solution was found.</summary>
    NoSolutionFound,
    /// <summary>The objective is unbounded below.</summary>
    Unbounded,
    /// <summary>The solver failed (numerical trouble, internal error).</summary>
    Error,
}

/// <summary>Solver settings; defaults are deterministic (one thread, fixed seed).</summary>
/// <param name="TimeLimitSeconds">Wall-clock limit, s.</param>
/// <param name="RelativeGap">Stop when (objective − bound) / |objective| ≤ this (e.g. 1e-4).</param>
/// <param name="Threads">Solver threads; 1 keeps runs reproducible.</param>
/// <param name="Seed">Random seed of the solver.</param>
/// <param name="Log">Write the solver's own log to stderr.</param>
/// <param name="MaxNodes">Branch-and-bound node limit: unlike the wall-clock limit, a solve stopped by it is reproducible
/// (one thread, fixed seed), so plans stay byte-identical across runs; <see cref="long.MaxValue"/> for none.</param>
public sealed record SolverOptions(double TimeLimitSeconds = 60, double RelativeGap = 1e-4, int Threads = 1, int Seed = 1, bool Log = false, long MaxNodes = long.MaxValue);

/// <summary>The result of a solve.</summary>
/// <param name="Status">How it ended.</param>
/// <param name="Objective">Objective of the best solution (including the model's offset); NaN without one.</param>
/// <param name="BestBound">Best proven lower bound on the objective (including the offset); NaN when unknown.</param>
/// <param name="Values">Value per variable of the best solution; empty without one.</param>
/// <param name="SolveTimeSeconds">Wall time of the solve, s.</param>
/// <param name="Nodes">Branch-and-bound nodes explored.</param>
/// <param name="Solver">Backend name and version, e.g. <c>CBC 2.10.8</c>.</param>
public sealed record MilpSolution(SolveStatus Status, double Objective, double BestBound, IReadOnlyList<double> Values, double SolveTimeSeconds, long Nodes, string Solver)
{
    /// <summary>True when <see cref="Values"/> holds a feasible solution.</summary>
    public bool HasSolution => Status is SolveStatus.Optimal or SolveStatus.Feasible;

    /// <summary>Relative optimality gap <c>(objective − bound) / max(|objective|, 1e-9)</c>, ≥ 0; 0 when optimal; NaN without a solution.</summary>
    public double Gap => !HasSolution ? double.NaN
        : Status == SolveStatus.Optimal ? 0
        : double.IsNaN(BestBound) ? double.PositiveInfinity
        : Math.Max(0, (Objective - BestBound) / Math.Max(Math.Abs(Objective), 1e-9));

    /// <summary>Value of one variable (0 without a solution).</summary>
    public double this[Variable v] => HasSolution ? Values[v.Index] : 0;

    /// <summary>True when a binary or integer variable is set (value &gt; 0.5).</summary>
    public bool IsSet(Variable v) => this[v] > 0.5;
}

/// <summary>A MILP backend. Implementations: <c>CbcSolver</c> (COIN-OR CBC 2.10 through its C API).</summary>
public interface IMilpSolver
{
    /// <summary>Backend name and version for reports.</summary>
    string Name { get; }

    /// <summary>Solves the model (minimization).</summary>
    /// <param name="model">The model; not changed.</param>
    /// <param name="options">Limits and determinism settings.</param>
    /// <returns>The status, best solution, bound and statistics. Expected outcomes (infeasible, time-out) are results, not exceptions.</returns>
    MilpSolution Solve(MilpModel model, SolverOptions options);
}
