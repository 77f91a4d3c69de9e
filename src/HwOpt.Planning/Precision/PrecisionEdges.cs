using HwOpt.CostModel;
using HwOpt.IR;
using HwOpt.Syntax;

namespace HwOpt.Planning.Precision;

/// <summary>
/// Finds the precision boundaries of a plan graph and costs their casts (see <see cref="PrecisionProblem"/>):
/// for each activation input of a quantizable op, its producer (through views): another quantizable op (a pair:
/// a cast for each pair of formats whose types differ) or a fixed value (a cast per format whose input type
/// differs from the value's); for each quantizable op's result, its readers that are not quantizable ops reading it
/// as an activation (fixed ops, <c>outs</c> operands, the function's return): one cast per distinct type read.
/// Cast latency is the cost model's prediction on <see cref="FormatRewriter.CastKernel"/> of the edge's tensor.
/// Residual joins: elementwise ops that add ≥ 2 computed tensors (<see cref="PrecisionProblem.IsAddJoin"/>).
/// </summary>
internal sealed class PrecisionEdges
{
    public List<PrecisionProblem.FixedCast> FixedCasts { get; } = [];
    public List<PrecisionProblem.PairCast> PairCasts { get; } = [];
    public List<PrecisionProblem.Join> Joins { get; } = [];

    public PrecisionEdges(PlanGraph graph, Dictionary<Operation, int> nodeOf, IReadOnlyList<PrecisionProblem.QNode> qs, Dictionary<int, int> qOf, ICostModel model)
    {
        var texts = new KernelTexts(model);
        var readers = Readers(graph);
        int? QuantOf(Value v) => OpRoles.Trace(v) is OpResult r && nodeOf.TryGetValue(r.Owner, out int n) && qOf.TryGetValue(n, out int q) ? q : null;

        var fixedPending = new List<(int Q, int[] Handles, string What)>();
        var pairPending = new List<(int From, int To, int[,] Handles)>();
        for (int qv = 0; qv < qs.Count; qv++)
        {
            var v = qs[qv];
            foreach (int i in v.Roles.ActivationInputs)
            {
                var operand = v.Op.Operands[i];
                if (operand.Type is not ShapedType shape) continue;
                if (QuantOf(operand) is int qu)
                {
                    var u = qs[qu];
                    var h = new int[u.Candidates.Count, v.Candidates.Count];
                    for (int f = 0; f < u.Candidates.Count; f++)
                        for (int g = 0; g < v.Candidates.Count; g++)
                            h[f, g] = Handle(texts, shape, u.OutType(f), v.InType(g));
                    pairPending.Add((qu, qv, h));
                }
                else
                {
                    string from = shape.ElementType.ToString();
                    fixedPending.Add((qv, Enumerable.Range(0, v.Candidates.Count).Select(g => Handle(texts, shape, from, v.InType(g))).ToArray(), $"input {i}"));
                }
            }
            // Readers of the result that take it in its original type.
            var result = v.Op.Results[0];
            var fixedTypes = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var (reader, index) in ReadersThroughViews(result, readers))
            {
                bool quantReader = nodeOf.TryGetValue(reader, out int rn) && qOf.TryGetValue(rn, out int rq) && qs[rq].Roles.ActivationInputs.Contains(index);
                if (!quantReader) fixedTypes.Add(((ShapedType)result.Type).ElementType.ToString());
            }
            foreach (string t in fixedTypes)
            {
                var shape = (ShapedType)result.Type;
                fixedPending.Add((qv, Enumerable.Range(0, v.Candidates.Count).Select(f => Handle(texts, shape, v.OutType(f), t)).ToArray(), "result"));
            }
        }
        texts.Predict();
        double Cost(int h) => h < 0 ? 0 : texts.Latency(h) is double ns && double.IsFinite(ns) ? ns : 0;
        foreach (var (q, handles, what) in fixedPending)
        {
            var cost = handles.Select(Cost).ToArray();
            if (cost.Any(c => c > 0)) FixedCasts.Add(new PrecisionProblem.FixedCast(q, cost, what));
        }
        foreach (var (from, to, handles) in pairPending)
        {
            var cost = new double[handles.GetLength(0), handles.GetLength(1)];
            for (int f = 0; f < cost.GetLength(0); f++)
                for (int g = 0; g < cost.GetLength(1); g++)
                    cost[f, g] = Cost(handles[f, g]);
            PairCasts.Add(new PrecisionProblem.PairCast(from, to, cost));
        }

        foreach (int node in graph.KernelNodes)
        {
            var op = graph.Ops[node];
            int nIns = Math.Max(0, op.Operands.Count - op.Results.Count);
            var activations = op.Operands.Take(nIns).Where(o => o.Type is ShapedType && OpRoles.Trace(o) is OpResult r && !DialectTraits.Has(r.Owner.Name, "constant")).ToList();
            if (!PrecisionProblem.IsAddJoin(op, activations)) continue;
            var producers = activations.Select(QuantOf).ToList();
            if (producers.Any(p => p is not null)) Joins.Add(new PrecisionProblem.Join(node, producers));
        }
    }

    private static int Handle(KernelTexts texts, ShapedType shape, string from, string to) =>
        FormatRewriter.CastKernel(shape, from, to) is { } text ? texts.Add(text, null) : -1;

    /// <summary>Value → (reader op, operand index), over every op of the graph (terminators included).</summary>
    private static Dictionary<Value, List<(Operation, int)>> Readers(PlanGraph graph)
    {
        var map = new Dictionary<Value, List<(Operation, int)>>(ReferenceEqualityComparer.Instance);
        foreach (var op in graph.Ops)
        {
            for (int i = 0; i < op.Operands.Count; i++)
            {
                if (!map.TryGetValue(op.Operands[i], out var list)) map[op.Operands[i]] = list = [];
                list.Add((op, i));
            }
        }
        return map;
    }

    private static IEnumerable<(Operation, int)> ReadersThroughViews(Value v, Dictionary<Value, List<(Operation, int)>> readers)
    {
        if (!readers.TryGetValue(v, out var list)) yield break;
        foreach (var (op, i) in list)
        {
            if (OpRoles.IsView(op) && i == 0 && op.Results.Count == 1)
            {
                foreach (var r in ReadersThroughViews(op.Results[0], readers)) yield return r;
            }
            else yield return (op, i);
        }
    }
}
