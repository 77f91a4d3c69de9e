using System.CommandLine;
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

/// <summary>
/// <c>hwopt optimize MODEL.mlir [-o OUT.mlir] [--pass-pipeline=PIPELINE | --joint] [--devices cpu,gpu] [budgets]
/// [--time-limit S] [--report FILE.json|md|html] [--emit-node-data FILE] [--remarks-output FILE] [--measurements DATA]
/// [--json] [--dump-milp DIR] [--pins FILE] [--sensitivity FILE]</c>:
/// plans fusion, precision and device placement with MILPs (CBC) over the learned cost model, writes the input IR
/// annotated with <c>hwopt.kernel</c>, <c>hwopt.precision</c>, <c>hwopt.device</c>, <c>hwopt.cost_ns</c>, and a
/// report. Exit codes: 0 plan found, 1 input errors, 2 usage errors, 3 no feasible plan.
/// </summary>
internal static class OptimizeCommand
{
    public static Command Create()
    {
        var input = new Argument<string>("input") { Description = "MLIR model file ('-' for stdin)" };
        var output = new Option<string?>("--output", "-o") { Description = "Annotated IR (generic form); default stdout (unless --json)" };
        var pipeline = new Option<string?>("--pass-pipeline") { Description = "Passes, e.g. \"builtin.module(hwopt-fuse{max-group-size=8},hwopt-precision,hwopt-partition{devices=cpu,gpu})\" (default: hwopt-fuse)" };
        var joint = new Option<bool>("--joint") { Description = "One MILP deciding kernel, format and device together (hwopt-joint), compared with the passes one after another" };
        var devices = new Option<string?>("--devices") { Description = "Devices for partitioning and joint mode (cpu, gpu, npu, mobile or profile names), e.g. cpu,gpu" };
        var maxBytes = new Option<double?>("--max-bytes") { Description = "Budget: model size in bytes (weights at their formats)" };
        var maxLatency = new Option<double?>("--max-latency-ns") { Description = "Budget: predicted latency, ns" };
        var maxEnergy = new Option<double?>("--max-energy-j") { Description = "Budget: predicted energy per inference, J" };
        var maxBops = new Option<double?>("--max-bops") { Description = "Budget: bit operations (FLOPs x weight bits x activation bits)" };
        var timeLimit = new Option<double>("--time-limit") { Description = "Solver time limit per MILP, seconds", DefaultValueFactory = _ => 60 };
        var nodeLimit = new Option<long>("--node-limit") { Description = "Branch-and-bound nodes per MILP; a plan stopped by it is reproducible (0: no limit, the time limit alone)", DefaultValueFactory = _ => 20000 };
        var gap = new Option<double>("--gap") { Description = "Relative optimality gap at which the solver stops", DefaultValueFactory = _ => 1e-4 };
        var report = new Option<string?>("--report") { Description = "Write the report: .json (schemaVersion 1), .md (pictures beside it) or .html (self-contained, inline SVG)" };
        var nodeData = new Option<string?>("--emit-node-data") { Description = "Write Google Model Explorer node data (JSON): each op's predicted kernel latency, ns" };
        var remarks = new Option<string?>("--remarks-output") { Description = "Write one optimization remark per decision (YAML, LLVM/MLIR remark style: !Passed, !Missed, !Analysis)" };
        var measurements = new Option<string?>("--measurements") { Description = "Measured kernels (a 'hwopt profile' dataset, e.g. corpus/measurements/host-cpu.csv.gz) for the report's predicted-vs-measured picture" };
        var json = new Option<bool>("--json") { Description = "Print the JSON report on stdout (the IR goes to -o only)" };
        var dump = new Option<string?>("--dump-milp") { Description = "Write every MILP (LP format, readable by the cbc CLI) into this folder" };
        var pins = new Option<string?>("--pins") { Description = "Pin file (JSON) of devices, formats and no-fuse pins" };
        var sensitivity = new Option<string?>("--sensitivity") { Description = "Per-layer sensitivity sidecar (JSON) for hwopt-precision" };
        var modelDir = new Option<string?>("--model") { Description = "Learned cost-model folder (default cost-models/host-cpu)" };
        var baseline = new Option<bool>("--roofline") { Description = "Cost everything with the roofline baseline, the host too" };
        var command = new Command("optimize", "Plan fusion, mixed precision and device partitioning (MILP, CBC) and annotate the IR")
        {
            input, output, pipeline, joint, devices, maxBytes, maxLatency, maxEnergy, maxBops, timeLimit, nodeLimit, gap, report, json, dump, pins, sensitivity, modelDir, baseline,
            nodeData, remarks, measurements,
        };
        command.SetAction(r => Run(new Settings(
            r.GetValue(input)!, r.GetValue(output), r.GetValue(pipeline), r.GetValue(joint), r.GetValue(devices),
            new Budgets(r.GetValue(maxBytes), r.GetValue(maxLatency), r.GetValue(maxEnergy), r.GetValue(maxBops)),
            r.GetValue(timeLimit), r.GetValue(nodeLimit), r.GetValue(gap), r.GetValue(report), r.GetValue(json), r.GetValue(dump), r.GetValue(pins), r.GetValue(sensitivity),
            r.GetValue(modelDir), r.GetValue(baseline), r.GetValue(nodeData), r.GetValue(remarks), r.GetValue(measurements))));
        return command;
    }

