using System.Globalization;
using HwOpt.Planning.Fusion;
using HwOpt.Planning.Milp;

namespace HwOpt.Planning.Joint;

/// <summary>
/// Solves the pieces of a joint problem in topological order (see <see cref="JointPlanner"/>): builds each piece's
/// <see cref="JointMilp"/> with what earlier pieces decided and its share of the budgets, sets the MIP start, cuts
/// group-graph cycles lazily (at most <see cref="FusionOptions.MaxCycleCuts"/> re-solves, as <see cref="FusionMilp"/>),
/// names the row of an infeasible piece (<see cref="JointChecks.Relax"/>), and keeps the start when the solver stops
/// without a plan. Budget share of piece p: left × share_p / Σ_{q ≥ p} share_q, so what a piece does not use passes on.
/// </summary>
internal sealed class PieceSolver
{
    private readonly JointProblem _p;
    private readonly JointBudgets _budgets;
    private readonly Func<int, int, int, bool> _allowed;
    private readonly IMilpSolver _solver;
    private readonly JointOptions _options;
    private readonly int[] _deviceOf;
    private readonly int[] _typeOf;
    private readonly HashSet<(int, int)> _resident = [];
    private readonly double[] _capacityLeft;
    private double _omegaLeft;
    private double? _sizeLeft;
    private double? _energyLeft;

    /// <summary>The outcome of one piece.</summary>
    public sealed record PieceResult(List<JointChoice> Choices, double BoundNs, JointConflict? Conflict, string? Note);

    public PieceSolver(JointProblem p, JointBudgets budgets, Func<int, int, int, bool> allowed, IMilpSolver solver, JointOptions options)
    {
        (_p, _budgets, _allowed, _solver, _options) = (p, budgets, allowed, solver, options);
        _deviceOf = new int[p.Graph.Count];
        Array.Fill(_deviceOf, -1);
        _typeOf = new int[p.Graph.Count];
        _capacityLeft = p.Ops.Devices.Select(d => d.Memory.CapacityBytes).ToArray();
        (_omegaLeft, _sizeLeft, _energyLeft) = (budgets.Sensitivity, budgets.SizeBytes, budgets.EnergyJoules);
    }

    /// <summary>Solves piece <paramref name="piece"/> and records its decisions for the pieces after it.</summary>
    public PieceResult Solve(int piece, List<int> nodes, List<int> groups, (double Omega, double Size, double Energy)[] shares,
        IReadOnlyList<JointChoice>? sequential, List<SolverReport> reports)
    {
        double Part(double left, Func<(double Omega, double Size, double Energy), double> of)
        {
            double rest = shares.Skip(piece).Sum(of);
            return rest <= 0 || piece == shares.Length - 1 ? left : left * of(shares[piece]) / rest;
        }
        var budgets = new JointBudgets(Part(_omegaLeft, s => s.Omega), _sizeLeft is double sl ? Part(sl, s => s.Size) : null,
            _energyLeft is double el ? Part(el, s => s.Energy) : null, _budgets.Memory);
        var context = new PieceContext(_deviceOf, _typeOf, budgets, _capacityLeft, _resident);
        JointMilp Build(ISet<string>? skip) => new(_p, piece, nodes, groups, _allowed, context, skip);
        var m = Build(null);

        var inPiece = new HashSet<int>(nodes);
        var start = sequential?.Where(c => inPiece.Contains(_p.Groups[c.Group][0])).ToList();
        if (start is null || !start.All(m.Contains)) start = Singletons(nodes, m);
        if (start is not null) m.SetStart(start);

        var settings = _options.SolverOrDefault;
        double seconds = 0;
        int cuts = 0;
        string? note = null;
        List<JointChoice> chosen;
        MilpSolution solution;
        while (true)
        {
            solution = _solver.Solve(m.Model, settings);
            seconds += solution.SolveTimeSeconds;
            if (!solution.HasSolution)
            {
                reports.Add(SolverReport.Of(m.Model.Name, m.Model, solution) with { SolveTimeSeconds = seconds });
                if (solution.Status == SolveStatus.Infeasible)
                    return new PieceResult([], double.NaN, JointChecks.Relax(m.Model, skip => Build(skip).Model, _solver, settings, reports), null);
                if (start is null)
                    return new PieceResult([], double.NaN, new JointConflict("solve", $"piece {piece}: the solver stopped ({solution.Status}) without a plan and no start plan meets the pins"), null);
                chosen = start;
                note = F($"piece {piece}: {solution.Status}; kept the start plan of the piece.");
                break;
            }
            chosen = m.Read(solution);
            var cycle = FusionMilp.Cycle(_p.Graph, chosen.Select(c => _p.Groups[c.Group]).ToList());
            if (cycle is { Count: 0 }) cycle = null;
            if (cycle is null) break;
            if (cuts >= _options.Fusion.MaxCycleCuts && start is not null)
            {
                chosen = start;
                note = F($"piece {piece}: {cuts} cycle cuts did not give an acyclic plan; kept the start plan.");
                break;
            }
            m.Cut(++cuts, cycle.Select(i => chosen[i].Group).ToList());
        }
        if (solution.HasSolution) reports.Add(SolverReport.Of(m.Model.Name, m.Model, solution) with { SolveTimeSeconds = seconds });
        Record(nodes, chosen, inPiece);
        double bound = !solution.HasSolution || note is not null ? double.NaN : double.IsNaN(solution.BestBound) ? solution.Objective : solution.BestBound;
        return new PieceResult(chosen, bound, null, note);
    }

    private List<JointChoice>? Singletons(List<int> nodes, JointMilp m)
    {
        var list = new List<JointChoice>();
        foreach (int v in nodes)
        {
            if (!_p.GroupIndex.TryGetValue(JointProblem.Key([v]), out int g)) return null;
            var c = new JointChoice(g, 0, _p.Ops.Host);
            if (!m.Contains(c)) c = JointChecks.Choices(_p, g).Select(x => new JointChoice(g, x.Format, x.Device)).FirstOrDefault(m.Contains, new JointChoice(-1, 0, 0));
            if (c.Group < 0) return null;
            list.Add(c);
        }
        return list;
    }

    private void Record(List<int> nodes, List<JointChoice> chosen, HashSet<int> inPiece)
    {
        var table = _p.Ops;
        double energy = 0;
        foreach (var (g, f, d) in chosen)
        {
            _omegaLeft -= _p.GroupOmega(g, f);
            if (_sizeLeft is not null) _sizeLeft -= _p.GroupSize(g, f);
            energy += _p.Energy(g, f, d);
            foreach (int v in _p.Groups[g])
            {
                _deviceOf[v] = d;
                _typeOf[v] = _p.TypeOf(v, f);
                foreach (int w in table.WeightsRead[table.TaskOfNode(v)])
                    if (_resident.Add((w, d))) _capacityLeft[d] -= table.WeightBytes[w];
            }
        }
        foreach (int v in nodes)
        {
            foreach (int ei in table.InEdges(table.TaskOfNode(v)))
            {
                var e = table.Edges[ei];
                int a = _deviceOf[table.Nodes[e.From]], b = _deviceOf[v];
                if (a >= 0 && a != b) energy += table.LegEnergyJoules(e.Bytes, a) + table.LegEnergyJoules(e.Bytes, b);
            }
        }
        if (_energyLeft is not null) _energyLeft -= energy;
    }

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
