using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using HwOpt.Diagnostics;
using HwOpt.Profiling;
using HwOpt.Syntax;
using Spectre.Console;

namespace HwOpt.Cli;

/// <summary>
/// <c>hwopt profile MODEL.mlir|DIR ... [--sweep all|NAMES --count N --seed S] -o data.csv[.gz] [--repeat N] [--timeout S] [--resume]</c>:
/// outlines every op of the models (and the synthesized sweep kernels) into kernels, lowers and runs them with MLIR 19
/// and writes one row per kernel with its measured metrics, plus a provenance sidecar.
/// </summary>
internal static class ProfileCommand
{
    public static Command Create()
    {
        var inputs = new Argument<string[]>("inputs") { Description = "MLIR model files or folders of them", Arity = ArgumentArity.ZeroOrMore }.RejectingOptions();
        var output = new Option<string>("--output", "-o") { Description = "Dataset to write (.csv or .csv.gz)", Required = true };
        var sweep = new Option<string?>("--sweep") { Description = "Also profile synthesized kernels: 'all' or comma-separated sweep names (" + string.Join(", ", KernelSweeps.Names) + ")" };
        var count = new Option<int>("--count") { Description = "Configurations drawn per sweep", DefaultValueFactory = _ => 100 };
        var seed = new Option<int>("--seed") { Description = "Seed of the sweep generator", DefaultValueFactory = _ => 1 };
        var repeat = new Option<int>("--repeat") { Description = "Timed samples per kernel (slow kernels get fewer, at least 3)", DefaultValueFactory = _ => 10 };
        var timeout = new Option<double>("--timeout") { Description = "Time limit for one kernel in seconds (lowering or running it alone)", DefaultValueFactory = _ => 60 };
        var resume = new Option<bool>("--resume") { Description = "Keep the rows already in the output and skip their kernels" };
        var retryFailed = new Option<bool>("--retry-failed") { Description = "With --resume: measure again the kernels whose rows failed (timeout, run-failed, ...), e.g. with a larger --timeout" };
        var batch = new Option<int>("--batch-size") { Description = "Kernels per harness process", DefaultValueFactory = _ => 48 };
        var cpu = new Option<int>("--cpu") { Description = "CPU to pin timed runs to (-1: no pinning)", DefaultValueFactory = _ => Environment.ProcessorCount > 1 ? 1 : -1 };
        var limit = new Option<int>("--limit") { Description = "Profile at most this many kernels (0: all)", DefaultValueFactory = _ => 0 };
        var pipelinePath = new Option<string?>("--pipeline") { Description = "Pipeline file (default: cost-models/pipelines/cpu-loops.pipeline)" };
        var wholeModel = new Option<bool>("--whole-model")
        {
            Description = "Time each input model's entry function as one kernel and compare it with the sum of its op kernels from the dataset -o (written to NAME.whole-model.md)",
        };
        var summary = new Option<bool>("--summary") { Description = "Only print a summary of the dataset -o (rows, CoV distribution, op kinds, failures)" };
        var against = new Option<string?>("--against") { Description = "With --summary: compare the latency of the kernels also measured in this dataset (label reproducibility: share within 5/10/20 %, ratio quantiles, per op kind)" };
        var optLevel = new Option<int>("--opt-level") { Description = "LLVM optimisation level of opt and llc (0-3)", DefaultValueFactory = _ => 3 };
        var targetCpu = new Option<string>("--target-cpu") { Description = "LLVM -mcpu of opt and llc (e.g. x86-64 for a baseline SSE2 CPU)", DefaultValueFactory = _ => "native" };
        var kernelsFrom = new Option<string?>("--kernels-from") { Description = "Measure again the kernels of this dataset (e.g. under another --opt-level/--target-cpu as a proxy for a new device); with --limit, a pseudo-random sample" };
        var workDir = new Option<string?>("--work-dir") { Description = "Keep harness, lowered IR and assembly files in this folder (default: a temporary folder, deleted)" };
        var command = new Command("profile", "Measure kernels of models and sweeps on this machine with MLIR 19 (latency, spills, instructions, code size)")
        {
            inputs, output, sweep, count, seed, repeat, timeout, resume, batch, cpu, limit, pipelinePath, workDir, wholeModel, summary, optLevel, targetCpu, kernelsFrom, retryFailed, against,
        };
        command.SetAction(r => Run(new Settings(
            r.GetValue(inputs) ?? [], r.GetValue(output)!, r.GetValue(sweep), r.GetValue(count), r.GetValue(seed), r.GetValue(repeat),
            r.GetValue(timeout), r.GetValue(resume), r.GetValue(batch), r.GetValue(cpu), r.GetValue(limit), r.GetValue(pipelinePath), r.GetValue(workDir), r.GetValue(wholeModel), r.GetValue(summary),
            r.GetValue(optLevel), r.GetValue(targetCpu)!, r.GetValue(kernelsFrom), r.GetValue(retryFailed), r.GetValue(against))));
        return command;
    }

