using Antlr4.Runtime;
using Antlr4.Runtime.Misc;
using Antlr4.Runtime.Tree;
using HwOpt.Diagnostics;
using L = HwOpt.Syntax.Generated.MLIRLexer;

namespace HwOpt.Syntax.Lexing;

/// <summary>
/// A token of <see cref="FastTokenSource"/>: type and offsets into the shared source text. The text is cut from the
/// source on first use (punctuation and keywords use shared strings), and line and column are computed on demand
/// from the source's line index, so a token costs one small object. The token is also its own parse-tree leaf
/// (<see cref="ITerminalNode"/>): the direct parser adds it to a rule context as it is, where the ANTLR runtime would
/// wrap each token in a <see cref="TerminalNodeImpl"/> of its own (one more object per token).
/// </summary>
internal sealed class LightToken(FastTokenSource origin, int type, int start, int stop) : IWritableToken, ITerminalNode
{
    // The source text is reached through the token source (one field less per token: files have millions of tokens).
    /// <summary>The source text the token is read from.</summary>
    internal SourceText Source => origin.Source;

    /// <summary>
    /// The token's text: cut from the source on every call (punctuation and keywords: shared strings). Not cached: a
    /// cache field made every token 8 bytes larger (56 instead of 48) for the few whose text is read twice; callers
    /// that read it more than once keep it, and the hot paths read <see cref="TextSpan"/>.
    /// </summary>
    /// <exception cref="NotSupportedException">On set: the text is the source's (the ANTLR runtime sets only the index).</exception>
    public string Text
    {
        get => TextOf(Source, type, start, stop);
        set => throw new NotSupportedException("a light token's text is its source text");
    }

    /// <summary>The text of a token of <paramref name="type"/> at [<paramref name="start"/>, <paramref name="stop"/>] of <paramref name="source"/>.</summary>
    internal static string TextOf(SourceText source, int type, int start, int stop) =>
        type == TokenConstants.EOF ? "<EOF>" : FixedText(type) ?? source.Slice(start, stop - start + 1);

    /// <summary>The text as a span of the source's UTF-8 bytes, without cutting a string (EOF: empty).</summary>
    public ReadOnlySpan<byte> TextSpan => type == TokenConstants.EOF ? [] : Source.Utf8.Span.Slice(start, stop - start + 1);

    /// <summary>The UTF-8 text of any token: <see cref="TextSpan"/> for a light token, else its text encoded.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static ReadOnlySpan<byte> SpanOf(IToken token) => token is LightToken light ? light.TextSpan : Utf8Of(token);

    // Tokens of the generated lexer (the reference path): their text encoded.
    private static byte[] Utf8Of(IToken token) => System.Text.Encoding.UTF8.GetBytes(token.Text);

    /// <inheritdoc/>
    public int Type { get => type; set => type = value; }

    /// <inheritdoc/>
    public int Line
    {
        get => Source.GetLineColumn(start).Line - Source.LineOffset;
        set { }
    }

    /// <inheritdoc/>
    public int Column
    {
        get => Source.GetLineColumn(start).Column - 1;
        set { }
    }

    /// <inheritdoc/>
    public int Channel { get => TokenConstants.DefaultChannel; set { } }

    /// <inheritdoc/>
    public int TokenIndex { get; set; } = -1;

    /// <inheritdoc/>
    public int StartIndex => start;

    /// <inheritdoc/>
    public int StopIndex => stop;

    /// <inheritdoc/>
    public ITokenSource TokenSource => origin;

    /// <inheritdoc/>
    public ICharStream? InputStream => null;

    /// <inheritdoc/>
    public override string ToString() => $"[@{TokenIndex},{start}:{stop}='{Text}',<{type}>]";

    // ---- the parse-tree leaf (what TerminalNodeImpl does) ----------------------------------------------------------

    /// <summary>The rule context this token is a child of (null until the direct parser adds it to one).</summary>
    public IRuleNode? Parent { get; set; }

    IToken ITerminalNode.Symbol => this;

    IRuleNode ITerminalNode.Parent => Parent!;

    IParseTree IParseTree.Parent => Parent!;

    ITree ITree.Parent => Parent!;

    object ITree.Payload => this;

    int ITree.ChildCount => 0;

