using System.Globalization;
using HwOpt.Planning.Milp;

namespace HwOpt.Planning.Precision;

/// <summary>
/// The MILP of <see cref="PrecisionPlanner"/> for one <see cref="PrecisionProblem"/>: columns <c>x[n12.int8]</c>
/// (binary, objective Ω) and <c>y[n3.n7.int8.bf16]</c> (continuous [0, 1], cast of an edge between two lowered ops);
/// rows <c>cover[n12]</c>, <c>pin[n12]</c>, <c>cast[...]</c>, <c>join[n40].int8</c> and the budget rows, whose
/// constant parts (fixed kernels' latency) are moved to the right-hand side.
/// </summary>
internal sealed class PrecisionMilp
{
    private readonly PrecisionProblem _p;
    private readonly Variable[][] _x;
    private readonly List<(int Pair, int F, int G, Variable Y)> _y = [];

    /// <summary>The model.</summary>
    public MilpModel Model { get; } = new("precision");

    /// <summary>
    /// Factor the Ω objective is multiplied by in the model: Ω values are often 1e-9 … 1e-3, below the solver's
    /// absolute tolerances, so the largest coefficient is scaled to 1e4 (reports divide it back out).
    /// </summary>
    public double ObjectiveScale { get; }

    /// <summary>Builds the covering, pin, cast-linking and join rows; objective Σ Ω x (or Σ latency x with <paramref name="minimizeLatency"/>).</summary>
    public PrecisionMilp(PrecisionProblem p, IReadOnlyDictionary<int, int> pinned, bool minimizeLatency = false)
    {
        _p = p;
        double maxOmega = p.Quantizable.SelectMany(q => q.Candidates).Select(c => c.Omega).DefaultIfEmpty(0).Max();
        ObjectiveScale = minimizeLatency || maxOmega <= 0 ? 1 : 1e4 / maxOmega;
        var qs = p.Quantizable;
        _x = new Variable[qs.Count][];
        for (int q = 0; q < qs.Count; q++)
        {
            var n = qs[q];
            _x[q] = n.Candidates.Select(c => Model.AddBinary($"x[n{n.Node}.{c.Format.Name}]", minimizeLatency ? c.LatencyNs : c.Omega * ObjectiveScale)).ToArray();
            Model.AddEqual($"cover[n{n.Node}]", _x[q].Select(v => (v, 1.0)), 1);
            if (pinned.TryGetValue(q, out int c)) Model.AddEqual($"pin[n{n.Node}]", [(_x[q][c], 1.0)], 1);
        }
        for (int e = 0; e < p.PairCasts.Count; e++)
        {
            var pc = p.PairCasts[e];
            string edge = $"e{e}.n{qs[pc.From].Node}.n{qs[pc.To].Node}";
            for (int f = 0; f < pc.CostNs.GetLength(0); f++)
            {
                for (int g = 0; g < pc.CostNs.GetLength(1); g++)
                {
                    if (pc.CostNs[f, g] <= 0) continue;
                    string tag = $"{edge}.{qs[pc.From].Candidates[f].Format.Name}.{qs[pc.To].Candidates[g].Format.Name}";
                    var y = Model.AddContinuous($"y[{tag}]", 0, 1, minimizeLatency ? pc.CostNs[f, g] : 0);
                    Model.AddGreaterOrEqual($"cast[{tag}]", [(y, 1.0), (_x[pc.From][f], -1.0), (_x[pc.To][g], -1.0)], -1);
                    _y.Add((e, f, g, y));
                }
            }
        }
        if (minimizeLatency)
        {
            foreach (var fc in p.FixedCasts)
                for (int c = 0; c < fc.CostNs.Length; c++)
                    Model.SetObjective(_x[fc.Q][c], Model.Variables[_x[fc.Q][c].Index].Objective + fc.CostNs[c]);
            Model.ObjectiveOffset = p.FixedLatencyNs;
        }
        foreach (var j in p.Joins)
        {
            var integer = j.Producers.OfType<int>().SelectMany(q => qs[q].Candidates.Select(c => c.Format)).Where(f => f.IsInteger).Distinct().ToList();
            foreach (var f in integer)
            {
                var first = j.Producers[0];
                for (int k = 1; k < j.Producers.Count; k++)
                {
                    var terms = new List<(Variable, double)>();
                    if (first is int a && qs[a].IndexOf(f) is int ca and >= 0) terms.Add((_x[a][ca], 1.0));
                    if (j.Producers[k] is int b && qs[b].IndexOf(f) is int cb and >= 0) terms.Add((_x[b][cb], -1.0));
                    if (terms.Count > 0 && !(terms.Count == 2 && terms[0].Item1 == terms[1].Item1))
                        Model.AddEqual(string.Create(CultureInfo.InvariantCulture, $"join[n{j.Node}].{f.Name}.{k}"), terms, 0);
                }
            }
        }
    }

