using System.Text;
using Antlr4.Runtime;
using Antlr4.Runtime.Tree;
using HwOpt.Diagnostics;
using HwOpt.Syntax.Generated;

namespace HwOpt.Syntax.Tests;

/// <summary>
/// The hand-written parser (<see cref="DirectTreeParser"/>) must build exactly the tree the generated parser builds
/// (same context classes, children, tokens, start and stop), and must never take an input the generated parser rejects.
/// Checked on every corpus file, the shared corpus when present, and fuzzed mutations of the corpus.
/// </summary>
public sealed class DirectParserTests
{
    private static readonly string[] Subs = ["valid", "extended", "tolerant", "invalid", "models"];

    public static IEnumerable<object[]> AllFiles =>
        Subs.SelectMany(sub => TestPaths.Files(sub).Select(f => new object[] { sub, f[0] }));

    [Theory]
    [MemberData(nameof(AllFiles))]
    public void DirectParserBuildsTheGeneratedParsersTree(string sub, string file)
    {
        string path = Path.Combine(TestPaths.Corpus(sub), file);
        var outcome = Compare(File.ReadAllText(path), path);
        // Every file the generated parser reads, the direct parser reads too (no silent fallbacks on the corpus).
        if (outcome.AntlrOk) Assert.True(outcome.DirectOk, $"{path}: the direct parser gave up on a file the generated parser reads");
    }

