using System.Globalization;
using HwOpt.IR;
using HwOpt.Syntax;

namespace HwOpt.Profiling.Validation;

/// <summary>Settings of a validation run.</summary>
/// <param name="Timing">How each variant's entry function is timed.</param>
/// <param name="Timeout">Limit of every tool run and of each program run.</param>
/// <param name="Cpu">CPU the timed programs are pinned to, or null.</param>
/// <param name="MemoryLimitBytes">Address-space limit of every child process.</param>
/// <param name="WorkDirectory">Folder for the generated modules and programs (kept); null: a temporary folder, deleted afterwards.</param>
/// <param name="EmulateFormats">Emulate reduced float formats by quantize-dequantize instead of running them for real.</param>
/// <param name="Rounds">Runs of each program, round-robin over the three variants; the samples of all runs are pooled.</param>
public sealed record ValidationOptions(
    TimingSettings Timing, TimeSpan Timeout, int? Cpu = 1, long MemoryLimitBytes = 16L << 30, string? WorkDirectory = null, bool EmulateFormats = false, int Rounds = 3)
{
    /// <summary>Default timing per program run: up to 3 samples of at least 20 ms each within 1 s, at least 1 (plus the calibration call, a sample too).</summary>
    public static TimingSettings DefaultTiming { get; } = new(Samples: 3, MinSamples: 1, SampleTargetNs: 20e6, BudgetNs: 1e9, WarmupCalls: 0);
}

/// <summary>One executed variant of the model.</summary>
/// <param name="Name"><c>unfused</c>, <c>mlir_greedy</c> or <c>hwopt</c>.</param>
/// <param name="MedianNs">Median latency of one call of the entry function, ns; null when it failed.</param>
/// <param name="MinNs">Fastest sample, ns.</param>
/// <param name="Samples">Timed samples.</param>
/// <param name="Inner">Calls per sample.</param>
/// <param name="Failure">Why it failed, or null.</param>
/// <param name="LoopNests">Loop nests of the model before lowering (structured linalg ops after fusion), or null when unknown.</param>
public sealed record VariantResult(string Name, double? MedianNs, double? MinNs, int Samples, long Inner, BuildFailure? Failure, int? LoopNests = null);

/// <summary>The result of validating one model.</summary>
/// <param name="Model">Model file name.</param>
/// <param name="Entry">Entry function symbol.</param>
/// <param name="Variants">(a) unfused, (b) mlir_greedy, (c) hwopt, in this order.</param>
/// <param name="Comparisons">Output of each variant compared with (a)'s, by variant name (absent when either failed).</param>
/// <param name="Kernels">The planned kernels as executed.</param>
/// <param name="OutputElements">Elements of the first result.</param>
/// <param name="OutputStride">Every how many elements one was compared.</param>
public sealed record ValidationResult(
    string Model, string Entry, IReadOnlyList<VariantResult> Variants, IReadOnlyDictionary<string, OutputComparison> Comparisons,
    IReadOnlyList<OutlinedKernel> Kernels, long OutputElements, long OutputStride)
{
    /// <summary>The variant of that name.</summary>
    public VariantResult this[string name] => Variants.First(v => v.Name == name);

    /// <summary>True when every variant ran and every comparison matched.</summary>
    public bool OutputsMatch => Variants.All(v => v.Failure is null) && Comparisons.Count == Variants.Count - 1 && Comparisons.Values.All(c => c.Match);
}

