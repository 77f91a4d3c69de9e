using HwOpt.IR;

namespace HwOpt.Syntax.Custom;

/// <summary>
/// Formats of the linalg dialect (MLIR 19): linalg.generic, the named structured ops (region synthesized by
/// <see cref="LinalgBodies"/>), map, reduce, transpose, broadcast, softmax, index. Operands are
/// <c>ins(%a, ... : T, ...)</c> then <c>outs(...)</c>; results are the tensor outputs.
/// </summary>
internal static class LinalgFormats
{
    // Attributes are immutable: every linalg.generic shares these.
    private static readonly TextAttr ParallelIterator = new(TextAttrKind.Dialect, "#linalg.iterator_type<parallel>");
    private static readonly TextAttr ReductionIterator = new(TextAttrKind.Dialect, "#linalg.iterator_type<reduction>");

    private sealed record Parts(List<Item> Ins, IReadOnlyList<MlirType> InTypes, List<Item> Outs, IReadOnlyList<MlirType> OutTypes);

    /// <summary>
    /// <c>[attrs] [ins(...)] [outs(...)] [-&gt; T, ...]</c> with the region built from <c>params.body</c> (named ops:
    /// matmul, conv_*, pooling_*, fill, copy, add, exp, ...).
    /// </summary>
    public static Operation Named(OpReader r, OpEntry e)
    {
        if (r.NextIsGroup('<')) throw OpReader.Mismatch("properties in custom form are not supported");
        var attrs = r.Dict();
        var parts = InsOuts(r);
        var results = r.ArrowTypes();
        r.ExpectEnd();
        string kind = e.Params.GetValueOrDefault("body") ?? throw OpReader.Mismatch("no body kind for a named linalg op");
        var body = r.Builder.NamedOpBody(kind, parts.InTypes, parts.OutTypes, attrs);
        var operands = Use(r, parts);
        var props = new List<NamedAttribute> { OpReader.Segments(parts.Ins.Count, parts.Outs.Count) };
        var op = r.Create(r.Name, results, operands, props, attrs);
        op.SetRegionsOnDemand(body);
        return op;
    }

    /// <summary>
    /// <c>{indexing_maps = ..., iterator_types = [...], ...} [attrs] [ins(...)] [outs(...)] [attrs = {...}] { region } [-&gt; T, ...]</c>.
    /// Iterator types written as strings become <c>#linalg.iterator_type&lt;...&gt;</c>.
    /// </summary>
    public static Operation Generic(OpReader r, OpEntry e)
    {
        // The trait dictionary may be written inline or as an alias of one (`linalg.generic #trait ins(...)`).
        DictionaryAttr traits;
        if (r.AtDict) traits = r.Dict();
        else if (r.Peek() is { Kind: ItemKind.Attribute, Attribute: DictionaryAttr aliased }) { r.Next(); traits = aliased; }
        else throw OpReader.Mismatch("expected the linalg.generic trait dictionary");
        // A second dictionary may follow; the one before the end (or before `-> T`) is the region.
        var extra = r.AtDict && r.Peek(1) is { } after && !after.IsPunct("->") ? r.Dict() : DictionaryAttr.Empty;
        var parts = InsOuts(r);
        var more = DictionaryAttr.Empty;
        if (r.TryKeyword("attrs"))
        {
            r.Punct("=");
            if (!r.AtDict) throw OpReader.Mismatch("expected a dictionary after 'attrs ='");
            more = r.Dict();
        }
        var region = r.RegionItem();
        var results = r.ArrowTypes();
        r.ExpectEnd();

        if (traits.Get("iterator_types") is not ArrayAttr iterators) throw OpReader.Mismatch("expected iterator_types");
        var iteratorAttrs = new List<MlirAttribute>();
        foreach (var it in iterators.Elements)
        {
            iteratorAttrs.Add(it switch
            {
                StringAttr { Value: "parallel" } => ParallelIterator,
                StringAttr { Value: "reduction" } => ReductionIterator,
                _ => throw OpReader.Mismatch("unexpected iterator type"),
            });
        }
        var props = new List<NamedAttribute>
        {
            new("iterator_types", new ArrayAttr(iteratorAttrs)),
            OpReader.Segments(parts.Ins.Count, parts.Outs.Count),
        };
        var discardable = new List<NamedAttribute>();
        foreach (var entry in traits.Entries.Concat(extra.Entries).Concat(more.Entries))
        {
            if (entry.Name == "iterator_types") continue;
            if (entry.Name is "indexing_maps" or "doc" or "library_call") props.Add(entry); else discardable.Add(entry);
        }
        var operands = Use(r, parts);
        var body = r.BuildRegion(region, null);
        return r.Create(r.Name, results, operands, props, new DictionaryAttr(discardable), [body]);
    }

