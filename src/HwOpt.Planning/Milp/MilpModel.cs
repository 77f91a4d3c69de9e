using System.Globalization;

namespace HwOpt.Planning.Milp;

/// <summary>The kind of a decision variable.</summary>
public enum VariableKind
{
    /// <summary>Real-valued within its bounds.</summary>
    Continuous,
    /// <summary>Integer-valued within its bounds.</summary>
    Integer,
    /// <summary>Integer in [0, 1].</summary>
    Binary,
}

/// <summary>A handle on a variable of one <see cref="MilpModel"/>: its column index.</summary>
/// <param name="Index">Column index, 0-based, in the order the variables were added.</param>
public readonly record struct Variable(int Index);

/// <summary>A column of the model.</summary>
/// <param name="Name">Unique name (LP/MPS export and diagnostics); letters, digits and <c>_ . [ ]</c>.</param>
/// <param name="Kind">Continuous, integer or binary.</param>
/// <param name="Lower">Lower bound (may be <see cref="double.NegativeInfinity"/>).</param>
/// <param name="Upper">Upper bound (may be <see cref="double.PositiveInfinity"/>).</param>
/// <param name="Objective">Objective coefficient (the model minimizes).</param>
public sealed record VariableInfo(string Name, VariableKind Kind, double Lower, double Upper, double Objective);

/// <summary>A row of the model: <c>Lower ≤ Σ coefficient·variable ≤ Upper</c>.</summary>
/// <param name="Name">Unique name; planners name rows after what they mean (<c>cover[op12]</c>, <c>mem[gpu]</c>) so that an infeasible budget can be reported by name.</param>
/// <param name="Terms">Coefficients by variable; a variable appears at most once.</param>
/// <param name="Lower">Lower bound (<see cref="double.NegativeInfinity"/> for ≤ rows).</param>
/// <param name="Upper">Upper bound (<see cref="double.PositiveInfinity"/> for ≥ rows).</param>
public sealed record Constraint(string Name, IReadOnlyList<(Variable Var, double Coef)> Terms, double Lower, double Upper);

/// <summary>
/// A solver-neutral mixed-integer linear program: minimize <c>cᵀx + c₀</c> subject to row bounds
/// <c>l ≤ Ax ≤ u</c>, column bounds and integrality. Planners build it; an <see cref="IMilpSolver"/> (CBC in
/// <c>HwOpt.Planning.Cbc</c>) solves it. Variables and constraints keep insertion order, so the same planner input
/// gives the same model, row for row (deterministic solves).
/// </summary>
public sealed class MilpModel
{
    private readonly List<VariableInfo> _variables = [];
    private readonly List<Constraint> _constraints = [];
    private readonly Dictionary<string, int> _names = new(StringComparer.Ordinal);

    /// <summary>Model name (LP export header).</summary>
    public string Name { get; }

    /// <summary>Constant added to the objective (does not change the optimum; kept so reported objectives are in the planner's units).</summary>
    public double ObjectiveOffset { get; set; }

    /// <summary>Columns in insertion order.</summary>
    public IReadOnlyList<VariableInfo> Variables => _variables;

    /// <summary>Rows in insertion order.</summary>
    public IReadOnlyList<Constraint> Constraints => _constraints;

    /// <summary>A starting solution (value per variable index) handed to the solver as a MIP start; null for none.</summary>
    public IReadOnlyDictionary<int, double>? MipStart { get; private set; }

    /// <summary>Creates an empty model.</summary>
    /// <param name="name">Model name.</param>
    public MilpModel(string name) => Name = name;

    /// <summary>Adds a binary variable.</summary>
    /// <param name="name">Unique name.</param>
    /// <param name="objective">Objective coefficient.</param>
    /// <exception cref="ArgumentException">The name is already used.</exception>
    public Variable AddBinary(string name, double objective = 0) => AddVariable(name, VariableKind.Binary, 0, 1, objective);

    /// <summary>Adds a continuous variable.</summary>
    /// <param name="name">Unique name.</param>
    /// <param name="lower">Lower bound.</param>
    /// <param name="upper">Upper bound.</param>
    /// <param name="objective">Objective coefficient.</param>
    /// <exception cref="ArgumentException">The name is already used, or lower &gt; upper.</exception>
    public Variable AddContinuous(string name, double lower = 0, double upper = double.PositiveInfinity, double objective = 0) =>
        AddVariable(name, VariableKind.Continuous, lower, upper, objective);

    /// <summary>Adds a variable.</summary>
    /// <param name="name">Unique name.</param>
    /// <param name="kind">Kind.</param>
    /// <param name="lower">Lower bound.</param>
    /// <param name="upper">Upper bound.</param>
    /// <param name="objective">Objective coefficient.</param>
    /// <exception cref="ArgumentException">The name is already used, lower &gt; upper, or a coefficient is not finite.</exception>
    public Variable AddVariable(string name, VariableKind kind, double lower, double upper, double objective)
    {
        if (lower > upper) throw new ArgumentException($"variable {name}: lower bound {lower} > upper bound {upper}");
        if (!double.IsFinite(objective)) throw new ArgumentException($"variable {name}: objective coefficient {objective} is not finite");
        Claim(name);
        _variables.Add(new VariableInfo(name, kind, lower, upper, objective));
        return new Variable(_variables.Count - 1);
    }

