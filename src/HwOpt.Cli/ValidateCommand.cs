using System.CommandLine;
using System.Globalization;
using HwOpt.Diagnostics;
using HwOpt.IR;
using HwOpt.Planning.Precision;
using HwOpt.Profiling;
using HwOpt.Profiling.Validation;
using HwOpt.Transforms;

namespace HwOpt.Cli;

/// <summary>
/// <c>hwopt validate MODEL.mlir [plan options] [--json] [--samples N] [--rounds R] [--timeout S] [--keep DIR] [--emulate-formats]</c>:
/// plans the model like <c>hwopt optimize</c>, then compiles and runs with MLIR 19, on the same seeded inputs, (a) the
/// model unfused (every op its own kernel), (b) the model through mlir-opt's greedy <c>linalg-fuse-elementwise-ops</c>,
/// (c) the plan (its kernels outlined and fused, called in a topological order), checks that the outputs agree with
/// (a)'s, and reports measured latencies beside the predicted ones (<see cref="ModelValidator"/>).
/// Exit codes: 0 outputs match, 1 input errors or a variant that fails to build or run, 2 usage errors,
/// 3 no feasible plan, 4 outputs differ.
/// </summary>
internal static class ValidateCommand
{
    public static Command Create()
    {
        var input = new Argument<string>("input") { Description = "MLIR model file" }.RejectingOptions();
        var json = new Option<bool>("--json") { Description = "Print the JSON report (schemaVersion 1) on stdout" };
        var runs = new Option<int>("--samples") { Description = "Most timed samples per program run, besides the calibration call (fewer when a call is slow)", DefaultValueFactory = _ => 3 };
        var rounds = new Option<int>("--rounds") { Description = "Runs of each variant's program, round-robin over the variants (samples pooled)", DefaultValueFactory = _ => 3 };
        var timeout = new Option<double>("--timeout") { Description = "Limit of each tool run and each program run, seconds", DefaultValueFactory = _ => 900 };
        var keep = new Option<string?>("--keep") { Description = "Keep the generated modules, lowered IR and programs in this folder" };
        var emulate = new Option<bool>("--emulate-formats") { Description = "Emulate reduced float formats by quantize-dequantize instead of running them in the format" };
        var cpu = new Option<int>("--cpu") { Description = "CPU the timed programs are pinned to (-1: not pinned)", DefaultValueFactory = _ => 1 };
        var planning = new PlanningOptions();
        var command = new Command("validate", "Execute the unfused model, mlir-opt's greedy fusion and the plan with MLIR 19; compare outputs and measured vs predicted latency") { input, json, runs, rounds, timeout, keep, emulate, cpu };
        planning.AddTo(command);
        command.SetAction(r => Run(r.GetValue(input)!, planning.Read(r), r.GetValue(json), r.GetValue(runs), r.GetValue(rounds), r.GetValue(timeout), r.GetValue(keep), r.GetValue(emulate), r.GetValue(cpu)));
        return command;
    }

    private static int Run(string input, PlanSettings settings, bool json, int runs, int rounds, double timeoutS, string? keep, bool emulate, int cpu)
    {
        var diagnostics = new DiagnosticBag();
        if (runs < 1 || rounds < 1 || !(timeoutS > 0))
        {
            Console.Error.WriteLine($"hwopt: error: {DiagnosticIds.Usage.Id}: --samples and --rounds must be at least 1 and --timeout positive");
            return ExitCodes.Usage;
        }
        if (input == "-")
        {
            Console.Error.WriteLine($"hwopt: error: {DiagnosticIds.Usage.Id}: validate needs a model file (the greedy variant compiles it as is), not stdin");
            return ExitCodes.Usage;
        }
        var tools = Toolchain.Default;
        string? pipelinePath = LoweringPipeline.FindDefault();
        if (!tools.Check(diagnostics) || pipelinePath is null)
        {
            if (pipelinePath is null) diagnostics.Report(DiagnosticIds.InvalidDataset, default, "cost-models/pipelines/cpu-loops.pipeline not found");
            OutputWriter.PrintDiagnostics(diagnostics.Items);
            return ExitCodes.InputErrors;
        }
        var outcome = PlanningRun.Run(input, settings, diagnostics);
        if (outcome.ExitCode != ExitCodes.Ok || outcome.Plan is not { } plan || outcome.Module is not { } module)
        {
            OutputWriter.PrintDiagnostics(diagnostics.Items);
            return outcome.ExitCode;
        }
        if (ModelValidator.Unsupported(module) is { } why)
        {
            diagnostics.Report(DiagnosticIds.ValidationUnsupported, default, $"{Path.GetFileName(input)}: {why}");
            OutputWriter.PrintDiagnostics(diagnostics.Items);
            return ExitCodes.InputErrors;
        }
        var groups = Groups(plan, ModelValidator.Entry(module)!, diagnostics);
        LoweringPipeline pipeline;
        try { pipeline = LoweringPipeline.Load(pipelinePath); }
        catch (Exception e) when (e is IOException or InvalidDataException)
        {
            diagnostics.Report(DiagnosticIds.InvalidDataset, default, e.Message);
            OutputWriter.PrintDiagnostics(diagnostics.Items);
            return ExitCodes.InputErrors;
        }
        var timing = ValidationOptions.DefaultTiming with { Samples = runs };
        var options = new ValidationOptions(timing, TimeSpan.FromSeconds(timeoutS), cpu < 0 ? null : cpu, WorkDirectory: keep, EmulateFormats: emulate, Rounds: rounds);
        if (keep is not null) Directory.CreateDirectory(keep);
        var validator = new ModelValidator(tools, pipeline, options);
        var result = validator.Validate(input, module, groups, Tolerance(module, groups), line => Console.Error.WriteLine("hwopt validate: " + line));

        var predictions = new ValidationPredictions(
            plan.Baselines.FirstOrDefault(b => b.Problem == "fusion" && b.Name == "none")?.Objective,
            plan.Baselines.FirstOrDefault(b => b.Problem == "fusion" && b.Name == "greedy")?.Objective,
            plan.PredictedLatencyNs);
        foreach (var k in result.Kernels.Where(k => k.Execution == FormatExecution.Emulated).Select(k => k.Format).Distinct())
        {
            diagnostics.Report(DiagnosticIds.ValidationApproximated, default, $"kernels planned in {k} were emulated (quantize-dequantize of their float arguments), not run in {k}");
        }
        int code = ExitCodes.Ok;
        foreach (var v in result.Variants.Where(v => v.Failure is not null))
        {
            var id = v.Failure!.Stage switch
            {
                FailureStage.Lowering => DiagnosticIds.ValidationLoweringFailed,
                FailureStage.Compile => DiagnosticIds.ValidationCompileFailed,
                FailureStage.Timeout => DiagnosticIds.ValidationTimeout,
                _ => DiagnosticIds.ValidationRunFailed,
            };
            diagnostics.Report(id, default, $"{result.Model}: variant {v.Name}: {v.Failure.Message}");
            code = ExitCodes.InputErrors;
        }
        foreach (var (name, c) in result.Comparisons.Where(kv => !kv.Value.Match))
        {
            diagnostics.Report(DiagnosticIds.ValidationOutputsDiffer, default, string.Create(CultureInfo.InvariantCulture,
                $"{result.Model}: {name} differs from unfused: max rel error {c.MaxRelError:0.###e+00} > {c.Tolerance:0.#e+00}, max abs {c.MaxAbsError:0.###e+00}, {c.NonFinite} non-finite mismatches"));
            if (code == ExitCodes.Ok) code = ExitCodes.ValidationFailed;
        }
        string lowering = pipeline.Name + " (" + pipeline.Hash[..12] + ")";
        string text = json
            ? ValidationReport.Json(result, predictions, outcome.PipelineText, outcome.CostModels, lowering, Provenance.ThisCpuModel(), rounds)
            : ValidationReport.Text(result, predictions);
        OutputWriter.Write(null, [input], text, diagnostics);
        OutputWriter.PrintDiagnostics(diagnostics.Items);
        return code;
    }

