using Antlr4.Runtime;
using HwOpt.Diagnostics;
using L = HwOpt.Syntax.Generated.MLIRLexer;

namespace HwOpt.Syntax.Lexing;

/// <summary>
/// A token of <see cref="FastTokenSource"/>: type and offsets into the shared source text. The text is cut from the
/// source on first use (punctuation and keywords use shared strings), and line and column are computed on demand
/// from the source's line index, so a token costs one small object.
/// </summary>
internal sealed class LightToken(SourceText source, ITokenSource tokenSource, int type, int start, int stop) : IWritableToken
{
    private string? text;

    /// <inheritdoc/>
    public string Text
    {
        get => text ??= type == TokenConstants.EOF ? "<EOF>" : FixedText(type) ?? source.Text.Substring(start, stop - start + 1);
        set => text = value;
    }

    /// <inheritdoc/>
    public int Type { get => type; set => type = value; }

    /// <inheritdoc/>
    public int Line
    {
        get => source.GetLineColumn(start).Line - source.LineOffset;
        set { }
    }

    /// <inheritdoc/>
    public int Column
    {
        get => source.GetLineColumn(start).Column - 1;
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
    public ITokenSource TokenSource => tokenSource;

    /// <inheritdoc/>
    public ICharStream? InputStream => null;

    /// <inheritdoc/>
    public override string ToString() => $"[@{TokenIndex},{start}:{stop}='{Text}',<{type}>]";

    /// <summary>The text of tokens that have only one spelling (null for the others).</summary>
    internal static string? FixedText(int type) => type switch
    {
        L.FILE_META_BEGIN => "{-#", L.FILE_META_END => "#-}", L.UNRANKED_X => "*x", L.INDEX => "index", L.NONE => "none",
        L.TENSOR => "tensor", L.MEMREF => "memref", L.VECTOR => "vector", L.COMPLEX => "complex", L.TUPLE => "tuple",
        L.TRUE => "true", L.FALSE => "false", L.UNIT => "unit", L.DENSE => "dense", L.DENSE_RESOURCE => "dense_resource",
        L.SPARSE => "sparse", L.ARRAY => "array", L.AFFINE_MAP => "affine_map", L.AFFINE_SET => "affine_set",
        L.STRIDED => "strided", L.DISTINCT => "distinct", L.LOC => "loc", L.UNKNOWN => "unknown", L.CALLSITE => "callsite",
        L.FUSED => "fused", L.AT => "at", L.KW_FUNC => "func", L.KW_RETURN => "return", L.KW_MODULE => "module",
        L.KW_CALL => "call", L.KW_CALL_INDIRECT => "call_indirect", L.KW_MAX => "max", L.KW_MIN => "min", L.ATTRIBUTES => "attributes", L.ARROW => "->", L.GE => ">=", L.DOUBLE_COLON => "::",
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

    /// <summary>Tokens handed out so far (EOF not counted).</summary>
    public int Count { get; private set; }

    private void NextRange()
    {
        range++;
        if (range < ranges.Count) lexer = new FastLexer(source.Text, ranges[range].Start, ranges[range].End);
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
                return new LightToken(source, this, type, start, stop);
            }
            NextRange();
        }
        int end = source.Text.Length;
        return new LightToken(source, this, TokenConstants.EOF, end, end - 1);
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
