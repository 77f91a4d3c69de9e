using System.Globalization;
using System.Text;
using HwOpt.Planning.Milp;

namespace HwOpt.Planning.Partitioning;

/// <summary>
/// The partitioning MILP of one <see cref="DeviceCostTable"/> (the planner's note in <see cref="PartitionPlanner"/>
/// explains the formulation). Columns: <c>x[op.dev]</c> binary (only where the device can run the op),
/// <c>y[e.dev]</c> ≥ |x[u,dev] − x[v,dev]| (edge e crosses the link of non-host device dev), and for latency
/// <c>s[op]</c> (start, µs) and <c>T</c> (makespan, µs); for memory <c>z[w.dev]</c> (weight w resident on dev) and
/// <c>peak[dev]</c> (MiB). Units inside the model: µs, mJ, nano-USD and MiB, so coefficients stay near 1.
/// Rows are named after what they mean: <c>assign[opN]</c>, <c>pin[opN]</c>, <c>mem[dev]</c>, <c>load[dev]</c>,
/// <c>link[dev]</c>, <c>prec[eK]</c>, <c>end[opN]</c>.
/// </summary>
internal sealed class PartitionModel
{
    private const double NsScale = 1e-3;
    private const double JouleScale = 1e3;
    private const double UsdScale = 1e9;
    private const double ByteScale = 1.0 / (1 << 20);

    private readonly DeviceCostTable _table;
    private readonly PartitionObjective _objective;
    private readonly Variable?[,] _x;
    private readonly Dictionary<(int Edge, int Device), Variable> _y = new();
    private readonly Dictionary<(int Weight, int Device), Variable> _z = new();
    private readonly Variable?[] _peak;
    private Variable[]? _start;
    private Variable? _makespan;

    /// <summary>The model.</summary>
    public MilpModel Model { get; }

    /// <summary>Names of the rows that a conflict search may relax (<c>mem[..]</c>, <c>pin[..]</c>), model name → display name.</summary>
    public IReadOnlyDictionary<string, string> Relaxable => _relaxable;

    private readonly Dictionary<string, string> _relaxable = new(StringComparer.Ordinal);

    private PartitionModel(DeviceCostTable table, PartitionObjective objective)
    {
        _table = table;
        _objective = objective;
        _x = new Variable?[table.TaskCount, table.DeviceCount];
        _peak = new Variable?[table.DeviceCount];
        Model = new MilpModel("partition-" + objective.ToString().ToLowerInvariant());
    }

    /// <summary>Display name of the memory row of a device, e.g. <c>mem[edge-npu]</c>.</summary>
    public static string MemRow(DeviceCostTable table, int device) => $"mem[{table.Devices[device].Name}]";

    /// <summary>Name of the pin row of a task, e.g. <c>pin[op12]</c>.</summary>
    public static string PinRow(DeviceCostTable table, int task) => $"pin[{Op(table, task)}]";

    /// <summary>Builds the model.</summary>
    /// <param name="table">Costs.</param>
    /// <param name="objective">Objective.</param>
    /// <param name="pins">Task → device.</param>
    /// <param name="memory">Add the memory rows.</param>
    /// <param name="drop">Model row names to leave out (conflict search), or null.</param>
    public static PartitionModel Build(DeviceCostTable table, PartitionObjective objective, IReadOnlyDictionary<int, int> pins, bool memory, IReadOnlySet<string>? drop = null)
    {
        var pm = new PartitionModel(table, objective);
        pm.AddAssignment(pins, drop);
        pm.AddTransfers();
        if (objective == PartitionObjective.Latency) pm.AddSchedule();
        if (memory) pm.AddMemory(drop);
        return pm;
    }

    private void AddAssignment(IReadOnlyDictionary<int, int> pins, IReadOnlySet<string>? drop)
    {
        for (int t = 0; t < _table.TaskCount; t++)
        {
            for (int d = 0; d < _table.DeviceCount; d++)
            {
                if (!_table.Supports(t, d)) continue;
                double cost = _objective switch
                {
                    PartitionObjective.Energy => _table.EnergyJoules(t, d) * JouleScale,
                    PartitionObjective.Price => _table.PriceUsd(t, d) * UsdScale,
                    _ => 0,
                };
                _x[t, d] = Model.AddBinary($"x[{Op(_table, t)}.{Token(_table, d)}]", cost);
            }
            Model.AddEqual($"assign[{Op(_table, t)}]", Row(t, (_, _) => 1), 1);
            if (pins.TryGetValue(t, out int pinned) && _x[t, pinned] is { } xp)
            {
                string name = PinRow(_table, t);
                _relaxable[name] = name;
                if (drop?.Contains(name) != true) Model.AddEqual(name, [(xp, 1)], 1);
            }
        }
    }

