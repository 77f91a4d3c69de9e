using System.CommandLine;
using HwOpt.Diagnostics;
using HwOpt.IR;
using HwOpt.Transforms;

namespace HwOpt.Cli;

/// <summary>
/// <c>hwopt optimize MODEL.mlir [-o OUT.mlir] [--pass-pipeline=PIPELINE | --joint] [--devices cpu,gpu] [budgets]
/// [--time-limit S] [--report FILE.json|md] [--json] [--dump-milp DIR] [--pins FILE] [--sensitivity FILE]</c>:
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
        var report = new Option<string?>("--report") { Description = "Write the report: .json (schemaVersion 1) or .md" };
        var json = new Option<bool>("--json") { Description = "Print the JSON report on stdout (the IR goes to -o only)" };
        var planning = new PlanningOptions();
        var command = new Command("optimize", "Plan fusion, mixed precision and device partitioning (MILP, CBC) and annotate the IR") { input, output, report, json };
        planning.AddTo(command);
        command.SetAction(r => Run(r.GetValue(input)!, r.GetValue(output), r.GetValue(report), r.GetValue(json), planning.Read(r)));
        return command;
    }

    private static int Run(string input, string? output, string? report, bool json, PlanSettings settings)
    {
        var diagnostics = new DiagnosticBag();
        var outcome = PlanningRun.Run(input, settings, diagnostics);
        if (outcome.ExitCode != ExitCodes.Ok || outcome.Plan is not { } plan || outcome.Module is not { } module)
        {
            OutputWriter.PrintDiagnostics(diagnostics.Items);
            return outcome.ExitCode;
        }
        string costModels = outcome.CostModels, pipelineText = outcome.PipelineText;
        string ir = GenericPrinter.Print(module);
        bool written = true;
        if (json) written &= OutputWriter.Write(null, [input], PlanReport.Json(plan, input, costModels, pipelineText), diagnostics);
        if (output is not null || !json) written &= OutputWriter.Write(output, [input], ir, diagnostics);
        if (report is not null)
        {
            string text = report.EndsWith(".md", StringComparison.OrdinalIgnoreCase)
                ? PlanReport.Markdown(plan, input, costModels, pipelineText)
                : PlanReport.Json(plan, input, costModels, pipelineText);
            written &= OutputWriter.Write(report, [input], text, diagnostics);
        }
        Console.Error.WriteLine("hwopt optimize: " + PlanReport.SummaryLine(plan));
        OutputWriter.PrintDiagnostics(diagnostics.Items);
        return written ? ExitCodes.Ok : ExitCodes.InputErrors;
    }
}