    /// <summary>Adds one ≤ row per budget.</summary>
    public void AddBudgets(IReadOnlyDictionary<string, double> budgets)
    {
        var qs = _p.Quantizable;
        foreach (var (name, limit) in budgets)
        {
            var terms = new List<(Variable, double)>();
            double constant = 0;
            for (int q = 0; q < qs.Count; q++)
            {
                for (int c = 0; c < qs[q].Candidates.Count; c++)
                {
                    var cand = qs[q].Candidates[c];
                    terms.Add((_x[q][c], name switch
                    {
                        PrecisionProblem.Budgets.Size => cand.SizeBytes,
                        PrecisionProblem.Budgets.Bops => cand.Bops,
                        _ => cand.LatencyNs,
                    }));
                }
            }
            if (name == PrecisionProblem.Budgets.Latency)
            {
                constant = _p.FixedLatencyNs;
                foreach (var fc in _p.FixedCasts)
                    for (int c = 0; c < fc.CostNs.Length; c++) terms.Add((_x[fc.Q][c], fc.CostNs[c]));
                foreach (var (pair, f, g, y) in _y) terms.Add((y, _p.PairCasts[pair].CostNs[f, g]));
            }
            Model.AddLessOrEqual(name, terms, limit - constant);
        }
    }

    /// <summary>
    /// Adds <c>budget.sensitivity: Σ Ω[op,f] · x[op,f] ≤ limit</c> (used by the joint planner's sequential comparison,
    /// which minimizes latency at a sensitivity budget). The row is divided by max(limit, max Ω) so that tiny Ω values
    /// stay above the solver's tolerances.
    /// </summary>
    public void AddSensitivityBudget(double limit)
    {
        var qs = _p.Quantizable;
        double maxOmega = qs.SelectMany(q => q.Candidates).Select(c => c.Omega).DefaultIfEmpty(0).Max();
        double scale = Math.Max(limit, maxOmega) is var m && m > 0 ? 1 / m : 1;
        var terms = new List<(Variable, double)>();
        for (int q = 0; q < qs.Count; q++)
            for (int c = 0; c < qs[q].Candidates.Count; c++) terms.Add((_x[q][c], qs[q].Candidates[c].Omega * scale));
        Model.AddLessOrEqual("budget.sensitivity", terms, limit * scale);
    }

    /// <summary>Sets the MIP start to an assignment (y = the product of its x).</summary>
    public void SetStart(IReadOnlyList<int> choice)
    {
        var values = new List<(Variable, double)>();
        for (int q = 0; q < _x.Length; q++)
            for (int c = 0; c < _x[q].Length; c++) values.Add((_x[q][c], c == choice[q] ? 1 : 0));
        foreach (var (pair, f, g, y) in _y)
        {
            var pc = _p.PairCasts[pair];
            values.Add((y, choice[pc.From] == f && choice[pc.To] == g ? 1 : 0));
        }
        Model.SetMipStart(values);
    }

    /// <summary>The assignment of a solution (the candidate with the largest x per op; ties: the wider format).</summary>
    public int[] Read(MilpSolution s) =>
        _x.Select(row => Enumerable.Range(0, row.Length).OrderByDescending(c => s[row[c]]).ThenBy(c => c).First()).ToArray();
}