    private void AddTransfers()
    {
        for (int i = 0; i < _table.Edges.Count; i++)
        {
            var e = _table.Edges[i];
            for (int d = 0; d < _table.DeviceCount; d++)
            {
                if (d == _table.Host || (_x[e.From, d] is null && _x[e.To, d] is null)) continue;
                double cost = _objective switch
                {
                    PartitionObjective.Energy => _table.LegEnergyJoules(e.Bytes, d) * JouleScale,
                    PartitionObjective.Price => _table.LegPriceUsd(e.Bytes, d) * UsdScale,
                    _ => 0,
                };
                string at = $"e{I(i)}.{Token(_table, d)}";
                var y = Model.AddContinuous($"y[{at}]", 0, 1, cost);
                _y[(i, d)] = y;
                Model.AddGreaterOrEqual($"yo[{at}]", Terms((y, 1), (_x[e.From, d], -1), (_x[e.To, d], 1)), 0);
                Model.AddGreaterOrEqual($"yi[{at}]", Terms((y, 1), (_x[e.To, d], -1), (_x[e.From, d], 1)), 0);
            }
        }
    }

    private void AddSchedule()
    {
        var makespan = Model.AddContinuous("T", 0, double.PositiveInfinity, 1);
        _makespan = makespan;
        _start = Enumerable.Range(0, _table.TaskCount).Select(t => Model.AddContinuous($"s[{Op(_table, t)}]")).ToArray();
        for (int i = 0; i < _table.Edges.Count; i++)
        {
            var e = _table.Edges[i];
            var terms = new List<(Variable, double)> { (_start[e.To], 1), (_start[e.From], -1) };
            terms.AddRange(Row(e.From, (t, d) => -_table.LatencyNs(t, d) * NsScale));
            for (int d = 0; d < _table.DeviceCount; d++)
            {
                if (_y.TryGetValue((i, d), out var y)) terms.Add((y, -_table.LegNs(e.Bytes, d) * NsScale));
            }
            Model.AddGreaterOrEqual($"prec[e{I(i)}]", terms, 0);
        }
        for (int t = 0; t < _table.TaskCount; t++)
        {
            if (_table.OutEdges(t).Length > 0) continue;
            Model.AddGreaterOrEqual($"end[{Op(_table, t)}]", [(makespan, 1), (_start[t], -1), .. Row(t, (v, d) => -_table.LatencyNs(v, d) * NsScale)], 0);
        }
        for (int d = 0; d < _table.DeviceCount; d++)
        {
            var terms = new List<(Variable, double)> { (makespan, 1) };
            for (int t = 0; t < _table.TaskCount; t++)
            {
                if (_x[t, d] is { } x) terms.Add((x, -_table.LatencyNs(t, d) * NsScale));
            }
            Model.AddGreaterOrEqual($"load[{Token(_table, d)}]", terms, 0);
        }
        for (int d = 0; d < _table.DeviceCount; d++)
        {
            var legs = _y.Where(kv => kv.Key.Device == d).OrderBy(kv => kv.Key.Edge)
                .Select(kv => (kv.Value, -_table.LegNs(_table.Edges[kv.Key.Edge].Bytes, d) * NsScale)).ToList();
            if (legs.Count > 0) Model.AddGreaterOrEqual($"link[{Token(_table, d)}]", [(makespan, 1), .. legs], 0);
        }
    }

    private void AddMemory(IReadOnlySet<string>? drop)
    {
        for (int d = 0; d < _table.DeviceCount; d++)
        {
            double capacity = _table.Devices[d].Memory.CapacityBytes;
            var tasks = Enumerable.Range(0, _table.TaskCount).Where(t => _x[t, d] is not null).ToArray();
            double most = tasks.Sum(t => (double)_table.OutputBytes[t]) + tasks.SelectMany(t => _table.WeightsRead[t]).Distinct().Sum(w => (double)_table.WeightBytes[w]);
            if (most <= capacity) continue; // the row cannot bind
            string dev = Token(_table, d);
            var peak = Model.AddContinuous($"peak[{dev}]");
            _peak[d] = peak;
            var live = _table.LiveSets;
            for (int k = 0; k < live.Count; k++)
            {
                var terms = live[k].Where(t => _x[t, d] is not null && _table.OutputBytes[t] > 0).Select(t => (_x[t, d]!.Value, -_table.OutputBytes[t] * ByteScale)).ToList();
                if (terms.Count > 0) Model.AddGreaterOrEqual($"live[{dev}.p{I(k)}]", [(peak, 1), .. terms], 0);
            }
            var memTerms = new List<(Variable, double)> { (peak, 1) };
            foreach (int t in tasks)
            {
                foreach (int w in _table.WeightsRead[t])
                {
                    if (!_z.TryGetValue((w, d), out var z))
                    {
                        z = Model.AddContinuous($"z[w{I(w)}.{dev}]", 0, 1);
                        _z[(w, d)] = z;
                        memTerms.Add((z, _table.WeightBytes[w] * ByteScale));
                    }
                    Model.AddGreaterOrEqual($"wres[w{I(w)}.{Op(_table, t)}.{dev}]", [(z, 1), (_x[t, d]!.Value, -1)], 0);
                }
            }
            string name = $"mem[{dev}]";
            _relaxable[name] = MemRow(_table, d);
            if (drop?.Contains(name) != true) Model.AddLessOrEqual(name, memTerms, capacity * ByteScale);
        }
    }

