using System.Globalization;
using System.Text;
using HwOpt.IR;

namespace HwOpt.Profiling;

/// <summary>How a harness times its kernels.</summary>
/// <param name="Samples">Timed samples per kernel (upper bound; slow kernels get fewer, down to <paramref name="MinSamples"/>).</param>
/// <param name="MinSamples">Fewest timed samples per kernel.</param>
/// <param name="SampleTargetNs">A sample repeats the kernel until it lasts at least this long (ns), so that clock
/// resolution and call overhead stay small next to it.</param>
/// <param name="BudgetNs">Time per kernel that bounds the number of samples (ns).</param>
/// <param name="WarmupCalls">Untimed calls before calibration (page faults, caches, lazy binding).</param>
public sealed record TimingSettings(int Samples = 10, int MinSamples = 3, double SampleTargetNs = 50_000, double BudgetNs = 100_000_000, int WarmupCalls = 2);

/// <summary>
/// Writes the timing harness of a batch of kernels: each kernel as a <c>noinline</c> function, a bench function per
/// kernel that allocates and fills its arguments once (each in its own page-aligned buffer at a fixed stagger,
/// <see cref="ArgumentShift"/>), warms up, calibrates an inner repeat count, then prints
/// <c>index, inner, ns, ns, ...</c> (ns per call of each sample, from <c>rtclock</c> of the MLIR runner utils), and a
/// <c>main</c> that calls the bench functions in order. Tensor arguments are passed as
/// <c>bufferization.to_tensor %buffer restrict writable</c> made fresh for every call, so that one-shot bufferization
/// neither copies them nor hoists work out of the timed region.
/// </summary>
public static class HarnessBuilder
{
    /// <summary>Says why a kernel cannot be run by a harness, or null when it can.</summary>
    public static string? Unsupported(Kernel kernel)
    {
        foreach (var t in kernel.ArgumentTypes)
        {
            switch (t)
            {
                case TensorType tt when !tt.HasStaticShape:
                    return $"dynamic or unranked argument shape {t}";
                case TensorType tt when tt.Encoding is not null:
                    return $"tensor encoding not supported: {t}";
                case MemRefType mt when !mt.HasStaticShape || mt.Layout is not null || mt.MemorySpace is not null:
                    return $"memref argument with dynamic shape, layout or memory space: {t}";
                case VectorType:
                    return $"vector argument: {t}";
            }
            var element = t is ShapedType s ? s.ElementType : t;
            if (FillConstant(element) is null) return $"element type {element} has no fill value";
        }
        return null;
    }

    /// <summary>Total bytes of the kernel's arguments (0 when unknown).</summary>
    public static long ArgumentBytes(Kernel kernel) =>
        kernel.ArgumentTypes.Sum(t => t is ShapedType s ? Math.Max(0, s.SizeInBytes ?? 0) : 0);

    /// <summary>Builds the harness module text for kernels that <see cref="Unsupported"/> accepts.</summary>
    /// <param name="kernels">The kernels; kernel i is printed as <c>@k{i}</c> and reported with index i.</param>
    /// <param name="timing">Timing settings.</param>
    /// <returns>MLIR text (custom syntax for the harness, generic form for the kernels).</returns>
    public static string Build(IReadOnlyList<Kernel> kernels, TimingSettings timing)
    {
        var sb = new StringBuilder();
        sb.Append("module {\n");
        sb.Append("  func.func private @rtclock() -> f64\n");
        sb.Append("  func.func private @printF64(f64)\n");
        sb.Append("  func.func private @printI64(i64)\n");
        sb.Append("  func.func private @printComma()\n");
        sb.Append("  func.func private @printNewline()\n");
        for (int i = 0; i < kernels.Count; i++)
        {
            sb.Append(kernels[i].FunctionText("k" + I(i), noInline: true));
            AppendBench(sb, i, kernels[i], timing);
        }
        sb.Append("  func.func @main() {\n");
        for (int i = 0; i < kernels.Count; i++) sb.Append("    func.call @bench").Append(I(i)).Append("() : () -> ()\n");
        sb.Append("    return\n  }\n}\n");
        return sb.ToString();
    }

