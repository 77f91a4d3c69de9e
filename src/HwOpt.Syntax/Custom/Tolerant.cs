using HwOpt.IR;

namespace HwOpt.Syntax.Custom;

/// <summary>
/// Tolerant mode: reads an op whose custom syntax hwopt does not know. It recovers the op name, the SSA values it
/// uses (at any bracket depth outside its regions), the result types (the types after the last top-level ':' or,
/// if one follows, after the last top-level '->'; a function type gives its results), attribute dictionaries and
/// regions; names declared by the op for its regions (<c>%i = %lb</c>, <c>(%x: f32)</c>) become entry-block
/// arguments of each region whose entry block has no label of its own. The op is marked opaque and keeps its source
/// text.
/// </summary>
internal static class Tolerant
{
    public static Operation Read(OpReader r)
    {
        var operands = new List<Value>();
        var entryArgs = new List<IRBuilder.EntryArgument>();
        var attributes = new List<NamedAttribute>();
        var regions = new List<Item>();
        var argNames = new HashSet<string>(StringComparer.Ordinal);
        IReadOnlyList<MlirType>? resultTypes = null;
        bool hasRegion = r.Items.Any(i => i.Kind == ItemKind.Region);
        Collect(hasRegion, r, r.Items, topLevel: true, operands, entryArgs, argNames, attributes, regions, ref resultTypes);

        // The declared names are in scope in every region that does not name its entry block's arguments itself
        // (`stablehlo.while(%i = %c0) ... cond { uses %i } do { uses %i }`).
        var builtRegions = new List<Region>();
        foreach (var region in regions)
        {
            bool labelsItsEntry = region.Region is { } rc && rc.operation().Length == 0 && rc.block().Length > 0;
            builtRegions.Add(r.BuildRegion(region, labelsItsEntry ? null : entryArgs));
        }

        var types = new List<MlirType>();
        int want = r.ExpectedResults;
        var found = resultTypes ?? [];
        for (int i = 0; i < want; i++)
        {
            types.Add(found.Count == want ? found[i] : found.Count == 1 ? found[0] : NoneType.Instance);
        }
        var op = r.Create(r.Name, types, operands, attributes: new DictionaryAttr(attributes), regions: builtRegions);
        op.IsOpaque = true;
        op.SourceText = r.Builder.SourceTextOf(r.Context);
        return op;
    }

