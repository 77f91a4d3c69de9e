using Antlr4.Runtime;
using Antlr4.Runtime.Tree;
using HwOpt.Diagnostics;
using HwOpt.IR;
using HwOpt.Syntax.Custom;
using HwOpt.Syntax.Generated;
using static HwOpt.Syntax.Generated.MLIRParser;
using static HwOpt.Syntax.ParseTreeAccess;

namespace HwOpt.Syntax;

internal sealed partial class IRBuilder
{
    /// <summary>Builds a custom op with its format (or in tolerant mode when it has none or the format does not match).</summary>
    /// <param name="ctx">A customOperation or legacyOperation: its children after the op name are the items.</param>
    /// <param name="name">The op name (a bare name of the default dialect is qualified here).</param>
    /// <param name="expectedResults">How many results the source names.</param>
    private Operation? BuildCustom(ParserRuleContext ctx, string name, int expectedResults) => BuildCustom(ctx, name, expectedResults, ItemsOf(ctx));

    /// <summary>As <see cref="BuildCustom(ParserRuleContext, string, int)"/>, with the items read already.</summary>
    private Operation? BuildCustom(ParserRuleContext ctx, string name, int expectedResults, List<Item> items)
    {
        // Inside func.func the default dialect is func (MLIR's OpAsmOpInterface::getDefaultDialect): `call_indirect`.
        if (!name.Contains('.') && !DialectCatalog.Ops.ContainsKey(name) && DialectCatalog.Ops.ContainsKey("func." + name)) name = "func." + name;
        var reader = new OpReader(this, name, items, ctx, expectedResults);
        if (CustomSyntax.TryGet(name, out var format, out var entry))
        {
            try
            {
                var op = format(reader, entry);
                CountCustom(false, op.Name);
                return op;
            }
            catch (OpReader.FormatMismatch mismatch)
            {
                // The known format did not match (a newer or older spelling): read the op in tolerant mode instead.
                diagnostics.Report(DiagnosticIds.CustomFormatMismatch, Span(ctx.Start), $"{mismatch.Message}; '{name}' read in tolerant mode");
                reader = new OpReader(this, name, items, ctx, expectedResults);
            }
        }
        var opaque = Tolerant.Read(reader);
        CountCustom(true, opaque.Name);
        return opaque;
    }

    /// <summary>The items of a customOperation or legacyOperation: its children after the op name.</summary>
    internal List<Item> ItemsOf(ParserRuleContext op) => ItemsOf(ParseTreeAccess.Span(op)[Math.Min(1, op.ChildCount)..], op);

    /// <summary>Items from children of <paramref name="owner"/>: each a customItemCore, or an <c>=</c> token.</summary>
    internal List<Item> ItemsOf(ReadOnlySpan<IParseTree> children, ParserRuleContext owner)
    {
        var items = new List<Item>(children.Length);
        foreach (var child in children)
        {
            if (child is CustomItemCoreContext core)
            {
                items.Add(ToItem(core));
                continue;
            }
            var token = ((ITerminalNode)child).Symbol;
            items.Add(new Item { Kind = ItemKind.Punct, Context = new ParserRuleContext(owner, 0) { Start = token, Stop = token } });
        }
        return items;
    }

