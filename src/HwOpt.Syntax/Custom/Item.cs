using Antlr4.Runtime;
using HwOpt.IR;
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
    public required ItemKind Kind { get; init; }
    public required ParserRuleContext Context { get; init; }
    public required IToken Token { get; init; }
    public string Text => Token.Text;
    public char Open { get; init; }
    public IReadOnlyList<Item> Children { get; init; } = [];
    public IReadOnlyList<MlirType> Types { get; init; } = [];
    public MlirType? Type { get; init; }
    public MlirAttribute? Attribute { get; init; }
    public RegionContext? Region { get; init; }

    public bool IsPunct(string text) => Kind == ItemKind.Punct && Text == text;

    public bool IsKeyword(string text) => Kind == ItemKind.Keyword && Text == text;

    public override string ToString() => $"{Kind}:{Text}";
}