    private static void AppendBench(StringBuilder sb, int index, Kernel kernel, TimingSettings timing)
    {
        var b = new StringBuilder();
        b.Append("  func.func @bench").Append(I(index)).Append("() attributes {passthrough = [\"noinline\"]} {\n");
        var args = new List<(string Name, MlirType Type, bool IsTensor)>();
        for (int a = 0; a < kernel.ArgumentTypes.Count; a++)
        {
            var t = kernel.ArgumentTypes[a];
            string name = "%m" + I(a);
            if (t is ShapedType s)
            {
                var element = s.ElementType;
                string memref = MemRefText(s);
                long bytes = Math.Max(1, s.SizeInBytes ?? 1);
                string raw = "memref<" + I(bytes + PageBytes) + "xi8>";
                b.Append("    %raw").Append(I(a)).Append(" = memref.alloc() {alignment = ").Append(I(PageBytes)).Append(" : i64} : ").Append(raw).Append('\n');
                b.Append("    %shift").Append(I(a)).Append(" = arith.constant ").Append(I(ArgumentShift(a))).Append(" : index\n");
                b.Append("    ").Append(name).Append(" = memref.view %raw").Append(I(a)).Append("[%shift").Append(I(a)).Append("][] : ").Append(raw).Append(" to ").Append(memref).Append('\n');
                b.Append("    %f").Append(I(a)).Append(" = arith.constant ").Append(FillConstant(element)).Append('\n');
                b.Append("    linalg.fill ins(%f").Append(I(a)).Append(" : ").Append(element).Append(") outs(").Append(name).Append(" : ").Append(memref).Append(")\n");
                args.Add((name, t, t is TensorType));
            }
            else
            {
                b.Append("    ").Append(name).Append(" = arith.constant ").Append(FillConstant(t)).Append('\n');
                args.Add((name, t, false));
            }
        }
        int call = 0;
        void EmitCall(string indent)
        {
            var names = new List<string>();
            foreach (var (name, type, isTensor) in args)
            {
                if (!isTensor)
                {
                    names.Add(name);
                    continue;
                }
                string t = "%t" + I(call) + "_" + I(names.Count);
                b.Append(indent).Append(t).Append(" = bufferization.to_tensor ").Append(name).Append(" restrict writable : ").Append(MemRefText((ShapedType)type)).Append('\n');
                names.Add(t);
            }
            b.Append(indent);
            if (kernel.ResultTypes.Count > 0) b.Append("%r").Append(I(call)).Append(kernel.ResultTypes.Count > 1 ? ":" + I(kernel.ResultTypes.Count) : "").Append(" = ");
            b.Append("func.call @k").Append(I(index)).Append('(').Append(string.Join(", ", names)).Append(") : ").Append(kernel.Signature).Append('\n');
            call++;
        }
        for (int w = 0; w < timing.WarmupCalls; w++) EmitCall("    ");
        b.Append("    %c0 = arith.constant 0 : index\n    %c1 = arith.constant 1 : index\n");
        b.Append("    %cal0 = func.call @rtclock() : () -> f64\n");
        EmitCall("    ");
        b.Append("    %cal1 = func.call @rtclock() : () -> f64\n");
        b.Append("    %one = arith.subf %cal1, %cal0 : f64\n");
        AppendRepeatCounts(b, timing);
        b.Append("    %id = arith.constant ").Append(I(index)).Append(" : i64\n");
        b.Append("    func.call @printI64(%id) : (i64) -> ()\n");
        b.Append("    func.call @printComma() : () -> ()\n");
        b.Append("    func.call @printI64(%inner64) : (i64) -> ()\n");
        b.Append("    %giga = arith.constant 1.0e+09 : f64\n");
        b.Append("    scf.for %rep = %c0 to %reps step %c1 {\n");
        b.Append("      %s0 = func.call @rtclock() : () -> f64\n");
        b.Append("      scf.for %j = %c0 to %inner step %c1 {\n");
        EmitCall("        ");
        b.Append("      }\n");
        b.Append("      %s1 = func.call @rtclock() : () -> f64\n");
        b.Append("      %ds = arith.subf %s1, %s0 : f64\n");
        b.Append("      %dns = arith.mulf %ds, %giga : f64\n");
        b.Append("      %per = arith.divf %dns, %innerf : f64\n");
        b.Append("      func.call @printComma() : () -> ()\n");
        b.Append("      func.call @printF64(%per) : (f64) -> ()\n");
        b.Append("    }\n");
        b.Append("    func.call @printNewline() : () -> ()\n");
        b.Append("    return\n  }\n");
        sb.Append(b);
    }

