using System.Globalization;
using System.Numerics;
using HwOpt.IR;
using static HwOpt.Syntax.Generated.MLIRParser;

namespace HwOpt.Syntax.Custom;

/// <summary>
/// More reader helpers shared by the formats of the tensor, linalg, scf, memref, bufferization, cf and tosa dialects:
/// integer literals, MLIR's DynamicIndexList (<c>[%a, 4, ?]</c>), typed operand groups (<c>ins(%a : T)</c>), region
/// arguments, assignment lists (<c>(%x = %init)</c>), arrow result types and attribute dictionaries that the grammar
/// read as a region (<c>{dialect.flag}</c> reads like a region holding one custom op without operands).
/// </summary>
internal sealed partial class OpReader
{
    private static readonly IntegerType I64 = new(64, Signedness.Signless);
    private static readonly IntegerType I32 = new(32, Signedness.Signless);

    /// <summary>MLIR's marker of a dynamic entry in static index arrays (<c>ShapedType::kDynamic</c>).</summary>
    public const long DynamicIndex = long.MinValue;

    /// <summary>An integer literal (optionally negative) that fits in 64 bits.</summary>
    public long Integer()
    {
        bool negative = TryPunct("-");
        var token = Expect(ItemKind.Integer);
        return ParseInteger(token.Text, negative) ?? throw Mismatch($"integer '{token.Text}' out of range in '{Name}'");
    }

