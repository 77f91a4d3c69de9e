using Antlr4.Runtime;
using HwOpt.IR;
using HwOpt.Syntax.Lexing;
using static HwOpt.Syntax.Generated.MLIRParser;

namespace HwOpt.Syntax.Custom;

/// <summary>Kinds of items in a custom op body.</summary>
internal enum ItemKind : byte
{
    Value, ColonTypes, ColonGroup, AttributesKeyword, Group, Region, AttrDict, Type, Attribute, Keyword, Successor,
    Integer, Float, String, Punct, Colon,
}

/// <summary>
/// One item of a custom op body, as the grammar delimited it: an SSA use, a type list after ':', a bracketed group,
/// a region, an attribute, a keyword, a literal or punctuation. Types and attributes are already built; regions are
/// built by the op reader that knows their entry-block arguments.
/// </summary>
internal sealed class Item
{
    // A file has millions of items, so an item is small: its token is its context's first token, and of children,
    // types, type, attribute and region context it holds the one its kind has. An item of a plain op (read without a
    // subtree, PlainCustomOp) has no context until one is asked for: its tokens are offsets in the op's data.
    private readonly object? payload;
    private ParserRuleContext? context;
    private readonly PlainCustomOp? plain;
    private readonly int index;

    /// <summary>An item of a subtree: set <see cref="Context"/>.</summary>
    public Item()
    {
    }

    /// <summary>Item <paramref name="index"/> of a plain op: its tokens are read from the op's data.</summary>
    public Item(PlainCustomOp plain, int index)
    {
        this.plain = plain;
        this.index = index;
    }

    public required ItemKind Kind { get; init; }

    /// <summary>The item's rule context (a plain op's item: made on first read, from its first and last tokens).</summary>
    public ParserRuleContext Context { get => context ??= plain!.ItemContext(index); init => context = value; }

    /// <summary>The item's first token (a plain op's item: a new token object on each read; the hot paths read offsets).</summary>
    public IToken Token => context is { } c ? c.Start : plain!.FirstToken(index);

    /// <summary>The first token's first byte offset in the source.</summary>
    public int TokenStart => context is { } c ? c.Start.StartIndex : plain!.FirstStart(index);

    /// <summary>The first token's last byte offset in the source.</summary>
    public int TokenStop => context is { } c ? c.Start.StopIndex : plain!.FirstStop(index);

    /// <summary>The first token's text as UTF-8 bytes of the source, without cutting a string.</summary>
    public ReadOnlySpan<byte> TextSpan =>
        context is { } c ? LightToken.SpanOf(c.Start) : plain!.Source.Utf8.Span.Slice(plain.FirstStart(index), plain.FirstStop(index) - plain.FirstStart(index) + 1);

    /// <summary>The first token's text.</summary>
    public string Text => context is { } c ? c.Start.Text : LightToken.TextOf(plain!.Source, plain.FirstType(index), plain.FirstStart(index), plain.FirstStop(index));

    public char Open { get; init; }
    public IReadOnlyList<Item> Children { get => payload as IReadOnlyList<Item> ?? []; init => payload = value; }
    public IReadOnlyList<MlirType> Types { get => payload as IReadOnlyList<MlirType> ?? []; init => payload = value; }
    public MlirType? Type { get => payload as MlirType; init => payload = value; }
    public MlirAttribute? Attribute { get => payload as MlirAttribute; init => payload = value; }
    public RegionContext? Region { get => payload as RegionContext; init => payload = value; }

    // Compared on the source span: a token's text is cut anew on each read.
    public bool IsPunct(string text) => Kind == ItemKind.Punct && System.Text.Ascii.Equals(TextSpan, text);

    public bool IsKeyword(string text) => Kind == ItemKind.Keyword && System.Text.Ascii.Equals(TextSpan, text);

    public override string ToString() => $"{Kind}:{Text}";
}
