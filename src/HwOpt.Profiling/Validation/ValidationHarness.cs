using System.Globalization;
using System.Text;
using HwOpt.IR;

namespace HwOpt.Profiling.Validation;

/// <summary>
/// Writes the driver program that runs a model's entry function, compiled separately from the model and linked with
/// it (so the entry function is never inlined into the timing loop): <c>main</c> allocates every argument and fills it
/// with seeded pseudo-random values (<see cref="Bound"/>; a SplitMix64-style hash of the element's linear index and the
/// argument number, the same values for every variant), calls the entry once and prints its first result, then times
/// it like the profiler's harness (<see cref="HarnessBuilder"/>: calibrate an inner repeat count, then samples).
/// Output lines: <c>1, COUNT, STRIDE, BITS, BITS, ...</c> (the result's elements as f32 bit patterns, every STRIDE-th
/// element, at most <see cref="MaxPrintedElements"/>) and <c>2, INNER, NS, NS, ...</c> (ns per call of each sample).
/// The harness works on memrefs only: the entry is declared with its bufferized signature (identity layouts), as
/// one-shot bufferization with <c>bufferize-function-boundaries</c> produces it.
/// </summary>
public static class ValidationHarness
{
    /// <summary>Most output elements printed (larger outputs are sampled with a stride).</summary>
    public const long MaxPrintedElements = 1 << 20;

    /// <summary>Says why an entry signature cannot be driven, or null when it can.</summary>
    public static string? Unsupported(FunctionType signature)
    {
        foreach (var t in signature.Inputs.Concat(signature.Results))
        {
            if (t is not TensorType { HasStaticShape: true, Encoding: null } tt) return $"argument or result type {t} is not a static tensor";
            if (Kind(tt.ElementType) == 0) return $"element type {tt.ElementType} is not supported by the validation harness";
        }
        if (signature.Results.Count == 0) return "the entry function returns nothing";
        return null;
    }

    /// <summary>
    /// Half-width of the uniform distribution argument <paramref name="index"/> is drawn from: 1 for the first
    /// argument (the model input), sqrt(6 / fan-in) for higher-rank arguments (weights; He initialization with fan-in
    /// = elements / first dimension), 0.5 for vectors (biases, norm scales) and 8 (integers) for integer arguments.
    /// </summary>
    public static double Bound(int index, TensorType type)
    {
        if (type.ElementType is IntegerType) return 8;
        if (index == 0) return 1;
        var shape = type.Shape!;
        if (shape.Count < 2 || shape[0] <= 0) return 0.5;
        double fanIn = Math.Max(1.0, (double)(type.ElementCount ?? 1) / shape[0]);
        return Math.Sqrt(6.0 / fanIn);
    }