    internal Item ToItem(CustomItemCoreContext c)
    {
        var t = c.Start;
        switch (t.Type)
        {
            case MLIRLexer.VALUE_ID: return new Item { Kind = ItemKind.Value, Context = c };
            case MLIRLexer.COLON when Rule<ValueUseListContext>(c) is { } uses:
                return new Item { Kind = ItemKind.ColonGroup, Context = c, Open = '%', Children = ValueItems(uses) };
            case MLIRLexer.COLON when Rule<TypeListContext>(c) is { } tl:
                return new Item { Kind = ItemKind.ColonTypes, Context = c, Types = BuildTypeList(tl) };
            case MLIRLexer.COLON:
                return new Item
                {
                    Kind = ItemKind.ColonGroup, Context = c, Children = GroupItems(c),
                    Open = HasToken(c, MLIRLexer.LESS) ? '<' : HasToken(c, MLIRLexer.LPAREN) ? '(' : '[',
                };
            case MLIRLexer.ATTRIBUTES:
                return new Item { Kind = ItemKind.AttributesKeyword, Context = c, Attribute = BuildDictionary(Rule<AttributeDictContext>(c)!) };
            case MLIRLexer.LESS when c.ChildCount > 1 && c.GetChild(1) is ITerminalNode { Symbol.Type: MLIRLexer.AT_ID }:
                // `<@mesh, [{"a", ?}]>` kept as tokens: a symbol's body holds no values.
                return new Item { Kind = ItemKind.Group, Context = c, Open = '<', Children = [] };
            case MLIRLexer.LPAREN or MLIRLexer.LBRACKET or MLIRLexer.LESS:
                return new Item { Kind = ItemKind.Group, Context = c, Open = t.Text[0], Children = GroupItems(c) };
            case MLIRLexer.LBRACE when Rule<ValueUseListContext>(c) is { } sizes:
                return new Item { Kind = ItemKind.Group, Context = c, Open = '{', Children = ValueItems(sizes) };
            case MLIRLexer.LBRACE when c.ChildCount > 1 && c.GetChild(1) is ITerminalNode { Symbol.Type: MLIRLexer.BARE_ID } word:
            {
                // `{ro %a[...] : T{%n}, ...}`: the word and the value, then the group items.
                var rest = GroupItems(c);
                var children = new Item[rest.Length + 2];
                children[0] = new Item { Kind = ItemKind.Keyword, Context = new ParserRuleContext(c, 0) { Start = word.Symbol, Stop = word.Symbol } };
                var value = ((ITerminalNode)c.GetChild(2)).Symbol;
                children[1] = new Item { Kind = ItemKind.Value, Context = new ParserRuleContext(c, 0) { Start = value, Stop = value } };
                rest.CopyTo(children, 2);
                return new Item { Kind = ItemKind.Group, Context = c, Open = '{', Children = children };
            }
            case MLIRLexer.LBRACE when Rule<SymbolRefContext>(c) is not null:
                // `{@ex::@f0, @ex::@f1}`: symbols only, no values.
                return new Item { Kind = ItemKind.Group, Context = c, Open = '{', Children = [] };
            case MLIRLexer.LBRACE when Rule<RegionContext>(c) is { } r:
                return new Item { Kind = ItemKind.Region, Context = c, Region = r };
            case MLIRLexer.LBRACE:
                return new Item { Kind = ItemKind.AttrDict, Context = c, Attribute = BuildDictionary(Rule<AttributeDictContext>(c)!) };
            case MLIRLexer.CARET_ID: return new Item { Kind = ItemKind.Successor, Context = c };
            case MLIRLexer.INTEGER: return new Item { Kind = ItemKind.Integer, Context = c };
            case MLIRLexer.FLOAT: return new Item { Kind = ItemKind.Float, Context = c };
            case MLIRLexer.STRING: return new Item { Kind = ItemKind.String, Context = c };
        }
        // The remaining kinds are told apart by the first child.
        return c.ChildCount > 0 ? c.GetChild(0) switch
        {
            NonFunctionTypeContext nt => new Item { Kind = ItemKind.Type, Context = c, Type = BuildNonFunctionType(nt) },
            CustomAttributeContext ca => new Item { Kind = ItemKind.Attribute, Context = c, Attribute = BuildCustomAttribute(ca) },
            CustomKeywordContext => new Item { Kind = ItemKind.Keyword, Context = c },
            _ => new Item { Kind = ItemKind.Punct, Context = c },
        } : new Item { Kind = ItemKind.Punct, Context = c };
    }

    /// <summary>The values of <c>{%a, %b}</c>, one item each (an item's token is its context's first token).</summary>
    private Item[] ValueItems(ValueUseListContext list)
    {
        var tokens = Tokens(list, MLIRLexer.VALUE_ID);
        var items = new Item[tokens.Count];
        for (int i = 0; i < tokens.Count; i++)
        {
            var one = new ParserRuleContext(list, 0) { Start = tokens[i], Stop = tokens[i] };
            items[i] = new Item { Kind = ItemKind.Value, Context = one };
        }
        return items;
    }

    private Item[] GroupItems(CustomItemCoreContext c)
    {
        // The group's items between its brackets (no array of their contexts first: this runs for every bracket).
        var children = ParseTreeAccess.Span(c);
        int n = 0;
        foreach (var child in children)
        {
            if (child is GroupItemContext) n++;
        }
        if (n == 0) return [];
        var items = new Item[n];
        n = 0;
        foreach (var child in children)
        {
            if (child is GroupItemContext g) items[n++] = ToItem(g);
        }
        return items;
    }

    // A groupItem has one child: an attribute dictionary, an item, or an `=` or `:` token.
    private Item ToItem(GroupItemContext g) => g.GetChild(0) switch
    {
        CustomItemCoreContext c => ToItem(c),
        AttributeDictContext d => new Item { Kind = ItemKind.AttrDict, Context = g, Attribute = BuildDictionary(d) },
        ITerminalNode { Symbol.Type: MLIRLexer.EQUAL } => new Item { Kind = ItemKind.Punct, Context = g },
        _ => new Item { Kind = ItemKind.Colon, Context = g },
    };

    // Named linalg ops' bodies, by kind, operand types and attributes (see NamedOpBody).
    private readonly Dictionary<string, Custom.LinalgBodies.OnDemand> namedOpBodies = new(StringComparer.Ordinal);
    private readonly System.Text.StringBuilder namedOpBodyKey = new(1024);

    /// <summary>
    /// The region source of a named linalg op's body (built when first read): one per distinct kind, operand types and
    /// attributes. The first op of each is built once here and dropped, so that a body this reader cannot build is a
    /// format mismatch now, as when bodies were built with their op.
    /// </summary>
    /// <exception cref="Custom.OpReader.FormatMismatch">The body cannot be built (kind, element types, attributes).</exception>
    internal Custom.LinalgBodies.OnDemand NamedOpBody(string kind, IReadOnlyList<MlirType> inputs, IReadOnlyList<MlirType> outputs, DictionaryAttr attrs)
    {
        var key = namedOpBodyKey.Clear().Append(kind).Append('|');
        foreach (var t in inputs) key.Append(t.ToString()).Append(',');
        key.Append('|');
        foreach (var t in outputs) key.Append(t.ToString()).Append(',');
        key.Append('|');
        attrs.Print(key);
        if (TryGetByText(namedOpBodies, key, out var known)) return known;
        Custom.LinalgBodies.Build(kind, inputs, outputs, attrs);
        var made = new Custom.LinalgBodies.OnDemand(kind, inputs.Count, attrs);
        namedOpBodies[key.ToString()] = made;
        return made;
    }
}
