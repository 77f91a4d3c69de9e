using System.CommandLine;
using HwOpt.Diagnostics;
using HwOpt.IR;
using HwOpt.Transforms;

namespace HwOpt.Cli;

/// <summary>
/// <c>hwopt optimize MODEL.mlir [-o OUT.mlir] [--pass-pipeline=PIPELINE | --joint] [--devices cpu,gpu] [budgets]
/// [--time-limit S] [--report FILE.json|md|html] [--emit-node-data FILE] [--remarks-output FILE] [--measurements DATA]
/// [--json] [--report-timing] [--dump-milp DIR] [--pins FILE] [--sensitivity FILE]</c>:
/// plans fusion, precision and device placement with MILPs (CBC) over the learned cost model, writes the input IR
/// annotated with <c>hwopt.kernel</c>, <c>hwopt.precision</c>, <c>hwopt.device</c>, <c>hwopt.cost_ns</c>, and a
/// report. Exit codes: 0 plan found, 1 input errors, 2 usage errors, 3 no feasible plan.
/// </summary>
internal static class OptimizeCommand
{
    public static Command Create()
    {
        var input = new Argument<string>("input") { Description = "MLIR model file ('-' for stdin)" }.RejectingOptions();
        var output = new Option<string?>("--output", "-o") { Description = "Annotated IR (generic form); default stdout (unless --json)" };
        var report = new Option<string?>("--report") { Description = "Write the report: .json (schemaVersion 1), .md (pictures beside it) or .html (self-contained, inline SVG)" };
        var nodeData = new Option<string?>("--emit-node-data") { Description = "Write Google Model Explorer node data (JSON): each op's predicted kernel latency, ns" };
        var remarks = new Option<string?>("--remarks-output") { Description = "Write one optimization remark per decision (YAML, LLVM/MLIR remark style: !Passed, !Missed, !Analysis)" };
        var measurements = new Option<string?>("--measurements") { Description = "Measured kernels (a 'hwopt profile' dataset, e.g. corpus/measurements/host-cpu.csv.gz) for the report's predicted-vs-measured picture" };
        var json = new Option<bool>("--json") { Description = "Print the JSON report on stdout (the IR goes to -o only)" };
        var reportTiming = new Option<bool>("--report-timing")
        {
            Description = "Put the solvers' wall-clock times in the report (solve_time_s); without it they are left out (null, '-') so that the same input and options give the same bytes",
        };
        var planning = new PlanningOptions();
        var command = new Command("optimize", "Plan fusion, mixed precision and device partitioning (MILP, CBC) and annotate the IR") { input, output, report, json };
        planning.AddTo(command);
        command.Options.Add(nodeData);
        command.Options.Add(remarks);
        command.Options.Add(measurements);
        command.Options.Add(reportTiming);
        command.SetAction(r => Run(new Settings(r.GetValue(input)!, r.GetValue(output), r.GetValue(report), r.GetValue(json),
            r.GetValue(nodeData), r.GetValue(remarks), r.GetValue(measurements), r.GetValue(reportTiming)), planning.Read(r)));
        return command;
    }

    private sealed record Settings(string Input, string? Output, string? Report, bool Json, string? NodeData, string? Remarks, string? Measurements, bool ReportTiming);

    private static int Run(Settings s, PlanSettings planSettings)
    {
        var diagnostics = new DiagnosticBag();
        var outcome = PlanningRun.Run(s.Input, planSettings, diagnostics);
        if (outcome.ExitCode != ExitCodes.Ok || outcome.Plan is not { } plan || outcome.Module is not { } module)
        {
            OutputWriter.PrintDiagnostics(diagnostics.Items);
            return outcome.ExitCode;
        }
        string costModels = outcome.CostModels, pipelineText = outcome.PipelineText;
        var request = new ReportFiles.Request(s.Input, costModels, pipelineText, s.Report, s.NodeData, s.Remarks, s.Measurements, s.ReportTiming);
        var facts = ReportFiles.Prepare(plan, request, diagnostics);
        if (facts is null)
        {
            OutputWriter.PrintDiagnostics(diagnostics.Items);
            return ExitCodes.InputErrors;
        }
        Annotator.Apply(plan);
        string ir = GenericPrinter.Print(module);
        bool written = true;
        if (s.Json) written &= OutputWriter.Write(null, [s.Input], PlanReport.Json(plan, s.Input, costModels, pipelineText, scrubTimes: !s.ReportTiming, facts: facts), diagnostics);
        if (s.Output is not null || !s.Json) written &= OutputWriter.Write(s.Output, [s.Input], ir, diagnostics);
        written &= ReportFiles.Write(plan, facts, request, diagnostics);
        Console.Error.WriteLine("hwopt optimize: " + PlanReport.SummaryLine(plan));
        OutputWriter.PrintDiagnostics(diagnostics.Items);
        return written ? ExitCodes.Ok : ExitCodes.InputErrors;
    }
}
