using System.CommandLine;
using System.Globalization;
using HwOpt.Syntax;

namespace HwOpt.Cli;

/// <summary><c>hwopt fuzz PATH... [--iterations N] [--seed S] [--timeout SECONDS] [--differential]</c>: a parser fuzz campaign over seed files.</summary>
internal static class FuzzCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("paths") { Description = "Seed .mlir files or folders", Arity = ArgumentArity.OneOrMore }.RejectingOptions();
        var iterations = new Option<int>("--iterations") { Description = "Mutated inputs to try", DefaultValueFactory = _ => 100_000 };
        var seed = new Option<int>("--seed") { Description = "Random seed (the campaign is deterministic for a seed)", DefaultValueFactory = _ => 1 };
        var timeout = new Option<double>("--timeout") { Description = "Seconds one input may take before it counts as a hang", DefaultValueFactory = _ => 10 };
        var differential = new Option<bool>("--differential")
        {
            Description = "Also compare the direct parser's parse tree with the ANTLR-generated parser's on every input (a divergence is a failure)",
        };
        var save = new Option<string?>("--save-failures")
        {
            Description = "Write each failing input to this folder as fuzz-SEED-INDEX.mlir, to reproduce it with 'hwopt parse'",
        };
        var command = new Command("fuzz", "Fuzz the parser with mutations of seed files: no crash, hang or unlocated error is allowed")
        {
            paths, iterations, seed, timeout, differential, save,
        };
        command.SetAction(r =>
        {
            var files = r.GetValue(paths)!.SelectMany<string, string>(p => Directory.Exists(p)
                ? Directory.GetFiles(p, "*.mlir", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
                : [p]).ToList();
            if (files.Count == 0)
            {
                Console.Error.WriteLine("hwopt: error: HW4006: no seed files");
                return ExitCodes.Usage;
            }
            var report = Fuzzer.Run(files.Select(File.ReadAllBytes).ToList(), r.GetValue(iterations), r.GetValue(seed),
                TimeSpan.FromSeconds(r.GetValue(timeout)), r.GetValue(differential));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"fuzz: {report.Accepted + report.Rejected + report.Failures.Count} inputs, {report.Accepted} accepted, {report.Rejected} rejected with located diagnostics, {report.Failures.Count} failures, slowest {report.SlowestMs:F0} ms"));
            foreach (var f in report.Failures.Take(20)) Console.WriteLine(f);
            if (r.GetValue(save) is { } folder && report.FailureInputs.Count > 0)
            {
                Directory.CreateDirectory(folder);
                for (int k = 0; k < report.FailureInputs.Count; k++)
                {
                    string index = report.Failures[k].Split(' ', 2)[0].TrimStart('#');
                    string path = Path.Combine(folder, $"fuzz-{r.GetValue(seed)}-{index}.mlir");
                    File.WriteAllBytes(path, report.FailureInputs[k]);
                    Console.WriteLine($"saved {path}");
                }
            }
            return report.Failures.Count == 0 ? ExitCodes.Ok : ExitCodes.InputErrors;
        });
        return command;
    }
}
