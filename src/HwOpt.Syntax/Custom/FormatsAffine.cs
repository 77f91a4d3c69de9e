using System.Text;
using HwOpt.IR;

namespace HwOpt.Syntax.Custom;

/// <summary>
/// Formats of the affine dialect (MLIR 19): affine.apply / min / max, the loop and conditional ops (affine.for,
/// affine.if) and the memory ops with affine subscripts (affine.load / store / vector_load / vector_store).
/// </summary>
/// <remarks>
/// A subscript list such as <c>%A[%i + 3, symbol(%n) * 2]</c> is read as MLIR's <c>parseAffineMapOfSSAIds</c>
/// reads it: each distinct SSA value becomes a dimension (<c>d0, d1, ...</c>, in order of first use), each distinct
/// <c>symbol(%x)</c> a symbol (<c>s0, ...</c>); the op's <c>map</c> property is the map of those expressions and its
/// index operands are the dimensions, then the symbols.
/// </remarks>
internal static class AffineFormats
{
    private static readonly IndexType Index = IndexType.Instance;

    /// <summary><c>affine.apply #map(%d0, ...)[%s0, ...]</c>, all operands and the result index.</summary>
    public static Operation MapApplication(OpReader r, OpEntry e)
    {
        var (map, operands) = MapOperands(r);
        var attrs = r.AttrDict();
        r.ExpectEnd();
        return r.Create(r.Name, [Index], operands.Select(o => r.Use(o, Index)), [new NamedAttribute("map", map)], attrs);
    }

    /// <summary>
    /// <c>%iv [loc(..)] = lb to ub [step N] [iter_args(%a = %init, ...) -&gt; (T, ...)] { body } [attrs]</c> where a bound
    /// is an integer, an SSA value (a symbol) or <c>[max|min] #map(%dims)[%symbols]</c>; the optional location is the
    /// induction variable's.
    /// </summary>
    public static Operation For(OpReader r, OpEntry e)
    {
        var iv = r.Expect(ItemKind.Value);
        Location? ivLoc = r.Peek() is { Kind: ItemKind.Attribute, Attribute: Location l } ? l : null;
        if (ivLoc is not null) r.Next();
        r.Punct("=");
        var (lowerMap, lowerOperands) = Bound(r, "max");
        r.Keyword("to");
        var (upperMap, upperOperands) = Bound(r, "min");
        long step = 1;
        if (r.TryKeyword("step")) step = r.Integer();
        var (iters, resultTypes) = r.LoopCarried("iter_args");
        var region = r.RegionItem();
        var attrs = r.Dict();
        r.ExpectEnd();

        var operands = new List<Value>();
        operands.AddRange(r.UseAll(lowerOperands, Index));
        operands.AddRange(r.UseAll(upperOperands, Index));
        operands.AddRange(iters.Select((it, i) => r.Use(it.Init, resultTypes[i])));
        var props = new List<NamedAttribute>
        {
            new("lowerBoundMap", lowerMap),
            OpReader.Segments(lowerOperands.Count, upperOperands.Count, iters.Count),
            new("step", new IntegerAttr(step, Index)),
            new("upperBoundMap", upperMap),
        };
        var args = new List<IRBuilder.EntryArgument> { new(iv.Text, Index, ivLoc, r.Span(iv)) };
        args.AddRange(iters.Select((it, i) => new IRBuilder.EntryArgument(it.Arg.Text, resultTypes[i], null, r.Span(it.Arg))));
        var body = r.BuildRegion(region, args);
        ImplicitTerminators.Ensure(body, "affine.yield");
        return r.Create(r.Name, resultTypes, operands, props, attrs, [body]);
    }