    private static void Collect(bool hasRegion, OpReader r, IReadOnlyList<Item> items, bool topLevel, List<Value> operands,
        List<IRBuilder.EntryArgument> entryArgs, HashSet<string> argNames, List<NamedAttribute> attributes, List<Item> regions,
        ref IReadOnlyList<MlirType>? resultTypes, bool signature = false)
    {
        bool afterArrow = false;
        List<MlirType>? arrowTypes = null;
        for (int i = 0; i < items.Count; i++)
        {
            var item = items[i];
            switch (item.Kind)
            {
                case ItemKind.Value when topLevel && afterArrow:
                {
                    // A result tied to an operand (`-> %arg0`, `-> %arg0 as T`, `-> %arg0{%d}` in IREE) has its type,
                    // unless a type follows; a value the op already uses is not used twice.
                    var tied = argNames.Contains(item.Text) ? null : r.Use(item, null);
                    if (tied is not null && !operands.Contains(tied)) operands.Add(tied);
                    if (tied is { Type: not NoneType } && !EndsInRegion(items, i + 1)) resultTypes = [tied.Type];
                    break;
                }
                case ItemKind.Value:
                {
                    var next = i + 1 < items.Count ? items[i + 1] : null;
                    // A name the op introduces for its region: `%i = %lb`, `(%x: f32)`, or any name not yet defined
                    // inside a bracket of an op that has a region (`blocks(%bx, %by) in ...`).
                    bool declares = !r.Builder.IsDefined(item.Text) && !argNames.Contains(item.Text)
                        && ((next is not null && (next.IsPunct("=") || next.Kind is ItemKind.ColonTypes)) || (hasRegion && !topLevel) || signature);
                    if (declares)
                    {
                        bool typed = next is { Kind: ItemKind.ColonTypes, Types.Count: >= 1 };
                        argNames.Add(item.Text);
                        entryArgs.Add(new IRBuilder.EntryArgument(item.Text, typed ? next!.Types[0] : NoneType.Instance, null, r.Span(item)));
                        if (typed) i++;
                    }
                    else if (!argNames.Contains(item.Text))
                    {
                        operands.Add(r.Use(item, null));
                    }
                    break;
                }
                case ItemKind.ColonTypes when topLevel:
                    resultTypes = item.Types.Count == 1 && item.Types[0] is FunctionType f ? f.Results : item.Types;
                    afterArrow = false;
                    break;
                case ItemKind.Punct when topLevel && item.Text is "->" or "=>":
                    afterArrow = true;
                    arrowTypes = null;
                    break;
                case ItemKind.Type when topLevel && afterArrow:
                {
                    // `-> T1, T2` lists several results. Types right before a region are that region's signature
                    // (`count(%x: index) -> (index) {`), not the op's results.
                    var list = arrowTypes is not null && i > 0 && items[i - 1].IsPunct(",") ? arrowTypes : new List<MlirType>();
                    list.Add(item.Type!);
                    arrowTypes = list;
                    int next = i + 1;
                    while (next < items.Count && IsSizes(items[next])) next++;
                    if (resultTypes is null || !EndsInRegion(items, i + 1)) resultTypes = list.ToArray();
                    afterArrow = next + 1 < items.Count && items[next].IsPunct(",") && items[next + 1].Kind == ItemKind.Type;
                    break;
                }
                case ItemKind.Group when topLevel && afterArrow && item.Open == '(' && ResultList(r, item.Children, argNames) is { } listed:
                {
                    // `-> (T1, T2)`, `-> (%a, %b{%n})`, `-> (%a as T)`: a tied value the op already uses is not used twice.
                    foreach (var tied in item.Children.Where(c => c.Kind == ItemKind.Value).Select(c => r.Use(c, null)))
                    {
                        if (!operands.Contains(tied)) operands.Add(tied);
                    }
                    foreach (var sizes in item.Children.Where(IsSizes))
                    {
                        operands.AddRange(sizes.Children.Select(c => r.Use(c, null)));
                    }
                    if (resultTypes is null || !EndsInRegion(items, i + 1)) resultTypes = listed;
                    afterArrow = false;
                    break;
                }
                case ItemKind.Group when i + 1 < items.Count && items[i + 1].IsPunct("=") && item.Children.All(c => c.Kind == ItemKind.Value || c.IsPunct(",")):
                    // `(%i, %j) = (...)`: the op declares induction variables for its region.
                    foreach (var c in item.Children.Where(c => c.Kind == ItemKind.Value && !r.Builder.IsDefined(c.Text) && argNames.Add(c.Text)))
                    {
                        entryArgs.Add(new IRBuilder.EntryArgument(c.Text, IndexType.Instance, null, r.Span(c)));
                    }
                    break;
                case ItemKind.Group or ItemKind.ColonGroup:
                {
                    // The arguments of a function-like declaration without a body (`@f(%a[%o for %n]: T, %b: i32)`)
                    // are names it declares, not uses.
                    bool declaration = signature || (topLevel && !hasRegion && item.Open == '(' && i > 0
                        && items[i - 1] is { Kind: ItemKind.Attribute, Attribute: SymbolRefAttr });
                    IReadOnlyList<MlirType>? inner = null;
                    Collect(hasRegion, r, item.Children, topLevel: false, operands, entryArgs, argNames, attributes, regions, ref inner, declaration);
                    break;
                }
                case ItemKind.AttrDict or ItemKind.AttributesKeyword when topLevel:
                    attributes.AddRange(((DictionaryAttr)item.Attribute!).Entries);
                    break;
                case ItemKind.Region:
                    regions.Add(item);
                    break;
            }
            // An arrow's types are the items right after it (tied values, `as`, sizes `{%d}` may come between);
            // anything else ends that expectation.
            if (!(item.Kind is ItemKind.Punct or ItemKind.Type or ItemKind.Value || item.IsKeyword("as") || IsSizes(item))
                || item.IsPunct("=")) afterArrow = false;
        }
    }

    /// <summary>
    /// The result types a group after an arrow lists: its comma-separated entries are types or values tied to a
    /// result (<c>%a</c>, <c>%a as T</c>), each with optional sizes <c>{%d}</c>; a tied value without a type has its
    /// own. Null when the group is something else (a region's argument list).
    /// </summary>
    private static MlirType[]? ResultList(OpReader r, IReadOnlyList<Item> children, HashSet<string> argNames)
    {
        if (children.Count == 0) return null;
        var types = new List<MlirType>();
        MlirType? entry = null;
        bool any = false;
        foreach (var c in children)
        {
            if (c.IsPunct(","))
            {
                if (!any) return null;
                types.Add(entry ?? NoneType.Instance);
                entry = null;
                any = false;
            }
            else if (c.Kind == ItemKind.Type) { entry = c.Type; any = true; }
            else if (c.Kind == ItemKind.Value && !argNames.Contains(c.Text) && r.Builder.IsDefined(c.Text)) { entry ??= r.Use(c, null).Type; any = true; }
            else if (!(IsSizes(c) || c.IsKeyword("as"))) return null;
        }
        if (!any) return null;
        types.Add(entry ?? NoneType.Instance);
        return types.ToArray();
    }

    /// <summary>The dynamic sizes after a type: <c>{%a, %b}</c>.</summary>
    private static bool IsSizes(Item item) =>
        item is { Kind: ItemKind.Group, Open: '{' } && item.Children.Count > 0 && item.Children.All(c => c.Kind == ItemKind.Value);

    /// <summary>Whether the items from <paramref name="from"/> reach a region before anything but sizes <c>{%d}</c>.</summary>
    private static bool EndsInRegion(IReadOnlyList<Item> items, int from)
    {
        for (int i = from; i < items.Count; i++)
        {
            if (items[i].Kind == ItemKind.Region) return true;
            if (!IsSizes(items[i])) return false;
        }
        return false;
    }
}