    Interval ISyntaxTree.SourceInterval => new(TokenIndex, TokenIndex);

    IParseTree IParseTree.GetChild(int i) => null!;

    ITree ITree.GetChild(int i) => null!;

    T IParseTree.Accept<T>(IParseTreeVisitor<T> visitor) => visitor.VisitTerminal(this);

    string IParseTree.GetText() => Text;

    string IParseTree.ToStringTree(Parser parser) => Text;

    string ITree.ToStringTree() => Text;

    /// <summary>The text of tokens that have only one spelling (null for the others).</summary>
    internal static string? FixedText(int type) => type switch
    {
        L.FILE_META_BEGIN => "{-#", L.FILE_META_END => "#-}", L.UNRANKED_X => "*x", L.INDEX => "index", L.NONE => "none",
        L.TENSOR => "tensor", L.MEMREF => "memref", L.VECTOR => "vector", L.COMPLEX => "complex", L.TUPLE => "tuple",
        L.TRUE => "true", L.FALSE => "false", L.UNIT => "unit", L.DENSE => "dense", L.DENSE_RESOURCE => "dense_resource",
        L.SPARSE => "sparse", L.ARRAY => "array", L.AFFINE_MAP => "affine_map", L.AFFINE_SET => "affine_set",
        L.STRIDED => "strided", L.DISTINCT => "distinct", L.LOC => "loc", L.UNKNOWN => "unknown", L.CALLSITE => "callsite",
        L.FUSED => "fused", L.AT => "at", L.KW_FUNC => "func", L.KW_RETURN => "return", L.KW_MODULE => "module",
        L.KW_CALL => "call", L.KW_CALL_INDIRECT => "call_indirect", L.KW_MAX => "max", L.KW_MIN => "min", L.ATTRIBUTES => "attributes", L.ARROW => "->", L.FAT_ARROW => "=>", L.GE => ">=", L.DOUBLE_COLON => "::",
        L.ELLIPSIS => "...", L.LPAREN => "(", L.RPAREN => ")", L.LBRACE => "{", L.RBRACE => "}", L.LBRACKET => "[",
        L.RBRACKET => "]", L.LESS => "<", L.GREATER => ">", L.COMMA => ",", L.COLON => ":", L.EQUAL => "=",
        L.QUESTION => "?", L.STAR => "*", L.PLUS => "+", L.MINUS => "-", L.VBAR => "|",
        _ => null,
    };
}

/// <summary>
/// An ANTLR token source over chosen character ranges of a source text, scanned by <see cref="FastLexer"/>: the
/// parser reads the tokens of those ranges, in order, then EOF. Offsets stay those of the whole file.
/// </summary>
internal sealed class FastTokenSource : ITokenSource
{
    private readonly SourceText source;
    private readonly IReadOnlyList<(int Start, int End)> ranges;
    private int range = -1;
    private FastLexer lexer;
    private bool done;

    /// <summary>Reads the tokens of <paramref name="ranges"/> (start inclusive, end exclusive, ascending).</summary>
    public FastTokenSource(SourceText source, IReadOnlyList<(int Start, int End)> ranges)
    {
        this.source = source;
        this.ranges = ranges;
        NextRange();
    }

    /// <summary>The text the tokens are read from.</summary>
    public SourceText Source => source;

    /// <summary>Tokens handed out so far (EOF not counted).</summary>
    public int Count { get; private set; }

    private void NextRange()
    {
        range++;
        if (range < ranges.Count) lexer = new FastLexer(source.Bytes(), ranges[range].Start, ranges[range].End);
        else done = true;
    }

    /// <inheritdoc/>
    public IToken NextToken()
    {
        while (!done)
        {
            if (lexer.Next(out int type, out int start, out int stop))
            {
                Count++;
                return new LightToken(this, type, start, stop);
            }
            NextRange();
        }
        int end = source.Length;
        return new LightToken(this, TokenConstants.EOF, end, end - 1);
    }

    /// <inheritdoc/>
    public int Line => 0;

    /// <inheritdoc/>
    public int Column => 0;

    /// <inheritdoc/>
    public ICharStream? InputStream => null;

    /// <inheritdoc/>
    public string SourceName => source.Path;

    /// <inheritdoc/>
    public ITokenFactory TokenFactory { get; set; } = CommonTokenFactory.Default;
}
