using System.Globalization;
using System.Text;

namespace HwOpt.Profiling.Validation;

/// <summary>
/// Element-wise casts between number formats, written as <c>linalg.generic</c> ops on tensors in custom syntax for a
/// driver function: a plain cast (<c>arith.truncf</c> / <c>arith.extf</c>), and quantize-dequantize (the value rounded to
/// the format and back; for integer formats per-tensor symmetric: scale = max |x| / (2^(bits-1) - 1), round half to even).
/// Every helper value is named after the result (<c>%q3_0</c> -> <c>%q3_0_e</c>, ...), so names never clash.
/// </summary>
public static class FormatCasts
{
    /// <summary>Bit width of a float element type name; 0 when unknown.</summary>
    public static int FloatBits(string name) => name switch
    {
        "f64" => 64,
        "f32" or "tf32" => 32,
        "f16" or "bf16" => 16,
        _ when name.StartsWith("f8", StringComparison.Ordinal) => 8,
        _ => 0,
    };

    /// <summary>Bit width of an integer element type name (<c>i8</c> -> 8); 0 when it is not one.</summary>
    public static int IntegerBits(string name) =>
        name.Length > 1 && name[0] == 'i' && int.TryParse(name.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out int b) ? b : 0;

    /// <summary><c>tensor&lt;2x3xbf16&gt;</c>.</summary>
    public static string TensorText(IReadOnlyList<long> shape, string element)
    {
        var sb = new StringBuilder("tensor<");
        foreach (long d in shape) sb.Append(d.ToString(CultureInfo.InvariantCulture)).Append('x');
        return sb.Append(element).Append('>').ToString();
    }

    /// <summary><c>%result = cast(%input)</c> from one float element type to another.</summary>
    public static string Cast(string result, string input, IReadOnlyList<long> shape, string from, string to)
    {
        string tag = Tag(result);
        var body = new StringBuilder();
        string v = Convert(body, tag + "_v", "%" + tag + "_i", from, to);
        return Elementwise(result, [(input, from)], shape, to, [from, to], body.ToString(), v);
    }

