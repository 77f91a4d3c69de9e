using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using HwOpt.CostModel.Features;
using HwOpt.IR;
using HwOpt.Profiling;
using HwOpt.Syntax;

namespace HwOpt.Planning.Precision;

/// <summary>
/// Rewrites an outlined kernel (<see cref="Kernel.Text"/>, generic form) to compute in another number format, written
/// the way the cost model's training kernels are (corpus/measurements: <c>linalg.matmul</c> in bf16 / f16 / i8):
/// <list type="bullet">
/// <item>float formats: every occurrence of the op's original element type as a type (tensor element, block argument,
/// scalar op type, constant type) becomes the format's type, accumulator included (a bf16 matmul accumulates in bf16,
/// as in the training data);</item>
/// <item>integer formats: contractions with two inputs, one output and a multiply-add body only; inputs become
/// <c>iN</c>, the output <c>i32</c>, and the body <c>extsi, extsi, muli, addi, yield</c>; a cloned weight constant
/// becomes an argument (a quantized weight is an input of the kernel).</item>
/// </list>
/// Casts at precision boundaries are written as the profiler's cast sweep writes them: an identity
/// <c>linalg.generic</c> whose body is one <c>arith.truncf / extf / fptosi / sitofp / trunci / extsi</c>.
/// The rewritten text is read back with <see cref="Featurizer.KernelBody"/> before it is predicted.
/// </summary>
internal static partial class FormatRewriter
{
    /// <summary>The kernel rewritten to a format, or null with the reason when it cannot be.</summary>
    /// <param name="kernel">The outlined op.</param>
    /// <param name="op">The op in the model (for its roles and original element type).</param>
    /// <param name="format">Target format.</param>
    /// <param name="whyNot">Why the kernel cannot be written in the format (null on success).</param>
    public static string? Rewrite(Kernel kernel, Operation op, NumericFormat format, out string? whyNot)
    {
        whyNot = null;
        if (op.Results.Count != 1 || op.Results[0].Type is not ShapedType { ElementType: FloatType original })
        {
            whyNot = "its result is not a float tensor";
            return null;
        }
        if (original.Name == format.ElementType) return kernel.Text;
        if (!format.IsInteger) return ReplaceType(kernel.Text, original.Name, format.ElementType);
        return RewriteInteger(kernel, format, out whyNot);
    }

    /// <summary>Replaces a float element type, as a type token, by another throughout a kernel text.</summary>
    public static string ReplaceType(string text, string from, string to) =>
        Regex.Replace(text, "(?<=[x<(\\s:,\\[])" + Regex.Escape(from) + "(?=[>\\s,)\\]}]|$)", to);

    private static string? RewriteInteger(Kernel kernel, NumericFormat format, out string? whyNot)
    {
        whyNot = null;
        IReadOnlyList<Operation> body;
        try { body = Featurizer.KernelBody(kernel.Text); }
        catch (FormatException ex)
        {
            whyNot = "its kernel does not read back: " + ex.Message;
            return null;
        }
        var op = body[^1];
        var scalar = OpRoles.BodyOps(op).Select(b => DialectWork.Of(b.Name)?.Class ?? ScalarOpClass.None).Where(c => c != ScalarOpClass.None).ToList();
        bool mulAdd = scalar.Count == 2 && scalar.Contains(ScalarOpClass.Mul) && scalar.Contains(ScalarOpClass.Add);
        if (!DialectTraits.Has(op.Name, "contraction") || op.Operands.Count != 3 || op.Results.Count != 1 || !mulAdd)
        {
            whyNot = "integer kernels are written for named contractions with two inputs and a multiply-add body only";
            return null;
        }
        var types = new List<MlirType>();
        for (int i = 0; i < 3; i++)
        {
            if (op.Operands[i].Type is not TensorType t)
            {
                whyNot = "an operand is not a ranked tensor";
                return null;
            }
            types.Add(new TensorType(t.Shape, Element(i < 2 ? format.ElementType : format.AccumulatorType), t.Encoding));
        }
        string e = format.ElementType, acc = format.AccumulatorType;
        string signature = "(" + string.Join(", ", types) + ")";
        var sb = new StringBuilder();
        sb.Append("\"func.func\"() <{function_type = ").Append(signature).Append(" -> ").Append(types[2]).Append(", sym_name = \"kernel\"}> ({\n");
        sb.Append("^bb0(%in0: ").Append(types[0]).Append(", %in1: ").Append(types[1]).Append(", %in2: ").Append(types[2]).Append("):\n");
        sb.Append("  %0 = \"").Append(op.Name).Append("\"(%in0, %in1, %in2) ").Append(op.Properties?.ToString() is { } p ? "<" + p + "> " : "").Append("({\n");
        sb.Append(CultureInfo.InvariantCulture, $"  ^bb0(%arg0: {e}, %arg1: {e}, %arg2: {acc}):\n");
        sb.Append(CultureInfo.InvariantCulture, $"    %1 = \"arith.extsi\"(%arg0) : ({e}) -> {acc}\n");
        sb.Append(CultureInfo.InvariantCulture, $"    %2 = \"arith.extsi\"(%arg1) : ({e}) -> {acc}\n");
        sb.Append(CultureInfo.InvariantCulture, $"    %3 = \"arith.muli\"(%1, %2) : ({acc}, {acc}) -> {acc}\n");
        sb.Append(CultureInfo.InvariantCulture, $"    %4 = \"arith.addi\"(%arg2, %3) : ({acc}, {acc}) -> {acc}\n");
        sb.Append(CultureInfo.InvariantCulture, $"    \"linalg.yield\"(%4) : ({acc}) -> ()\n");
        sb.Append("  })");
        if (op.Attributes.Count > 0) sb.Append(' ').Append(op.Attributes);
        sb.Append(" : ").Append(signature).Append(" -> ").Append(types[2]).Append('\n');
        sb.Append("  \"func.return\"(%0) : (").Append(types[2]).Append(") -> ()\n");
        sb.Append("}) : () -> ()\n");
        return sb.ToString();
    }

