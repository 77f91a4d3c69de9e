using System.Globalization;
using HwOpt.Planning.Fusion;
using HwOpt.Planning.Milp;

namespace HwOpt.Planning.Joint;

/// <summary>What one piece inherits from the pieces solved before it and what it may spend.</summary>
/// <param name="DeviceOf">Device of each node decided by an earlier piece (−1 otherwise).</param>
/// <param name="TypeOf">Format index of each node decided by an earlier piece.</param>
/// <param name="Budgets">The piece's share of the budgets.</param>
/// <param name="CapacityLeft">Per device, capacity left after the weights earlier pieces put there, bytes.</param>
/// <param name="Resident">(weight, device) pairs already resident (counted once).</param>
internal sealed record PieceContext(int[] DeviceOf, int[] TypeOf, JointBudgets Budgets, double[] CapacityLeft, HashSet<(int, int)> Resident);

/// <summary>
/// The joint MILP of one piece (see <see cref="JointPlanner"/> for the formulation). Columns <c>x[3_4.bf16.d1]</c>
/// (binary: group, format, device), <c>y[e7.d1]</c> (edge crosses device 1's link), <c>cast[e7.d1]</c> (format change
/// between kernels, consumer on device 1), <c>z[w2.d1]</c> (weight resident on device 1); rows <c>cover[opN]</c>, <c>mutual[A.B]</c>,
/// <c>cycle[k]</c>, <c>link[e7.d1].a/b</c>, <c>cast[e7.d1].f</c>, <c>res[w2.d1.opN]</c>, <c>mem[dev]</c> and the budget rows.
/// Group-graph cycles are cut lazily exactly as in <see cref="FusionMilp"/> (same pair rows, same cycle search).
/// </summary>
internal sealed class JointMilp
{
    private readonly JointProblem _p;
    private readonly List<(JointChoice C, Variable V)> _x = [];
    private readonly List<(Variable V, Func<int[], int[], int[], double> Value)> _aux = [];
    private readonly int[] _groups;

    /// <summary>The model.</summary>
    public MilpModel Model { get; }

