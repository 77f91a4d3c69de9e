using HwOpt.CostModel;
using HwOpt.CostModel.Devices;
using HwOpt.CostModel.Model;
using HwOpt.Diagnostics;
using HwOpt.IR;
using HwOpt.Planning;
using HwOpt.Planning.Cbc;
using HwOpt.Planning.Milp;
using HwOpt.Syntax;
using HwOpt.Transforms;
using HwOpt.Transforms.Pipeline;

namespace HwOpt.Snapshots.Tests.Support;

/// <summary>What one planner run produced.</summary>
/// <param name="Outcome"><c>ok</c>, <c>usage error</c> (pipeline), <c>input error</c> (model, pins) or <c>infeasible</c>, as the CLI's exit codes 0, 2, 1, 3.</param>
/// <param name="Ir">The annotated input in generic form (empty unless ok).</param>
/// <param name="ReportJson">The plan report, JSON schemaVersion 1 with its solve times (empty unless ok).</param>
/// <param name="Diagnostics">Every diagnostic, formatted as the CLI prints them, one per entry.</param>
/// <param name="Solves">The MILP solves.</param>
internal sealed record PlanRun(string Outcome, string Ir, string ReportJson, IReadOnlyList<string> Diagnostics, IReadOnlyList<SolverReport> Solves);

/// <summary>
/// Runs a pass pipeline on a model in-process, as <c>hwopt optimize</c> does (parse pipeline, parse model, read pins,
/// run passes, annotate, print), with settings that make plans reproducible on a loaded machine: CBC on one thread with
/// a fixed seed, a node limit and a wall-clock limit far above what these models need, so that only the node limit can
/// end a solve early (<see cref="EndedByTime"/> says when the clock did).
/// </summary>
internal static class PlanRunner
{
    /// <summary>Branch-and-bound nodes per MILP (the CLI's default <c>--node-limit</c>).</summary>
    public const long NodeLimit = 20000;

    /// <summary>The solver settings of every snapshot run.</summary>
    public static SolverOptions Solver { get; } = new(TimeLimitSeconds: 600, RelativeGap: 1e-4, Threads: 1, Seed: 1, MaxNodes: NodeLimit);

    private static readonly Lazy<LearnedCostModel> Learned = new(LoadLearned);

    /// <summary>Runs <paramref name="pipeline"/> on the model at <paramref name="model"/> (relative to the checkout, as locations print it).</summary>
    /// <param name="pipeline">mlir-opt style pass pipeline.</param>
    /// <param name="model">Model path relative to the checkout.</param>
    /// <param name="pinFile">Pin file path relative to the checkout, or null.</param>
    /// <param name="budgets">Budgets, or null for none.</param>
    public static PlanRun Run(string pipeline, string model, string? pinFile = null, Budgets? budgets = null)
    {
        var diagnostics = new DiagnosticBag();
        var pipelineSource = new SourceText("<pass-pipeline>", pipeline);
        var specs = PassPipelineParser.Parse(pipelineSource, diagnostics);
        var passes = specs is null ? null : PassRegistry.Create(specs, pipelineSource, diagnostics);
        if (passes is null) return Failed("usage error", diagnostics);

        var parsed = MlirParser.Parse(new SourceText(model, File.ReadAllText(TestFiles.InRepo(model))));
        if (parsed.Module is null || parsed.HasErrors)
        {
            diagnostics.AddRange(parsed.Diagnostics);
            return Failed("input error", diagnostics);
        }
        var (graph, pins) = PlanDriver.Prepare(parsed.Module, Path.GetFileName(model), pinFile is null ? null : TestFiles.InRepo(pinFile), diagnostics);
        if (diagnostics.HasErrors) return Failed("input error", diagnostics);

        var context = new PassContext(diagnostics, new CbcSolver(), Solver, ModelFor) { Budgets = budgets ?? new Budgets(), Pins = pins };
        var plan = new PlanState(graph);
        if (!PlanDriver.RunPasses(plan, passes, context)) return Failed(context.Infeasible ? "infeasible" : "input error", diagnostics, plan.Solves);
        Annotator.Apply(plan);
        string ir = GenericPrinter.Print(parsed.Module);
        string json = PlanReport.Json(plan, model, context.CostModelNames, pipeline);
        return new PlanRun("ok", ir, json, Format(diagnostics), plan.Solves);
    }

    /// <summary>Solves that ended by the wall clock (feasible, below the node limit): such a plan may differ on a rerun.</summary>
    public static IEnumerable<SolverReport> EndedByTime(PlanRun run) =>
        run.Solves.Where(s => s.Status is SolveStatus.Feasible or SolveStatus.NoSolutionFound && s.Nodes < NodeLimit);

    private static PlanRun Failed(string outcome, DiagnosticBag diagnostics, IReadOnlyList<SolverReport>? solves = null) =>
        new(outcome, "", "", Format(diagnostics), solves ?? []);

    private static List<string> Format(DiagnosticBag diagnostics) => diagnostics.Items.Select(d => DiagnosticFormatter.Format(d)).ToList();

    /// <summary>The learned model for the host (shared by all runs: loading it takes a while), the roofline elsewhere.</summary>
    private static ICostModel ModelFor(DeviceProfile device) =>
        device.Name == DeviceCatalog.Host ? Learned.Value : new RooflineCostModel(device);

    /// <summary>
    /// Loads <c>cost-models/host-cpu</c> as the CLI does. Its warnings are dropped: HW4014 names this machine's CPU when
    /// it differs from the training machine's, which would make snapshots machine-dependent; errors fail the run.
    /// </summary>
    private static LearnedCostModel LoadLearned()
    {
        var diagnostics = new DiagnosticBag();
        var host = DeviceCatalog.Load(DeviceCatalog.Host, diagnostics);
        var model = LearnedCostModel.Load(TestFiles.InRepo("cost-models/host-cpu"), diagnostics, host, new HashSet<string>(StringComparer.Ordinal) { "latency_ns", "spills" });
        if (model is null || diagnostics.HasErrors)
        {
            throw new InvalidOperationException("cost-models/host-cpu does not load: " + string.Join("; ", diagnostics.Items.Select(d => d.Id + " " + d.Message)));
        }
        return model;
    }
}
