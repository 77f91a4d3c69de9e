namespace HwOpt.Corpus;

/// <summary>Reductions and the normalizations built on them (softmax, LayerNorm, RMSNorm, batch norm).</summary>
public sealed partial class MlirBuilder
{
    /// <summary>
    /// Sum or max over <paramref name="axes"/> with a reduction <c>linalg.generic</c> into a filled accumulator
    /// (0 or -inf); the reduced dims are dropped. One FLOP per input element.
    /// </summary>
    public TensorValue Reduce(TensorValue x, int[] axes, bool max)
    {
        var outShape = x.Shape.Where((_, i) => !axes.Contains(i)).ToArray();
        var acc = Filled(outShape, max ? double.NegativeInfinity : 0);
        var dims = string.Join(", ", Enumerable.Range(0, x.Rank).Select(d => "d" + d));
        var outDims = string.Join(", ", Enumerable.Range(0, x.Rank).Where(d => !axes.Contains(d)).Select(d => "d" + d));
        string maps = $"affine_map<({dims}) -> ({dims})>, affine_map<({dims}) -> ({outDims})>";
        var iterators = string.Join(", ", Enumerable.Range(0, x.Rank).Select(d => axes.Contains(d) ? "\"reduction\"" : "\"parallel\""));
        return Generic([x], outShape, maps, iterators, (s, a) => max ? s.Max(a[0], a[1]) : s.Add(a[0], a[1]), acc);
    }

    /// <summary>Sum or max over the last axis, keeping it as size 1 (reduction then <c>tensor.expand_shape</c>).</summary>
    public TensorValue ReduceLastKeep(TensorValue x, bool max)
    {
        var r = Reduce(x, [x.Rank - 1], max);
        return Reshape(r, r.Shape.Append(1L).ToArray());
    }

    /// <summary>Mean over <paramref name="axes"/> (sum, then multiply by 1/count); dims dropped.</summary>
    public TensorValue Mean(TensorValue x, params int[] axes)
    {
        long count = axes.Aggregate(1L, (a, d) => a * x.Shape[d]);
        return Scale(Reduce(x, axes, max: false), 1.0 / count);
    }

    /// <summary>Numerically stable softmax over the last axis: max, exp(x - max), sum, divide.</summary>
    public TensorValue Softmax(TensorValue x)
    {
        var m = ReduceLastKeep(x, max: true);
        var e = Map([x, m], (s, a) => s.Unary("math.exp", s.Sub(a[0], a[1])));
        var sum = ReduceLastKeep(e, max: false);
        return Div(e, sum);
    }

    /// <summary>LayerNorm over the last axis (biased variance): (x - mean) * rsqrt(var + eps) * gamma + beta.</summary>
    public TensorValue LayerNorm(TensorValue x, TensorValue gamma, TensorValue beta, double eps)
    {
        double inv = 1.0 / x.Shape[^1];
        var sum = ReduceLastKeep(x, max: false);
        var centered = Map([x, sum], (s, a) => s.Sub(a[0], s.Mul(a[1], s.Const(inv))));
        var sq = Map([centered], (s, a) => s.Mul(a[0], a[0]));
        var var = ReduceLastKeep(sq, max: false);
        return Map([centered, var, gamma, beta], (s, a) =>
            s.Add(s.Mul(s.Mul(a[0], s.Rsqrt(s.Add(s.Mul(a[1], s.Const(inv)), s.Const(eps)))), a[2]), a[3]));
    }

    /// <summary>RMSNorm over the last axis (Zhang &amp; Sennrich 2019, Llama): x * rsqrt(mean(x^2) + eps) * weight.</summary>
    public TensorValue RmsNorm(TensorValue x, TensorValue weight, double eps)
    {
        double inv = 1.0 / x.Shape[^1];
        var sq = Map([x], (s, a) => s.Mul(a[0], a[0]));
        var ss = ReduceLastKeep(sq, max: false);
        return Map([x, ss, weight], (s, a) =>
            s.Mul(s.Mul(a[0], s.Rsqrt(s.Add(s.Mul(a[1], s.Const(inv)), s.Const(eps)))), a[2]));
    }

    /// <summary>
    /// Inference batch norm on NCHW with per-channel [C] gamma, beta, running mean and variance (each expanded to
    /// [C,1,1]): (x - mean) * rsqrt(var + eps) * gamma + beta.
    /// </summary>
    public TensorValue BatchNorm(TensorValue x, TensorValue gamma, TensorValue beta, TensorValue mean, TensorValue variance, double eps = 1e-5)
    {
        long c = x.Shape[1];
        TensorValue Ch(TensorValue v) => Reshape(v, [c, 1, 1]);
        var (g, b, m, v) = (Ch(gamma), Ch(beta), Ch(mean), Ch(variance));
        return Map([x, g, b, m, v], (s, a) =>
            s.Add(s.Mul(s.Mul(s.Sub(a[0], a[3]), s.Rsqrt(s.Add(a[4], s.Const(eps)))), a[1]), a[2]));
    }
}