    /// <summary>Builds the model of a piece.</summary>
    /// <param name="p">The problem.</param>
    /// <param name="piece">Piece number.</param>
    /// <param name="pieceNodes">Kernel nodes of the piece, topological order.</param>
    /// <param name="groups">Candidate groups of the piece (indices into <see cref="JointProblem.Groups"/>).</param>
    /// <param name="allowed">Which (group, format, device) may be chosen (pins).</param>
    /// <param name="context">Earlier pieces' decisions and the piece's budgets.</param>
    /// <param name="skip">Rows to leave out (infeasibility search).</param>
    public JointMilp(JointProblem p, int piece, IReadOnlyList<int> pieceNodes, IReadOnlyList<int> groups, Func<int, int, int, bool> allowed, PieceContext context, ISet<string>? skip = null)
    {
        _p = p;
        _groups = groups.ToArray();
        Model = new MilpModel(F($"joint[piece {piece}]"));
        var table = p.Ops;
        var inPiece = new HashSet<int>(pieceNodes);
        var byNodeDevice = new Dictionary<(int, int), List<Variable>>();
        var byNodeFormat = new Dictionary<(int, int), List<Variable>>();
        var byNode = new Dictionary<int, List<Variable>>();
        var byGroup = new Dictionary<int, List<Variable>>();
        var energyTerms = new List<(Variable, double)>();
        foreach (int g in _groups)
        {
            for (int f = 0; f < p.FormatCount; f++)
            {
                for (int d = 0; d < p.DeviceCount; d++)
                {
                    if (!p.Has(g, f, d) || !allowed(g, f, d)) continue;
                    double cost = p.LatencyNs[g][f, d], energy = p.Energy(g, f, d);
                    foreach (int v in p.Groups[g])
                    {
                        foreach (int ei in table.InEdges(table.TaskOfNode(v)))
                        {
                            var e = table.Edges[ei];
                            int u = table.Nodes[e.From];
                            if (inPiece.Contains(u) || context.DeviceOf[u] < 0) continue;
                            cost += table.TransferNs(e.Bytes, context.DeviceOf[u], d);
                            if (context.DeviceOf[u] != d) energy += table.LegEnergyJoules(e.Bytes, context.DeviceOf[u]) + table.LegEnergyJoules(e.Bytes, d);
                            if (context.TypeOf[u] != p.TypeOf(v, f)) cost += p.CastNs[ei, d];
                        }
                    }
                    var x = Model.AddBinary(F($"x[{string.Join('_', p.Groups[g])}.{p.Formats[f].Name}.d{d}]"), cost);
                    _x.Add((new JointChoice(g, f, d), x));
                    energyTerms.Add((x, energy));
                    (byGroup.TryGetValue(g, out var lg) ? lg : byGroup[g] = []).Add(x);
                    foreach (int v in p.Groups[g])
                    {
                        (byNode.TryGetValue(v, out var l) ? l : byNode[v] = []).Add(x);
                        (byNodeDevice.TryGetValue((v, d), out var ld) ? ld : byNodeDevice[(v, d)] = []).Add(x);
                        (byNodeFormat.TryGetValue((v, p.TypeOf(v, f)), out var lf) ? lf : byNodeFormat[(v, p.TypeOf(v, f))] = []).Add(x);
                    }
                }
            }
        }
        foreach (int v in pieceNodes.Order())
        {
            Model.AddEqual("cover[" + JointProblem.Op(v) + "]", (byNode.GetValueOrDefault(v) ?? []).Select(x => (x, 1.0)), 1);
        }
        var groupNodes = _groups.Select(g => p.Groups[g]).ToList();
        foreach (var (a, b) in FusionMilp.MutualPairs(p.Graph, pieceNodes, groupNodes))
        {
            var terms = (byGroup.GetValueOrDefault(_groups[a]) ?? []).Concat(byGroup.GetValueOrDefault(_groups[b]) ?? []).Select(x => (x, 1.0)).ToList();
            if (terms.Count > 0) Model.AddLessOrEqual(F($"mutual[{string.Join('_', groupNodes[a])}.{string.Join('_', groupNodes[b])}]"), terms, 1);
        }

        IEnumerable<(Variable, double)> Dev(int v, int d, double sign) => (byNodeDevice.GetValueOrDefault((v, d)) ?? []).Select(x => (x, sign));
        IEnumerable<(Variable, double)> Fmt(int v, int f, double sign) => (byNodeFormat.GetValueOrDefault((v, f)) ?? []).Select(x => (x, sign));
        var pairGroups = new Dictionary<(int, int), List<Variable>>();
        for (int e = 0; e < table.Edges.Count; e++)
        {
            var edge = table.Edges[e];
            int u = table.Nodes[edge.From], v = table.Nodes[edge.To];
            if (!inPiece.Contains(u) || !inPiece.Contains(v)) continue;
            for (int d = 0; d < p.DeviceCount; d++)
            {
                double leg = table.LegNs(edge.Bytes, d);
                if (d == table.Host || (!byNodeDevice.ContainsKey((u, d)) && !byNodeDevice.ContainsKey((v, d)))) continue;
                var y = Model.AddContinuous(F($"y[e{e}.d{d}]"), 0, 1, leg);
                Model.AddGreaterOrEqual(F($"link[e{e}.d{d}].a"), Dev(u, d, -1).Concat(Dev(v, d, 1)).Append((y, 1.0)), 0);
                Model.AddGreaterOrEqual(F($"link[e{e}.d{d}].b"), Dev(v, d, -1).Concat(Dev(u, d, 1)).Append((y, 1.0)), 0);
                energyTerms.Add((y, table.LegEnergyJoules(edge.Bytes, d)));
                int ed = d, uu = u, vv = v;
                _aux.Add((y, (dev, _, _) => dev[uu] == ed ^ dev[vv] == ed ? 1 : 0));
            }
            if (!p.Quantizable[u] && !p.Quantizable[v]) continue;
            var same = _groups.Where(g => p.Groups[g].Contains(u) && p.Groups[g].Contains(v)).SelectMany(g => byGroup.GetValueOrDefault(g) ?? []).Select(x => (x, 1.0)).ToList();
            for (int d = 0; d < p.DeviceCount; d++)
            {
                if (p.CastNs[e, d] <= 0 || !byNodeDevice.ContainsKey((v, d))) continue;
                var cast = Model.AddContinuous(F($"cast[e{e}.d{d}]"), 0, 1, p.CastNs[e, d]);
                for (int f = 0; f < p.FormatCount; f++)
                {
                    // cast ≥ fmt[u,f] − fmt[v,f] − same − (1 − dev[v,d]); a non-quantizable end is the constant fp32.
                    var terms = new List<(Variable, double)> { (cast, 1.0) };
                    double rhs = -1;
                    if (p.Quantizable[u]) terms.AddRange(Fmt(u, f, -1)); else if (f == 0) rhs += 1; else continue;
                    if (p.Quantizable[v]) terms.AddRange(Fmt(v, f, 1)); else if (f == 0) continue; // v fp32: the row for fp32 is void
                    terms.AddRange(same);
                    terms.AddRange(Dev(v, d, -1));
                    Model.AddGreaterOrEqual(F($"cast[e{e}.d{d}].{p.Formats[f].Name}"), terms, rhs);
                }
                int cu = u, cv = v, cd = d;
                _aux.Add((cast, (dev, type, kernel) => kernel[cu] != kernel[cv] && type[cu] != type[cv] && dev[cv] == cd ? 1 : 0));
            }
        }

        AddBudgets(p, context, energyTerms, skip);
        if (context.Budgets.Memory) AddMemory(p, pieceNodes, context, Dev, skip);
    }

