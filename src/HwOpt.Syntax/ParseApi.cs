using HwOpt.Diagnostics;
using HwOpt.IR;

namespace HwOpt.Syntax;

/// <summary>Options of <see cref="MlirParser.Parse"/>.</summary>
/// <param name="MaxNesting">Deepest bracket nesting accepted (regions, types, attributes); deeper input gets HW1004.</param>
/// <param name="MaxErrors">Errors kept per file; more are counted only.</param>
/// <param name="MaxLiteralLength">Longest integer literal accepted, in characters (HW1015 beyond).</param>
/// <param name="Streaming">
/// Build the IR op by op while parsing (the default; same result, far less memory). False parses the whole file as
/// one tree first (the reference path, which error files always take).
/// </param>
/// <param name="Engine">
/// Which parser reads a clean file on the streaming path: <see cref="ParseEngine.Direct"/> (the default) tries the
/// hand-written reader of the grammar first and falls back to the generated ANTLR parser; <see cref="ParseEngine.Antlr"/>
/// uses the generated parser only. Both build the same parse tree, so the IR is the same.
/// </param>
/// <param name="StreamFunctionsAfter">
/// On the streaming path, a <c>func.func</c> body of the module is built op by op once this many of its ops have been
/// read (smaller functions are built whole, as any op of the module's body); at least 1. Same IR either way.
/// </param>
public sealed record ParseOptions(int MaxNesting = 1000, int MaxErrors = 100, int MaxLiteralLength = 4096, bool Streaming = true,
    ParseEngine Engine = ParseEngine.Direct, int StreamFunctionsAfter = 256);

/// <summary>The parser that reads a clean file on the streaming path (see <see cref="ParseOptions.Engine"/>).</summary>
public enum ParseEngine
{
    /// <summary>The hand-written recursive-descent reader of grammar/MLIRParser.g4, with the generated parser as fallback.</summary>
    Direct,

    /// <summary>The parser ANTLR generates from grammar/MLIRParser.g4.</summary>
    Antlr,
}

/// <summary>Counts that say how much of a file hwopt understood.</summary>
/// <param name="Operations">Operations in the file (including the module).</param>
/// <param name="GenericOps">Ops written in the generic form.</param>
/// <param name="CustomOps">Ops in a custom syntax that hwopt knows exactly.</param>
/// <param name="OpaqueOps">Ops in a custom syntax read in tolerant mode (kept opaque).</param>
/// <param name="OpaqueByDialect">Opaque ops per dialect, sorted by dialect name.</param>
/// <param name="Tokens">Tokens lexed.</param>
/// <param name="LexMs">Lexing time in ms.</param>
/// <param name="ParseMs">Parse time (grammar) in ms.</param>
/// <param name="BuildMs">IR construction time in ms.</param>
public sealed record ParseStats(
    int Operations, int GenericOps, int CustomOps, int OpaqueOps,
    IReadOnlyList<KeyValuePair<string, int>> OpaqueByDialect, int Tokens, double LexMs, double ParseMs, double BuildMs)
{
    /// <summary>
    /// Which reader produced the result: <c>direct</c> (the hand-written parser, streaming), <c>antlr-streaming</c> (the
    /// generated parser, streaming) or <c>antlr-tree</c> (the generated parser, one tree for the file: error files).
    /// </summary>
    public string Reader { get; init; } = "antlr-tree";

    /// <summary>
    /// Types and attribute dictionaries the direct parser did not read into a subtree because the IR builder had already
    /// built one spelled the same (streaming path; see <c>ISkippedSubtree</c>); 0 on the other paths. How many depends on
    /// how far the builder thread had got, so it may differ from run to run; the IR does not.
    /// </summary>
    public int SkippedSubtrees { get; init; }

    /// <summary>
    /// Function bodies (<c>func.func</c> in the module's body) built op by op while they were parsed, on the streaming
    /// path; 0 on the other paths. The IR is the same either way.
    /// </summary>
    public int StreamedFunctionBodies { get; init; }

    /// <summary>Share of ops understood exactly (generic or known custom syntax), 0..1.</summary>
    public double UnderstoodFraction => Operations == 0 ? 1.0 : (double)(Operations - OpaqueOps) / Operations;
}

/// <summary>The outcome of parsing one file: the IR (null when there were errors), diagnostics and statistics.</summary>
/// <param name="Module">The IR, or null when an error was reported.</param>
/// <param name="Diagnostics">Diagnostics in source order.</param>
/// <param name="Stats">Statistics.</param>
public sealed record ParseResult(ModuleIR? Module, IReadOnlyList<Diagnostic> Diagnostics, ParseStats Stats)
{
    /// <summary>True when an error was reported.</summary>
    public bool HasErrors => Diagnostics.Any(d => d.IsError);
}