    /// <summary>Builds the harness module text.</summary>
    /// <param name="entry">Symbol of the entry function (without <c>@</c>).</param>
    /// <param name="signature">Its tensor signature (checked by <see cref="Unsupported"/>).</param>
    /// <param name="timing">Timing settings (<see cref="TimingSettings.WarmupCalls"/> is replaced by the first, printed call; the calibration call is printed as the first sample).</param>
    public static string Build(string entry, FunctionType signature, TimingSettings timing)
    {
        var sb = new StringBuilder("module {\n");
        foreach (var decl in new[] { "rtclock() -> f64", "printF64(f64)", "printI64(i64)", "printComma()", "printNewline()" }) sb.Append("  func.func private @").Append(decl).Append('\n');
        var args = signature.Inputs.Cast<TensorType>().ToList();
        var results = signature.Results.Cast<TensorType>().ToList();
        string callType = "(" + string.Join(", ", args.Select(Mem)) + ") -> (" + string.Join(", ", results.Select(Mem)) + ")";
        sb.Append("  func.func private @").Append(entry).Append(callType).Append('\n');
        sb.Append("  func.func @main() {\n");
        sb.Append("    %c0 = arith.constant 0 : index\n    %c1 = arith.constant 1 : index\n");
        for (int a = 0; a < args.Count; a++) AppendFill(sb, a, args[a]);
        string operands = string.Join(", ", Enumerable.Range(0, args.Count).Select(a => "%m" + I(a)));
        string call = "func.call @" + entry + "(" + operands + ") : " + callType + "\n";
        string resultNames = results.Count > 1 ? ":" + I(results.Count) : "";
        sb.Append("    %r").Append(resultNames).Append(" = ").Append(call);
        AppendPrint(sb, results.Count > 1 ? "%r#0" : "%r", results[0]);

        // Calibration: one timed call sets the inner repeat count and the number of samples.
        sb.Append("    %cal0 = func.call @rtclock() : () -> f64\n");
        sb.Append("    %rc").Append(resultNames).Append(" = ").Append(call);
        sb.Append("    %cal1 = func.call @rtclock() : () -> f64\n");
        sb.Append("    %one0 = arith.subf %cal1, %cal0 : f64\n");
        sb.Append("    %tiny = arith.constant 1.0e-09 : f64\n    %one = arith.maximumf %one0, %tiny : f64\n");
        HarnessBuilder.AppendRepeatCounts(sb, timing);
        sb.Append("    %tag2 = arith.constant 2 : i64\n    func.call @printI64(%tag2) : (i64) -> ()\n    func.call @printComma() : () -> ()\n");
        sb.Append("    func.call @printI64(%inner64) : (i64) -> ()\n");
        sb.Append("    %giga0 = arith.constant 1.0e+09 : f64\n    %calns = arith.mulf %one0, %giga0 : f64\n");
        sb.Append("    func.call @printComma() : () -> ()\n    func.call @printF64(%calns) : (f64) -> ()\n");
        sb.Append("    %giga = arith.constant 1.0e+09 : f64\n");
        sb.Append("    scf.for %rep = %c0 to %reps step %c1 {\n");
        sb.Append("      %s0 = func.call @rtclock() : () -> f64\n");
        sb.Append("      scf.for %j = %c0 to %inner step %c1 {\n");
        sb.Append("        %rt").Append(resultNames).Append(" = ").Append(call);
        sb.Append("      }\n");
        sb.Append("      %s1 = func.call @rtclock() : () -> f64\n      %ds = arith.subf %s1, %s0 : f64\n      %dns = arith.mulf %ds, %giga : f64\n");
        sb.Append("      %per = arith.divf %dns, %innerf : f64\n");
        sb.Append("      func.call @printComma() : () -> ()\n      func.call @printF64(%per) : (f64) -> ()\n");
        sb.Append("    }\n    func.call @printNewline() : () -> ()\n    return\n  }\n}\n");
        return sb.ToString();
    }

