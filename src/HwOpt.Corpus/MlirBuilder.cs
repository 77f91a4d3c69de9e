using System.Globalization;
using System.Text;

namespace HwOpt.Corpus;

/// <summary>
/// Writes one <c>func.func @forward</c> in MLIR 19 custom syntax (func, linalg on tensors, arith, math, tensor, tosa),
/// tracking SSA names, tensor types, weight arguments and FLOPs. Arguments are declared while the body is built
/// (<see cref="Input"/>, <see cref="Weight"/>); <see cref="Finish"/> assembles the module text.
/// </summary>
/// <remarks>
/// FLOP accounting: contractions (matmul, convolution) count 2 FLOPs per multiply-accumulate in
/// <see cref="ContractionFlops"/>; every arith/math op in an elementwise or reduction body counts 1 FLOP per
/// iteration in <see cref="OtherFlops"/>. Data movement (pad, transpose, reshape, slices, fill) counts 0.
/// Output is deterministic: names come from counters, numbers use the invariant culture.
/// </remarks>
public sealed partial class MlirBuilder
{
    private readonly List<string> _args = [];
    private readonly List<string> _body = [];
    private readonly Dictionary<string, string> _constants = new(StringComparer.Ordinal);
    private readonly List<WeightInfo> _weights = [];
    private readonly HashSet<string> _argNames = new(StringComparer.Ordinal);
    private int _next;
    private int _nextConst;

    /// <summary>Creates a builder whose float tensors use <paramref name="element"/>.</summary>
    public MlirBuilder(ElementType element) => Element = element;

    /// <summary>The element type of float tensors.</summary>
    public ElementType Element { get; }

    /// <summary>2 x multiply-accumulates of matmul and convolution ops emitted so far.</summary>
    public long ContractionFlops { get; private set; }

    /// <summary>Arith/math ops in elementwise and reduction bodies times their iteration counts.</summary>
    public long OtherFlops { get; private set; }

    /// <summary>Operations emitted in the body of <c>@forward</c>, not counting ops inside regions.</summary>
    public int OpCount { get; private set; }

    /// <summary>Weight arguments in declaration order.</summary>
    public IReadOnlyList<WeightInfo> Weights => _weights;

    /// <summary>Declares a non-weight input argument (activations, masks, RoPE tables) of the current element type.</summary>
    public TensorValue Input(string name, params long[] shape) => Argument(name, shape, weight: false);

    /// <summary>Declares a weight argument; its element count adds to the parameter count.</summary>
    public TensorValue Weight(string name, params long[] shape) => Argument(name, shape, weight: true);

    private TensorValue Argument(string name, long[] shape, bool weight)
    {
        if (!_argNames.Add(name)) throw new InvalidOperationException($"duplicate argument name {name}");
        var v = new TensorValue("%" + name, shape, Element);
        _args.Add($"{v.Name}: {v.Type}");
        if (weight) _weights.Add(new WeightInfo(name, shape));
        return v;
    }

    /// <summary>A fresh SSA name (<c>%12</c>).</summary>
    internal string Fresh() => "%" + (_next++).ToString(CultureInfo.InvariantCulture);

    /// <summary>Appends one op (possibly multi-line) to the body and counts it.</summary>
    internal void Emit(string op)
    {
        _body.Add(op);
        OpCount++;
    }

    internal void AddContraction(long macs) => ContractionFlops += 2 * macs;

    internal void AddOther(long flops) => OtherFlops += flops;

    /// <summary>A scalar <c>arith.constant</c> of the element type, emitted once per value and reused.</summary>
    public string Scalar(double value) => ScalarOf(Element.Literal(value), Element.Mlir());

    /// <summary>A scalar <c>arith.constant</c> with an explicit literal and type (e.g. <c>0</c>, <c>index</c>).</summary>
    internal string ScalarOf(string literal, string type)
    {
        string key = literal + ":" + type;
        if (_constants.TryGetValue(key, out var name)) return name;
        name = _nextConst == 0 ? "%cst" : "%cst_" + (_nextConst - 1).ToString(CultureInfo.InvariantCulture);
        _nextConst++;
        _constants[key] = name;
        Emit($"{name} = arith.constant {literal} : {type}");
        return name;
    }

    /// <summary>Creates <c>tensor.empty() : tensor&lt;shape&gt;</c>.</summary>
    public TensorValue Empty(IReadOnlyList<long> shape)
    {
        var v = new TensorValue(Fresh(), shape.ToArray(), Element);
        Emit($"{v.Name} = tensor.empty() : {v.Type}");
        return v;
    }

    /// <summary>A tensor of <paramref name="shape"/> filled with <paramref name="value"/> (<c>tensor.empty</c> + <c>linalg.fill</c>).</summary>
    public TensorValue Filled(IReadOnlyList<long> shape, double value)
    {
        string c = Scalar(value);
        var e = Empty(shape);
        var v = e with { Name = Fresh() };
        Emit($"{v.Name} = linalg.fill ins({c} : {Element.Mlir()}) outs({e.Name} : {e.Type}) -> {v.Type}");
        return v;
    }

    /// <summary>
    /// The module text: a header comment, then <c>func.func @forward(args) -> result</c> returning <paramref name="result"/>.
    /// </summary>
    /// <param name="header">Comment lines without the <c>//</c> prefix.</param>
    /// <param name="result">The value returned by <c>@forward</c>.</param>
    public string Finish(IEnumerable<string> header, TensorValue result)
    {
        var sb = new StringBuilder();
        foreach (var line in header) sb.Append(line.Length == 0 ? "//" : "// " + line).Append('\n');
        sb.Append("module {\n");
        sb.Append("  func.func @forward(\n      ").Append(string.Join(",\n      ", _args)).Append(") -> ").Append(result.Type).Append(" {\n");
        foreach (var op in _body)
        {
            foreach (var line in op.Split('\n')) sb.Append("    ").Append(line).Append('\n');
        }
        sb.Append("    return ").Append(result.Name).Append(" : ").Append(result.Type).Append('\n');
        sb.Append("  }\n}\n");
        return sb.ToString();
    }

    internal static string List(IEnumerable<long> values) => string.Join(", ", values);

    internal static string List(IEnumerable<int> values) => string.Join(", ", values);
}
