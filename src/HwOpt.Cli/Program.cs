using System.CommandLine;
using HwOpt.Cli;
using HwOpt.Diagnostics;

// hwopt: the command-line driver, following mlir-opt's conventions (input file or '-', -o, diagnostics on stderr).
// Exit codes: 0 success, 1 input errors, 2 usage errors, 3 no feasible plan (planning commands), 4 outputs differ (validate).
// Most commands read MLIR: the dialect catalogue loads in the background while the command line is read.
HwOpt.Syntax.MlirParser.Preload();
var root = new RootCommand("hwopt: cost model and graph optimizer for ML models written as MLIR")
{
    ParseCommand.Create(),
    FuzzCommand.Create(),
    ProfileCommand.Create(),
    CorpusCommand.Create(),
    DeviceCommand.Create(),
    TrainCommand.Create(),
    CostCommand.Create(),
    EvalCommand.Create(),
    OptimizeCommand.Create(),
    ValidateCommand.Create(),
};
var parsed = root.Parse(args);
if (parsed.Errors.Count > 0)
{
    foreach (var error in parsed.Errors)
    {
        Console.Error.WriteLine($"hwopt: error: {DiagnosticIds.Usage.Id}: {error.Message}");
    }
    Console.Error.WriteLine("Run 'hwopt --help' for usage.");
    return ExitCodes.Usage;
}
return parsed.Invoke();
