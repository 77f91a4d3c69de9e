using System.Text;
using Antlr4.Runtime;
using Antlr4.Runtime.Tree;
using HwOpt.Diagnostics;
using HwOpt.Syntax.Generated;
using HwOpt.Syntax.Lexing;

namespace HwOpt.Syntax;

/// <summary>What <see cref="ParserEquivalence.Compare"/> found.</summary>
/// <param name="GeneratedReads">The ANTLR-generated parser (full LL) reads the text without a syntax error.</param>
/// <param name="DirectReads">The direct parser (<see cref="DirectTreeParser"/>) reads it (it gives up on the rest).</param>
/// <param name="Divergence">Null when the two agree; else where and how the trees differ, or that the direct parser read
/// a text the generated parser rejects.</param>
public sealed record ParserComparison(bool GeneratedReads, bool DirectReads, string? Divergence);

/// <summary>
/// The differential check behind the direct parser: both parsers read the same text, and where both read it, their
/// trees must be the same node for node (context classes, tokens, start and stop offsets, parent links); the direct
/// parser must never read a text the generated parser rejects. Used by the tests and by <c>hwopt fuzz --differential</c>.
/// </summary>
public static class ParserEquivalence
{
    private const int StackBytes = 256 * 1024 * 1024;

    /// <summary>Parses <paramref name="text"/> with both parsers (on a large stack) and compares the trees.</summary>
    /// <param name="text">MLIR text.</param>
    /// <param name="maxNesting">Texts nested deeper than this are not compared (both parsers recurse along nesting).</param>
    public static ParserComparison Compare(string text, int maxNesting = 500)
    {
        ParserComparison? result = null;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try { result = CompareOnThisThread(text, maxNesting); }
            catch (Exception e) { failure = e; }
        }, StackBytes);
        thread.Start();
        thread.Join();
        if (failure is not null) return new ParserComparison(false, false, $"exception: {failure.GetType().Name}: {failure.Message}");
        return result!;
    }

    private static ParserComparison CompareOnThisThread(string text, int maxNesting)
    {
        var source = new SourceText("compare.mlir", text);
        var lexer = new MLIRLexer(new Utf8CharStream(source));
        lexer.RemoveErrorListeners();
        var tokens = new CommonTokenStream(lexer);
        tokens.Fill();
        int depth = 0, deepest = 0;
        foreach (var t in tokens.GetTokens())
        {
            if (t.Type is MLIRLexer.LPAREN or MLIRLexer.LBRACKET or MLIRLexer.LBRACE or MLIRLexer.LESS) deepest = Math.Max(deepest, ++depth);
            if (t.Type is MLIRLexer.RPAREN or MLIRLexer.RBRACKET or MLIRLexer.RBRACE or MLIRLexer.GREATER) depth--;
        }
        if (deepest > maxNesting) return new ParserComparison(false, false, null);

        var parser = new MLIRParser(tokens);
        parser.RemoveErrorListeners();
        var errors = new CountingListener();
        parser.AddErrorListener(errors);
        var expected = parser.mlirFile();
        bool generatedReads = errors.Count == 0;

        MLIRParser.MlirFileContext? actual = null;
        try
        {
            actual = DirectTreeParser.Parse(source, [(0, source.Length)], null);
        }
        catch (DirectTreeParser.Mismatch)
        {
        }
        if (actual is null) return new ParserComparison(generatedReads, false, null);
        if (!generatedReads) return new ParserComparison(false, true, "the direct parser read a text the generated parser rejects");
        return new ParserComparison(true, true, FirstDifference(expected, actual, parser));
    }

    /// <summary>The first difference between two trees in pre-order, or null when they are the same.</summary>
    private static string? FirstDifference(IParseTree expected, IParseTree actual, Parser parser)
    {
        var stack = new Stack<(IParseTree E, IParseTree A)>();
        stack.Push((expected, actual));
        while (stack.Count > 0)
        {
            var (e, a) = stack.Pop();
            // A leaf is any ITerminalNode: the direct parser's tokens are their own leaves (LightToken), ANTLR's are wrapped.
            bool sameKind = e is ITerminalNode ? a is ITerminalNode : e.GetType() == a.GetType();
            if (!sameKind) return $"at {Where(e)}: {a.GetType().Name} instead of {e.GetType().Name}\nexpected {Brief(e, parser)}\nactual   {Brief(a, parser)}";
            if (e is ITerminalNode te)
            {
                var ta = (ITerminalNode)a;
                if (te.Symbol.Type != ta.Symbol.Type || te.Symbol.StartIndex != ta.Symbol.StartIndex || te.Symbol.StopIndex != ta.Symbol.StopIndex)
                {
                    return $"token at {Where(e)}: '{ta.Symbol.Text}' instead of '{te.Symbol.Text}'";
                }
                continue;
            }
            var ce = (ParserRuleContext)e;
            var ca = (ParserRuleContext)a;
            if (ce.Start.StartIndex != ca.Start.StartIndex) return $"start of {ce.GetType().Name} at {Where(e)}: {ca.Start.StartIndex}";
            if ((ce.Stop?.StopIndex ?? -1) != (ca.Stop?.StopIndex ?? -1))
            {
                return $"stop of {ce.GetType().Name} at {Where(e)}: {ca.Stop?.StopIndex}, expected {ce.Stop?.StopIndex}\nexpected {Brief(e, parser)}\nactual   {Brief(a, parser)}";
            }
            if (ca.Parent is null != ce.Parent is null) return $"parent link of {ce.GetType().Name} at {Where(e)}";
            if (ce.ChildCount != ca.ChildCount)
            {
                return $"{ce.GetType().Name} at {Where(e)} has {ca.ChildCount} children, expected {ce.ChildCount}\nexpected {Brief(e, parser)}\nactual   {Brief(a, parser)}";
            }
            for (int i = ce.ChildCount - 1; i >= 0; i--)
            {
                if (!ReferenceEquals(ca.GetChild(i).Parent, ca)) return $"child {i} of {ce.GetType().Name} at {Where(e)} has another parent";
                stack.Push((ce.GetChild(i), ca.GetChild(i)));
            }
        }
        return null;
    }

    private static string Where(IParseTree t) => t switch
    {
        ITerminalNode n => $"offset {n.Symbol.StartIndex}",
        ParserRuleContext c => $"offset {c.Start.StartIndex}",
        _ => "?",
    };

    private static string Brief(IParseTree t, Parser parser)
    {
        var s = new StringBuilder(t.ToStringTree(parser));
        return s.Length > 400 ? s.ToString(0, 400) + "..." : s.ToString();
    }

    private sealed class CountingListener : IAntlrErrorListener<IToken>
    {
        public int Count { get; private set; }

        public void SyntaxError(TextWriter output, IRecognizer recognizer, IToken offendingSymbol, int line, int charPositionInLine,
            string msg, RecognitionException e) => Count++;
    }
}