    [Fact]
    public void DirectParserBuildsTheGeneratedParsersTreeOnTheSharedCorpus()
    {
        if (!Directory.Exists(TestPaths.SharedCorpus)) return; // skip cleanly: ../shared/corpus is not part of the repository
        int files = 0, gaveUp = 0;
        var failures = new List<string>();
        foreach (var path in Directory.EnumerateFiles(TestPaths.SharedCorpus, "*.mlir", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            if (new FileInfo(path).Length > 4_000_000) continue;
            files++;
            var outcome = Compare(File.ReadAllText(path), path);
            if (outcome.AntlrOk && !outcome.DirectOk) gaveUp++;
        }
        Assert.True(files > 0);
        // Giving up is allowed (the generated parser then reads the file) but must stay rare.
        Assert.True(gaveUp * 50 <= files, $"the direct parser gave up on {gaveUp} of {files} shared-corpus files");
    }

    [Fact]
    public void DirectParserBuildsTheGeneratedParsersTreeOnFuzzedInput()
    {
        var seeds = Subs.Where(s => Directory.Exists(TestPaths.Corpus(s)))
            .SelectMany(sub => Directory.GetFiles(TestPaths.Corpus(sub), "*.mlir").Order(StringComparer.Ordinal))
            .Where(f => new FileInfo(f).Length < 40_000)
            .Select(File.ReadAllBytes).ToList();
        var rng = new Random(4321);
        int agreed = 0;
        for (int i = 0; i < 1000; i++)
        {
            var (bytes, what) = Fuzzer.Mutate(seeds[rng.Next(seeds.Count)], rng);
            string text = new UTF8Encoding(false, false).GetString(bytes);
            var outcome = Compare(text, what);
            if (outcome.AntlrOk && outcome.DirectOk) agreed++;
        }
        Assert.True(agreed > 100, $"only {agreed} mutants were read by both parsers");
    }

    [Theory]
    [InlineData("func.func @f(%a: i32) -> i32 {\n  %0 = arith.addi %a, %a : i32 loc(\"x\":1:2)\n  return %0 : i32\n}\n")]
    [InlineData("%0 = foo.bar %a = %b loc(\"l\")\n")]
    [InlineData("foo.op {a.b}\nfoo.op ({a.b})\nfoo.op {}\nfoo.op ({})\nfoo.op {a.b = 1}\n")]
    [InlineData("foo.op %a : i32, %b : f32\nfoo.op (%a : i32, %b : f32)\nfoo.op : (i32) -> i32, (i32)\n")]
    [InlineData("foo.op ^bb1(%a : i32)\n")]
    [InlineData("\"foo.op\"() ({\n^bb0(%a: i32 loc(\"q\")):\n  cf.br ^bb1(%a : i32)\n^bb1(%b: i32):\n  \"foo.end\"() : () -> ()\n}) : () -> ()\n")]
    [InlineData("foo.op loc(\"a\") : i32\nfoo.op dense<1> : tensor<i32>, @a::@b :: x\n")]
    [InlineData("#map = affine_map<(d0) -> (d0)>\n!t = tensor<4xf32>\n{-# dialect_resources: { builtin: { b: \"0x04\" } } #-}\n")]
    public void DirectParserAgreesOnAmbiguousCustomSyntax(string text)
    {
        var outcome = Compare(text, "inline");
        Assert.True(outcome.AntlrOk, "the generated parser should read this");
        Assert.True(outcome.DirectOk, "the direct parser should read this");
    }

    private readonly record struct Outcome(bool AntlrOk, bool DirectOk);

    /// <summary>Parses with both; asserts the same tree when both read it, and that the direct parser rejects what the generated one rejects.</summary>
    private static Outcome Compare(string text, string what)
    {
        var lexer = new MLIRLexer(new AntlrInputStream(text));
        lexer.RemoveErrorListeners();
        var tokens = new CommonTokenStream(lexer);
        tokens.Fill();
        int depth = 0, maxDepth = 0;
        foreach (var t in tokens.GetTokens())
        {
            if (t.Type is MLIRLexer.LPAREN or MLIRLexer.LBRACKET or MLIRLexer.LBRACE or MLIRLexer.LESS) maxDepth = Math.Max(maxDepth, ++depth);
            if (t.Type is MLIRLexer.RPAREN or MLIRLexer.RBRACKET or MLIRLexer.RBRACE or MLIRLexer.GREATER) depth--;
        }
        // Both parsers recurse along bracket nesting; the product bounds it before either runs.
        if (maxDepth > 500) return new Outcome(false, false);

        var parser = new MLIRParser(tokens);
        parser.RemoveErrorListeners();
        var errors = new CountingListener();
        parser.AddErrorListener(errors);
        MLIRParser.MlirFileContext expected = RunOnBigStack(parser.mlirFile);
        bool antlrOk = errors.Count == 0;

        var source = new SourceText(what, text);
        MLIRParser.MlirFileContext? actual = null;
        try
        {
            actual = RunOnBigStack(() => DirectTreeParser.Parse(source, [(0, text.Length)], null));
        }
        catch (DirectTreeParser.Mismatch)
        {
        }
        if (actual is not null)
        {
            if (!antlrOk)
            {
                Assert.Fail($"{what}: the direct parser read an input the generated parser rejects \n{text}");
            }
            AssertSameTree(expected, actual, parser, what);
        }
        return new Outcome(antlrOk, actual is not null);
    }

    private static T RunOnBigStack<T>(Func<T> f)
    {
        T result = default!;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try { result = f(); }
            catch (Exception e) { failure = e; }
        }, 256 * 1024 * 1024);
        thread.Start();
        thread.Join();
        if (failure is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure).Throw();
        return result;
    }

    private static void AssertSameTree(IParseTree expected, IParseTree actual, Parser parser, string what)
    {
        var stack = new Stack<(IParseTree E, IParseTree A)>();
        stack.Push((expected, actual));
        while (stack.Count > 0)
        {
            var (e, a) = stack.Pop();
            if (e.GetType() != a.GetType())
            {
                Assert.Fail($"{what}: at {Where(e)}: {a.GetType().Name} instead of {e.GetType().Name}\nexpected {Trees.GetNodeText(e.Parent ?? e, parser)} {Brief(e, parser)}\nactual {Brief(a, parser)}");
            }
            if (e is ITerminalNode te)
            {
                var ta = (ITerminalNode)a;
                Assert.True(te.Symbol.Type == ta.Symbol.Type && te.Symbol.StartIndex == ta.Symbol.StartIndex && te.Symbol.StopIndex == ta.Symbol.StopIndex,
                    $"{what}: token {Where(e)} differs: '{ta.Symbol.Text}'");
                continue;
            }
            var ce = (ParserRuleContext)e;
            var ca = (ParserRuleContext)a;
            Assert.True(ce.Start.StartIndex == ca.Start.StartIndex, $"{what}: start of {ce.GetType().Name} at {Where(e)}: {ca.Start.StartIndex}");
            Assert.True((ce.Stop?.StopIndex ?? -1) == (ca.Stop?.StopIndex ?? -1), $"{what}: stop of {ce.GetType().Name} at {Where(e)}: {ca.Stop?.StopIndex}, expected {ce.Stop?.StopIndex}\nexpected {Brief(e, parser)}\nactual {Brief(a, parser)}");
            Assert.True(ReferenceEquals(ca.Parent, null) == ReferenceEquals(ce.Parent, null), $"{what}: parent link at {Where(e)}");
            Assert.True(ce.ChildCount == ca.ChildCount, $"{what}: {ce.GetType().Name} at {Where(e)} has {ca.ChildCount} children, expected {ce.ChildCount}\nexpected {Brief(e, parser)}\nactual {Brief(a, parser)}");
            for (int i = ce.ChildCount - 1; i >= 0; i--)
            {
                Assert.Same(ca, ca.GetChild(i).Parent);
                stack.Push((ce.GetChild(i), ca.GetChild(i)));
            }
        }
    }

    private static string Where(IParseTree t) => t switch
    {
        ITerminalNode n => $"offset {n.Symbol.StartIndex}",
        ParserRuleContext c => $"offset {c.Start.StartIndex}",
        _ => "?",
    };

    private static string Brief(IParseTree t, Parser parser)
    {
        string s = t.ToStringTree(parser);
        return s.Length > 600 ? s.Substring(0, 600) + "..." : s;
    }

    private sealed class CountingListener : IAntlrErrorListener<IToken>
    {
        public int Count { get; private set; }

        public void SyntaxError(TextWriter output, IRecognizer recognizer, IToken offendingSymbol, int line, int charPositionInLine,
            string msg, RecognitionException e) => Count++;
    }
}