    private sealed record Settings(
        string[] Inputs, string Output, string? Sweep, int Count, int Seed, int Repeat, double Timeout, bool Resume, int BatchSize, int Cpu, int Limit,
        string? PipelinePath, string? WorkDir, bool WholeModel, bool Summary, int OptLevel, string TargetCpu, string? KernelsFrom, bool RetryFailed, string? Against);

    private static int Run(Settings s)
    {
        var diagnostics = new DiagnosticBag();
        if (s.Summary)
        {
            try
            {
                var rows = DatasetStore.Read(s.Output);
                PrintSummary(rows, 0, TimeSpan.Zero);
                PrintBreakdown(rows);
                if (s.Against is { } againstPath) PrintAgreement(LabelAgreement.Compare(rows, DatasetStore.Read(againstPath)), s.Output, againstPath);
                return ExitCodes.Ok;
            }
            catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
            {
                diagnostics.Report(DiagnosticIds.InvalidDataset, default, e.Message);
                OutputWriter.PrintDiagnostics(diagnostics.Items);
                return ExitCodes.InputErrors;
            }
        }
        var tools = Toolchain.Default;
        if (s.Repeat < 1 || s.Timeout <= 0 || s.BatchSize < 1 || s.Count < 0 || s.OptLevel is < 0 or > 3 || !IsCpuName(s.TargetCpu))
        {
            Console.Error.WriteLine($"hwopt: error: {DiagnosticIds.Usage.Id}: --repeat, --timeout and --batch-size must be positive, --opt-level 0-3, --target-cpu a CPU name");
            return ExitCodes.Usage;
        }
        if (!tools.Check(diagnostics))
        {
            OutputWriter.PrintDiagnostics(diagnostics.Items);
            return ExitCodes.InputErrors;
        }
        var pipeline = LoadPipeline(s.PipelinePath, diagnostics);
        if (pipeline is null)
        {
            OutputWriter.PrintDiagnostics(diagnostics.Items);
            return ExitCodes.InputErrors;
        }

        if (s.WholeModel) return RunWholeModels(s, tools, pipeline, diagnostics);

        // Kernels from models, then from sweeps.
        var kernels = new List<Kernel>();
        var inputsDescription = new List<string>();
        foreach (var file in ExpandInputs(s.Inputs, diagnostics))
        {
            if (ReadModel(file, diagnostics) is not { } module) continue;
            var skipped = new List<SkippedOp>();
            var found = KernelExtractor.FromModule(module, Path.GetFileName(file), DatasetSplits.FamilyOf(file), skipped);
            kernels.AddRange(found.Select(p => p.Kernel));
            inputsDescription.Add($"{Path.GetFileName(file)}: {found.Count} ops outlined, {found.Select(p => p.Kernel.Id).Distinct().Count()} distinct kernels, {skipped.Count} ops skipped");
        }
        if (diagnostics.HasErrors)
        {
            OutputWriter.PrintDiagnostics(diagnostics.Items);
            return ExitCodes.InputErrors;
        }
        if (s.Sweep is { } sweepNames)
        {
            var names = sweepNames == "all" ? KernelSweeps.Names : sweepNames.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            foreach (var name in names)
            {
                if (!KernelSweeps.Names.Contains(name))
                {
                    Console.Error.WriteLine($"hwopt: error: {DiagnosticIds.Usage.Id}: unknown sweep '{name}' (known: {string.Join(", ", KernelSweeps.Names)})");
                    return ExitCodes.Usage;
                }
                var generated = KernelSweeps.Generate(name, s.Count, s.Seed);
                kernels.AddRange(generated);
                inputsDescription.Add($"sweep:{name}: {generated.Count} kernels (count {s.Count}, seed {s.Seed})");
            }
        }
        if (s.KernelsFrom is { } from)
        {
            try
            {
                var mismatched = new List<MeasurementRow>();
                var again = DatasetKernels.FromRows(DatasetStore.Read(from), mismatched);
                kernels.AddRange(again);
                inputsDescription.Add($"{Path.GetFileName(from)}: {again.Count} kernels measured again ({mismatched.Count} did not rebuild to their id)");
            }
            catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
            {
                diagnostics.Report(DiagnosticIds.InvalidDataset, default, e.Message);
                OutputWriter.PrintDiagnostics(diagnostics.Items);
                return ExitCodes.InputErrors;
            }
        }
        if (kernels.Count == 0)
        {
            Console.Error.WriteLine($"hwopt: error: {DiagnosticIds.Usage.Id}: nothing to profile: give model files or --sweep");
            return ExitCodes.Usage;
        }

        DatasetStore store;
        try { store = new DatasetStore(s.Output, s.Resume, s.RetryFailed); }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            diagnostics.Report(DiagnosticIds.InvalidDataset, default, e.Message);
            OutputWriter.PrintDiagnostics(diagnostics.Items);
            return ExitCodes.InputErrors;
        }
        var done = store.DoneIds;
        // Measured in kernel-id order: a pseudo-random interleaving of sources and sizes, so that drift and an early
        // stop do not fall on one op kind.
        var todo = kernels.GroupBy(k => k.Id).Select(g => g.First()).Where(k => !done.Contains(k.Id)).OrderBy(k => k.Id, StringComparer.Ordinal).ToList();
        if (s.Limit > 0) todo = todo.Take(s.Limit).ToList();