    /// <summary>The plan's kernels as groups of the entry's top-level ops, with the format the plan chose (as an element type).</summary>
    private static List<ExecutionGroup> Groups(PlanState plan, Operation entry, DiagnosticBag diagnostics)
    {
        var body = new HashSet<Operation>(entry.Regions[0].Blocks[0].Operations, ReferenceEqualityComparer.Instance);
        var kernels = plan.Kernels.Count > 0
            ? plan.Kernels.Select(k => k.Nodes).ToList()
            : plan.Graph.KernelNodes.Select(n => (IReadOnlyList<int>)[n]).ToList();
        var groups = new List<ExecutionGroup>();
        var devices = new SortedSet<string>(StringComparer.Ordinal);
        int mixed = 0;
        foreach (var nodes in kernels)
        {
            var ops = nodes.Where(n => body.Contains(plan.Graph.Ops[n])).ToList();
            if (ops.Count == 0) continue;
            // A fusion group whose ops got different formats (sequential passes) runs in its narrowest one.
            var formats = ops.Select(n => plan.Ops[n].Precision).OfType<string>().Distinct(StringComparer.Ordinal)
                .Select(name => NumericFormat.Find(name) is { } f ? (f.ElementType, f.Bits) : (name, 32)).OrderBy(f => f.Item2).ThenBy(f => f.Item1, StringComparer.Ordinal).ToList();
            string? format = formats.Count > 0 ? formats[0].Item1 : null;
            if (formats.Count > 1) mixed++;
            foreach (int n in ops) if (plan.Ops[n].Device is { } d && d != "host-cpu") devices.Add(d);
            groups.Add(new ExecutionGroup(ops.Select(n => plan.Graph.Ops[n]).ToList(), format));
        }
        if (mixed > 0)
        {
            diagnostics.Report(DiagnosticIds.ValidationApproximated, default, $"{mixed} fused kernels have ops in different formats; each runs in its narrowest format");
        }
        if (devices.Count > 0)
        {
            diagnostics.Report(DiagnosticIds.ValidationApproximated, default, $"kernels placed on {string.Join(", ", devices)} are executed on this CPU (latencies are the host's)");
        }
        return groups;
    }

    /// <summary>The tolerance for the narrowest format in the model or the plan (<see cref="OutputComparison.ToleranceFor"/>).</summary>
    private static double Tolerance(ModuleIR module, IReadOnlyList<ExecutionGroup> groups)
    {
        int bits = 64;
        foreach (var op in ModelValidator.Entry(module)!.Walk())
        {
            foreach (var t in op.Results.Select(r => r.Type))
            {
                if (t is ShapedType { ElementType: FloatType f } && FormatCasts.FloatBits(f.Name) is > 0 and var b) bits = Math.Min(bits, b);
            }
        }
        foreach (var g in groups)
        {
            if (g.Format is { } f) bits = Math.Min(bits, FormatCasts.FloatBits(f) is > 0 and var b ? b : FormatCasts.IntegerBits(f) is > 0 and var i ? i : bits);
        }
        return OutputComparison.ToleranceFor(bits);
    }
}
