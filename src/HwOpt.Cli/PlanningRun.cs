using System.Globalization;
using HwOpt.CostModel;
using HwOpt.CostModel.Devices;
using HwOpt.CostModel.Learning;
using HwOpt.CostModel.Model;
using HwOpt.Diagnostics;
using HwOpt.IR;
using HwOpt.Planning;
using HwOpt.Planning.Cbc;
using HwOpt.Planning.Milp;
using HwOpt.Transforms;
using HwOpt.Transforms.Pipeline;

namespace HwOpt.Cli;

/// <summary>A finished planning run: the plan and what produced it, or the exit code that ends the command.</summary>
/// <param name="ExitCode">0 when a plan was made; otherwise the command's exit code (diagnostics are in the bag).</param>
/// <param name="Module">The parsed input (not annotated: a command applies <see cref="Annotator"/> when it writes IR).</param>
/// <param name="Plan">The plan, or null.</param>
/// <param name="PipelineText">The pass pipeline that ran.</param>
/// <param name="CostModels">Names of the cost models used, e.g. <c>learned:host-cpu</c>.</param>
internal sealed record PlanningOutcome(int ExitCode, ModuleIR? Module, PlanState? Plan, string PipelineText, string CostModels);

/// <summary>
/// Reads a model and runs the planner's passes on it (the part of <c>hwopt optimize</c> before any output is
/// written), shared by the commands that plan: checks budgets and the pipeline, loads CBC and XGBoost, reads pins,
/// runs the passes and reports plans not proven optimal.
/// </summary>
internal static class PlanningRun
{
    /// <summary>Plans <paramref name="input"/>; diagnostics go to <paramref name="diagnostics"/> (usage errors are printed directly, as before).</summary>
    public static PlanningOutcome Run(string input, PlanSettings s, DiagnosticBag diagnostics)
    {
        if (!CheckBudgets(s, diagnostics) || s.TimeLimit <= 0 || s.Gap < 0 || s.NodeLimit < 0)
        {
            if (s.TimeLimit <= 0 || s.Gap < 0 || s.NodeLimit < 0) diagnostics.Report(DiagnosticIds.InvalidBudget, default, "--time-limit must be positive, --gap and --node-limit non-negative");
            return Fail(ExitCodes.Usage);
        }
        if (s.Joint && s.Pipeline is not null)
        {
            Console.Error.WriteLine($"hwopt: error: {DiagnosticIds.Usage.Id}: --joint and --pass-pipeline exclude each other");
            return Fail(ExitCodes.Usage);
        }
        string pipelineText = s.Pipeline ?? (s.Joint ? JointPipeline(s.Devices) : DefaultPipeline(s.Devices));
        var pipelineSource = new SourceText("<pass-pipeline>", pipelineText);
        var specs = PassPipelineParser.Parse(pipelineSource, diagnostics);
        var passes = specs is null ? null : PassRegistry.Create(specs, pipelineSource, diagnostics);
        if (passes is null) return Fail(ExitCodes.Usage);
        try
        {
            CbcLibrary.EnsureAvailable();
            XgbLibrary.EnsureAvailable();
        }
        catch (NativeLibraryMissingException e)
        {
            Console.Error.WriteLine($"hwopt: error: {e.Id}: {e.Message}");
            return Fail(ExitCodes.InputErrors);
        }
        var module = ProfileCommand.ReadModel(input, diagnostics);
        if (module is null) return Fail(ExitCodes.InputErrors);
        var (graph, pinSet) = PlanDriver.Prepare(module, Path.GetFileName(input), s.Pins, diagnostics);
        if (diagnostics.HasErrors) return Fail(ExitCodes.InputErrors);
        var learned = new Dictionary<string, LearnedCostModel?>(StringComparer.Ordinal);
        IMilpSolver solver = s.DumpMilp is null ? new CbcSolver() : PassContext.Dumping(new CbcSolver(), s.DumpMilp);
        var context = new PassContext(diagnostics, solver, new SolverOptions(s.TimeLimit, s.Gap, MaxNodes: s.NodeLimit > 0 ? s.NodeLimit : long.MaxValue), device => ModelFor(device, s, learned, diagnostics))
        {
            Budgets = s.Budgets, DumpMilpFolder = s.DumpMilp, SensitivityFile = s.Sensitivity, Pins = pinSet,
        };
        var plan = new PlanState(graph);
        bool ok = PlanDriver.RunPasses(plan, passes, context);
        foreach (var m in learned.Values) m?.Dispose();
        if (!ok) return Fail(context.Infeasible ? ExitCodes.Infeasible : ExitCodes.InputErrors);
        foreach (var solve in plan.Solves.Where(x => x.Status == SolveStatus.Feasible))
        {
            diagnostics.Report(DiagnosticIds.PlanNotProvenOptimal, default,
                string.Create(CultureInfo.InvariantCulture, $"{solve.Problem}: stopped by the {(solve.Nodes >= s.NodeLimit && s.NodeLimit > 0 ? "node limit (reproducible)" : "time limit (a rerun may differ; use --node-limit for reproducible plans)")}; best plan kept with gap {solve.Gap * 100:0.##} % (objective {solve.Objective:0.###}, bound {solve.BestBound:0.###})"));
        }
        return new PlanningOutcome(ExitCodes.Ok, module, plan, pipelineText, context.CostModelNames);

        PlanningOutcome Fail(int code) => new(code, null, null, "", "");
    }

    /// <summary>Default pipeline: fusion, then partitioning when devices are given.</summary>
    private static string DefaultPipeline(string? devices) =>
        devices is null ? "builtin.module(hwopt-fuse)" : $"builtin.module(hwopt-fuse,hwopt-partition{{devices={devices}}})";

    private static string JointPipeline(string? devices) =>
        $"builtin.module(hwopt-joint{{devices={devices ?? "cpu"}}})";

    /// <summary>The metrics the planners read: latency and spills (the fusion spill limit).</summary>
    private static readonly IReadOnlySet<string> PlannerTargets = new HashSet<string>(StringComparer.Ordinal) { "latency_ns", "spills" };

    private static ICostModel ModelFor(DeviceProfile device, PlanSettings s, Dictionary<string, LearnedCostModel?> learned, DiagnosticBag diagnostics)
    {
        if (s.Roofline || device.Name != DeviceCatalog.Host) return new RooflineCostModel(device);
        string? folder = s.ModelDir ?? LearnedCostModel.DefaultFolder;
        if (folder is null)
        {
            diagnostics.Report(DiagnosticIds.InvalidCostModel, default, "cost-models/host-cpu not found: pass --model DIR, or --roofline");
            return new RooflineCostModel(device);
        }
        if (!learned.TryGetValue(folder, out var model)) learned[folder] = model = LearnedCostModel.Load(folder, diagnostics, device, PlannerTargets);
        return model ?? (ICostModel)new RooflineCostModel(device);
    }

    private static bool CheckBudgets(PlanSettings s, DiagnosticBag diagnostics)
    {
        bool ok = true;
        foreach (var (name, value) in new[] { ("--max-bytes", s.Budgets.MaxBytes), ("--max-latency-ns", s.Budgets.MaxLatencyNs), ("--max-energy-j", s.Budgets.MaxEnergyJ), ("--max-bops", s.Budgets.MaxBops) })
        {
            if (value is double v && !(double.IsFinite(v) && v > 0))
            {
                diagnostics.Report(DiagnosticIds.InvalidBudget, default, $"{name} must be a positive number, not {v.ToString(CultureInfo.InvariantCulture)}");
                ok = false;
            }
        }
        return ok;
    }
}