        var options = ProfileOptions.Default with
        {
            Timing = new TimingSettings(Samples: s.Repeat),
            KernelTimeout = TimeSpan.FromSeconds(s.Timeout),
            BatchSize = s.BatchSize,
            Cpu = s.Cpu >= 0 ? s.Cpu : null,
            WorkDirectory = s.WorkDir is null ? null : Path.GetFullPath(s.WorkDir),
            OptLevel = s.OptLevel,
            TargetCpu = s.TargetCpu,
        };
        string provenancePath = ProvenancePath(s.Output);
        var provenance = Provenance.ForThisMachine(tools, pipeline);
        var previous = s.Resume ? Provenance.Load(provenancePath) : null;
        if (previous is not null)
        {
            provenance.Drift.AddRange(previous.Drift);
            provenance.Inputs.AddRange(previous.Inputs);
            provenance.StartedAt = previous.StartedAt;
        }
        if (provenance.StartedAt.Length == 0) provenance.StartedAt = Provenance.Now();
        provenance.PinnedCpu = options.Cpu;
        provenance.Runner = Provenance.AotRunner(options.OptLevel, options.TargetCpu);
        provenance.Timing = options.Timing;
        provenance.Repetition = $"re-measure while CoV > {options.CovTarget.ToString("0.##", CultureInfo.InvariantCulture)}, at most {options.MaxAttempts} attempts";
        provenance.Parallelism = "one timed process at a time, pinned to one CPU; the 2-core machine's other core runs the profiler itself and compiles nothing during timing";
        provenance.Inputs.AddRange(inputsDescription);

