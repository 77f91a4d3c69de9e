using Antlr4.Runtime;
using HwOpt.Diagnostics;
using HwOpt.IR;
using static HwOpt.Syntax.Generated.MLIRParser;

namespace HwOpt.Syntax.Custom;

/// <summary>
/// A cursor over the items of one custom op, with the helpers that op formats use. A format that meets an item it
/// does not expect throws <see cref="FormatMismatch"/>, and the op is then read in tolerant mode.
/// </summary>
internal sealed partial class OpReader(IRBuilder builder, string name, IReadOnlyList<Item> items, Antlr4.Runtime.ParserRuleContext context, int expectedResults)
{
    internal sealed class FormatMismatch(string message) : Exception(message);

    private int position;

    public IRBuilder Builder { get; } = builder;
    public string Name { get; } = name;
    public IReadOnlyList<Item> Items { get; } = items;
    public Antlr4.Runtime.ParserRuleContext Context { get; } = context;
    /// <summary>How many results the source names (<c>%a, %b:2 = ...</c> names 3).</summary>
    public int ExpectedResults { get; } = expectedResults;

    public bool AtEnd => position >= Items.Count;
    public Item? Peek(int ahead = 0) => position + ahead < Items.Count ? Items[position + ahead] : null;
    public Item Next() => !AtEnd ? Items[position++] : throw new FormatMismatch($"'{Name}' ends early");

    public static FormatMismatch Mismatch(string what) => new(what);

    /// <summary>
    /// The comma-separated words of a flag group such as <c>fastmath&lt;nnan,ninf&gt;</c>; <c>none</c> lexes as the
    /// builtin type, so a word is a keyword or a type.
    /// </summary>
    public static string FlagWords(Item group) =>
        string.Join(",", group.Children.Where(c => c.Kind is ItemKind.Keyword or ItemKind.Type).Select(c => c.Text));

    public void ExpectEnd()
    {
        if (!AtEnd) throw Mismatch($"unexpected '{Peek()!.Text}' in '{Name}'");
    }

    public bool TryKeyword(string keyword)
    {
        if (Peek() is { } i && i.IsKeyword(keyword)) { position++; return true; }
        return false;
    }

    public void Keyword(string keyword)
    {
        if (!TryKeyword(keyword)) throw Mismatch($"expected '{keyword}' in '{Name}'");
    }

    public bool TryPunct(string text)
    {
        if (Peek() is { } i && i.IsPunct(text)) { position++; return true; }
        return false;
    }

    public void Punct(string text)
    {
        if (!TryPunct(text)) throw Mismatch($"expected '{text}' in '{Name}'");
    }

    public bool NextIs(ItemKind kind) => Peek() is { } i && i.Kind == kind;

    public Item Expect(ItemKind kind) => NextIs(kind) ? Next() : throw Mismatch($"expected {kind} in '{Name}'");

    /// <summary>Operand names separated by commas: <c>%a, %b</c> (possibly none).</summary>
    public List<Item> ValueList()
    {
        var list = new List<Item>();
        if (!NextIs(ItemKind.Value)) return list;
        list.Add(Next());
        while (Peek() is { } c && c.IsPunct(",") && Peek(1) is { Kind: ItemKind.Value })
        {
            position++;
            list.Add(Next());
        }
        return list;
    }

    /// <summary>An optional attribute dictionary at an attr-dict position (see <see cref="Dict"/>).</summary>
    public DictionaryAttr AttrDict(bool withKeyword = false) => Dict(withKeyword);

    /// <summary>The types after ':'.</summary>
    public IReadOnlyList<MlirType> ColonTypes() => Expect(ItemKind.ColonTypes).Types;

    /// <summary>A single type after ':'.</summary>
    public MlirType ColonType()
    {
        var types = ColonTypes();
        return types.Count == 1 ? types[0] : throw Mismatch($"expected one type in '{Name}'");
    }

    public MlirType TypeItem() => Expect(ItemKind.Type).Type!;

    /// <summary>
    /// A type where a function type may stand too, as in a signature's entry (<c>@f(() -> ())</c>,
    /// <c>-> (() -> i32)</c>): there it reaches the reader as a '(' group, '->' and a type or a '(' group.
    /// </summary>
    public MlirType TypeOrFunctionType()
    {
        if (!(Peek() is { Kind: ItemKind.Group, Open: '(' } inputs && Peek(1) is { } arrow && arrow.IsPunct("->"))) return TypeItem();
        position += 2;
        var ins = Sub(inputs).TypesToEnd();
        IReadOnlyList<MlirType> outs = Peek() is { Kind: ItemKind.Group, Open: '(' } ? Sub(Next()).TypesToEnd() : [TypeOrFunctionType()];
        return new FunctionType(ins, outs);
    }

    /// <summary>Comma-separated types (function types among them) up to the end of this reader.</summary>
    private List<MlirType> TypesToEnd()
    {
        var list = new List<MlirType>();
        while (!AtEnd)
        {
            list.Add(TypeOrFunctionType());
            if (!AtEnd) Punct(",");
        }
        return list;
    }

    public Value Use(Item valueItem, MlirType? expected) => Builder.UseValue(valueItem.TextSpan, expected, Span(valueItem));

    /// <summary>The span of the item's first token.</summary>
    public SourceSpan Span(Item item) => Builder.Span(item.TokenStart, item.TokenStop);

    /// <summary>The SSA names that fill a bracketed group, <c>(%a, %b)</c>; anything else in it is a mismatch.</summary>
    public List<Item> ValuesOf(Item group)
    {
        var g = Sub(group);
        var list = g.ValueList();
        g.ExpectEnd();
        return list;
    }

    /// <summary>A sub-reader over the children of a group item.</summary>
    public OpReader Sub(Item group) => new(Builder, Name, group.Children, Context, 0);

    public Region BuildRegion(Item regionItem, IReadOnlyList<IRBuilder.EntryArgument>? entryArgs) =>
        Builder.BuildRegion(regionItem.Region ?? throw Mismatch($"expected a region in '{Name}'"), entryArgs, Name);

    public Operation Create(string opName, IReadOnlyList<MlirType> resultTypes, IEnumerable<Value> operands,
        IEnumerable<NamedAttribute>? properties = null, DictionaryAttr? attributes = null, IEnumerable<Region>? regions = null)
    {
        var op = new Operation(opName, resultTypes);
        if (operands.TryGetNonEnumeratedCount(out int count)) op.Operands.SetCapacity(count);
        op.Operands.AddRange(operands);
        if (properties is not null)
        {
            var dict = new DictionaryAttr(properties);
            if (dict.Count > 0) op.Properties = Builder.Unique(dict);
        }
        if (attributes is not null) op.Attributes = Builder.Unique(attributes);
        foreach (var r in regions ?? []) op.AddRegion(r);
        return op;
    }
}
