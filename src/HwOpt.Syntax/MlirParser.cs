using System.Diagnostics;
using Antlr4.Runtime;
using Antlr4.Runtime.Atn;
using Antlr4.Runtime.Misc;
using HwOpt.Diagnostics;
using HwOpt.Syntax.Generated;
using HwOpt.Syntax.Lexing;

namespace HwOpt.Syntax;

/// <summary>
/// Reads MLIR text into IR. Never throws on user input: every problem is a located diagnostic. The work runs on a
/// thread with a large stack and bracket nesting is bounded (<see cref="ParseOptions.MaxNesting"/>), so even 10^5
/// nested brackets end in HW1004 rather than a stack overflow.
/// Well-formed files take the streaming path (<see cref="StreamingParse"/>: the IR is built op by op while the
/// parser runs, and no whole-file tree or token buffer is kept). Any other file, and any file the streaming path
/// cannot read exactly as the reference path would, is parsed as one tree in two stages (ANTLR's recommended
/// practice): fast SLL prediction with bail-out, then full LL with error recovery only when SLL failed, so that
/// every syntax error of the file is reported.
/// </summary>
public static class MlirParser
{
    private const int StackBytes = 256 * 1024 * 1024;

    /// <summary>
    /// Starts reading the dialect catalogue (<c>dialects/*.yaml</c>, about 20-60 ms) on a thread-pool thread and returns
    /// at once. Optional: <see cref="Parse"/> starts it too, but a driver that calls this first thing hides the load
    /// behind its own start-up and file reading, as mlir-opt registers its dialects before it parses. Never throws.
    /// </summary>
    public static void Preload() => Custom.DialectCatalog.Preload();