/// <summary>
/// Executed validation of a plan (issue 6): compiles and runs, with MLIR 19 on this machine and the same seeded inputs,
/// (a) <c>unfused</c>: every kernel op outlined into its own <c>noinline</c> function (<see cref="OutlinedModel"/> with
/// one group per op), (b) <c>mlir_greedy</c>: the entry function as written, through mlir-opt's own greedy
/// <c>linalg-fuse-elementwise-ops</c>, (c) <c>hwopt</c>: the plan's kernels outlined, with the same fusion pass applied
/// so that a fusion group is really fused where MLIR 19 can fuse it, called in a topological order. Each is lowered
/// with the ground-truth pipeline (<c>cost-models/pipelines/cpu-loops.pipeline</c>; TOSA converted first), compiled
/// ahead of time and linked with the same harness (<see cref="ValidationHarness"/>); outputs of (b) and (c) are
/// compared with (a)'s. When (c) does not lower with its reduced float formats run for real, it is rebuilt with
/// every format emulated (<see cref="FormatExecution.Emulated"/> in <see cref="ValidationResult.Kernels"/>).
/// </summary>
public sealed class ModelValidator(Toolchain tools, LoweringPipeline pipeline, ValidationOptions options)
{
    /// <summary>The fusion pass of mlir-opt that (b) and (c) run before the lowering pipeline.</summary>
    public const string GreedyFusion = "func.func(linalg-fuse-elementwise-ops)";

    /// <summary>Says why a module cannot be validated (no entry function, unsupported signature), or null.</summary>
    public static string? Unsupported(ModuleIR module) =>
        Entry(module) is not { } entry ? "no public function with a body" : ValidationHarness.Unsupported(Signature(entry));

    /// <summary>The entry function: the first public <c>func.func</c> with a body (<see cref="WholeModel.EntryFunction"/>'s rule).</summary>
    public static Operation? Entry(ModuleIR module) =>
        module.Root.Walk().FirstOrDefault(op => op.Name == "func.func" && op.Regions.Count > 0 && op.Regions[0].Blocks.Count > 0
                                                 && op.GetAttribute("sym_visibility") is not StringAttr { Value: "private" });

    /// <summary>The entry's signature from its block arguments and its terminator's operands.</summary>
    public static FunctionType Signature(Operation entry)
    {
        var block = entry.Regions[0].Blocks[0];
        var ret = block.Operations.LastOrDefault(o => DialectTraits.Has(o.Name, "terminator"));
        return new FunctionType(block.Arguments.Select(a => a.Type).ToList(), ret?.Operands.Select(v => v.Type).ToList() ?? []);
    }

