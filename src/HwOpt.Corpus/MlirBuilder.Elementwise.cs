using System.Text;

namespace HwOpt.Corpus;

/// <summary>Elementwise <c>linalg.generic</c> ops with numpy-style broadcasting, and the activations built on them.</summary>
public sealed partial class MlirBuilder
{
    /// <summary>
    /// An elementwise <c>linalg.generic</c> over the broadcast shape of <paramref name="inputs"/> (right-aligned; a size-1
    /// dim against a larger one reads index 0, a missing leading dim is dropped from the indexing map).
    /// <paramref name="body"/> receives the block arguments and returns the yielded scalar; each arith/math op it
    /// emits counts one FLOP per result element.
    /// </summary>
    public TensorValue Map(IReadOnlyList<TensorValue> inputs, Func<ScalarBody, string[], string> body)
    {
        int rank = inputs.Max(i => i.Rank);
        var shape = new long[rank];
        for (int d = 0; d < rank; d++)
        {
            shape[d] = 1;
            foreach (var t in inputs)
            {
                int k = d - (rank - t.Rank);
                if (k >= 0 && t.Shape[k] != 1)
                {
                    Require(shape[d] == 1 || shape[d] == t.Shape[k], $"broadcast {string.Join(", ", inputs.Select(i => i.Type))}");
                    shape[d] = t.Shape[k];
                }
            }
        }
        var dims = string.Join(", ", Enumerable.Range(0, rank).Select(d => "d" + d));
        var maps = inputs.Select(t => Enumerable.Range(0, t.Rank)
                .Select(k => t.Shape[k] == 1 && shape[k + rank - t.Rank] != 1 ? "0" : "d" + (k + rank - t.Rank)))
            .Append(Enumerable.Range(0, rank).Select(d => "d" + d))
            .Select(m => $"affine_map<({dims}) -> ({string.Join(", ", m)})>");
        var iterators = string.Join(", ", Enumerable.Repeat("\"parallel\"", rank));
        return Generic(inputs, shape, string.Join(", ", maps), iterators, body, null);
    }

    /// <summary>Emits a <c>linalg.generic</c> with the given maps and iterators into a fresh or given init tensor.</summary>
    private TensorValue Generic(IReadOnlyList<TensorValue> inputs, long[] shape, string maps, string iterators,
        Func<ScalarBody, string[], string> body, TensorValue? init)
    {
        var args = new string[inputs.Count + 1];
        for (int i = 0; i < inputs.Count; i++) args[i] = i == 0 ? "%in" : "%in_" + (i - 1);
        args[^1] = "%out";
        var scalar = new ScalarBody(this);
        string yielded = body(scalar, args);
        var outInit = init ?? Empty(shape);
        var r = outInit with { Name = Fresh() };
        string elt = Element.Mlir();
        var sb = new StringBuilder();
        sb.Append($"{r.Name} = linalg.generic {{indexing_maps = [{maps}], iterator_types = [{iterators}]}} ");
        if (inputs.Count > 0)
        {
            sb.Append($"ins({string.Join(", ", inputs.Select(i => i.Name))} : {string.Join(", ", inputs.Select(i => i.Type))}) ");
        }
        sb.Append($"outs({outInit.Name} : {outInit.Type}) {{\n");
        sb.Append($"^bb0({string.Join(", ", args.Select(a => a + ": " + elt))}):\n");
        foreach (var line in scalar.Lines) sb.Append("  ").Append(line).Append('\n');
        sb.Append($"  linalg.yield {yielded} : {elt}\n}} -> {r.Type}");
        Emit(sb.ToString());
        long iterations = inputs.Count > 0 ? Math.Max(inputs.Max(i => i.Elements), r.Elements) : r.Elements;
        AddOther(scalar.Flops * iterations);
        return r;
    }

    /// <summary>a + b (broadcasting).</summary>
    public TensorValue Add(TensorValue a, TensorValue b) => Map([a, b], (s, x) => s.Add(x[0], x[1]));

    /// <summary>a - b (broadcasting).</summary>
    public TensorValue Sub(TensorValue a, TensorValue b) => Map([a, b], (s, x) => s.Sub(x[0], x[1]));