    /// <summary>A full feasible-shaped vector for an assignment (MIP start, tests): x, y, starts, makespan bound, residency, peaks.</summary>
    public double[] ValuesFor(IReadOnlyList<int> device)
    {
        var v = new double[Model.Variables.Count];
        for (int t = 0; t < _table.TaskCount; t++)
        {
            if (_x[t, device[t]] is { } x) v[x.Index] = 1;
        }
        foreach (var ((edge, d), y) in _y)
        {
            var e = _table.Edges[edge];
            v[y.Index] = (device[e.From] == d) != (device[e.To] == d) ? 1 : 0;
        }
        if (_start is not null && _makespan is { } mk)
        {
            var (start, _) = PlanEvaluator.EarliestStarts(_table, device);
            for (int t = 0; t < start.Length; t++) v[_start[t].Index] = start[t] * NsScale;
            v[mk.Index] = PlanEvaluator.Evaluate(_table, device).MakespanBoundNs * NsScale;
        }
        for (int t = 0; t < _table.TaskCount; t++)
        {
            foreach (int w in _table.WeightsRead[t])
            {
                if (_z.TryGetValue((w, device[t]), out var z)) v[z.Index] = 1;
            }
        }
        for (int d = 0; d < _peak.Length; d++)
        {
            if (_peak[d] is not { } p) continue;
            v[p.Index] = _table.LiveSets.Select(set => set.Where(t => device[t] == d).Sum(t => _table.OutputBytes[t] * ByteScale)).DefaultIfEmpty(0).Max();
        }
        return v;
    }

    /// <summary>The device of each task in a solution (the set x; ties to the lowest device index).</summary>
    public int[] Assignment(MilpSolution solution)
    {
        var device = new int[_table.TaskCount];
        for (int t = 0; t < device.Length; t++)
        {
            double best = double.NegativeInfinity;
            for (int d = 0; d < _table.DeviceCount; d++)
            {
                if (_x[t, d] is { } x && solution[x] > best + 1e-9) (best, device[t]) = (solution[x], d);
            }
        }
        return device;
    }

    /// <summary>Start times of a latency solution, ns (the list schedule's priorities); null for other objectives.</summary>
    public double[]? StartsNs(MilpSolution solution) => _start?.Select(s => solution[s] / NsScale).ToArray();

    /// <summary>An objective value of the model converted to the objective's unit (ns, J, USD).</summary>
    public double ToUnits(double modelValue) => _objective switch
    {
        PartitionObjective.Energy => modelValue / JouleScale,
        PartitionObjective.Price => modelValue / UsdScale,
        _ => modelValue / NsScale,
    };

    private IEnumerable<(Variable, double)> Row(int t, Func<int, int, double> coef)
    {
        for (int d = 0; d < _table.DeviceCount; d++)
        {
            if (_x[t, d] is { } x) yield return (x, coef(t, d));
        }
    }

    private static IEnumerable<(Variable, double)> Terms(params (Variable? Var, double Coef)[] terms) =>
        terms.Where(p => p.Var is not null).Select(p => (p.Var!.Value, p.Coef));

    private static string Op(DeviceCostTable table, int task) => "op" + I(table.Nodes[task]);

    private static string I(int i) => i.ToString(CultureInfo.InvariantCulture);

    /// <summary>A device name as a model-name token (letters, digits, <c>_</c> and <c>.</c>).</summary>
    private static string Token(DeviceCostTable table, int device)
    {
        var sb = new StringBuilder();
        foreach (char c in table.Devices[device].Name) sb.Append(char.IsAsciiLetterOrDigit(c) || c is '_' or '.' ? c : '_');
        return sb.ToString();
    }
}