    /// <summary>Parses a source text.</summary>
    /// <param name="source">The text and its path.</param>
    /// <param name="options">Limits; defaults when null.</param>
    /// <returns>The IR (when error-free), diagnostics and statistics.</returns>
    public static ParseResult Parse(SourceText source, ParseOptions? options = null)
    {
        options ??= new ParseOptions();
        ParseResult? result = null;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try { result = ParseOnThisThread(source, options); }
            catch (Exception e) { failure = e; }
        }, StackBytes);
        thread.Start();
        thread.Join();
        if (failure is not null)
        {
            // A bug in hwopt, not in the input: keep the stack trace.
            throw new InvalidOperationException($"internal error while parsing {source.Path}", failure);
        }
        return result!;
    }

    private static ParseResult ParseOnThisThread(SourceText source, ParseOptions options)
    {
        Custom.DialectCatalog.Preload();
        if (!options.Streaming) return ParseWholeFile(source, options, null);
        var sw = Stopwatch.StartNew();
        var prescan = TokenPrescan.Run(source.Bytes(), options);
        if (StreamingParse.TryParse(source, options, prescan, sw.Elapsed.TotalMilliseconds) is { } fast) return fast;
        return ParseWholeFile(source, options, prescan);
    }

    /// <summary>
    /// The reference path: the whole file as one parse tree, SLL then LL with error recovery. <paramref name="prescan"/>
    /// is the file's prescan when the streaming path already made it.
    /// </summary>
    private static ParseResult ParseWholeFile(SourceText source, ParseOptions options, TokenPrescan.Result? prescan)
    {
        var diagnostics = new DiagnosticBag(options.MaxErrors);
        var sw = Stopwatch.StartNew();
        var lexer = new MLIRLexer(new Utf8CharStream(source));
        lexer.RemoveErrorListeners();
        var tokens = new CommonTokenStream(lexer);
        tokens.Fill();
        double lexMs = sw.Elapsed.TotalMilliseconds;
        int tokenCount = tokens.Size;

        if (!CheckTokens(source, tokens, options, diagnostics))
        {
            return new ParseResult(null, Sorted(diagnostics), EmptyStats(tokenCount, lexMs));
        }

        sw.Restart();
        if (ReportInPieces(source, prescan ?? TokenPrescan.Run(source.Bytes(), options), diagnostics, options))
        {
            return new ParseResult(null, Sorted(diagnostics), EmptyStats(tokenCount, lexMs) with { ParseMs = sw.Elapsed.TotalMilliseconds });
        }
        var tree = ParseTwoStage(tokens, source, diagnostics, buildTree: true);
        double parseMs = sw.Elapsed.TotalMilliseconds;
        if (diagnostics.HasErrors)
        {
            return new ParseResult(null, Sorted(diagnostics), EmptyStats(tokenCount, lexMs) with { ParseMs = parseMs });
        }

        sw.Restart();
        var builder = new IRBuilder(source, diagnostics, options);
        var module = builder.Build(tree);
        double buildMs = sw.Elapsed.TotalMilliseconds;
        var stats = builder.Stats(tokenCount, lexMs, parseMs, buildMs);
        return new ParseResult(diagnostics.HasErrors ? null : module, Sorted(diagnostics), stats);
    }

    /// <summary>
    /// Syntax check of a file that has top-level alias definitions, with the definitions and the ops parsed apart (as
    /// <see cref="StreamingParse"/> does): SLL first, then, for a piece that fails, full LL with error recovery. In one
    /// stream, the custom-syntax items of a top-level op can run on into the definitions after it (<c>#loc1 = loc(...)</c>
    /// reads as items too), and a syntax error among them makes prediction quadratic in the definitions (a
    /// <c>--mlir-print-debuginfo</c> file has one per location). Reports into <paramref name="diagnostics"/>; true when
    /// it found errors. False (nothing reported) when the file has no top-level definitions or the pieces parse clean,
    /// so the whole-file parse decides.
    /// </summary>
    private static bool ReportInPieces(SourceText source, TokenPrescan.Result prescan, DiagnosticBag diagnostics, ParseOptions options)
    {
        var aliases = prescan.AliasRanges;
        if (aliases.Count == 0) return false;
        var found = new DiagnosticBag(options.MaxErrors);
        foreach (var ranges in new[] { aliases, TokenPrescan.Complement(aliases, source.Length) })
        {
            ParseTwoStage(new CommonTokenStream(new FastTokenSource(source, ranges)), source, found, buildTree: false);
        }
        if (!found.HasErrors) return false;
        diagnostics.AddRange(found.Items);
        return true;
    }

    /// <summary>
    /// ANTLR's two-stage parse of <c>mlirFile</c>: SLL prediction that bails out at the first problem, then, only if it
    /// did, full LL with error recovery, reporting every syntax error into <paramref name="diagnostics"/>.
    /// </summary>
    private static MLIRParser.MlirFileContext ParseTwoStage(CommonTokenStream tokens, SourceText source, DiagnosticBag diagnostics, bool buildTree)
    {
        var parser = new MLIRParser(tokens) { BuildParseTree = buildTree };
        parser.RemoveErrorListeners();
        parser.Interpreter.PredictionMode = PredictionMode.SLL;
        parser.ErrorHandler = new BailErrorStrategy();
        try
        {
            return parser.mlirFile();
        }
        catch (ParseCanceledException)
        {
            tokens.Seek(0);
            parser.Reset();
            parser.Interpreter.PredictionMode = PredictionMode.LL;
            parser.ErrorHandler = new DefaultErrorStrategy();
            parser.AddErrorListener(new SyntaxErrorListener(source, diagnostics));
            return parser.mlirFile();
        }
    }

    private static ParseStats EmptyStats(int tokens, double lexMs) => new(0, 0, 0, 0, [], tokens, lexMs, 0, 0);

    private static IReadOnlyList<Diagnostic> Sorted(DiagnosticBag bag)
    {
        var list = bag.Items.OrderBy(d => d.Span.Start).ThenBy(d => d.Id, StringComparer.Ordinal).ToList();
        if (bag.DroppedErrors > 0 && list.Count > 0)
        {
            list.Add(new Diagnostic(DiagnosticIds.UnexpectedToken with { Severity = DiagnosticSeverity.Note }, list[^1].Span,
                $"{bag.DroppedErrors} more errors not shown"));
        }
        return list;
    }

    /// <summary>Lexical problems and the nesting bound, checked before parsing so that no recursion can go deep.</summary>
    private static bool CheckTokens(SourceText source, CommonTokenStream tokens, ParseOptions options, DiagnosticBag diagnostics)
    {
        int depth = 0;
        bool ok = true;
        for (int i = 0; i < tokens.Size; i++)
        {
            var t = tokens.Get(i);
            switch (t.Type)
            {
                case MLIRLexer.LPAREN or MLIRLexer.LBRACKET or MLIRLexer.LBRACE or MLIRLexer.LESS or MLIRLexer.FILE_META_BEGIN:
                    if (++depth > options.MaxNesting)
                    {
                        diagnostics.Report(DiagnosticIds.NestingTooDeep, Span(source, t),
                            $"nesting deeper than {options.MaxNesting} levels");
                        return false;
                    }
                    break;
                case MLIRLexer.RPAREN or MLIRLexer.RBRACKET or MLIRLexer.RBRACE or MLIRLexer.GREATER or MLIRLexer.FILE_META_END:
                    depth = Math.Max(0, depth - 1);
                    break;
                case MLIRLexer.UNTERMINATED_STRING:
                    diagnostics.Report(DiagnosticIds.UnterminatedString, Span(source, t), "expected '\"' before the end of the line");
                    ok = false;
                    break;
                case MLIRLexer.INTEGER when t.Text.Length > options.MaxLiteralLength:
                    diagnostics.Report(DiagnosticIds.LiteralOutOfRange, Span(source, t),
                        $"integer literal of {t.Text.Length} digits is longer than {options.MaxLiteralLength}");
                    ok = false;
                    break;
            }
        }
        return ok;
    }

    internal static SourceSpan Span(SourceText source, IToken t) =>
        new(source, Math.Max(0, t.StartIndex), Math.Max(0, t.StopIndex - t.StartIndex + 1));

    private sealed class SyntaxErrorListener(SourceText source, DiagnosticBag diagnostics) : IAntlrErrorListener<IToken>
    {
        public void SyntaxError(TextWriter output, IRecognizer recognizer, IToken offendingSymbol, int line, int charPositionInLine,
            string msg, RecognitionException e)
        {
            var span = offendingSymbol.Type == TokenConstants.EOF
                ? new SourceSpan(source, source.Length, 0)
                : Span(source, offendingSymbol);
            if (offendingSymbol.Type == MLIRLexer.OTHER)
            {
                diagnostics.Report(DiagnosticIds.InvalidCharacter, span, $"unexpected character {Describe(offendingSymbol.Text)}");
                return;
            }
            string found = offendingSymbol.Type == TokenConstants.EOF ? "end of input" : $"'{Truncate(offendingSymbol.Text)}'";
            string expected = ExpectedText(recognizer, e);
            // Inside a type or an attribute the error says so, with its own id (as MLIR's type/attribute parsers do).
            var descriptor = DiagnosticIds.UnexpectedToken;
            string what = string.Empty;
            for (RuleContext? c = (recognizer as Parser)?.Context; c is not null; c = c.Parent)
            {
                if (c is MLIRParser.TypeContext or MLIRParser.NonFunctionTypeContext) { descriptor = DiagnosticIds.InvalidType; what = " in type"; break; }
                if (c is MLIRParser.AttributeValueContext or MLIRParser.CustomAttributeContext or MLIRParser.DenseElementContext)
                {
                    descriptor = DiagnosticIds.InvalidAttribute;
                    what = " in attribute";
                    break;
                }
                if (c is MLIRParser.OperationContext or MLIRParser.RegionContext) break;
            }
            diagnostics.Report(descriptor, span, $"unexpected {found}{what}{expected}");
        }

        private static string ExpectedText(IRecognizer recognizer, RecognitionException? e)
        {
            if (recognizer is not Parser p) return string.Empty;
            IntervalSet set;
            try { set = e?.GetExpectedTokens() ?? p.GetExpectedTokens(); }
            catch (Exception) { return string.Empty; }
            var names = set.ToList().Where(t => t > 0).Select(t => p.Vocabulary.GetDisplayName(t)).Distinct().ToList();
            if (names.Count == 0 || names.Count > 6) return string.Empty;
            return "; expected " + string.Join(" or ", names.Select(Pretty));
        }

        private static string Pretty(string display) => display switch
        {
            "VALUE_ID" => "an SSA value",
            "STRING" => "a string",
            "INTEGER" => "an integer",
            "CARET_ID" => "a block name",
            "BARE_ID" or "DOTTED_ID" or "LEGACY_OP" => "an identifier",
            _ when display.StartsWith('\'') => display,
            _ => display.ToLowerInvariant(),
        };

        private static string Describe(string text) =>
            text.Length == 1 && (text[0] < 0x20 || text[0] == 0x7F)
                ? $"U+{(int)text[0]:X4}"
                : $"'{text}'";

        private static string Truncate(string s) => s.Length > 40 ? s.Substring(0, 40) + "..." : s;
    }
}