    /// <summary>
    /// A kernel converting a tensor of <paramref name="shape"/>'s shape from one element type to another (one
    /// identity <c>linalg.generic</c>), or null when the types are equal.
    /// </summary>
    /// <param name="shape">The edge's tensor (its element type is ignored).</param>
    /// <param name="from">Element type produced.</param>
    /// <param name="to">Element type consumed.</param>
    public static string? CastKernel(ShapedType shape, string from, string to)
    {
        if (from == to || shape.Shape is null) return null;
        string op = CastOp(from, to);
        string a = new TensorType(shape.Shape, Element(from), null).ToString(), o = new TensorType(shape.Shape, Element(to), null).ToString();
        int rank = shape.Shape.Count;
        string dims = string.Join(", ", Enumerable.Range(0, rank).Select(i => "d" + i.ToString(CultureInfo.InvariantCulture)));
        string map = $"affine_map<({dims}) -> ({dims})>";
        string iterators = string.Join(", ", Enumerable.Repeat("#linalg.iterator_type<parallel>", rank));
        return $"\"func.func\"() <{{function_type = ({a}, {o}) -> {o}, sym_name = \"kernel\"}}> ({{\n" +
               $"^bb0(%in0: {a}, %in1: {o}):\n" +
               $"  %0 = \"linalg.generic\"(%in0, %in1) <{{indexing_maps = [{map}, {map}], iterator_types = [{iterators}], operandSegmentSizes = array<i32: 1, 1>}}> ({{\n" +
               $"  ^bb0(%arg0: {from}, %arg1: {to}):\n" +
               $"    %1 = \"{op}\"(%arg0) : ({from}) -> {to}\n" +
               $"    \"linalg.yield\"(%1) : ({to}) -> ()\n" +
               $"  }}) : ({a}, {o}) -> {o}\n" +
               $"  \"func.return\"(%0) : ({o}) -> ()\n" +
               "}) : () -> ()\n";
    }

    private static string CastOp(string from, string to)
    {
        bool fi = IsInt(from), ti = IsInt(to);
        if (fi && ti) return Width(to) < Width(from) ? "arith.trunci" : "arith.extsi";
        if (fi) return "arith.sitofp";
        if (ti) return "arith.fptosi";
        return Width(to) < Width(from) ? "arith.truncf" : "arith.extf";
    }

    private static bool IsInt(string t) => t.Length > 1 && t[0] == 'i' && char.IsDigit(t[1]);

    private static int Width(string t) => Element(t).BitWidth ?? 32;

    /// <summary>The element type of a name (<c>f32</c>, <c>i8</c>, ...).</summary>
    public static MlirType Element(string name) => IsInt(name)
        ? new IntegerType(int.Parse(name.AsSpan(1), CultureInfo.InvariantCulture), Signedness.Signless)
        : new FloatType(name);
}