    /// <summary>Sets a variable's objective coefficient.</summary>
    public void SetObjective(Variable v, double coefficient)
    {
        if (!double.IsFinite(coefficient)) throw new ArgumentException($"variable {_variables[v.Index].Name}: objective coefficient {coefficient} is not finite");
        _variables[v.Index] = _variables[v.Index] with { Objective = coefficient };
    }

    /// <summary>Adds <c>lower ≤ Σ terms ≤ upper</c>. Terms naming the same variable are summed; zero terms dropped.</summary>
    /// <param name="name">Unique row name.</param>
    /// <param name="terms">Coefficients.</param>
    /// <param name="lower">Lower bound.</param>
    /// <param name="upper">Upper bound.</param>
    /// <exception cref="ArgumentException">The name is used, a coefficient is not finite, or a variable is foreign.</exception>
    public Constraint AddConstraint(string name, IEnumerable<(Variable Var, double Coef)> terms, double lower, double upper)
    {
        var merged = new SortedDictionary<int, double>();
        foreach (var (v, c) in terms)
        {
            if ((uint)v.Index >= (uint)_variables.Count) throw new ArgumentException($"row {name}: variable {v.Index} is not in this model");
            if (!double.IsFinite(c)) throw new ArgumentException($"row {name}: coefficient {c} of {_variables[v.Index].Name} is not finite");
            merged[v.Index] = merged.GetValueOrDefault(v.Index) + c;
        }
        if (lower > upper) throw new ArgumentException($"row {name}: lower bound {lower} > upper bound {upper}");
        Claim(name);
        var row = new Constraint(name, merged.Where(kv => kv.Value != 0).Select(kv => (new Variable(kv.Key), kv.Value)).ToList(), lower, upper);
        _constraints.Add(row);
        return row;
    }

    /// <summary>Adds <c>Σ terms ≤ upper</c>.</summary>
    public Constraint AddLessOrEqual(string name, IEnumerable<(Variable Var, double Coef)> terms, double upper) =>
        AddConstraint(name, terms, double.NegativeInfinity, upper);

    /// <summary>Adds <c>Σ terms ≥ lower</c>.</summary>
    public Constraint AddGreaterOrEqual(string name, IEnumerable<(Variable Var, double Coef)> terms, double lower) =>
        AddConstraint(name, terms, lower, double.PositiveInfinity);

    /// <summary>Adds <c>Σ terms = value</c>.</summary>
    public Constraint AddEqual(string name, IEnumerable<(Variable Var, double Coef)> terms, double value) =>
        AddConstraint(name, terms, value, value);

    /// <summary>Sets the MIP start (e.g. a greedy plan); variables not named start at 0.</summary>
    /// <param name="values">Value per variable.</param>
    public void SetMipStart(IEnumerable<(Variable Var, double Value)> values) =>
        MipStart = values.ToDictionary(p => p.Var.Index, p => p.Value);

    /// <summary>The objective <c>cᵀx + c₀</c> of a full assignment.</summary>
    /// <param name="values">Value per variable index.</param>
    public double Evaluate(IReadOnlyList<double> values)
    {
        double sum = ObjectiveOffset;
        for (int i = 0; i < _variables.Count; i++) sum += _variables[i].Objective * values[i];
        return sum;
    }

    /// <summary>The rows an assignment violates by more than <paramref name="tolerance"/> (absolute), and any integrality or bound violation.</summary>
    /// <param name="values">Value per variable index.</param>
    /// <param name="tolerance">Absolute tolerance.</param>
    /// <returns>Names of violated rows and columns; empty when feasible.</returns>
    public IReadOnlyList<string> Violations(IReadOnlyList<double> values, double tolerance = 1e-6)
    {
        var bad = new List<string>();
        for (int i = 0; i < _variables.Count; i++)
        {
            var v = _variables[i];
            double x = values[i];
            if (x < v.Lower - tolerance || x > v.Upper + tolerance || (v.Kind != VariableKind.Continuous && Math.Abs(x - Math.Round(x)) > tolerance)) bad.Add(v.Name);
        }
        foreach (var row in _constraints)
        {
            double a = 0;
            foreach (var (v, c) in row.Terms) a += c * values[v.Index];
            double scale = Math.Max(1, Math.Max(Math.Abs(row.Lower) is var l && double.IsFinite(l) ? l : 0, Math.Abs(row.Upper) is var u && double.IsFinite(u) ? u : 0));
            if (a < row.Lower - tolerance * scale || a > row.Upper + tolerance * scale) bad.Add(row.Name);
        }
        return bad;
    }

    /// <summary>Number of integer and binary columns.</summary>
    public int IntegerCount => _variables.Count(v => v.Kind != VariableKind.Continuous);

    private void Claim(string name)
    {
        if (string.IsNullOrEmpty(name)) throw new ArgumentException("empty name");
        if (!_names.TryAdd(name, _names.Count)) throw new ArgumentException($"name '{name}' is used twice in model {Name}");
    }

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Name}: {_variables.Count} variables ({IntegerCount} integer), {_constraints.Count} constraints");
}