    private static long? ParseInteger(string text, bool negative)
    {
        BigInteger value;
        bool ok = text.StartsWith("0x", StringComparison.Ordinal)
            ? BigInteger.TryParse("0" + text.Substring(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value)
            : BigInteger.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
        if (!ok) return null;
        if (negative) value = -value;
        return value >= long.MinValue && value <= long.MaxValue ? (long)value : null;
    }

    /// <summary>The next item as a group opened by <paramref name="open"/>.</summary>
    public Item Group(char open) =>
        Peek() is { Kind: ItemKind.Group } g && g.Open == open ? Next() : throw Mismatch($"expected '{open}' in '{Name}'");

    public bool NextIsGroup(char open) => Peek() is { Kind: ItemKind.Group } g && g.Open == open;

    /// <summary>
    /// MLIR's DynamicIndexList: <c>[%a, 4, ?]</c>. Returns the SSA entries (index operands) and the static array with
    /// <see cref="DynamicIndex"/> where an SSA value stands (and for <c>?</c>).
    /// </summary>
    public (List<Item> Dynamic, List<long> Static) DynamicIndexList(Item group)
    {
        if (group.Kind != ItemKind.Group || group.Open is not ('[' or '(')) throw Mismatch($"expected '[' in '{Name}'");
        var g = Sub(group);
        var dyn = new List<Item>();
        var stat = new List<long>();
        while (!g.AtEnd)
        {
            if (g.NextIs(ItemKind.Value))
            {
                dyn.Add(g.Next());
                stat.Add(DynamicIndex);
            }
            else if (g.TryPunct("?"))
            {
                stat.Add(DynamicIndex);
            }
            else
            {
                stat.Add(g.Integer());
            }
            if (!g.AtEnd) g.Punct(",");
        }
        return (dyn, stat);
    }

    /// <summary>Reads a DynamicIndexList at the cursor (see <see cref="DynamicIndexList(Item)"/>).</summary>
    public (List<Item> Dynamic, List<long> Static) DynamicIndexList() => DynamicIndexList(Group('['));

    /// <summary>A list of integers in a group: <c>[0, 2, 1]</c>.</summary>
    public List<long> IntegerList(Item group)
    {
        var g = Sub(group);
        var list = new List<long>();
        while (!g.AtEnd)
        {
            list.Add(g.Integer());
            if (!g.AtEnd) g.Punct(",");
        }
        return list;
    }

    /// <summary>Reassociation indices <c>[[0, 1], [2]]</c> as an array of arrays of i64 attributes.</summary>
    public ArrayAttr Reassociation()
    {
        var g = Sub(Group('['));
        var groups = new List<MlirAttribute>();
        while (!g.AtEnd)
        {
            var inner = g.Group('[');
            groups.Add(new ArrayAttr(IntegerList(inner).Select(v => (MlirAttribute)new IntegerAttr(v, null)).ToArray()));
            if (!g.AtEnd) g.Punct(",");
        }
        return new ArrayAttr(groups);
    }

    public static DenseArrayAttr I64Array(IEnumerable<long> values) => new(I64, values.Select(Number).ToArray());

    public static DenseArrayAttr I32Array(IEnumerable<int> values) => new(I32, values.Select(v => Number(v)).ToArray());

    /// <summary>The texts of 0..255, which dense arrays of sizes, dimensions and permutations mostly hold.</summary>
    private static readonly string[] SmallNumbers = Enumerable.Range(0, 256).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray();

    private static string Number(long v) => (ulong)v < (ulong)SmallNumbers.Length ? SmallNumbers[v] : v.ToString(CultureInfo.InvariantCulture);

    /// <summary>The <c>operandSegmentSizes</c> property.</summary>
    public static NamedAttribute Segments(params int[] sizes)
    {
        // Up to 7 sizes below 256 fit a key: each op of a file shares its attribute with the ops of the same segments.
        if (sizes.Length > 7) return new("operandSegmentSizes", I32Array(sizes));
        ulong key = (ulong)sizes.Length << 56;
        for (int i = 0; i < sizes.Length; i++)
        {
            if ((uint)sizes[i] > 255) return new("operandSegmentSizes", I32Array(sizes));
            key |= (ulong)sizes[i] << (8 * i);
        }
        return SegmentsByKey.GetOrAdd(key, static (_, s) => new NamedAttribute("operandSegmentSizes", I32Array(s)), sizes);
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<ulong, NamedAttribute> SegmentsByKey = new();

    public static IntegerAttr I64Attr(long value) => new(value, I64);

    /// <summary>
    /// A group of operands with their types: <c>(%a, %b : T1, T2)</c> (or empty <c>()</c>). Returns the value items and types.
    /// </summary>
    public (List<Item> Values, IReadOnlyList<MlirType> Types) TypedOperands(Item group)
    {
        var g = Sub(group);
        var values = g.ValueList();
        IReadOnlyList<MlirType> types = values.Count > 0 ? g.ColonTypes() : [];
        g.ExpectEnd();
        if (types.Count != values.Count) throw Mismatch($"operand and type counts differ in '{Name}'");
        return (values, types);
    }

    /// <summary>Region arguments declared outside the region: <c>(%in: f32, %acc: f32)</c>.</summary>
    public List<IRBuilder.EntryArgument> Arguments(Item group)
    {
        var g = Sub(group);
        var args = new List<IRBuilder.EntryArgument>();
        while (!g.AtEnd)
        {
            var name = g.Expect(ItemKind.Value);
            var t = g.ColonTypes();
            if (t.Count != 1) throw Mismatch($"expected one type per argument in '{Name}'");
            if (g.NextIs(ItemKind.AttrDict)) g.Next();
            Location? loc = g.Peek() is { Kind: ItemKind.Attribute, Attribute: Location l } ? l : null;
            if (loc is not null) g.Next();
            args.Add(new IRBuilder.EntryArgument(name.Text, t[0], loc, Span(name)));
            if (!g.AtEnd) g.Punct(",");
        }
        return args;
    }

    /// <summary>
    /// Optional loop-carried values <c>keyword(%arg = %init, ...) -&gt; (T, ...)</c> (scf.for / affine.for
    /// <c>iter_args</c>, scf.forall <c>shared_outs</c>): the pairs and their types, one type per pair; empty when the
    /// keyword is absent.
    /// </summary>
    public (List<(Item Arg, Item Init)> Pairs, List<MlirType> Types) LoopCarried(string keyword)
    {
        if (!TryKeyword(keyword)) return ([], []);
        var pairs = Assignments(Group('('));
        var types = ArrowTypes();
        if (types.Count != pairs.Count) throw Mismatch($"{keyword} and result types differ");
        return (pairs, types);
    }

    /// <summary>The value before the first comma of a store-like op (<c>%v, %dest[...]</c>) when <paramref name="present"/>; else null.</summary>
    public Item? LeadingValue(bool present)
    {
        if (!present) return null;
        var value = Expect(ItemKind.Value);
        Punct(",");
        return value;
    }

    /// <summary>An assignment list <c>(%x = %init, %y = %v)</c>: the declared names and the initial values.</summary>
    public List<(Item Arg, Item Init)> Assignments(Item group)
    {
        var g = Sub(group);
        var list = new List<(Item, Item)>();
        while (!g.AtEnd)
        {
            var arg = g.Expect(ItemKind.Value);
            g.Punct("=");
            list.Add((arg, g.Expect(ItemKind.Value)));
            if (!g.AtEnd) g.Punct(",");
        }
        return list;
    }

    /// <summary>A list of types in a group: <c>(T1, T2)</c>.</summary>
    public List<MlirType> TypeGroup(Item group)
    {
        var g = Sub(group);
        var types = new List<MlirType>();
        while (!g.AtEnd)
        {
            types.Add(g.TypeItem());
            if (!g.AtEnd) g.Punct(",");
        }
        return types;
    }

    /// <summary>Optional <c>-&gt; T</c> or <c>-&gt; (T1, T2)</c>; empty when there is no arrow.</summary>
    public List<MlirType> ArrowTypes()
    {
        if (!TryPunct("->")) return [];
        if (NextIsGroup('(')) return TypeGroup(Next());
        return [TypeItem()];
    }

    /// <summary>
    /// An optional attribute dictionary, also when the grammar read it as a region (<c>{a.b}</c>); with
    /// <paramref name="withKeyword"/> also <c>attributes {...}</c>. Empty when there is none.
    /// </summary>
    public DictionaryAttr Dict(bool withKeyword = false)
    {
        if (withKeyword && NextIs(ItemKind.AttributesKeyword)) return (DictionaryAttr)Next().Attribute!;
        if (NextIs(ItemKind.AttrDict)) return (DictionaryAttr)Next().Attribute!;
        if (withKeyword && TryKeyword("attributes"))
        {
            return NextIs(ItemKind.Region) ? RegionAsDict(Next()) ?? throw Mismatch($"expected a dictionary in '{Name}'") : throw Mismatch($"expected a dictionary in '{Name}'");
        }
        if (Peek() is { Kind: ItemKind.Region } r && RegionAsDict(r) is { } d)
        {
            position++;
            return d;
        }
        return DictionaryAttr.Empty;
    }

    /// <summary>True when the next item is an attribute dictionary (or a region that reads as one).</summary>
    public bool AtDict => NextIs(ItemKind.AttrDict) || (Peek() is { Kind: ItemKind.Region } r && RegionAsDict(r) is not null);

    /// <summary>Reads a region item as an attribute dictionary, or null when it is not one.</summary>
    public DictionaryAttr? RegionAsDict(Item regionItem)
    {
        if (regionItem.Region is not { } rc || rc.block().Length > 0) return null;
        var entries = new List<NamedAttribute>();
        foreach (var op in rc.operation())
        {
            if (op.opResultList() is not null || op.trailingLocation() is not null || op.customOperation() is not { } co) return null;
            var sub = new OpReader(Builder, Name, ItemsOf(co), Context, 0);
            string key = IRBuilder.TextOf(co.opName());
            while (true)
            {
                MlirAttribute value = UnitAttr.Instance;
                if (sub.TryPunct("="))
                {
                    if (sub.AttributeValue() is not { } v) return null;
                    value = v;
                }
                entries.Add(new NamedAttribute(key, value));
                if (sub.AtEnd) break;
                if (!sub.TryPunct(",")) return null;
                if (sub.NextIs(ItemKind.Keyword)) key = sub.Next().Text;
                else if (sub.NextIs(ItemKind.String)) key = Builder.DecodeString(sub.Next().Token);
                else return null;
            }
        }
        return new DictionaryAttr(entries);
    }

    /// <summary>The items of a custom op nested in a region (the first item and the rest).</summary>
    public List<Item> ItemsOf(CustomOperationContext co) => Builder.ItemsOf(co);

    /// <summary>
    /// An attribute value written as items (for dictionaries the grammar read as regions, and attribute operands of
    /// custom ops); null if not one. As in the grammar's <c>attributeValue</c>, numbers, strings and dialect
    /// attributes may carry <c>: type</c>.
    /// </summary>
    public MlirAttribute? AttributeValue()
    {
        var item = Peek();
        if (item is null) return null;
        bool negative = item.IsPunct("-");
        if (negative) item = Peek(1);
        if (item is { Kind: ItemKind.Integer or ItemKind.Float })
        {
            position += negative ? 2 : 1;
            return OptionalAttributeType(out var type) ? Builder.NumberAttribute(negative, item.Token, type) : null;
        }
        if (negative || item is null) return null;
        switch (item.Kind)
        {
            case ItemKind.String:
                position++;
                return OptionalAttributeType(out var stringType) ? new StringAttr(Builder.DecodeStringBytes(item.Token), stringType) : null;
            case ItemKind.Attribute when item.Attribute is TextAttr { Type: null } text:
                // `#dialect.attr<...> : type` (`#ml_program.extern : tensor<2xf32>`).
                position++;
                return !OptionalAttributeType(out var textType) ? null
                    : textType is null ? text : new TextAttr(text.Kind, text.Text, textType);
            case ItemKind.Attribute:
                position++;
                return item.Attribute;
            case ItemKind.Type:
                position++;
                return new TypeAttr(item.Type!);
            case ItemKind.AttrDict:
                position++;
                return item.Attribute;
            case ItemKind.Region:
                position++;
                return RegionAsDict(item);
            case ItemKind.Group when item.Open == '[':
            {
                position++;
                var g = Sub(item);
                var elements = new List<MlirAttribute>();
                while (!g.AtEnd)
                {
                    if (g.AttributeValue() is not { } e) return null;
                    elements.Add(e);
                    if (!g.AtEnd && !g.TryPunct(",")) return null;
                }
                return new ArrayAttr(elements);
            }
            default:
                return null;
        }
    }

    /// <summary>
    /// Moves the op's inherent attributes that custom syntax writes in its attribute dictionary
    /// (<c>{alignment = 8}</c>) into <paramref name="properties"/>; returns the dictionary without them.
    /// </summary>
    public static DictionaryAttr MoveInherent(DictionaryAttr attrs, List<NamedAttribute> properties, params string[] names)
    {
        foreach (var name in names)
        {
            if (attrs.Get(name) is not { } value) continue;
            properties.Add(new NamedAttribute(name, value));
            attrs = attrs.Without(name);
        }
        return attrs;
    }

    /// <summary>An optional <c>: type</c> after an attribute value; false when more than one type follows the colon.</summary>
    private bool OptionalAttributeType(out MlirType? type)
    {
        type = null;
        if (!NextIs(ItemKind.ColonTypes)) return true;
        if (Peek()!.Types.Count != 1) return false;
        type = Next().Types[0];
        return true;
    }

    /// <summary>The region item at the cursor, unbuilt (build it with <see cref="BuildRegion"/> once the op's syntax is read).</summary>
    public Item RegionItem() => Expect(ItemKind.Region);

    /// <summary>The region context of a region item (for formats that look inside: <c>{ arith.addf }</c>).</summary>
    public static RegionContext? RegionContextOf(Item item) => item.Region;

    /// <summary>Uses values that all have one type.</summary>
    public IEnumerable<Value> UseAll(IEnumerable<Item> items, MlirType? type)
    {
        if (items is not IReadOnlyList<Item> list) return items.Select(i => Use(i, type)).ToList();
        var values = new Value[list.Count];
        for (int k = 0; k < values.Length; k++) values[k] = Use(list[k], type);
        return values;
    }

    /// <summary>Uses values with their types.</summary>
    public List<Value> UseAll(IReadOnlyList<Item> items, IReadOnlyList<MlirType> types)
    {
        var values = new List<Value>(items.Count);
        for (int k = 0; k < items.Count; k++) values.Add(Use(items[k], types[k]));
        return values;
    }
}
