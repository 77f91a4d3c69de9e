using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using HwOpt.Analysis;
using HwOpt.Analysis.Graph;
using HwOpt.Diagnostics;
using HwOpt.IR;
using HwOpt.Syntax;

namespace HwOpt.Cli;

/// <summary><c>hwopt parse FILE|- [-o OUT] [--emit generic|graph-dot|graph-json|stats|none] [--split-input-file] [--timing]</c>.</summary>
internal static class ParseCommand
{
    public static Command Create()
    {
        var input = new Argument<string>("input") { Description = "MLIR file to read, or '-' for stdin" }.RejectingOptions();
        var output = new Option<string?>("--output", "-o") { Description = "Where to write the result (default: stdout)" };
        var emit = new Option<string>("--emit")
        {
            Description = "What to write: generic (IR in generic form), graph-dot, graph-json, stats, none",
            DefaultValueFactory = _ => "generic",
        };
        emit.AcceptOnlyFromAmong("generic", "graph-dot", "graph-json", "stats", "none");
        var split = new Option<bool>("--split-input-file") { Description = "Split the input at '// -----' lines and handle each part alone" };
        var timing = new Option<bool>("--timing") { Description = "Print phase timings and peak memory on stderr" };
        var debugInfo = new Option<bool>("--print-debuginfo") { Description = "Print locations in the generic form (like --mlir-print-debuginfo)" };
        var parser = new Option<string>("--parser")
        {
            Description = "Parser for well-formed input: direct (hand-written, falls back to antlr) or antlr (the generated parser); both build the same IR",
            DefaultValueFactory = _ => "direct",
        };
        parser.AcceptOnlyFromAmong("direct", "antlr");

        var command = new Command("parse", "Parse MLIR (generic form of any dialect, custom syntax of the core dialects, tolerant mode for the rest)")
        {
            input, output, emit, split, timing, debugInfo, parser,
        };
        command.SetAction(result => Run(
            result.GetValue(input)!, result.GetValue(output), result.GetValue(emit)!, result.GetValue(split), result.GetValue(timing),
            result.GetValue(debugInfo), result.GetValue(parser) == "antlr" ? ParseEngine.Antlr : ParseEngine.Direct));
        return command;
    }

    private static int Run(string inputPath, string? outputPath, string emit, bool split, bool timing, bool debugInfo, ParseEngine engine)
    {
        var total = Stopwatch.StartNew();
        var diagnostics = new DiagnosticBag();
        var source = InputReader.Read(inputPath, diagnostics);
        double readMs = total.Elapsed.TotalMilliseconds;
        if (source is null)
        {
            OutputWriter.PrintDiagnostics(diagnostics.Items);
            return ExitCodes.InputErrors;
        }

        var chunks = split ? InputReader.Split(source) : [source];
        var outputs = new List<string>();
        bool failed = false;
        double lexParseMs = 0, lexMs = 0, buildMs = 0, graphMs = 0;
        var readers = new SortedSet<string>(StringComparer.Ordinal);
        int skippedSubtrees = 0, streamedFunctions = 0;
        foreach (var chunk in chunks)
        {
            var result = MlirParser.Parse(chunk, new ParseOptions(Engine: engine));
            readers.Add(result.Stats.Reader);
            skippedSubtrees += result.Stats.SkippedSubtrees;
            streamedFunctions += result.Stats.StreamedFunctionBodies;
            lexParseMs += result.Stats.LexMs + result.Stats.ParseMs;
            lexMs += result.Stats.LexMs;
            buildMs += result.Stats.BuildMs;
            OutputWriter.PrintDiagnostics(result.Diagnostics);
            if (result.Module is null)
            {
                failed = true;
                continue;
            }
            if (result.Stats.OpaqueOps > 0)
            {
                var by = string.Join(", ", result.Stats.OpaqueByDialect.Select(kv => $"{kv.Key}: {kv.Value}"));
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{chunk.Path}:{chunk.LineOffset + 1}:1: remark: {DiagnosticIds.OpaqueCustomOp.Id}: {result.Stats.OpaqueOps} of {result.Stats.Operations} ops read in tolerant mode ({by})"));
            }
            var sw = Stopwatch.StartNew();
            var graph = emit is "graph-dot" or "graph-json" or "stats" || timing ? DataflowGraphBuilder.Build(result.Module) : null;
            graphMs += sw.Elapsed.TotalMilliseconds;
            outputs.Add(emit switch
            {
                "generic" => GenericPrinter.Print(result.Module, new PrintOptions(debugInfo)),
                "graph-dot" => Dot(graph!),
                "graph-json" => Json(graph!),
                "stats" => Stats(chunk, result.Stats, graph!),
                _ => string.Empty,
            });
        }

        var writeDiagnostics = new DiagnosticBag();
        if (!failed && emit != "none")
        {
            string text = string.Join("// -----\n", outputs);
            if (!OutputWriter.Write(outputPath, [inputPath], text, writeDiagnostics))
            {
                OutputWriter.PrintDiagnostics(writeDiagnostics.Items);
                return ExitCodes.InputErrors;
            }
        }
        if (timing)
        {
            using var self = Process.GetCurrentProcess();
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"hwopt-timing: read_ms={readMs:F1} lex_ms={lexMs:F1} parse_ms={lexParseMs:F1} ir_ms={buildMs:F1} graph_ms={graphMs:F1} total_ms={total.Elapsed.TotalMilliseconds:F1} peak_rss_kb={self.PeakWorkingSet64 / 1024} alloc_mb={GC.GetTotalAllocatedBytes() / 1e6:F0} heap_mb={GC.GetTotalMemory(false) / 1e6:F0} gc_pause_ms={GC.GetTotalPauseDuration().TotalMilliseconds:F1} gc_count={GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)} reader={string.Join('+', readers)} skipped_subtrees={skippedSubtrees} streamed_functions={streamedFunctions} jit_methods={System.Runtime.JitInfo.GetCompiledMethodCount()} jit_ms={System.Runtime.JitInfo.GetCompilationTime().TotalMilliseconds:F1}"));
        }
        return failed ? ExitCodes.InputErrors : ExitCodes.Ok;
    }

    private static string Dot(DataflowGraph graph)
    {
        using var w = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        DotExporter.Write(graph, w, "dataflow");
        return w.ToString();
    }

    private static string Json(DataflowGraph graph)
    {
        using var ms = new MemoryStream();
        JsonExporter.Write(graph, ms);
        return Encoding.UTF8.GetString(ms.ToArray());
    }

    private static string Stats(SourceText source, ParseStats s, DataflowGraph graph)
    {
        var sb = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        sb.Append(inv, $"file: {source.Path}\n");
        sb.Append(inv, $"operations: {s.Operations} (generic {s.GenericOps}, known custom {s.CustomOps}, opaque {s.OpaqueOps})\n");
        sb.Append(inv, $"understood: {s.UnderstoodFraction * 100:F1}%\n");
        if (s.OpaqueByDialect.Count > 0) sb.Append("opaque by dialect: ").Append(string.Join(", ", s.OpaqueByDialect.Select(kv => $"{kv.Key} {kv.Value}"))).Append('\n');
        sb.Append(inv, $"tokens: {s.Tokens}\n");
        sb.Append(inv, $"graph: {graph.NodeCount} nodes, {graph.EdgeCount} edges, {(graph.IsAcyclic ? "acyclic" : "cyclic")}\n");
        return sb.ToString();
    }
}