        Console.Error.WriteLine($"hwopt profile: {todo.Count} kernels to measure ({kernels.Count} outlined, {done.Count} already in {s.Output}); pipeline {pipeline.Name} {pipeline.Hash[..12]}");
        var profiler = new Profiler(tools, pipeline, options);
        int baseDrift = provenance.Drift.Count;
        var watch = Stopwatch.StartNew();
        void Measure(Action<ProfileProgress> report)
        {
            profiler.Progress += report;
            profiler.Measure(todo, rows =>
            {
                store.Add(rows);
                provenance.Drift.RemoveRange(baseDrift, provenance.Drift.Count - baseDrift);
                provenance.Drift.AddRange(profiler.Drift.Select(d => d with { Batch = d.Batch + baseDrift }));
                provenance.Save(provenancePath);
            });
        }
        if (AnsiConsole.Profile.Capabilities.Interactive && !Console.IsErrorRedirected)
        {
            AnsiConsole.Progress().AutoClear(false).Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                .Start(ctx =>
                {
                    var task = ctx.AddTask("profiling", maxValue: Math.Max(1, todo.Count));
                    Measure(p =>
                    {
                        task.Value = p.Done;
                        task.Description = $"profiling ({p.Failed} failed)";
                    });
                });
        }
        else
        {
            var last = Stopwatch.StartNew();
            Measure(p =>
            {
                if (last.Elapsed.TotalSeconds < 10 && p.Done < p.Total) return;
                last.Restart();
                Console.Error.WriteLine($"hwopt profile: {p.Done}/{p.Total} kernels, {p.Failed} failed, {watch.Elapsed.TotalMinutes:0.0} min");
            });
        }