    private static void AppendFill(StringBuilder sb, int a, TensorType t)
    {
        string m = "%m" + I(a), mem = Mem(t), e = t.ElementType.ToString();
        int rank = t.Shape!.Count;
        string dims = string.Join(", ", Enumerable.Range(0, rank).Select(d => "d" + I(d)));
        sb.Append("    ").Append(m).Append(" = memref.alloc() {alignment = 64 : i64} : ").Append(mem).Append('\n');
        sb.Append("    linalg.generic {indexing_maps = [affine_map<(").Append(dims).Append(") -> (").Append(dims).Append(")>], iterator_types = [")
          .Append(string.Join(", ", Enumerable.Repeat("\"parallel\"", rank))).Append("]} outs(").Append(m).Append(" : ").Append(mem).Append(") {\n");
        string p = "%f" + I(a) + "_";
        sb.Append("    ^bb0(").Append(p).Append("out: ").Append(e).Append("):\n");
        // Linear index (row-major) of the element.
        sb.Append("      ").Append(p).Append("lin0 = arith.constant 0 : index\n");
        string lin = p + "lin0";
        for (int d = 0; d < rank; d++)
        {
            sb.Append("      ").Append(p).Append("ix").Append(I(d)).Append(" = linalg.index ").Append(I(d)).Append(" : index\n");
            sb.Append("      ").Append(p).Append("dim").Append(I(d)).Append(" = arith.constant ").Append(t.Shape[d].ToString(CultureInfo.InvariantCulture)).Append(" : index\n");
            sb.Append("      ").Append(p).Append("mul").Append(I(d)).Append(" = arith.muli ").Append(lin).Append(", ").Append(p).Append("dim").Append(I(d)).Append(" : index\n");
            sb.Append("      ").Append(p).Append("lin").Append(I(d + 1)).Append(" = arith.addi ").Append(p).Append("mul").Append(I(d)).Append(", ").Append(p).Append("ix").Append(I(d)).Append(" : index\n");
            lin = p + "lin" + I(d + 1);
        }
        // SplitMix64 finalizer of (index + (argument + 1) * golden ratio).
        unchecked
        {
            long golden = (long)0x9E3779B97F4A7C15UL, m1 = (long)0xBF58476D1CE4E5B9UL, m2 = (long)0x94D049BB133111EBUL;
            long seed = golden * (a + 1);
            sb.Append("      ").Append(p).Append("x0 = arith.index_cast ").Append(lin).Append(" : index to i64\n");
            Line(sb, p + "k0", $"arith.constant {seed} : i64");
            Line(sb, p + "x1", $"arith.addi {p}x0, {p}k0 : i64");
            Line(sb, p + "k1", $"arith.constant {golden} : i64");
            Line(sb, p + "x2", $"arith.muli {p}x1, {p}k1 : i64");
            Line(sb, p + "s30", "arith.constant 30 : i64");
            Line(sb, p + "x3", $"arith.shrui {p}x2, {p}s30 : i64");
            Line(sb, p + "x4", $"arith.xori {p}x2, {p}x3 : i64");
            Line(sb, p + "k2", $"arith.constant {m1} : i64");
            Line(sb, p + "x5", $"arith.muli {p}x4, {p}k2 : i64");
            Line(sb, p + "s27", "arith.constant 27 : i64");
            Line(sb, p + "x6", $"arith.shrui {p}x5, {p}s27 : i64");
            Line(sb, p + "x7", $"arith.xori {p}x5, {p}x6 : i64");
            Line(sb, p + "k3", $"arith.constant {m2} : i64");
            Line(sb, p + "x8", $"arith.muli {p}x7, {p}k3 : i64");
            Line(sb, p + "s40", "arith.constant 40 : i64");
            Line(sb, p + "x9", $"arith.shrui {p}x8, {p}s40 : i64");
        }
        // u in [0, 2^24) -> v = (u / 2^23 - 1) * bound in [-bound, bound).
        Line(sb, p + "u", $"arith.uitofp {p}x9 : i64 to f32");
        Line(sb, p + "scale", $"arith.constant {F(1.0 / (1 << 23))} : f32");
        Line(sb, p + "us", $"arith.mulf {p}u, {p}scale : f32");
        Line(sb, p + "one", "arith.constant 1.0 : f32");
        Line(sb, p + "c", $"arith.subf {p}us, {p}one : f32");
        Line(sb, p + "bound", $"arith.constant {F(Bound(a, t))} : f32");
        Line(sb, p + "v", $"arith.mulf {p}c, {p}bound : f32");
        string value = p + "v";
        switch (t.ElementType)
        {
            case FloatType { Name: "f32" }:
                break;
            case FloatType f when FormatCasts.FloatBits(f.Name) > 32:
                Line(sb, p + "w", $"arith.extf {value} : f32 to {f}");
                value = p + "w";
                break;
            case FloatType f:
                Line(sb, p + "w", $"arith.truncf {value} : f32 to {f}");
                value = p + "w";
                break;
            case IntegerType i:
                Line(sb, p + "w", $"arith.fptosi {value} : f32 to {i}");
                value = p + "w";
                break;
        }
        sb.Append("      linalg.yield ").Append(value).Append(" : ").Append(e).Append("\n    }\n");
    }