    /// <summary>a * b (broadcasting).</summary>
    public TensorValue Mul(TensorValue a, TensorValue b) => Map([a, b], (s, x) => s.Mul(x[0], x[1]));

    /// <summary>a / b (broadcasting).</summary>
    public TensorValue Div(TensorValue a, TensorValue b) => Map([a, b], (s, x) => s.Div(x[0], x[1]));

    /// <summary>x * c for a scalar constant c.</summary>
    public TensorValue Scale(TensorValue x, double c) => Map([x], (s, a) => s.Mul(a[0], s.Const(c)));

    /// <summary>exp(x).</summary>
    public TensorValue Exp(TensorValue x) => Map([x], (s, a) => s.Unary("math.exp", a[0]));

    /// <summary>max(x, 0).</summary>
    public TensorValue Relu(TensorValue x) => Map([x], (s, a) => s.Max(a[0], s.Const(0)));

    /// <summary>min(max(x, 0), 6) (MobileNetV2).</summary>
    public TensorValue Relu6(TensorValue x) => Map([x], (s, a) => s.Min(s.Max(a[0], s.Const(0)), s.Const(6)));

    /// <summary>1 / (1 + exp(-x)).</summary>
    public TensorValue Sigmoid(TensorValue x) => Map([x], (s, a) => s.Sigmoid(a[0]));

    /// <summary>x * sigmoid(x) (SiLU / swish, Llama's SwiGLU gate).</summary>
    public TensorValue Silu(TensorValue x) => Map([x], (s, a) => s.Mul(a[0], s.Sigmoid(a[0])));

    /// <summary>x * relu6(x + 3) / 6 (MobileNetV3 hard-swish).</summary>
    public TensorValue HardSwish(TensorValue x) => Map([x], (s, a) =>
        s.Mul(a[0], s.Mul(s.Min(s.Max(s.Add(a[0], s.Const(3)), s.Const(0)), s.Const(6)), s.Const(1.0 / 6))));

    /// <summary>Exact GELU: 0.5 * x * (1 + erf(x / sqrt(2))) (BERT, ViT, ConvNeXt).</summary>
    public TensorValue Gelu(TensorValue x) => Map([x], (s, a) =>
        s.Mul(s.Mul(a[0], s.Const(0.5)), s.Add(s.Const(1), s.Unary("math.erf", s.Mul(a[0], s.Const(0.7071067811865476))))));

    /// <summary>tanh GELU: 0.5 * x * (1 + tanh(sqrt(2/pi) * (x + 0.044715 x^3))) (GPT-2).</summary>
    public TensorValue GeluTanh(TensorValue x) => Map([x], (s, a) =>
    {
        string x3 = s.Mul(s.Mul(a[0], a[0]), a[0]);
        string inner = s.Mul(s.Add(a[0], s.Mul(x3, s.Const(0.044715))), s.Const(0.7978845608028654));
        return s.Mul(s.Mul(a[0], s.Const(0.5)), s.Add(s.Const(1), s.Unary("math.tanh", inner)));
    });

    /// <summary>
    /// Causal mask on scores [..., S, S]: entries above the diagonal (key index &gt; query index) become -inf, via
    /// <c>linalg.index</c>, <c>arith.cmpi</c> and <c>arith.select</c> in the body.
    /// </summary>
    public TensorValue CausalMask(TensorValue scores) => Map([scores], (s, a) =>
    {
        string row = s.Index(scores.Rank - 2), col = s.Index(scores.Rank - 1);
        return s.Select(s.CmpUgt(col, row), s.Const(double.NegativeInfinity), a[0]);
    });
}

/// <summary>Writes the scalar body of a <c>linalg.generic</c>; every arith/math op counts one FLOP.</summary>
public sealed class ScalarBody
{
    private readonly MlirBuilder _builder;
    private readonly string _type;

    internal ScalarBody(MlirBuilder builder)
    {
        _builder = builder;
        _type = builder.Element.Mlir();
    }

    internal List<string> Lines { get; } = [];