    /// <summary><c>#set(%dims)[%symbols] [-&gt; (T, ...)] { then } [else { else }] [attrs]</c>; <c>condition</c> is a discardable attribute.</summary>
    public static Operation If(OpReader r, OpEntry e)
    {
        if (r.Expect(ItemKind.Attribute).Attribute is not TextAttr { Kind: TextAttrKind.AffineSet } set) throw OpReader.Mismatch("expected an integer set");
        var operands = DimsAndSymbols(r);
        var resultTypes = r.ArrowTypes();
        var thenItem = r.RegionItem();
        Item? elseItem = r.TryKeyword("else") ? r.RegionItem() : null;
        var attrs = r.Dict();
        r.ExpectEnd();

        var thenRegion = r.BuildRegion(thenItem, []);
        ImplicitTerminators.Ensure(thenRegion, "affine.yield");
        var elseRegion = new Region();
        if (elseItem is not null)
        {
            elseRegion = r.BuildRegion(elseItem, []);
            ImplicitTerminators.Ensure(elseRegion, "affine.yield");
        }
        var discardable = new List<NamedAttribute> { new("condition", set) };
        discardable.AddRange(attrs.Entries);
        return r.Create(r.Name, resultTypes, operands.Select(o => r.Use(o, Index)), attributes: new DictionaryAttr(discardable),
            regions: [thenRegion, elseRegion]);
    }

    /// <summary>
    /// <c>[%value,] %memref[subscripts] [attrs] : M [, V]</c>. Params: <c>store: "true"</c> when a value is written,
    /// <c>vector: "true"</c> when the loaded or stored value is the vector type V (else M's element type).
    /// </summary>
    public static Operation Access(OpReader r, OpEntry e)
    {
        bool store = e.Params.GetValueOrDefault("store") == "true";
        bool vector = e.Params.GetValueOrDefault("vector") == "true";
        var value = r.LeadingValue(store);
        var memref = r.Expect(ItemKind.Value);
        var (map, indices) = Subscripts(r.Group('['));
        var attrs = r.AttrDict();
        var types = r.ColonTypes();
        r.ExpectEnd();
        if (types[0] is not MemRefType memrefType) throw OpReader.Mismatch("expected a memref type");
        MlirType element = vector
            ? (types.Count == 2 ? types[1] : throw OpReader.Mismatch("expected the vector type"))
            : (types.Count == 1 ? memrefType.ElementType : throw OpReader.Mismatch("expected one type"));
        var operands = new List<Value>();
        if (value is not null) operands.Add(r.Use(value, element));
        operands.Add(r.Use(memref, memrefType));
        operands.AddRange(r.UseAll(indices, Index));
        return r.Create(r.Name, store ? [] : [element], operands, [new NamedAttribute("map", map)], attrs);
    }

    /// <summary>
    /// <c>(%i, ...) = (lbs) to (ubs) [step (s, ...)] [reduce ("kind", ...)] [-&gt; (T, ...)] { body } [attrs]</c>, where a
    /// bound is an affine expression of SSA values or <c>max(...)</c> / <c>min(...)</c> of several. All lower bounds form
    /// one map (<c>lowerBoundsMap</c>, its expressions per bound in <c>lowerBoundsGroups</c>), likewise the upper bounds;
    /// the operands are the lower maps' dimensions and symbols, then the upper maps'.
    /// </summary>
    public static Operation Parallel(OpReader r, OpEntry e)
    {
        var ivs = r.ValuesOf(r.Group('('));
        r.Punct("=");
        var (lowerMap, lowerGroups, lowerOperands) = Bounds(r.Group('('), "max");
        r.Keyword("to");
        var (upperMap, upperGroups, upperOperands) = Bounds(r.Group('('), "min");
        if (lowerGroups.Count != ivs.Count || upperGroups.Count != ivs.Count) throw OpReader.Mismatch("expected one bound per induction variable");
        List<long> steps = ivs.Select(_ => 1L).ToList();
        if (r.TryKeyword("step"))
        {
            steps = r.IntegerList(r.Group('('));
            if (steps.Count != ivs.Count) throw OpReader.Mismatch("expected one step per induction variable");
        }
        var reductions = new List<MlirAttribute>();
        if (r.TryKeyword("reduce"))
        {
            foreach (var kind in r.Group('(').Children)
            {
                if (kind.IsPunct(",")) continue;
                if (kind.Kind != ItemKind.String) throw OpReader.Mismatch("expected a reduction kind string");
                int index = Array.IndexOf(MemrefFormats.AtomicKinds, r.Builder.DecodeString(kind.Token));
                if (index < 0) throw OpReader.Mismatch("unknown reduction kind");
                reductions.Add(OpReader.I64Attr(index));
            }
        }
        var resultTypes = r.ArrowTypes();
        var region = r.RegionItem();
        var attrs = r.Dict();
        r.ExpectEnd();

        var i32 = new IntegerType(32, Signedness.Signless);
        TextAttr Groups(List<int> sizes) =>
            new(TextAttrKind.DenseElements, $"dense<[{string.Join(", ", sizes)}]>", new TensorType([sizes.Count], i32, null));
        var props = new List<NamedAttribute>
        {
            new("lowerBoundsGroups", Groups(lowerGroups)),
            new("lowerBoundsMap", lowerMap),
            new("reductions", new ArrayAttr(reductions)),
            new("steps", new ArrayAttr(steps.Select(s => (MlirAttribute)OpReader.I64Attr(s)).ToList())),
            new("upperBoundsGroups", Groups(upperGroups)),
            new("upperBoundsMap", upperMap),
        };
        var operands = r.UseAll(lowerOperands, Index).Concat(r.UseAll(upperOperands, Index)).ToList();
        var body = r.BuildRegion(region, ivs.Select(iv => new IRBuilder.EntryArgument(iv.Text, Index, null, r.Span(iv))).ToList());
        ImplicitTerminators.Ensure(body, "affine.yield");
        return r.Create(r.Name, resultTypes, operands, props, attrs, [body]);
    }