    /// <summary><c>%result = dequantize(quantize(%input))</c>: the values of a float tensor rounded to <paramref name="format"/>, in <paramref name="element"/>.</summary>
    public static string QuantizeDequantize(string result, string input, IReadOnlyList<long> shape, string element, string format)
    {
        string tag = Tag(result);
        int bits = IntegerBits(format);
        if (bits == 0 && Rounding(format) is { } rounding && element == "f32")
        {
            // 8-bit floats do not lower in MLIR 19 (no LLVM type): round the f32 mantissa in integer arithmetic instead.
            var b = new StringBuilder();
            string y = RoundMantissa(b, tag, "%" + tag + "_i", rounding.MantissaBits, rounding.MaxFinite);
            return Elementwise(result, [(input, element)], shape, element, [element, element], b.ToString(), y);
        }
        if (bits == 0)
        {
            var b = new StringBuilder();
            string down = Convert(b, tag + "_d", "%" + tag + "_i", element, format);
            string up = Convert(b, tag + "_u", down, format, element);
            return Elementwise(result, [(input, element)], shape, element, [element, element], b.ToString(), up);
        }
        var sb = new StringBuilder();
        string scalar = "tensor<" + element + ">";
        string map = Map(shape.Count, identity: true), scalarMap = Map(shape.Count, identity: false);
        string t = TensorText(shape, element);
        sb.Append("  %").Append(tag).Append("_z = arith.constant 0.000000e+00 : ").Append(element).Append('\n');
        sb.Append("  %").Append(tag).Append("_e0 = tensor.empty() : ").Append(scalar).Append('\n');
        sb.Append("  %").Append(tag).Append("_f = linalg.fill ins(%").Append(tag).Append("_z : ").Append(element).Append(") outs(%").Append(tag).Append("_e0 : ").Append(scalar).Append(") -> ").Append(scalar).Append('\n');
        sb.Append("  %").Append(tag).Append("_m = linalg.generic {indexing_maps = [").Append(map).Append(", ").Append(scalarMap).Append("], iterator_types = [")
          .Append(string.Join(", ", Enumerable.Repeat("\"reduction\"", shape.Count))).Append("]} ins(").Append(input).Append(" : ").Append(t).Append(") outs(%").Append(tag).Append("_f : ").Append(scalar).Append(") {\n");
        sb.Append("  ^bb0(%").Append(tag).Append("_x0: ").Append(element).Append(", %").Append(tag).Append("_a0: ").Append(element).Append("):\n");
        sb.Append("    %").Append(tag).Append("_abs = math.absf %").Append(tag).Append("_x0 : ").Append(element).Append('\n');
        sb.Append("    %").Append(tag).Append("_mx = arith.maximumf %").Append(tag).Append("_abs, %").Append(tag).Append("_a0 : ").Append(element).Append('\n');
        sb.Append("    linalg.yield %").Append(tag).Append("_mx : ").Append(element).Append("\n  } -> ").Append(scalar).Append('\n');
        double qmax = Math.Pow(2, bits - 1) - 1;
        string tiny = FloatBits(element) == 16 && element == "f16" ? "6.103516e-05" : "1.000000e-30";
        var body = new StringBuilder();
        body.Append("    %").Append(tag).Append("_tiny = arith.constant ").Append(tiny).Append(" : ").Append(element).Append('\n');
        body.Append("    %").Append(tag).Append("_qmax = arith.constant ").Append(qmax.ToString("0.0#####e+00", CultureInfo.InvariantCulture)).Append(" : ").Append(element).Append('\n');
        body.Append("    %").Append(tag).Append("_s1 = arith.maximumf %").Append(tag).Append("_i1, %").Append(tag).Append("_tiny : ").Append(element).Append('\n');
        body.Append("    %").Append(tag).Append("_sc = arith.divf %").Append(tag).Append("_s1, %").Append(tag).Append("_qmax : ").Append(element).Append('\n');
        body.Append("    %").Append(tag).Append("_dv = arith.divf %").Append(tag).Append("_i, %").Append(tag).Append("_sc : ").Append(element).Append('\n');
        body.Append("    %").Append(tag).Append("_r = math.roundeven %").Append(tag).Append("_dv : ").Append(element).Append('\n');
        body.Append("    %").Append(tag).Append("_y = arith.mulf %").Append(tag).Append("_r, %").Append(tag).Append("_sc : ").Append(element).Append('\n');
        sb.Append(Elementwise(result, [(input, element), ("%" + tag + "_m", "scalar")], shape, element, [element, element, element], body.ToString(), "%" + tag + "_y"));
        return sb.ToString();
    }

    /// <summary>Explicit mantissa bits and largest finite value of the 8-bit float formats, whose casts MLIR 19 cannot lower.</summary>
    private static (int MantissaBits, double MaxFinite)? Rounding(string format) => format switch
    {
        "f8E4M3FN" => (3, 448),
        "f8E5M2" => (2, 57344),
        _ => null,
    };

    /// <summary>
    /// Rounds an f32 to <paramref name="mantissaBits"/> explicit mantissa bits, half to even, on its bit pattern, and clamps it
    /// to +-<paramref name="maxFinite"/> (the f32 exponent range is kept: values below the format's smallest normal are not flushed).
    /// </summary>
    private static string RoundMantissa(StringBuilder body, string tag, string value, int mantissaBits, double maxFinite)
    {
        int shift = 23 - mantissaBits;
        void Line(string name, string op) => body.Append("    %").Append(tag).Append('_').Append(name).Append(" = ").Append(op).Append('\n');
        string P(string name) => "%" + tag + "_" + name;
        Line("b", $"arith.bitcast {value} : f32 to i32");
        Line("sh", $"arith.constant {shift} : i32");
        Line("one", "arith.constant 1 : i32");
        Line("lsb0", $"arith.shrui {P("b")}, {P("sh")} : i32");
        Line("lsb", $"arith.andi {P("lsb0")}, {P("one")} : i32");
        Line("half", $"arith.constant {(1 << (shift - 1)) - 1} : i32");
        Line("bias", $"arith.addi {P("half")}, {P("lsb")} : i32");
        Line("sum", $"arith.addi {P("b")}, {P("bias")} : i32");
        Line("mask", $"arith.constant {~((1 << shift) - 1)} : i32");
        Line("rb", $"arith.andi {P("sum")}, {P("mask")} : i32");
        Line("r", $"arith.bitcast {P("rb")} : i32 to f32");
        string max = maxFinite.ToString("0.0#####e+00", CultureInfo.InvariantCulture);
        Line("hi", $"arith.constant {max} : f32");
        Line("lo", $"arith.constant -{max} : f32");
        Line("c0", $"arith.minimumf {P("r")}, {P("hi")} : f32");
        Line("y", $"arith.maximumf {P("c0")}, {P("lo")} : f32");
        return P("y");
    }

