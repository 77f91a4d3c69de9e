using Antlr4.Runtime;
using HwOpt.IR;
using HwOpt.Syntax.Lexing;
using static HwOpt.Syntax.Generated.MLIRParser;

namespace HwOpt.Syntax.Custom;

/// <summary>Kinds of items in a custom op body.</summary>
internal enum ItemKind
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
    // types, type, attribute and region context it holds the one its kind has.
    private readonly object? payload;

    public required ItemKind Kind { get; init; }
    public required ParserRuleContext Context { get; init; }
    public IToken Token => Context.Start;
    public string Text => Token.Text;
    public char Open { get; init; }
    public IReadOnlyList<Item> Children { get => payload as IReadOnlyList<Item> ?? []; init => payload = value; }
    public IReadOnlyList<MlirType> Types { get => payload as IReadOnlyList<MlirType> ?? []; init => payload = value; }
    public MlirType? Type { get => payload as MlirType; init => payload = value; }
    public MlirAttribute? Attribute { get => payload as MlirAttribute; init => payload = value; }
    public RegionContext? Region { get => payload as RegionContext; init => payload = value; }

    // Compared on the source span: a token's text is cut anew on each read.
    public bool IsPunct(string text) => Kind == ItemKind.Punct && System.Text.Ascii.Equals(LightToken.SpanOf(Token), text);

    public bool IsKeyword(string text) => Kind == ItemKind.Keyword && System.Text.Ascii.Equals(LightToken.SpanOf(Token), text);

    public override string ToString() => $"{Kind}:{Text}";
}