    /// <summary>
    /// The bounds of affine.parallel, <c>(e, max(e, e), ...)</c>: one map of all their expressions, the number of
    /// expressions of each bound, and the map's dimension then symbol operands.
    /// </summary>
    private static (TextAttr Map, List<int> Groups, List<Item> Operands) Bounds(Item group, string minMax)
    {
        var dims = new List<Item>();
        var symbols = new List<Item>();
        var expressions = new List<string>();
        var groups = new List<int>();
        foreach (var entry in SplitAtCommas(group.Children))
        {
            if (entry is [{ Kind: ItemKind.Keyword } keyword, { Kind: ItemKind.Group, Open: '(' } inner] && keyword.Text == minMax)
            {
                var parts = SplitAtCommas(inner.Children);
                foreach (var part in parts) expressions.Add(Expression(part, dims, symbols));
                groups.Add(parts.Count);
            }
            else
            {
                expressions.Add(Expression(entry, dims, symbols));
                groups.Add(1);
            }
        }
        var map = MapOf(dims.Count, symbols.Count, string.Join(", ", expressions));
        dims.AddRange(symbols);
        return (map, groups, dims);
    }

    /// <summary>The items of a group split at its top-level commas (an empty group gives no parts).</summary>
    private static List<List<Item>> SplitAtCommas(IReadOnlyList<Item> items)
    {
        var parts = new List<List<Item>>();
        if (items.Count == 0) return parts;
        var current = new List<Item>();
        foreach (var item in items)
        {
            if (item.IsPunct(","))
            {
                parts.Add(current);
                current = [];
            }
            else
            {
                current.Add(item);
            }
        }
        parts.Add(current);
        return parts;
    }

    private static string Expression(IReadOnlyList<Item> items, List<Item> dims, List<Item> symbols)
    {
        if (items.Count == 0) throw OpReader.Mismatch("expected an affine expression");
        var text = new StringBuilder();
        AppendExpression(items, text, dims, symbols);
        return text.ToString();
    }

    /// <summary>A loop bound: an integer, an SSA value, or <c>[keyword] map(%dims)[%symbols]</c>.</summary>
    private static (TextAttr Map, List<Item> Operands) Bound(OpReader r, string minMax)
    {
        bool hasMinMax = r.TryKeyword(minMax);
        if (!hasMinMax && r.NextIs(ItemKind.Value))
        {
            return (AffineMap("()[s0] -> (s0)"), [r.Next()]);
        }
        if (!hasMinMax && (r.NextIs(ItemKind.Integer) || (r.Peek() is { } minus && minus.IsPunct("-") && r.Peek(1) is { Kind: ItemKind.Integer })))
        {
            bool negative = r.TryPunct("-");
            return (AffineMap($"() -> ({(negative ? "-" : "")}{r.Next().Text})"), []);
        }
        return MapOperands(r);
    }