    private void AddBudgets(JointProblem p, PieceContext context, List<(Variable, double)> energyTerms, ISet<string>? skip)
    {
        var b = context.Budgets;
        if (skip?.Contains(JointBudgets.SensitivityRow) != true)
        {
            double maxOmega = _x.Select(x => p.GroupOmega(x.C.Group, x.C.Format)).DefaultIfEmpty(0).Max();
            if (maxOmega > 0)
            {
                double scale = 1 / Math.Max(maxOmega, b.Sensitivity);
                Model.AddLessOrEqual(JointBudgets.SensitivityRow, _x.Select(x => (x.V, p.GroupOmega(x.C.Group, x.C.Format) * scale)), b.Sensitivity * scale);
            }
        }
        if (b.SizeBytes is double s && skip?.Contains(JointBudgets.SizeRow) != true)
        {
            Model.AddLessOrEqual(JointBudgets.SizeRow, _x.Select(x => (x.V, p.GroupSize(x.C.Group, x.C.Format))), s);
        }
        if (b.EnergyJoules is double j && skip?.Contains(JointBudgets.EnergyRow) != true)
        {
            Model.AddLessOrEqual(JointBudgets.EnergyRow, energyTerms, j);
        }
    }

    private void AddMemory(JointProblem p, IReadOnlyList<int> pieceNodes, PieceContext context, Func<int, int, double, IEnumerable<(Variable, double)>> dev, ISet<string>? skip)
    {
        var table = p.Ops;
        for (int d = 0; d < p.DeviceCount; d++)
        {
            string row = JointBudgets.MemRow(table.Devices[d].Name);
            if (skip?.Contains(row) == true) continue;
            var readers = new SortedDictionary<int, List<int>>();
            foreach (int v in pieceNodes)
                foreach (int w in table.WeightsRead[table.TaskOfNode(v)])
                    if (!context.Resident.Contains((w, d))) (readers.TryGetValue(w, out var l) ? l : readers[w] = []).Add(v);
            if (readers.Sum(r => (double)table.WeightBytes[r.Key]) <= context.CapacityLeft[d]) continue;
            var terms = new List<(Variable, double)>();
            foreach (var (w, nodes) in readers)
            {
                var z = Model.AddContinuous(F($"z[w{w}.d{d}]"), 0, 1);
                foreach (int v in nodes) Model.AddGreaterOrEqual(F($"res[w{w}.d{d}.{JointProblem.Op(v)}]"), dev(v, d, -1).Append((z, 1.0)), 0);
                terms.Add((z, table.WeightBytes[w]));
                int ww = w, dd = d;
                _aux.Add((z, (devOf, _, _) => nodes.Any(v => devOf[v] == dd) ? 1 : 0));
            }
            Model.AddLessOrEqual(row, terms, context.CapacityLeft[d]);
        }
    }

    /// <summary>Sets the MIP start to an assignment of the piece (auxiliary columns at their implied values).</summary>
    public void SetStart(IReadOnlyList<JointChoice> choices)
    {
        int n = _p.Graph.Count;
        var dev = new int[n]; var type = new int[n]; var kernel = new int[n];
        Array.Fill(dev, -1);
        for (int k = 0; k < choices.Count; k++)
            foreach (int v in _p.Groups[choices[k].Group]) { dev[v] = choices[k].Device; type[v] = _p.TypeOf(v, choices[k].Format); kernel[v] = k; }
        var set = new HashSet<JointChoice>(choices);
        Model.SetMipStart(_x.Select(x => (x.V, set.Contains(x.C) ? 1.0 : 0.0)).Concat(_aux.Select(a => (a.V, a.Value(dev, type, kernel)))));
    }

    /// <summary>The chosen kernels of a solution.</summary>
    public List<JointChoice> Read(MilpSolution s) => _x.Where(x => s.IsSet(x.V)).Select(x => x.C).ToList();

    /// <summary>True when the choice is a column of the model.</summary>
    public bool Contains(JointChoice c) => _x.Any(x => x.C == c);

    /// <summary>Adds a cycle cut over the given chosen groups (all their columns).</summary>
    public void Cut(int index, IReadOnlyList<int> groups)
    {
        var set = new HashSet<int>(groups);
        Model.AddLessOrEqual(F($"cycle[{index}]"), _x.Where(x => set.Contains(x.C.Group)).Select(x => (x.V, 1.0)), groups.Count - 1);
    }

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