    private static string Convert(StringBuilder body, string name, string value, string from, string to)
    {
        int fb = FloatBits(from), tb = FloatBits(to);
        if (from == to) return value;
        if (fb == tb)
        {
            // Same width, different format (f16 <-> bf16): through f32.
            string wide = Convert(body, name + "w", value, from, "f32");
            return Convert(body, name, wide, "f32", to);
        }
        body.Append("    %").Append(name).Append(" = arith.").Append(fb > tb ? "truncf" : "extf").Append(' ').Append(value).Append(" : ").Append(from).Append(" to ").Append(to).Append('\n');
        return "%" + name;
    }

    /// <summary>An element-wise <c>linalg.generic</c> over <paramref name="shape"/>: inputs (a "scalar" type means a rank-0 tensor broadcast), one output.</summary>
    private static string Elementwise(string result, IReadOnlyList<(string Value, string Element)> inputs, IReadOnlyList<long> shape, string outElement,
        IReadOnlyList<string> blockTypes, string body, string yielded)
    {
        string tag = Tag(result);
        string outType = TensorText(shape, outElement);
        var sb = new StringBuilder();
        sb.Append("  %").Append(tag).Append("_e = tensor.empty() : ").Append(outType).Append('\n');
        var maps = inputs.Select(i => Map(shape.Count, identity: i.Element != "scalar")).Append(Map(shape.Count, identity: true));
        var types = inputs.Select(i => i.Element == "scalar" ? "tensor<" + outElement + ">" : TensorText(shape, i.Element));
        sb.Append("  ").Append(result).Append(" = linalg.generic {indexing_maps = [").Append(string.Join(", ", maps)).Append("], iterator_types = [")
          .Append(string.Join(", ", Enumerable.Repeat("\"parallel\"", shape.Count))).Append("]} ins(").Append(string.Join(", ", inputs.Select(i => i.Value)))
          .Append(" : ").Append(string.Join(", ", types)).Append(") outs(%").Append(tag).Append("_e : ").Append(outType).Append(") {\n");
        var argNames = new List<string> { "%" + tag + "_i" };
        for (int i = 1; i < inputs.Count; i++) argNames.Add("%" + tag + "_i" + i.ToString(CultureInfo.InvariantCulture));
        argNames.Add("%" + tag + "_o");
        sb.Append("  ^bb0(").Append(string.Join(", ", argNames.Select((n, i) => n + ": " + blockTypes[i]))).Append("):\n");
        sb.Append(body);
        sb.Append("    linalg.yield ").Append(yielded).Append(" : ").Append(outElement).Append("\n  } -> ").Append(outType).Append('\n');
        return sb.ToString();
    }

    private static string Map(int rank, bool identity)
    {
        string dims = string.Join(", ", Enumerable.Range(0, rank).Select(d => "d" + d.ToString(CultureInfo.InvariantCulture)));
        return "affine_map<(" + dims + ") -> (" + (identity ? dims : "") + ")>";
    }

    private static string Tag(string result) => result.TrimStart('%').Replace('#', '_');
}
