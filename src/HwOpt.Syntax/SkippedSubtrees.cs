using Antlr4.Runtime;
using HwOpt.Diagnostics;
using HwOpt.Syntax.Lexing;
using static HwOpt.Syntax.Generated.MLIRParser;

namespace HwOpt.Syntax;

/// <summary>
/// The texts of the types and attribute dictionaries the IR builder has built so far (streaming path): one spelled
/// exactly like one of them is built to the very same object (the builder caches them by source text), so the parser
/// need not build its subtree. Filled by the builder thread, read by the parser thread.
/// </summary>
internal sealed class KnownTexts
{
    // One writer (the builder) and one reader (the parser): the builder adds to a set of its own and publishes a copy
    // from time to time, which the parser reads without a lock. A text the parser does not see yet only means one
    // subtree more. (A ConcurrentDictionary took a lock on every addition, and in a sampled profile of large_custom
    // the builder waited on it for about 12 ms per parse.)
    private readonly HashSet<string> texts = new(Utf8KeyComparer.Instance);
    private volatile Published published = new(new HashSet<string>(Utf8KeyComparer.Instance));
    private int unpublished;

    private sealed class Published(HashSet<string> set)
    {
        public readonly HashSet<string>.AlternateLookup<ReadOnlySpan<byte>> Lookup = set.GetAlternateLookup<ReadOnlySpan<byte>>();
    }

    /// <summary>Records a text the builder has built (and cached) a type or attribute dictionary for (builder thread).</summary>
    public void Add(string text)
    {
        if (!texts.Add(text)) return;
        // Copies grow with the set, so that the copying stays linear in the number of texts.
        if (++unpublished >= 8 + texts.Count / 8) Publish();
    }

    /// <summary>Makes every text added so far visible to <see cref="Contains"/>.</summary>
    public void Publish()
    {
        if (unpublished == 0) return;
        published = new Published(new HashSet<string>(texts, Utf8KeyComparer.Instance));
        unpublished = 0;
        stepsSincePublish = 0;
    }

    /// <summary>
    /// Called after each build step (builder thread): texts that have waited a few steps are published even if fewer
    /// than <see cref="Add"/> waits for have come, since the last new texts of a file (often its commonest: a model's
    /// ops repeat a few forms) would else never reach the parser. The wait grows with the set, so that the copies stay
    /// few on a file with many texts.
    /// </summary>
    public void StepDone()
    {
        if (unpublished > 0 && ++stepsSincePublish >= 4 + texts.Count / 256) Publish();
    }

    private int stepsSincePublish;

    /// <summary>True when a type or dictionary with exactly this source text has been built and published (parser thread).</summary>
    public bool Contains(ReadOnlySpan<byte> text) => published.Lookup.Contains(text);

    /// <summary>Subtrees the parser skipped (counted by the parser thread, read after the parse).</summary>
    public int Hits { get; private set; }

    /// <summary>Counts one skipped subtree.</summary>
    public void CountSkip() => Hits++;
}

/// <summary>
/// A type or attribute dictionary the direct parser did not read into a subtree because <see cref="KnownTexts"/> knew
/// its text: a rule context with its first and last tokens (so that its source span is known) and no children. The IR
/// builder takes the type or dictionary from its cache by that span; the rare walks over tokens (and <c>GetText</c>)
/// read them again from the source.
/// </summary>
internal interface ISkippedSubtree;

/// <summary>A skipped <c>nonFunctionType</c> (see <see cref="ISkippedSubtree"/>).</summary>
internal sealed class SkippedNonFunctionType(ParserRuleContext parent) : NonFunctionTypeContext(parent, 0), ISkippedSubtree
{
    public override string GetText() => SkippedSubtree.Of(this);
}

/// <summary>A skipped <c>functionType</c> (see <see cref="ISkippedSubtree"/>).</summary>
internal sealed class SkippedFunctionType(ParserRuleContext parent) : FunctionTypeContext(parent, 0), ISkippedSubtree
{
    public override string GetText() => SkippedSubtree.Of(this);
}

/// <summary>A skipped <c>attributeDict</c> (see <see cref="ISkippedSubtree"/>).</summary>
internal sealed class SkippedAttributeDict(ParserRuleContext parent) : AttributeDictContext(parent, 0), ISkippedSubtree
{
    public override string GetText() => SkippedSubtree.Of(this);
}

/// <summary>
/// A generic op of the commonest form (see <see cref="PlainGenericOp"/>) that the direct parser read without a subtree,
/// because every type and attribute text in it is known (see <see cref="ISkippedSubtree"/>); the builder makes the op
/// from <see cref="Operation"/>.
/// </summary>
internal sealed class SkippedGenericOperation(ParserRuleContext parent, PlainGenericOp operation) : OperationContext(parent, 0), ISkippedSubtree
{
    /// <summary>Where the op's parts are in the source.</summary>
    public PlainGenericOp Operation { get; } = operation;

    public override string GetText() => SkippedSubtree.Of(this);
}

/// <summary>
/// A custom op of the commonest form (see <see cref="PlainCustomOp"/>) that the direct parser read without a subtree; the
/// builder reads it with the op's custom format from the items in <see cref="Operation"/>.
/// </summary>
internal sealed class SkippedCustomOperation(ParserRuleContext parent) : OperationContext(parent, 0), ISkippedSubtree
{
    /// <summary>Where the op's parts are, and its items (set once, right after the context is made).</summary>
    public PlainCustomOp Operation { get; set; } = null!;

    public override string GetText() => SkippedSubtree.Of(this);
}

/// <summary>
/// A block label of the commonest form (see <see cref="PlainBlockLabelData"/>) that the direct parser read without a
/// subtree; the builder defines the block and its arguments from <see cref="Label"/>.
/// </summary>
internal sealed class SkippedBlockLabel(ParserRuleContext parent, PlainBlockLabelData label) : BlockLabelContext(parent, 0), ISkippedSubtree
{
    /// <summary>Where the label's parts are in the source.</summary>
    public PlainBlockLabelData Label { get; } = label;

    public override string GetText() => SkippedSubtree.Of(this);
}

/// <summary>A skipped <c>trailingLocation</c> (see <see cref="ISkippedSubtree"/>).</summary>
internal sealed class SkippedTrailingLocation(ParserRuleContext parent) : TrailingLocationContext(parent, 0), ISkippedSubtree
{
    public override string GetText() => SkippedSubtree.Of(this);
}

internal static class SkippedSubtree
{
    /// <summary>What <c>GetText</c> gives for the subtree: its tokens' texts run together.</summary>
    public static string Of(ParserRuleContext ctx)
    {
        var tokens = new List<IToken>();
        Tokens(ctx, tokens);
        var sb = new System.Text.StringBuilder(ctx.Stop.StopIndex - ctx.Start.StartIndex + 1);
        foreach (var t in tokens) sb.Append(t.Text);
        return sb.ToString();
    }

    /// <summary>The tokens of a skipped type, lexed again from the source, in order.</summary>
    public static void Tokens(ParserRuleContext ctx, List<IToken> into)
    {
        // The direct parser's tokens know their source text.
        var source = ((LightToken)ctx.Start).Source;
        var origin = new FastTokenSource(source, []);
        var lexer = new FastLexer(source.Bytes(), ctx.Start.StartIndex, ctx.Stop.StopIndex + 1);
        while (lexer.Next(out int type, out int start, out int stop)) into.Add(new LightToken(origin, type, start, stop));
    }
}
