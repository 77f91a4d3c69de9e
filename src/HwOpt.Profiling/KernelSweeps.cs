using System.Globalization;
using System.Text;
using HwOpt.Diagnostics;
using HwOpt.IR;
using HwOpt.Syntax;

namespace HwOpt.Profiling;

/// <summary>
/// Synthesized kernels for the dataset: shape sweeps of the op kinds ML models are made of (matmul, batch matmul,
/// convolutions, pooling, elementwise, reductions, normalizations, data movement, and small fused groups), in
/// f32/f16/bf16 and i8 where MLIR 19 lowers them. Each sweep draws configurations from a seeded generator (so a sweep
/// is the same on every machine), writes them as functions in linalg-on-tensors custom syntax, parses them with
/// hwopt's parser and outlines every op (or the whole function, for fused groups) with <see cref="KernelExtractor"/>,
/// exactly like ops of a model. Work per kernel is capped (<see cref="MaxMacs"/>) so that a sweep kernel runs in
/// milliseconds with the naive-loop pipeline.
/// </summary>
public static partial class KernelSweeps
{
    /// <summary>Largest multiply-accumulate count of a sweep kernel.</summary>
    public const long MaxMacs = 16L << 20;

    /// <summary>Largest element count of one tensor in a sweep kernel.</summary>
    public const long MaxElements = 4L << 20;

    /// <summary>The fixed reference kernel timed in every batch (machine drift): a 128x128x128 f32 matmul.</summary>
    public static Kernel ReferenceKernel()
    {
        const string text = """
            func.func @reference(%a: tensor<128x128xf32>, %b: tensor<128x128xf32>, %c: tensor<128x128xf32>) -> tensor<128x128xf32> {
              %0 = linalg.matmul ins(%a, %b : tensor<128x128xf32>, tensor<128x128xf32>) outs(%c : tensor<128x128xf32>) -> tensor<128x128xf32>
              return %0 : tensor<128x128xf32>
            }
            """;
        return FromText(text, "reference", "reference", fuseFunctions: false)[0];
    }

    /// <summary>Names of the sweeps, in order.</summary>
    public static IReadOnlyList<string> Names => Sweeps.Keys.ToList();

    /// <summary>Generates the kernels of one sweep.</summary>
    /// <param name="name">A name from <see cref="Names"/>.</param>
    /// <param name="count">Configurations to draw (duplicates are dropped, so fewer kernels may come back).</param>
    /// <param name="seed">Seed of the configuration generator.</param>
    /// <returns>The kernels.</returns>
    /// <exception cref="ArgumentException">Unknown sweep name.</exception>
    public static IReadOnlyList<Kernel> Generate(string name, int count, int seed)
    {
        if (!Sweeps.TryGetValue(name, out var sweep)) throw new ArgumentException($"unknown sweep '{name}'", nameof(name));
        var rng = new Random(seed ^ StableHash(name));
        var functions = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int attempt = 0; functions.Count < count && attempt < count * 20; attempt++)
        {
            string? f = sweep.Make(rng, functions.Count);
            if (f is not null && seen.Add(StripName(f))) functions.Add(f);
        }
        var kernels = new List<Kernel>();
        // Parse in chunks: one module of many small functions is much cheaper than many modules.
        for (int i = 0; i < functions.Count; i += 200)
        {
            kernels.AddRange(FromText(string.Join("\n", functions.Skip(i).Take(200)), "sweep:" + name, "sweep", sweep.Fused));
        }
        return kernels;
    }

    /// <summary>Parses MLIR text and outlines its ops (or each function's whole body when <paramref name="fuseFunctions"/>).</summary>
    /// <exception cref="InvalidOperationException">The text does not parse (a bug in a sweep).</exception>
    internal static List<Kernel> FromText(string text, string source, string family, bool fuseFunctions)
    {
        var result = MlirParser.Parse(new SourceText(source, text));
        if (result.Module is null || result.HasErrors)
        {
            var first = result.Diagnostics.FirstOrDefault(d => d.IsError);
            throw new InvalidOperationException($"sweep {source} does not parse: {first?.Message}\n{text[..Math.Min(text.Length, 2000)]}");
        }
        if (!fuseFunctions) return KernelExtractor.FromModule(result.Module, source, family).Select(p => p.Kernel).ToList();
        var kernels = new List<Kernel>();
        foreach (var body in KernelExtractor.FunctionBodies(result.Module.Root))
        {
            var group = body.Where(op => !DialectTraits.Has(op.Name, "terminator") && !DialectTraits.Has(op.Name, "constant")).ToList();
            if (group.Count > 0) kernels.Add(KernelExtractor.FromGroup(group, source, family));
        }
        return kernels;
    }

    private static string StripName(string f) => f[(f.IndexOf('(') + 1)..];

    private static int StableHash(string s)
    {
        int h = 17;
        foreach (char c in s) h = unchecked(h * 31 + c);
        return h;
    }

    private sealed record Sweep(Func<Random, int, string?> Make, bool Fused);

    private static string I(long v) => v.ToString(CultureInfo.InvariantCulture);

    private static T Pick<T>(Random rng, IReadOnlyList<T> items) => items[rng.Next(items.Count)];

    /// <summary><c>tensor&lt;AxBx...xT&gt;</c>.</summary>
    private static string Tensor(IEnumerable<long> shape, string element)
    {
        var sb = new StringBuilder("tensor<");
        foreach (var d in shape) sb.Append(I(d)).Append('x');
        return sb.Append(element).Append('>').ToString();
    }

    private static long Product(IEnumerable<long> shape) => shape.Aggregate(1L, (a, b) => a * b);
}