    /// <summary>Runs the three variants.</summary>
    /// <param name="modelPath">The model file (compiled as is for (b)).</param>
    /// <param name="module">The parsed model (checked with <see cref="Unsupported"/>).</param>
    /// <param name="planned">The plan's kernels: groups of top-level ops of the entry function, with formats.</param>
    /// <param name="tolerance">Largest normwise relative error of an output that still matches.</param>
    /// <param name="progress">Receives one line per step.</param>
    /// <exception cref="ArgumentException">The module has no entry function, or the groups are not a valid partition (see <see cref="OutlinedModel.Build"/>).</exception>
    public ValidationResult Validate(string modelPath, ModuleIR module, IReadOnlyList<ExecutionGroup> planned, double tolerance, Action<string>? progress = null)
    {
        var entry = Entry(module) ?? throw new ArgumentException("no entry function");
        string name = entry.GetAttribute("sym_name") is StringAttr s ? s.Value : "forward";
        var signature = Signature(entry);
        string model = Path.GetFileName(modelPath);
        string dir = options.WorkDirectory ?? Path.Combine(Path.GetTempPath(), "hwopt-validate-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        Directory.CreateDirectory(dir);
        try
        {
            var build = new NativeBuild(tools, dir, options.Timeout, options.MemoryLimitBytes);
            bool tosa = module.Root.Walk().Any(o => o.Name.StartsWith("tosa.", StringComparison.Ordinal));
            File.WriteAllText(Path.Combine(dir, "harness.mlir"), ValidationHarness.Build(name, signature, options.Timing));
            var (harness, harnessFailure) = build.Compile(Path.Combine(dir, "harness.mlir"), pipeline.Text, helperPrefix: "harness_");

            var body = entry.Regions[0].Blocks[0].Operations;
            var singles = body.Where(op => KernelExtractor.WhyNotAKernel(op) is null).Select(op => new ExecutionGroup([op])).ToList();
            string unfused = OutlinedModel.Build(entry, singles, model, out _);
            string hwopt = OutlinedModel.Build(entry, planned, model, out var kernels, options.EmulateFormats);
            File.WriteAllText(Path.Combine(dir, "unfused.mlir"), unfused);
            File.WriteAllText(Path.Combine(dir, "hwopt.mlir"), hwopt);
            File.Copy(modelPath, Path.Combine(dir, "mlir_greedy.mlir"), overwrite: true);

            // Build the three programs, then run them round-robin, so that a change of machine load over time
            // (other processes, frequency) spreads over the three variants instead of biasing one of them.
            string[] names = ["unfused", "mlir_greedy", "hwopt"];
            var exes = new string?[names.Length];
            var loopNests = new int?[names.Length];
            var failures = new BuildFailure?[names.Length];
            for (int v = 0; v < names.Length; v++)
            {
                progress?.Invoke($"{model}: {names[v]}: lowering and compiling");
                (exes[v], failures[v]) = BuildVariant(build, names[v], Pipeline(tosa, fuse: v > 0), harness, harnessFailure);
                if (names[v] == "hwopt" && failures[v] is { Stage: FailureStage.Lowering or FailureStage.Compile } && harnessFailure is null
                    && kernels.Any(k => k.Execution == FormatExecution.Real))
                {
                    // A format MLIR 19 does not lower (e.g. f8 types): emulate the plan's formats instead, and say so.
                    progress?.Invoke($"{model}: hwopt: {failures[v]!.Message}; emulating the reduced formats instead");
                    File.WriteAllText(Path.Combine(dir, "hwopt.mlir"), OutlinedModel.Build(entry, planned, model, out kernels, emulateFormats: true));
                    (exes[v], failures[v]) = BuildVariant(build, names[v], Pipeline(tosa, fuse: true), harness, harnessFailure);
                }
                loopNests[v] = build.LoopNests(Path.Combine(dir, names[v] + ".mlir"), Prefix(tosa, fuse: v > 0));
                if (failures[v] is { } f) progress?.Invoke($"{model}: {names[v]}: {f.Stage.ToString().ToLowerInvariant()} failed: {f.Message}");
            }
            var samples = names.Select(_ => new List<double>()).ToArray();
            var inner = new long[names.Length];
            var outputs = new Dictionary<string, float[]>(StringComparer.Ordinal);
            long elements = 0, stride = 1;
            for (int round = 0; round < Math.Max(1, options.Rounds); round++)
            {
                for (int v = 0; v < names.Length; v++)
                {
                    if (exes[v] is not { } exe || failures[v] is not null) continue;
                    progress?.Invoke($"{model}: {names[v]}: run {round + 1} of {options.Rounds}");
                    var run = RunOnce(build, exe, out var output, out var e, out var st, out var s1, out long n);
                    if (run is not null)
                    {
                        failures[v] = run;
                        progress?.Invoke($"{model}: {names[v]}: {run.Stage.ToString().ToLowerInvariant()} failed: {run.Message}");
                        continue;
                    }
                    samples[v].AddRange(s1);
                    inner[v] = Math.Max(inner[v], n);
                    if (round == 0)
                    {
                        outputs[names[v]] = output!;
                        (elements, stride) = (e, st);
                    }
                }
            }
            var variants = new List<VariantResult>();
            for (int v = 0; v < names.Length; v++)
            {
                if (failures[v] is { } f || samples[v].Count == 0)
                {
                    variants.Add(new VariantResult(names[v], null, null, 0, 0, failures[v] ?? new BuildFailure(FailureStage.Run, "no samples"), loopNests[v]));
                    continue;
                }
                var st = SampleStatistics.Of(samples[v]);
                variants.Add(new VariantResult(names[v], st.MedianNs, st.MinNs, samples[v].Count, inner[v], null, loopNests[v]));
                progress?.Invoke(string.Create(CultureInfo.InvariantCulture, $"{model}: {names[v]}: median {st.MedianNs / 1e6:0.###} ms, min {st.MinNs / 1e6:0.###} ms ({samples[v].Count} samples)"));
            }
            var comparisons = new Dictionary<string, OutputComparison>(StringComparer.Ordinal);
            if (outputs.TryGetValue("unfused", out var reference))
            {
                foreach (var v in new[] { "mlir_greedy", "hwopt" })
                {
                    if (outputs.TryGetValue(v, out var o) && o.Length == reference.Length) comparisons[v] = OutputComparison.Of(reference, o, tolerance);
                }
            }
            return new ValidationResult(model, "@" + name, variants, comparisons, kernels, elements, stride);
        }
        finally
        {
            if (options.WorkDirectory is null)
            {
                try { Directory.Delete(dir, recursive: true); }
                catch (IOException) { }
            }
        }
    }

    /// <summary>The lowering pipeline of a variant: TOSA to linalg when needed, then <see cref="GreedyFusion"/> when asked, then the ground-truth pipeline.</summary>
    public string Pipeline(bool tosa, bool fuse)
    {
        const string open = "builtin.module(";
        string rest = pipeline.Text.StartsWith(open, StringComparison.Ordinal) ? pipeline.Text[open.Length..] : pipeline.Text + ")";
        string prefix = (tosa ? "func.func(tosa-to-linalg-named,tosa-to-linalg,tosa-to-arith,tosa-to-tensor)," : "") + (fuse ? GreedyFusion + "," : "");
        return open + prefix + rest;
    }

    /// <summary>The part of <see cref="Pipeline"/> before the ground-truth pipeline (TOSA conversion, fusion), as a pipeline of its own.</summary>
    private static string Prefix(bool tosa, bool fuse)
    {
        var passes = new List<string>();
        if (tosa) passes.Add("func.func(tosa-to-linalg-named,tosa-to-linalg,tosa-to-arith,tosa-to-tensor)");
        if (fuse) passes.Add(GreedyFusion);
        return "builtin.module(" + string.Join(",", passes) + ")";
    }

    private (string? Exe, BuildFailure? Failure) BuildVariant(NativeBuild build, string variant, string pipelineText, string? harness, BuildFailure? harnessFailure)
    {
        if (harnessFailure is not null) return (null, harnessFailure with { Message = "harness: " + harnessFailure.Message });
        var (obj, failure) = build.Compile(Path.Combine(Path.GetDirectoryName(harness)!, variant + ".mlir"), pipelineText);
        if (failure is not null) return (null, failure);
        return build.Link([harness!, obj!], variant + ".exe");
    }

    /// <summary>Runs a program once; reads its output and its samples (ns per call).</summary>
    private BuildFailure? RunOnce(NativeBuild build, string exe, out float[]? output, out long elements, out long stride, out List<double> samples, out long inner)
    {
        output = null;
        elements = 0;
        stride = 1;
        samples = [];
        inner = 0;
        var run = build.Run(exe, options.Cpu);
        if (run.TimedOut) return new BuildFailure(FailureStage.Timeout, $"the program ran past {options.Timeout.TotalSeconds.ToString("0", CultureInfo.InvariantCulture)} s");
        if (!run.Succeeded) return new BuildFailure(FailureStage.Run, run.FailureReason());
        bool timed = false;
        foreach (var line in run.StdOut.Split('\n'))
        {
            var fields = line.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 2) continue;
            if (fields[0] == "1" && fields.Length >= 3)
            {
                elements = long.Parse(fields[1], CultureInfo.InvariantCulture);
                stride = long.Parse(fields[2], CultureInfo.InvariantCulture);
                output = fields.Skip(3).Select(f => BitConverter.Int32BitsToSingle(unchecked((int)uint.Parse(f, CultureInfo.InvariantCulture)))).ToArray();
            }
            else if (fields[0] == "2")
            {
                timed = true;
                inner = long.Parse(fields[1], CultureInfo.InvariantCulture);
                samples.AddRange(fields.Skip(2).Select(f => double.Parse(f, NumberStyles.Float, CultureInfo.InvariantCulture)).Where(v => double.IsFinite(v) && v >= 0));
            }
        }
        return output is null || !timed || samples.Count == 0 ? new BuildFailure(FailureStage.Run, "the program printed no output or no timing") : null;
    }
}