        var all = store.Finish();
        provenance.FinishedAt = Provenance.Now();
        provenance.WallSeconds = Math.Round((previous?.WallSeconds ?? 0) + watch.Elapsed.TotalSeconds, 1);
        provenance.RowsByStatus = new SortedDictionary<string, int>(all.GroupBy(r => r.Status).ToDictionary(g => g.Key, g => g.Count()), StringComparer.Ordinal);
        provenance.Save(provenancePath);
        PrintSummary(all, todo.Count, watch.Elapsed);
        return ExitCodes.Ok;
    }

    private static bool IsCpuName(string name) => name.Length is > 0 and < 64 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    private static int RunWholeModels(Settings s, Toolchain tools, LoweringPipeline pipeline, DiagnosticBag diagnostics)
    {
        Dictionary<string, double> medians;
        try
        {
            // The final file, and the partial file of a run still in progress.
            var rows = new List<MeasurementRow>();
            if (File.Exists(s.Output)) rows.AddRange(DatasetStore.Read(s.Output));
            if (File.Exists(s.Output + ".partial.csv")) rows.AddRange(DatasetStore.Read(s.Output + ".partial.csv"));
            if (rows.Count == 0) throw new FileNotFoundException($"'{s.Output}' not found");
            medians = rows.Where(r => r.Status == "ok" && r.LatencyMedianNs is not null)
                .GroupBy(r => r.KernelId).ToDictionary(g => g.Key, g => g.First().LatencyMedianNs!.Value, StringComparer.Ordinal);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            diagnostics.Report(DiagnosticIds.InvalidDataset, default, $"--whole-model needs the measured dataset: {e.Message}");
            OutputWriter.PrintDiagnostics(diagnostics.Items);
            return ExitCodes.InputErrors;
        }
        var options = ProfileOptions.Default with
        {
            Timing = WholeModel.Timing,
            KernelTimeout = TimeSpan.FromSeconds(s.Timeout),
            BatchSize = 1,
            MaxAttempts = 1,
            Cpu = s.Cpu >= 0 ? s.Cpu : null,
            MaxArgumentBytes = 8L << 30,
            WorkDirectory = s.WorkDir is null ? null : Path.GetFullPath(s.WorkDir),
        };
        var profiler = new Profiler(tools, pipeline, options);
        var results = new List<WholeModelResult>();
        foreach (var file in ExpandInputs(s.Inputs, diagnostics).ToList())
        {
            if (ReadModel(file, diagnostics) is not { } module) continue;
            Console.Error.WriteLine($"hwopt profile: whole model {Path.GetFileName(file)} ...");
            var r = WholeModel.Measure(module, Path.GetFileName(file), medians, profiler);
            results.Add(r);
            Console.Error.WriteLine($"hwopt profile: {r.Model}: whole {(r.WholeModelNs is { } w ? (w / 1e6).ToString("0.###", CultureInfo.InvariantCulture) + " ms" : "failed: " + r.Error)}, sum of kernels {(r.SumOfKernelsNs / 1e6).ToString("0.###", CultureInfo.InvariantCulture)} ms ({r.MeasuredOps}/{r.KernelOps} measured)");
        }
        OutputWriter.PrintDiagnostics(diagnostics.Items);
        string table = WholeModel.Table(results);
        string stem = ProvenancePath(s.Output)[..^".provenance.json".Length];
        File.WriteAllText(stem + ".whole-model.md",
            "# Whole-model latency vs sum of kernel latencies\n\nMeasured on " + Provenance.ThisCpuModel() + " with pipeline " + pipeline.Name + " (" + pipeline.Hash[..12] + "), " +
            Provenance.Now() + ". Command: `hwopt profile --whole-model " + string.Join(' ', s.Inputs) + " -o " + s.Output + "`.\n\n" + table);
        Console.Out.Write(table);
        return diagnostics.HasErrors ? ExitCodes.InputErrors : ExitCodes.Ok;
    }

    /// <summary>Reads and parses a model file; null (with diagnostics reported) when it cannot be read or has errors.</summary>
    internal static HwOpt.IR.ModuleIR? ReadModel(string file, DiagnosticBag diagnostics)
    {
        var source = InputReader.Read(file, diagnostics);
        if (source is null) return null;
        var parsed = MlirParser.Parse(source);
        if (parsed.Module is null || parsed.HasErrors)
        {
            diagnostics.AddRange(parsed.Diagnostics);
            return null;
        }
        return parsed.Module;
    }

    internal static string ProvenancePath(string output)
    {
        string stem = output.EndsWith(".csv.gz", StringComparison.Ordinal) ? output[..^7] : output.EndsWith(".csv", StringComparison.Ordinal) ? output[..^4] : output;
        return stem + ".provenance.json";
    }

    internal static LoweringPipeline? LoadPipeline(string? path, DiagnosticBag diagnostics)
    {
        path ??= LoweringPipeline.FindDefault();
        if (path is null)
        {
            diagnostics.Report(DiagnosticIds.InvalidDataset, default, "cost-models/pipelines/cpu-loops.pipeline not found (run from the repository, or pass --pipeline)");
            return null;
        }
        try { return LoweringPipeline.Load(path); }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            diagnostics.Report(DiagnosticIds.InvalidDataset, default, e.Message);
            return null;
        }
    }

    internal static IEnumerable<string> ExpandInputs(IEnumerable<string> inputs, DiagnosticBag diagnostics)
    {
        foreach (var input in inputs)
        {
            if (Directory.Exists(input))
            {
                foreach (var f in Directory.GetFiles(input, "*.mlir", SearchOption.TopDirectoryOnly).Order(StringComparer.Ordinal)) yield return f;
            }
            else if (File.Exists(input))
            {
                yield return input;
            }
            else
            {
                diagnostics.Report(DiagnosticIds.CannotReadInput, default, $"'{input}' does not exist");
            }
        }
    }

    private static void PrintBreakdown(IReadOnlyList<MeasurementRow> all)
    {
        var ok = all.Where(r => r.Status == "ok").ToList();
        var covs = ok.Select(r => r.LatencyCov ?? 0).Order().ToList();
        if (covs.Count > 0)
        {
            Console.Out.WriteLine("  CoV deciles: " + string.Join(" ", Enumerable.Range(1, 9).Select(d => covs[d * covs.Count / 10].ToString("0.000", CultureInfo.InvariantCulture))));
        }
        Console.Out.WriteLine("  by source (rows, ok, median latency us, summed median latency ms):");
        foreach (var g in all.GroupBy(r => r.Source).OrderByDescending(g => g.Sum(r => r.LatencyMedianNs ?? 0)))
        {
            var lat = g.Where(r => r.LatencyMedianNs is not null).Select(r => r.LatencyMedianNs!.Value).Order().ToList();
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"    {g.Key,-28} {g.Count(),6} {g.Count(r => r.Status == "ok"),6} {(lat.Count > 0 ? lat[lat.Count / 2] / 1e3 : 0),10:0.0} {lat.Sum() / 1e6,10:0.0}"));
        }
        Console.Out.WriteLine("  by first op (rows):");
        foreach (var g in all.GroupBy(r => r.OpNames.Split(' ')[0]).OrderByDescending(g => g.Count()).Take(15))
        {
            Console.Out.WriteLine($"    {g.Key,-36} {g.Count(),6}");
        }
        Console.Out.WriteLine("  splits: random " + string.Join(", ", all.GroupBy(r => r.SplitRandom).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}")) +
                              "; family " + string.Join(", ", all.GroupBy(r => r.SplitFamily).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}")));
    }

    private static void PrintAgreement(IReadOnlyList<LabelAgreementRow> rows, string first, string second)
    {
        Console.Out.WriteLine($"  latency agreement, {Path.GetFileName(first)} / {Path.GetFileName(second)} (kernels ok in both; ratio of medians):");
        if (rows.Count == 0)
        {
            Console.Out.WriteLine("    no kernel measured ok in both");
            return;
        }
        Console.Out.WriteLine($"    {"op kind",-36} {"kernels",7} {"<=5%",6} {"<=10%",6} {"<=20%",6}  ratio p5 p25 p50 p75 p95");
        foreach (var r in rows)
        {
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"    {r.Key,-36} {r.Kernels,7} {r.Within5,6:P0} {r.Within10,6:P0} {r.Within20,6:P0}  {string.Join(" ", r.RatioQuantiles.Select(q => q.ToString("0.000", CultureInfo.InvariantCulture)))}"));
        }
    }

    private static void PrintSummary(IReadOnlyList<MeasurementRow> all, int measuredNow, TimeSpan elapsed)
    {
        var ok = all.Where(r => r.Status == "ok").ToList();
        Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"rows: {all.Count} ({ok.Count} ok, {all.Count - ok.Count} failed); this run: {measuredNow} kernels in {elapsed.TotalMinutes:0.0} min"));
        foreach (var g in all.GroupBy(r => r.Status).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            Console.Out.WriteLine($"  {g.Key}: {g.Count()}");
        }
        if (ok.Count > 0)
        {
            var covs = ok.Select(r => r.LatencyCov ?? 0).Order().ToList();
            double Q(double q) => covs[(int)Math.Min(covs.Count - 1, Math.Floor(q * covs.Count))];
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  CoV: median {Q(0.5):0.0000}, p90 {Q(0.9):0.0000}, max {covs[^1]:0.0000}; {covs.Count(c => c <= 0.05)} of {covs.Count} within 5 %"));
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  spills: {ok.Count(r => r.Spills > 0)} kernels spill; total latency measured {ok.Sum(r => r.LatencyMedianNs ?? 0) / 1e6:0.0} ms"));
        }
        foreach (var g in all.Where(r => r.Status != "ok").GroupBy(r => r.Error.Length > 90 ? r.Error[..90] : r.Error).OrderByDescending(g => g.Count()).Take(8))
        {
            Console.Out.WriteLine($"  failure x{g.Count()}: {g.Key}");
        }
    }
}
