using System.Globalization;
using System.Text;

namespace HwOpt.Profiling;

// One linalg.generic with a random scalar body over several operands: what frontends emit after elementwise fusion
// (inference batch norm, clamps, bias + activation, scale and shift, GELU / SiLU variants, casts around math ops).
// The other elementwise sweeps have one scalar op per body, and a tree ensemble does not add up the costs of ops it
// has only seen alone, so a body of sqrt, div and four mul/add measured as a whole is what teaches it that sum.
public static partial class KernelSweeps
{
    private static readonly string[] BodyBinary = ["arith.addf", "arith.addf", "arith.subf", "arith.mulf", "arith.mulf", "arith.divf", "arith.maximumf", "arith.minimumf"];
    private static readonly string[] BodyUnary = ["math.sqrt", "math.rsqrt", "math.exp", "math.tanh", "math.log", "math.erf", "arith.negf", "math.absf", "math.floor"];
    private static readonly string[] CmpPredicates = ["ogt", "olt", "oge", "ule", "une"];

    /// <summary>
    /// The operand of a generic and its indexing map: the full iteration space, a broadcast that drops dimensions
    /// (<c>(d0, d1, d2, d3) -> (d1)</c> on <c>tensor&lt;C&gt;</c>), or one that keeps them as unit dimensions
    /// (<c>(d0, d1, d2, d3) -> (d1, 0, 0)</c> on <c>tensor&lt;Cx1x1&gt;</c>, as torch-mlir writes a per-channel parameter).
    /// </summary>
    private static (string Type, string Map) BodyOperand(Random rng, long[] shape, string t, bool full)
    {
        int rank = shape.Length;
        if (full || rank == 1) return (Tensor(shape, t), IdentityMap(rank));
        var kept = Enumerable.Range(0, rank).Where(_ => rng.Next(2) == 0).ToList();
        if (kept.Count == rank) kept.RemoveAt(rng.Next(rank));
        if (kept.Count == 0 && rng.Next(3) != 0) kept.Add(rng.Next(rank));
        if (rng.Next(2) == 0)
        {
            // Dropped dimensions; an all-dropped operand is a rank-0 tensor.
            return (Tensor(kept.Select(d => shape[d]), t), Map(rank, kept));
        }
        // Unit dimensions from the first kept one on (torch-mlir keeps trailing 1s and drops leading ones).
        int from = kept.Count == 0 ? rank - 1 : kept[0];
        var results = new List<string>();
        var operandShape = new List<long>();
        for (int d = from; d < rank; d++)
        {
            bool keep = kept.Contains(d);
            results.Add(keep ? "d" + d : "0");
            operandShape.Add(keep ? shape[d] : 1);
        }
        return (Tensor(operandShape, t), Map(rank, results));
    }

    private static string? FusedElementwise(Random rng, int i)
    {
        long[] shape = rng.Next(3) == 0
            ? [rng.Next(4) == 0 ? 8 : 1, Pick(rng, Channels) * Pick(rng, new long[] { 1, 2, 4 }), Pick(rng, Spatial), Pick(rng, Spatial)]
            : RandomShape(rng, MaxElements / 2);
        if (Product(shape) > MaxElements / 2) return null;
        int rank = shape.Length;
        string t = Pick(rng, Floats);
        int inputs = rng.Next(1, 7);
        var operands = new List<(string Type, string Map)> { (Tensor(shape, t), IdentityMap(rank)) };
        for (int k = 1; k < inputs; k++) operands.Add(BodyOperand(rng, shape, t, full: rng.Next(3) == 0));
        string full = Tensor(shape, t);

        var constants = new List<string>();
        var sb = new StringBuilder();
        sb.Append($"func.func @fb{i}(");
        sb.Append(string.Join(", ", operands.Select((o, k) => $"%a{k}: {o.Type}")));
        sb.Append($", %o: {full}) -> {full} {{\n");
        int constantCount = rng.Next(0, 3);
        for (int c = 0; c < constantCount; c++)
        {
            double value = Pick(rng, new[] { 0.0, 1.0, 0.5, 6.0, 1e-5, 0.7978846, 0.044715, 3.0 });
            sb.Append($"  %c{c} = arith.constant {value.ToString("0.000000e+00", CultureInfo.InvariantCulture)} : {t}\n");
            constants.Add("%c" + c);
        }
        sb.Append($"  %0 = linalg.generic {{indexing_maps = [{string.Join(", ", operands.Select(o => o.Map))}, {IdentityMap(rank)}], iterator_types = {Iterators(rank)}}}");
        sb.Append($" ins({string.Join(", ", operands.Select((_, k) => "%a" + k))} : {string.Join(", ", operands.Select(o => o.Type))}) outs(%o : {full}) {{\n");
        sb.Append("  ^bb0(").Append(string.Join(", ", operands.Select((_, k) => $"%x{k}: {t}"))).Append($", %out: {t}):\n");

        // A random DAG of scalar ops in which every value feeds the yielded one (a dead op would be counted by the
        // features and removed by the compiler): operands come from the values not consumed yet while there are any,
        // and the values still unconsumed at the end are combined pairwise.
        var live = operands.Select((_, k) => "%x" + k).ToList();
        var consumed = new List<string>();
        int ops = rng.Next(1, 11), n = 0;
        string Next() => "%v" + n++;
        string Take()
        {
            if (live.Count > 0 && (consumed.Count == 0 || rng.Next(5) != 0))
            {
                int at = live.Count - 1 - rng.Next(Math.Min(3, live.Count));
                string v = live[at];
                live.RemoveAt(at);
                consumed.Add(v);
                return v;
            }
            return constants.Count > 0 && rng.Next(3) == 0 ? Pick(rng, constants) : consumed[^(1 + rng.Next(Math.Min(3, consumed.Count)))];
        }
        for (int s = 0; s < ops || live.Count > 1; s++)
        {
            string v = Next();
            int kind = s >= ops ? 0 : rng.Next(10);
            if (kind < 6)
            {
                string a = Take(), b = Take();
                sb.Append($"    {v} = {Pick(rng, BodyBinary)} {a}, {b} : {t}\n");
            }
            else if (kind < 9)
            {
                string a = Take(), op = Pick(rng, BodyUnary);
                if (t != "f32" && op.StartsWith("math.", StringComparison.Ordinal) && rng.Next(2) == 0)
                {
                    // f16 / bf16 math the way frontends write it: in f32, between casts.
                    string wide = Next(), y = Next();
                    sb.Append($"    {wide} = arith.extf {a} : {t} to f32\n    {y} = {op} {wide} : f32\n    {v} = arith.truncf {y} : f32 to {t}\n");
                }
                else
                {
                    sb.Append($"    {v} = {op} {a} : {t}\n");
                }
            }
            else
            {
                string a = Take(), b = Take(), c = Next();
                sb.Append($"    {c} = arith.cmpf {Pick(rng, CmpPredicates)}, {a}, {b} : {t}\n    {v} = arith.select {c}, {a}, {b} : {t}\n");
            }
            live.Add(v);
        }
        string last = live[0];
        sb.Append($"    linalg.yield {last} : {t}\n  }} -> {full}\n  return %0 : {full}\n}}\n");
        return sb.ToString();
    }
}