    private static void AppendPrint(StringBuilder sb, string result, TensorType t)
    {
        long count = t.ElementCount ?? 0;
        long stride = Math.Max(1, (count + MaxPrintedElements - 1) / MaxPrintedElements);
        long printed = (count + stride - 1) / stride;
        string flat = result;
        string mem = Mem(t), e = t.ElementType.ToString();
        int rank = t.Shape!.Count;
        string flatMem = $"memref<{count.ToString(CultureInfo.InvariantCulture)}x{e}>";
        if (rank != 1)
        {
            string reassociation = "[[" + string.Join(", ", Enumerable.Range(0, rank).Select(I)) + "]]";
            sb.Append("    %flat = memref.").Append(rank == 0 ? "expand_shape %r [] output_shape [1]" : "collapse_shape " + result + " " + reassociation).Append(" : ").Append(mem).Append(" into ").Append(flatMem).Append('\n');
            flat = "%flat";
        }
        sb.Append("    %tag1 = arith.constant 1 : i64\n    func.call @printI64(%tag1) : (i64) -> ()\n");
        sb.Append("    %count = arith.constant ").Append(count.ToString(CultureInfo.InvariantCulture)).Append(" : i64\n    func.call @printComma() : () -> ()\n    func.call @printI64(%count) : (i64) -> ()\n");
        sb.Append("    %stride64 = arith.constant ").Append(stride.ToString(CultureInfo.InvariantCulture)).Append(" : i64\n    func.call @printComma() : () -> ()\n    func.call @printI64(%stride64) : (i64) -> ()\n");
        sb.Append("    %stride = arith.constant ").Append(stride.ToString(CultureInfo.InvariantCulture)).Append(" : index\n");
        sb.Append("    %printed = arith.constant ").Append(printed.ToString(CultureInfo.InvariantCulture)).Append(" : index\n");
        sb.Append("    scf.for %pi = %c0 to %printed step %c1 {\n");
        sb.Append("      %pidx = arith.muli %pi, %stride : index\n");
        sb.Append("      %pv = memref.load ").Append(flat).Append("[%pidx] : ").Append(flatMem).Append('\n');
        string v = "%pv";
        switch (t.ElementType)
        {
            case FloatType { Name: "f32" }:
                break;
            case FloatType f when FormatCasts.FloatBits(f.Name) > 32:
                sb.Append("      %pw = arith.truncf %pv : ").Append(f).Append(" to f32\n");
                v = "%pw";
                break;
            case FloatType f:
                sb.Append("      %pw = arith.extf %pv : ").Append(f).Append(" to f32\n");
                v = "%pw";
                break;
            case IntegerType i:
                sb.Append("      %pw = arith.sitofp %pv : ").Append(i).Append(" to f32\n");
                v = "%pw";
                break;
        }
        sb.Append("      %pb = arith.bitcast ").Append(v).Append(" : f32 to i32\n      %pe = arith.extui %pb : i32 to i64\n");
        sb.Append("      func.call @printComma() : () -> ()\n      func.call @printI64(%pe) : (i64) -> ()\n    }\n");
        sb.Append("    func.call @printNewline() : () -> ()\n");
    }

    private static int Kind(MlirType element) => element switch
    {
        FloatType f when FormatCasts.FloatBits(f.Name) is 16 or 32 or 64 => 1,
        IntegerType { Width: > 1 and <= 64, Signedness: Signedness.Signless } => 2,
        _ => 0,
    };

    private static void Line(StringBuilder sb, string name, string op) => sb.Append("      ").Append(name).Append(" = ").Append(op).Append('\n');

    private static string Mem(TensorType t) => HarnessBuilder.MemRefText(t);

    private static string I(int v) => v.ToString(CultureInfo.InvariantCulture);

    private static string F(double v) => v.ToString("0.0##############e+00", CultureInfo.InvariantCulture);
}