    /// <summary>Arith/math ops emitted (FLOPs per iteration).</summary>
    public int Flops { get; private set; }

    /// <summary>A scalar constant defined before the generic op (captured by the body, as torch-mlir does).</summary>
    public string Const(double value) => _builder.Scalar(value);

    /// <summary><c>arith.addf</c>.</summary>
    public string Add(string a, string b) => Binary("arith.addf", a, b);

    /// <summary><c>arith.subf</c>.</summary>
    public string Sub(string a, string b) => Binary("arith.subf", a, b);

    /// <summary><c>arith.mulf</c>.</summary>
    public string Mul(string a, string b) => Binary("arith.mulf", a, b);

    /// <summary><c>arith.divf</c>.</summary>
    public string Div(string a, string b) => Binary("arith.divf", a, b);

    /// <summary><c>arith.maximumf</c>.</summary>
    public string Max(string a, string b) => Binary("arith.maximumf", a, b);

    /// <summary><c>arith.minimumf</c>.</summary>
    public string Min(string a, string b) => Binary("arith.minimumf", a, b);

    /// <summary>1 / (1 + exp(-x)) with <c>arith.negf</c>, <c>math.exp</c>, <c>arith.addf</c>, <c>arith.divf</c>.</summary>
    public string Sigmoid(string x) => Div(Const(1), Add(Const(1), Unary("math.exp", Unary("arith.negf", x))));

    /// <summary>
    /// 1 / sqrt(x) as <c>math.sqrt</c> + <c>arith.divf</c>: the project's cpu-loops pipeline (MLIR 19) cannot lower
    /// <c>math.rsqrt</c> ("failed to legalize operation 'math.rsqrt'").
    /// </summary>
    public string Rsqrt(string x) => Div(Const(1), Unary("math.sqrt", x));

    /// <summary>A unary float op such as <c>math.exp</c>, <c>math.tanh</c>, <c>math.sqrt</c>, <c>arith.negf</c>.</summary>
    /// <remarks>
    /// For f16/bf16, <c>math.*</c> ops are computed in f32 between <c>arith.extf</c> and <c>arith.truncf</c> (as IREE
    /// does): MLIR 19's <c>math-legalize-to-f32</c> would do the same but leaves <c>#arith.fastmath</c> attributes on
    /// <c>llvm.fpext</c>, which <c>mlir-cpu-runner</c> then cannot parse.
    /// </remarks>
    public string Unary(string op, string a)
    {
        Flops++;
        if (_type == "f32" || !op.StartsWith("math.", StringComparison.Ordinal))
        {
            string r = _builder.Fresh();
            Lines.Add($"{r} = {op} {a} : {_type}");
            return r;
        }
        string wide = _builder.Fresh(), result = _builder.Fresh(), narrow = _builder.Fresh();
        Lines.Add($"{wide} = arith.extf {a} : {_type} to f32");
        Lines.Add($"{result} = {op} {wide} : f32");
        Lines.Add($"{narrow} = arith.truncf {result} : f32 to {_type}");
        return narrow;
    }

    /// <summary><c>linalg.index</c> of an iteration dimension (no FLOP).</summary>
    public string Index(int dim)
    {
        string r = _builder.Fresh();
        Lines.Add($"{r} = linalg.index {dim} : index");
        return r;
    }

    /// <summary><c>arith.cmpi ugt</c> on index values (no FLOP).</summary>
    public string CmpUgt(string a, string b)
    {
        string r = _builder.Fresh();
        Lines.Add($"{r} = arith.cmpi ugt, {a}, {b} : index");
        return r;
    }

    /// <summary><c>arith.select</c> of two floats (no FLOP).</summary>
    public string Select(string condition, string whenTrue, string whenFalse)
    {
        string r = _builder.Fresh();
        Lines.Add($"{r} = arith.select {condition}, {whenTrue}, {whenFalse} : {_type}");
        return r;
    }

    private string Binary(string op, string a, string b)
    {
        string r = _builder.Fresh();
        Lines.Add($"{r} = {op} {a}, {b} : {_type}");
        Flops++;
        return r;
    }
}
