using HwOpt.Analysis.Work;
using HwOpt.CostModel;
using HwOpt.CostModel.Devices;
using HwOpt.IR;
using HwOpt.Profiling;
using HwOpt.Syntax;

namespace HwOpt.Planning.Precision;

/// <summary>
/// The data of a precision problem, built once and evaluated by the MILP, the baselines and the tests alike:
/// per quantizable op its candidate formats with Ω, predicted latency (the cost model on the op's kernel rewritten
/// to the format, <see cref="FormatRewriter"/>), weight bytes and BOPs; the latency of the other kernels (fixed, in
/// their own type); casts at precision boundaries, predicted on a cast kernel of the edge's tensor (an op's input
/// whose producer computes in another type, an op's result read in another type: by a fixed op, or returned);
/// and residual joins. Views (reshapes) are looked through: they carry any type for free.
/// Conventions: a contraction in an integer format returns its i32 accumulator, so its consumers read i32 (a
/// requantizing or dequantizing cast follows it); a destination (<c>outs</c>) operand is assumed to be created in
/// the accumulator type (no cast); weights are stored in the format (no cast); one cast per consumer.
/// </summary>
internal sealed class PrecisionProblem
{
    /// <summary>A format an op may take.</summary>
    public sealed record Candidate(NumericFormat Format, double Omega, double LatencyNs, double SizeBytes, double Bops);

    /// <summary>A quantizable op.</summary>
    public sealed record QNode(int Node, Operation Op, OpRoles Roles, IReadOnlyList<Candidate> Candidates, string SensitivitySource, IReadOnlyList<string> Unavailable)
    {
        /// <summary>Index of a format among the candidates, or -1.</summary>
        public int IndexOf(NumericFormat f) => Candidates.ToList().FindIndex(c => c.Format == f);

        /// <summary>Element type the op's consumers read in candidate <paramref name="c"/>.</summary>
        public string OutType(int c) => Roles.Kind == QuantizableKind.Contraction ? Candidates[c].Format.AccumulatorType : Candidates[c].Format.ElementType;

        /// <summary>Element type the op reads its activations in, in candidate <paramref name="c"/>.</summary>
        public string InType(int c) => Candidates[c].Format.ElementType;
    }

    /// <summary>Cast cost per candidate of one op against a fixed type (input from, or result read by, a fixed op), ns.</summary>
    public sealed record FixedCast(int Q, double[] CostNs, string What);

    /// <summary>Cast cost per (producer candidate, consumer candidate) of an edge between two quantizable ops, ns.</summary>
    public sealed record PairCast(int From, int To, double[,] CostNs);

    /// <summary>A residual join: its producers' integer formats must agree (fixed producers: null, never integer).</summary>
    public sealed record Join(int Node, IReadOnlyList<int?> Producers);

    public required IReadOnlyList<QNode> Quantizable { get; init; }
    public required IReadOnlyList<(int Node, double LatencyNs)> Fixed { get; init; }
    public required IReadOnlyList<FixedCast> FixedCasts { get; init; }
    public required IReadOnlyList<PairCast> PairCasts { get; init; }
    public required IReadOnlyList<Join> Joins { get; init; }

    /// <summary>Σ latency of the kernels that are not quantizable, ns.</summary>
    public double FixedLatencyNs => Fixed.Sum(f => f.LatencyNs);