    private sealed record Settings(
        string Input, string? Output, string? Pipeline, bool Joint, string? Devices, Budgets Budgets, double TimeLimit, long NodeLimit, double Gap,
        string? Report, bool Json, string? DumpMilp, string? Pins, string? Sensitivity, string? ModelDir, bool Roofline,
        string? NodeData = null, string? Remarks = null, string? Measurements = null);

    private static int Run(Settings s)
    {
        var diagnostics = new DiagnosticBag();
        if (!CheckBudgets(s, diagnostics) || s.TimeLimit <= 0 || s.Gap < 0 || s.NodeLimit < 0)
        {
            if (s.TimeLimit <= 0 || s.Gap < 0 || s.NodeLimit < 0) diagnostics.Report(DiagnosticIds.InvalidBudget, default, "--time-limit must be positive, --gap and --node-limit non-negative");
            OutputWriter.PrintDiagnostics(diagnostics.Items);
            return ExitCodes.Usage;
        }
        if (s.Joint && s.Pipeline is not null)
        {
            Console.Error.WriteLine($"hwopt: error: {DiagnosticIds.Usage.Id}: --joint and --pass-pipeline exclude each other");
            return ExitCodes.Usage;
        }
        string pipelineText = s.Pipeline ?? (s.Joint ? JointPipeline(s.Devices) : DefaultPipeline(s.Devices));
        var pipelineSource = new SourceText("<pass-pipeline>", pipelineText);
        var specs = PassPipelineParser.Parse(pipelineSource, diagnostics);
        var passes = specs is null ? null : PassRegistry.Create(specs, pipelineSource, diagnostics);
        if (passes is null)
        {
            OutputWriter.PrintDiagnostics(diagnostics.Items);
            return ExitCodes.Usage;
        }
        try
        {
            CbcLibrary.EnsureAvailable();
            XgbLibrary.EnsureAvailable();
        }
        catch (NativeLibraryMissingException e)
        {
            Console.Error.WriteLine($"hwopt: error: {e.Id}: {e.Message}");
            return ExitCodes.InputErrors;
        }
        var module = ProfileCommand.ReadModel(s.Input, diagnostics);
        if (module is null)
        {
            OutputWriter.PrintDiagnostics(diagnostics.Items);
            return ExitCodes.InputErrors;
        }
        var graph = PlanGraph.FromModule(module, Path.GetFileName(s.Input));
        var pinSet = new Pins();
        PinReader.FromAttributes(graph, pinSet, diagnostics);
        if (s.Pins is not null) PinReader.FromFile(s.Pins, graph, pinSet, diagnostics);
        if (diagnostics.HasErrors)
        {
            OutputWriter.PrintDiagnostics(diagnostics.Items);
            return ExitCodes.InputErrors;
        }
        var learned = new Dictionary<string, LearnedCostModel?>(StringComparer.Ordinal);
        IMilpSolver solver = s.DumpMilp is null ? new CbcSolver() : PassContext.Dumping(new CbcSolver(), s.DumpMilp);
        var context = new PassContext(diagnostics, solver, new SolverOptions(s.TimeLimit, s.Gap, MaxNodes: s.NodeLimit > 0 ? s.NodeLimit : long.MaxValue), device => ModelFor(device, s, learned, diagnostics))
        {
            Budgets = s.Budgets, DumpMilpFolder = s.DumpMilp, SensitivityFile = s.Sensitivity, Pins = pinSet,
        };
        var plan = new PlanState(graph);
        bool ok = true;
        foreach (var pass in passes)
        {
            if (!pass.Run(plan, context) || diagnostics.HasErrors)
            {
                ok = false;
                break;
            }
        }
        foreach (var m in learned.Values) m?.Dispose();
        if (!ok)
        {
            OutputWriter.PrintDiagnostics(diagnostics.Items);
            return context.Infeasible ? ExitCodes.Infeasible : ExitCodes.InputErrors;
        }
        foreach (var solve in plan.Solves.Where(x => x.Status == SolveStatus.Feasible))
        {
            diagnostics.Report(DiagnosticIds.PlanNotProvenOptimal, default,
                string.Create(CultureInfo.InvariantCulture, $"{solve.Problem}: stopped by the {(solve.Nodes >= s.NodeLimit && s.NodeLimit > 0 ? "node limit (reproducible)" : "time limit (a rerun may differ; use --node-limit for reproducible plans)")}; best plan kept with gap {solve.Gap * 100:0.##} % (objective {solve.Objective:0.###}, bound {solve.BestBound:0.###})"));
        }
        string costModels = context.CostModelNames;
        var request = new ReportFiles.Request(s.Input, costModels, pipelineText, s.Report, s.NodeData, s.Remarks, s.Measurements);
        var facts = ReportFiles.Prepare(plan, request, diagnostics);
        if (facts is null)
        {
            OutputWriter.PrintDiagnostics(diagnostics.Items);
            return ExitCodes.InputErrors;
        }
        Annotator.Apply(plan);
        string ir = GenericPrinter.Print(module);
        bool written = true;
        if (s.Json) written &= OutputWriter.Write(null, [s.Input], PlanReport.Json(plan, s.Input, costModels, pipelineText, facts: facts), diagnostics);
        if (s.Output is not null || !s.Json) written &= OutputWriter.Write(s.Output, [s.Input], ir, diagnostics);
        written &= ReportFiles.Write(plan, facts, request, diagnostics);
        Console.Error.WriteLine("hwopt optimize: " + PlanReport.SummaryLine(plan));
        OutputWriter.PrintDiagnostics(diagnostics.Items);
        return written ? ExitCodes.Ok : ExitCodes.InputErrors;
    }

    /// <summary>Default pipeline: fusion, then partitioning when devices are given.</summary>
    private static string DefaultPipeline(string? devices) =>
        devices is null ? "builtin.module(hwopt-fuse)" : $"builtin.module(hwopt-fuse,hwopt-partition{{devices={devices}}})";

    private static string JointPipeline(string? devices) =>
        $"builtin.module(hwopt-joint{{devices={devices ?? "cpu"}}})";

    /// <summary>The metrics the planners read: latency and spills (the fusion spill limit).</summary>
    private static readonly IReadOnlySet<string> PlannerTargets = new HashSet<string>(StringComparer.Ordinal) { "latency_ns", "spills" };

    private static ICostModel ModelFor(DeviceProfile device, Settings s, Dictionary<string, LearnedCostModel?> learned, DiagnosticBag diagnostics)
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

    private static bool CheckBudgets(Settings s, DiagnosticBag diagnostics)
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