    /// <summary><c>map(%dims)[%symbols]</c>: an affine map attribute followed by its dimension and symbol operands.</summary>
    private static (TextAttr Map, List<Item> Operands) MapOperands(OpReader r)
    {
        if (r.Expect(ItemKind.Attribute).Attribute is not TextAttr { Kind: TextAttrKind.AffineMap } map) throw OpReader.Mismatch("expected an affine map");
        return (map, DimsAndSymbols(r));
    }

    /// <summary><c>(%d, ...)[%s, ...]</c>: the dimension operands, then the optional symbol operands.</summary>
    private static List<Item> DimsAndSymbols(OpReader r)
    {
        var operands = r.ValuesOf(r.Group('('));
        if (r.NextIsGroup('[')) operands.AddRange(r.ValuesOf(r.Next()));
        return operands;
    }

    /// <summary>The map and index operands of a subscript list <c>[%i + 3, symbol(%n) * 2, ...]</c>.</summary>
    private static (TextAttr Map, List<Item> Operands) Subscripts(Item group)
    {
        var dims = new List<Item>();
        var symbols = new List<Item>();
        var text = new StringBuilder();
        AppendExpression(group.Children, text, dims, symbols);
        var map = MapOf(dims.Count, symbols.Count, text.ToString());
        dims.AddRange(symbols);
        return (map, dims);
    }

    /// <summary><c>affine_map&lt;(d0, ...)[s0, ...] -&gt; (results)&gt;</c>.</summary>
    private static TextAttr MapOf(int dimCount, int symbolCount, string results)
    {
        string dimList = string.Join(", ", Enumerable.Range(0, dimCount).Select(i => $"d{i}"));
        string symbolList = symbolCount == 0 ? "" : "[" + string.Join(", ", Enumerable.Range(0, symbolCount).Select(i => $"s{i}")) + "]";
        return AffineMap($"({dimList}){symbolList} -> ({results})");
    }

    /// <summary>Writes subscript items as affine-expression text, numbering SSA values as dimensions and symbols.</summary>
    private static void AppendExpression(IReadOnlyList<Item> items, StringBuilder text, List<Item> dims, List<Item> symbols)
    {
        for (int i = 0; i < items.Count; i++)
        {
            var item = items[i];
            if (text.Length > 0 && text[^1] != '(') text.Append(' ');
            switch (item.Kind)
            {
                case ItemKind.Value:
                    text.Append('d').Append(IndexOf(dims, item));
                    break;
                case ItemKind.Keyword when item.Text == "symbol" && i + 1 < items.Count && items[i + 1] is { Kind: ItemKind.Group, Open: '(' } inner:
                    if (inner.Children is not [{ Kind: ItemKind.Value } symbol]) throw OpReader.Mismatch("expected one value in symbol(...)");
                    text.Append('s').Append(IndexOf(symbols, symbol));
                    i++;
                    break;
                case ItemKind.Group when item.Open == '(':
                    text.Append('(');
                    AppendExpression(item.Children, text, dims, symbols);
                    text.Append(')');
                    break;
                case ItemKind.Integer or ItemKind.Keyword or ItemKind.Punct:
                    text.Append(item.Text);
                    break;
                default:
                    throw OpReader.Mismatch("unexpected item in an affine subscript");
            }
        }
    }

    /// <summary>The position of an SSA value among those already numbered (by its spelling), adding it when new.</summary>
    private static int IndexOf(List<Item> values, Item value)
    {
        int index = values.FindIndex(v => v.Text == value.Text);
        if (index >= 0) return index;
        values.Add(value);
        return values.Count - 1;
    }

    private static TextAttr AffineMap(string body) => new(TextAttrKind.AffineMap, $"affine_map<{body}>");
}