    /// <summary>Builds the problem.</summary>
    public static PrecisionProblem Build(PlanGraph graph, ICostModel model, DeviceProfile device, PrecisionOptions options)
    {
        string family = DatasetSplits.FamilyOf(graph.Source);
        var nodeOf = new Dictionary<Operation, int>(ReferenceEqualityComparer.Instance);
        for (int i = 0; i < graph.Count; i++) nodeOf[graph.Ops[i]] = i;
        var offered = NumericFormat.SupportedOn(device, options.Formats ?? NumericFormat.All);
        var texts = new KernelTexts(model);
        var pending = new List<(int Node, OpRoles Roles, List<(NumericFormat F, int Text)> Formats, List<string> Unavailable)>();
        var fixedPending = new List<(int Node, int Text)>();
        foreach (int node in graph.KernelNodes)
        {
            var op = graph.Ops[node];
            var roles = OpRoles.Of(op, options.QuantizeElementwise);
            var kernel = KernelExtractor.FromGroup([op], graph.Source, family);
            if (roles.Kind == QuantizableKind.None)
            {
                fixedPending.Add((node, texts.Add(kernel.Text, op)));
                continue;
            }
            var original = ((ShapedType)op.Results[0].Type).ElementType;
            var formats = new List<(NumericFormat, int)>();
            var unavailable = new List<string>();
            foreach (var f in (options.Formats ?? NumericFormat.All))
            {
                bool isOriginal = f.ElementType == original.ToString();
                if (!isOriginal && !offered.Contains(f)) { unavailable.Add($"{f}: device {device.Name} lacks {f.ElementType}"); continue; }
                if (!isOriginal && f.Bits >= (original.BitWidth ?? 32)) { unavailable.Add($"{f}: not narrower than {original}"); continue; }
                if (roles.Kind == QuantizableKind.Elementwise && f.IsInteger) { unavailable.Add($"{f}: elementwise ops are lowered to float formats only"); continue; }
                string? text = FormatRewriter.Rewrite(kernel, op, f, out string? whyNot);
                if (text is null) { unavailable.Add($"{f}: {whyNot}"); continue; }
                formats.Add((f, texts.Add(text, null)));
            }
            pending.Add((node, roles, formats, unavailable));
        }
        texts.Predict();

        var quantizable = new List<QNode>();
        foreach (var (node, roles, formats, unavailable) in pending)
        {
            var op = graph.Ops[node];
            var usable = formats.Where(p => texts.Latency(p.Text) is double ns && double.IsFinite(ns)).ToList();
            foreach (var p in formats.Except(usable)) unavailable.Add($"{p.F}: {texts.WhyNot(p.Text) ?? "the cost model cannot run its kernel"}");
            if (usable.Count == 0) continue;
            var sens = Sensitivity.Of(op, roles, usable.Select(p => p.F).ToList(), graph.Module.MetadataText, options.Sidecar);
            double weights = roles.Weight >= 0 && op.Operands[roles.Weight].Type is ShapedType { ElementCount: long wn } ? wn : 0;
            double flops = WorkEstimator.Estimate(op).Flops;
            var candidates = usable.Select(p => new Candidate(p.F, sens.Omega[p.F.Name], texts.Latency(p.Text)!.Value, weights * p.F.Bits / 8.0, flops * p.F.Bits * p.F.Bits)).ToList();
            quantizable.Add(new QNode(node, op, roles, candidates, sens.Source, unavailable));
        }
        var fixedNodes = fixedPending.Select(p => (p.Node, texts.Latency(p.Text) ?? 0)).ToList();
        var qOf = quantizable.Select((q, i) => (q.Node, i)).ToDictionary(p => p.Node, p => p.i);
        // Quantizable ops with no usable format but the original are fixed too.
        foreach (var p in pending.Where(p => !qOf.ContainsKey(p.Node))) fixedNodes.Add((p.Node, 0));

        var edges = new PrecisionEdges(graph, nodeOf, quantizable, qOf, model);
        return new PrecisionProblem
        {
            Quantizable = quantizable,
            Fixed = fixedNodes,
            FixedCasts = edges.FixedCasts,
            PairCasts = edges.PairCasts,
            Joins = edges.Joins,
        };
    }

    /// <summary>Totals of an assignment (candidate index per quantizable op).</summary>
    public PrecisionTotals Evaluate(IReadOnlyList<int> choice)
    {
        double size = 0, bops = 0, latency = FixedLatencyNs, omega = 0, casts = 0;
        for (int q = 0; q < Quantizable.Count; q++)
        {
            var c = Quantizable[q].Candidates[choice[q]];
            size += c.SizeBytes;
            bops += c.Bops;
            latency += c.LatencyNs;
            omega += c.Omega;
        }
        foreach (var f in FixedCasts) casts += f.CostNs[choice[f.Q]];
        foreach (var p in PairCasts) casts += p.CostNs[choice[p.From], choice[p.To]];
        return new PrecisionTotals(size, bops, latency + casts, casts, omega);
    }

    /// <summary>True when an assignment meets every residual join (integer formats of a join's producers agree).</summary>
    public bool JoinsHold(IReadOnlyList<int> choice)
    {
        foreach (var j in Joins)
        {
            var formats = j.Producers.Select(p => p is int q ? Quantizable[q].Candidates[choice[q]].Format : null).ToList();
            if (formats.Any(f => f is { IsInteger: true }) && formats.Distinct().Count() > 1) return false;
        }
        return true;
    }

    /// <summary>The budgets an assignment's totals exceed, by row name.</summary>
    public static IReadOnlyList<string> Violated(PrecisionTotals t, IReadOnlyDictionary<string, double> budgets)
    {
        var bad = new List<string>();
        foreach (var (name, limit) in budgets)
        {
            double v = Measure(t, name);
            if (v > limit * (1 + 1e-9) + 1e-9) bad.Add(name);
        }
        return bad;
    }

    /// <summary>The total a budget row limits.</summary>
    public static double Measure(PrecisionTotals t, string budget) => budget switch
    {
        Budgets.Size => t.SizeBytes,
        Budgets.Bops => t.Bops,
        _ => t.LatencyNs,
    };

    /// <summary>Names of the budget rows.</summary>
    public static class Budgets
    {
        public const string Size = "budget.size_bytes";
        public const string Bops = "budget.bops";
        public const string Latency = "budget.latency_ns";
    }

    /// <summary>True when the op adds two or more computed tensors elementwise (a residual join).</summary>
    public static bool IsAddJoin(Operation op, IReadOnlyList<Value> activations)
    {
        if (activations.Count < 2) return false;
        bool elementwise = DialectTraits.Has(op.Name, "elementwise")
            || (op.GetAttribute("iterator_types") is { } it && !it.ToString().Contains("reduction", StringComparison.Ordinal));
        if (!elementwise) return false;
        var classes = OpRoles.BodyOps(op).Select(b => DialectWork.Of(b.Name)?.Class ?? ScalarOpClass.None).Where(c => c != ScalarOpClass.None).ToList();
        if (classes.Count == 0 && DialectWork.Of(op.Name) is { } spec) classes.Add(spec.Class);
        return classes.Count > 0 && classes.All(c => c == ScalarOpClass.Add);
    }
}