    /// <summary>Page size (bytes) the argument buffers are aligned to before their <see cref="ArgumentShift"/>.</summary>
    internal const int PageBytes = 4096;

    /// <summary>
    /// Byte offset of argument <paramref name="index"/> within its own page-aligned buffer: a fixed 640-byte stagger
    /// (mod 4096), so that the same element of two arguments never shares its address bits 0-11 (no 4K aliasing of
    /// loads with earlier stores between argument streams) and so that where the arguments sit does not depend on
    /// what the allocator served before (the other kernels of the batch).
    /// </summary>
    internal static long ArgumentShift(int index) => index * ArgumentStaggerBytes % PageBytes;

    /// <summary>Bytes between the offsets of consecutive arguments in their pages (<see cref="ArgumentShift"/>).</summary>
    public const long ArgumentStaggerBytes = 640;

    /// <summary>The identity-layout memref type with the shape and element type of a tensor or memref.</summary>
    internal static string MemRefText(ShapedType s)
    {
        var sb = new StringBuilder("memref<");
        foreach (var d in s.Shape!) sb.Append(d.ToString(CultureInfo.InvariantCulture)).Append('x');
        sb.Append(s.ElementType).Append('>');
        return sb.ToString();
    }

    /// <summary>The value arguments of this element type are filled with, as <c>VALUE : TYPE</c>; null when unsupported.</summary>
    internal static string? FillConstant(MlirType element) => element switch
    {
        FloatType f => "5.000000e-01 : " + f,
        IntegerType { Width: 1 } => "true",
        IntegerType { Signedness: Signedness.Signless } i => "1 : " + i,
        IndexType => "0 : index",
        _ => null,
    };

    /// <summary>
    /// From the time of one call, <c>%one</c> (s, f64), the repeat counts of a timing loop: <c>%inner</c> calls per sample
    /// (about <see cref="TimingSettings.SampleTargetNs"/> per sample, clamped to [1, 1e5]; also <c>%inner64</c>,
    /// <c>%innerf</c>) and <c>%reps</c> samples (as many as fit in <see cref="TimingSettings.BudgetNs"/>, clamped to
    /// [MinSamples, max(Samples, MinSamples)]; also <c>%reps64</c>). Shared by this harness and the validation harness.
    /// </summary>
    internal static void AppendRepeatCounts(StringBuilder b, TimingSettings timing)
    {
        b.Append("    %target = arith.constant ").Append(F(timing.SampleTargetNs * 1e-9)).Append(" : f64\n");
        b.Append("    %q = arith.divf %target, %one : f64\n");
        b.Append("    %qc = math.ceil %q : f64\n");
        b.Append("    %lo = arith.constant 1.0 : f64\n");
        b.Append("    %hi = arith.constant 1.0e+05 : f64\n");
        b.Append("    %qa = arith.maximumf %qc, %lo : f64\n");
        b.Append("    %innerf = arith.minimumf %qa, %hi : f64\n");
        b.Append("    %inner64 = arith.fptosi %innerf : f64 to i64\n");
        b.Append("    %inner = arith.index_cast %inner64 : i64 to index\n");
        b.Append("    %sample = arith.mulf %one, %innerf : f64\n");
        b.Append("    %budget = arith.constant ").Append(F(timing.BudgetNs * 1e-9)).Append(" : f64\n");
        b.Append("    %rq = arith.divf %budget, %sample : f64\n");
        b.Append("    %rfl = math.floor %rq : f64\n");
        b.Append("    %rmin = arith.constant ").Append(F(timing.MinSamples)).Append(" : f64\n");
        b.Append("    %rmax = arith.constant ").Append(F(Math.Max(timing.Samples, timing.MinSamples))).Append(" : f64\n");
        b.Append("    %ra = arith.maximumf %rfl, %rmin : f64\n");
        b.Append("    %rb = arith.minimumf %ra, %rmax : f64\n");
        b.Append("    %reps64 = arith.fptosi %rb : f64 to i64\n");
        b.Append("    %reps = arith.index_cast %reps64 : i64 to index\n");
    }

    private static string I(long v) => v.ToString(CultureInfo.InvariantCulture);

    private static string F(double v) => v.ToString("0.0##############e+00", CultureInfo.InvariantCulture);
}