    /// <summary>
    /// <c>[{ payload [attrs] }] ins(...) outs(...) [attrs] [(%a: T, ...) { region }]</c> (linalg.map) and the same with
    /// <c>dimensions = [..]</c> after outs (linalg.reduce).
    /// </summary>
    public static Operation MapReduce(OpReader r, OpEntry e)
    {
        bool isReduce = e.Params.GetValueOrDefault("kind") == "reduce";
        (string Name, DictionaryAttr Attrs)? payload = null;
        if (r.NextIs(ItemKind.Region)) payload = PayloadOf(r, r.Next());
        else if (r.Peek() is { Kind: ItemKind.AttrDict, Attribute: DictionaryAttr { Count: 1 } d } && d.Entries[0] is { Value: UnitAttr } only && only.Name.Contains('.'))
        {
            // `{ arith.addf }` read as a dictionary holding one unit entry.
            r.Next();
            payload = (only.Name, DictionaryAttr.Empty);
        }
        var parts = InsOuts(r);
        var props = new List<NamedAttribute>();
        if (isReduce) props.Add(DimensionsAttr(r, "dimensions"));
        var attrs = r.Dict();
        List<IRBuilder.EntryArgument>? args = null;
        Item? region = null;
        if (payload is null)
        {
            args = r.Arguments(r.Group('('));
            region = r.RegionItem();
        }
        r.ExpectEnd();
        if (parts.Outs.Count == 0) throw OpReader.Mismatch("expected outs");

        var operands = Use(r, parts);
        Region body;
        if (payload is { } p)
        {
            var argTypes = isReduce ? parts.InTypes.Concat(parts.OutTypes).ToList() : parts.InTypes.ToList();
            body = LinalgBodies.Payload(p.Name, p.Attrs, argTypes, parts.OutTypes[^1], initFirst: isReduce);
        }
        else
        {
            body = r.BuildRegion(region!, args);
        }
        return r.Create(r.Name, TensorResults(parts), operands, props, attrs, [body]);
    }

    /// <summary><c>ins(%x : T) outs(%y : R) permutation = [..]</c> / <c>dimensions = [..]</c> (linalg.transpose, linalg.broadcast).</summary>
    public static Operation TransposeBroadcast(OpReader r, OpEntry e)
    {
        string attrName = e.Params.GetValueOrDefault("attribute", "permutation");
        var parts = InsOuts(r);
        var props = new List<NamedAttribute> { DimensionsAttr(r, attrName) };
        var attrs = r.Dict();
        r.ExpectEnd();
        if (parts.Ins.Count != 1 || parts.Outs.Count != 1) throw OpReader.Mismatch("expected one input and one output");
        var body = r.Builder.NamedOpBody("identity", parts.InTypes, parts.OutTypes, attrs);
        var operands = Use(r, parts);
        var op = r.Create(r.Name, TensorResults(parts), operands, props, attrs);
        op.SetRegionsOnDemand(body);
        return op;
    }

    /// <summary><c>[attrs] dimension(N) ins(%x : T) outs(%y : T) [-&gt; T]</c> (linalg.softmax).</summary>
    public static Operation Softmax(OpReader r, OpEntry e)
    {
        var attrs = r.Dict();
        r.Keyword("dimension");
        var g = r.Sub(r.Group('('));
        long dim = g.Integer();
        g.ExpectEnd();
        var parts = InsOuts(r);
        var results = r.ArrowTypes();
        r.ExpectEnd();
        if (parts.Ins.Count != 1 || parts.Outs.Count != 1) throw OpReader.Mismatch("expected one input and one output");
        var operands = Use(r, parts);
        return r.Create(r.Name, results, operands, [new NamedAttribute("dimension", OpReader.I64Attr(dim))], attrs);
    }

    /// <summary><c>N [attrs] : index</c> (linalg.index).</summary>
    public static Operation Index(OpReader r, OpEntry e)
    {
        long dim = r.Integer();
        var attrs = r.Dict();
        var type = r.ColonType();
        r.ExpectEnd();
        return r.Create(r.Name, [type], [], [new NamedAttribute("dim", OpReader.I64Attr(dim))], attrs);
    }

    private static Parts InsOuts(OpReader r)
    {
        List<Item> ins = [], outs = [];
        IReadOnlyList<MlirType> inTypes = [], outTypes = [];
        if (r.TryKeyword("ins")) (ins, inTypes) = r.TypedOperands(r.Group('('));
        if (r.TryKeyword("outs")) (outs, outTypes) = r.TypedOperands(r.Group('('));
        return new Parts(ins, inTypes, outs, outTypes);
    }

    private static List<Value> Use(OpReader r, Parts p)
    {
        var operands = r.UseAll(p.Ins, p.InTypes);
        operands.AddRange(r.UseAll(p.Outs, p.OutTypes));
        return operands;
    }

    private static List<MlirType> TensorResults(Parts p) => p.OutTypes.Where(t => t is TensorType { Shape: not null }).ToList();

    /// <summary><c>name = [1, 2]</c> as a DenseI64ArrayAttr property.</summary>
    private static NamedAttribute DimensionsAttr(OpReader r, string name)
    {
        r.Keyword(name);
        r.Punct("=");
        return new NamedAttribute(name, OpReader.I64Array(r.IntegerList(r.Group('['))));
    }

    /// <summary>The payload op of the short form <c>{ arith.addf [attrs] }</c>.</summary>
    private static (string, DictionaryAttr) PayloadOf(OpReader r, Item region)
    {
        var ctx = OpReader.RegionContextOf(region);
        if (ctx is null || ctx.block().Length != 0 || ctx.operation().Length != 1) throw OpReader.Mismatch("expected one payload op");
        var op = ctx.operation()[0];
        if (op.opResultList() is not null || op.trailingLocation() is not null || op.customOperation() is not { } co) throw OpReader.Mismatch("expected a payload op name");
        var sub = new OpReader(r.Builder, r.Name, r.ItemsOf(co), r.Context, 0);
        var attrs = sub.Dict();
        sub.ExpectEnd();
        return (IRBuilder.TextOf(co.opName()), attrs);
    }
}
