using HwOpt.IR;

namespace HwOpt.Syntax.Custom;

/// <summary>
/// Formats of the memref dialect (MLIR 19) that the tensor formats do not already cover: alloc/alloca, dealloc, copy,
/// global/get_global, reinterpret_cast, view, transpose.
/// </summary>
internal static class MemrefFormats
{
    private static readonly IndexType Index = IndexType.Instance;

    /// <summary><c>(%d, ...) [[%s, ...]] [attrs] : T</c> (memref.alloc, memref.alloca).</summary>
    public static Operation Alloc(OpReader r, OpEntry e)
    {
        var dyn = r.ValuesOf(r.Group('('));
        List<Item> symbols = [];
        if (r.NextIsGroup('['))
        {
            symbols = r.ValuesOf(r.Next());
        }
        var attrs = r.Dict();
        var type = r.ColonType();
        r.ExpectEnd();
        var operands = r.UseAll(dyn, Index).ToList();
        operands.AddRange(r.UseAll(symbols, Index));
        var props = new List<NamedAttribute> { OpReader.Segments(dyn.Count, symbols.Count) };
        attrs = OpReader.MoveInherent(attrs, props, "alignment");
        return r.Create(r.Name, [type], operands, props, attrs);
    }

    /// <summary>
    /// <c>%src [(%size)] [attrs] : S to D</c> (memref.realloc): the optional index operand is the dynamic size of
    /// the result; <c>alignment</c> is an inherent attribute (a property).
    /// </summary>
    public static Operation Realloc(OpReader r, OpEntry e)
    {
        var uses = r.ValueList();
        if (uses.Count != 1) throw OpReader.Mismatch("expected one source operand");
        if (r.NextIsGroup('('))
        {
            var size = r.ValuesOf(r.Next());
            if (size.Count != 1) throw OpReader.Mismatch("expected one dynamic size");
            uses.Add(size[0]);
        }
        var attrs = r.Dict();
        var from = r.ColonType();
        r.Keyword("to");
        var to = r.TypeItem();
        r.ExpectEnd();
        var operands = new List<Value> { r.Use(uses[0], from) };
        if (uses.Count == 2) operands.Add(r.Use(uses[1], Index));
        var props = new List<NamedAttribute>();
        attrs = OpReader.MoveInherent(attrs, props, "alignment");
        return r.Create(r.Name, [to], operands, props, attrs);
    }

    /// <summary><c>%a [attrs] : T</c> with no result (memref.dealloc, bufferization.dealloc_tensor).</summary>
    public static Operation Consume(OpReader r, OpEntry e)
    {
        var uses = r.ValueList();
        if (uses.Count != 1) throw OpReader.Mismatch("expected one operand");
        var attrs = r.Dict();
        var type = r.ColonType();
        r.ExpectEnd();
        return r.Create(r.Name, [], [r.Use(uses[0], type)], attributes: attrs);
    }

    /// <summary><c>%src, %dst [attrs] : S to D</c> (memref.copy).</summary>
    public static Operation Copy(OpReader r, OpEntry e)
    {
        var uses = r.ValueList();
        if (uses.Count != 2) throw OpReader.Mismatch("expected two operands");
        var attrs = r.Dict();
        var from = r.ColonType();
        r.Keyword("to");
        var to = r.TypeItem();
        r.ExpectEnd();
        return r.Create(r.Name, [], [r.Use(uses[0], from), r.Use(uses[1], to)], attributes: attrs);
    }

    /// <summary>
    /// <c>["private"] [constant] @name : T [= initial | = uninitialized] [attrs]</c> (memref.global). An initial
    /// value written without a type gets the tensor type of T's shape.
    /// </summary>
    public static Operation Global(OpReader r, OpEntry e)
    {
        var props = new List<NamedAttribute>();
        if (r.NextIs(ItemKind.String)) props.Add(new NamedAttribute("sym_visibility", new StringAttr(r.Builder.DecodeStringBytes(r.Next().Token), null)));
        if (r.TryKeyword("constant")) props.Add(new NamedAttribute("constant", UnitAttr.Instance));
        if (r.Expect(ItemKind.Attribute).Attribute is not SymbolRefAttr { Path.Count: 1 } sym) throw OpReader.Mismatch("expected a symbol name");
        props.Add(new NamedAttribute("sym_name", new StringAttr(sym.Path[0])));
        if (r.ColonType() is not MemRefType type) throw OpReader.Mismatch("expected a memref type");
        props.Add(new NamedAttribute("type", new TypeAttr(type)));
        if (r.TryPunct("="))
        {
            if (r.TryKeyword("uninitialized"))
            {
                props.Add(new NamedAttribute("initial_value", UnitAttr.Instance));
            }
            else
            {
                var init = r.Expect(ItemKind.Attribute).Attribute!;
                if (init is TextAttr { Type: null } text && text.Kind is TextAttrKind.DenseElements or TextAttrKind.DenseResource or TextAttrKind.SparseElements)
                {
                    init = new TextAttr(text.Kind, text.Text, new TensorType(type.Shape, type.ElementType, null));
                }
                props.Add(new NamedAttribute("initial_value", init));
            }
        }
        var attrs = r.Dict();
        r.ExpectEnd();
        attrs = OpReader.MoveInherent(attrs, props, "alignment");
        return r.Create(r.Name, [], [], props, attrs);
    }

    /// <summary><c>@name [attrs] : T</c> (memref.get_global).</summary>
    public static Operation GetGlobal(OpReader r, OpEntry e)
    {
        if (r.Expect(ItemKind.Attribute).Attribute is not SymbolRefAttr sym) throw OpReader.Mismatch("expected a symbol name");
        var attrs = r.Dict();
        var type = r.ColonType();
        r.ExpectEnd();
        return r.Create(r.Name, [type], [], [new NamedAttribute("name", sym)], attrs);
    }

    /// <summary><c>%src to offset: [..], sizes: [..], strides: [..] [attrs] : S to R</c> (memref.reinterpret_cast).</summary>
    public static Operation ReinterpretCast(OpReader r, OpEntry e)
    {
        var src = r.Expect(ItemKind.Value);
        r.Keyword("to");
        var lists = new List<(List<Item> Dynamic, List<long> Static)>();
        foreach (var key in new[] { "offset", "sizes", "strides" })
        {
            if (key != "offset") r.Punct(",");
            r.Keyword(key);
            var list = r.Expect(ItemKind.ColonGroup);
            lists.Add(r.DynamicIndexList(new Item { Kind = ItemKind.Group, Context = list.Context, Open = '[', Children = list.Children }));
        }
        var attrs = r.Dict();
        var srcType = r.ColonType();
        r.Keyword("to");
        var resultType = r.TypeItem();
        r.ExpectEnd();
        var operands = new List<Value> { r.Use(src, srcType) };
        foreach (var (dyn, _) in lists) operands.AddRange(r.UseAll(dyn, Index));
        var props = new List<NamedAttribute>
        {
            OpReader.Segments(1, lists[0].Dynamic.Count, lists[1].Dynamic.Count, lists[2].Dynamic.Count),
            new("static_offsets", OpReader.I64Array(lists[0].Static)),
            new("static_sizes", OpReader.I64Array(lists[1].Static)),
            new("static_strides", OpReader.I64Array(lists[2].Static)),
        };
        return r.Create(r.Name, [resultType], operands, props, attrs);
    }

    /// <summary><c>%src[%shift][%sizes...] [attrs] : S to R</c> (memref.view).</summary>
    public static Operation View(OpReader r, OpEntry e)
    {
        var src = r.Expect(ItemKind.Value);
        var shift = TensorFormats.IndexGroup(r, r.Group('['));
        if (shift.Count != 1) throw OpReader.Mismatch("expected one byte shift");
        var sizes = TensorFormats.IndexGroup(r, r.Group('['));
        var attrs = r.Dict();
        var srcType = r.ColonType();
        r.Keyword("to");
        var resultType = r.TypeItem();
        r.ExpectEnd();
        var operands = new List<Value> { r.Use(src, srcType), r.Use(shift[0], Index) };
        operands.AddRange(r.UseAll(sizes, Index));
        return r.Create(r.Name, [resultType], operands, attributes: attrs);
    }

    /// <summary><c>%src (d0, d1) -&gt; (d1, d0) [attrs] : S to R</c> (memref.transpose; the map is written without <c>affine_map&lt;&gt;</c>).</summary>
    public static Operation Transpose(OpReader r, OpEntry e)
    {
        var src = r.Expect(ItemKind.Value);
        var dims = r.Group('(');
        r.Punct("->");
        var results = r.Group('(');
        var attrs = r.Dict();
        var srcType = r.ColonType();
        r.Keyword("to");
        var resultType = r.TypeItem();
        r.ExpectEnd();
        string map = $"affine_map<{r.Builder.CanonicalText(dims.Context)} -> {r.Builder.CanonicalText(results.Context)}>";
        var props = new List<NamedAttribute> { new("permutation", new TextAttr(TextAttrKind.AffineMap, map)) };
        return r.Create(r.Name, [resultType], [r.Use(src, srcType)], props, attrs);
    }
    /// <summary>memref.atomic_rmw kinds in enum order (arith::AtomicRMWKind).</summary>
    internal static readonly string[] AtomicKinds =
        ["addf", "addi", "assign", "maximumf", "maxs", "maxu", "minimumf", "mins", "minu", "mulf", "muli", "ori", "andi", "maxnumf", "minnumf"];

    /// <summary><c>%m, N [attrs] : T</c> (memref.assume_alignment; no result in MLIR 19).</summary>
    public static Operation AssumeAlignment(OpReader r, OpEntry e)
    {
        var m = r.Expect(ItemKind.Value);
        r.Punct(",");
        long alignment = r.Integer();
        var attrs = r.Dict();
        var type = r.ColonType();
        r.ExpectEnd();
        var props = new List<NamedAttribute> { new("alignment", new IntegerAttr(alignment, new IntegerType(32, Signedness.Signless))) };
        return r.Create(r.Name, [], [r.Use(m, type)], props, attrs);
    }

    /// <summary>
    /// <c>%m[%i...] : M { ^bb0(%current: T): ... memref.atomic_yield %new : T } [attrs]</c>
    /// (memref.generic_atomic_rmw): the result has M's element type T; the region names its own argument.
    /// </summary>
    public static Operation GenericAtomicRmw(OpReader r, OpEntry e)
    {
        var m = r.Expect(ItemKind.Value);
        var indices = TensorFormats.IndexGroup(r, r.Group('['));
        if (r.ColonType() is not MemRefType type) throw OpReader.Mismatch("expected a memref type");
        var region = r.RegionItem();
        var attrs = r.Dict();
        r.ExpectEnd();
        var operands = new List<Value> { r.Use(m, type) };
        operands.AddRange(r.UseAll(indices, Index));
        var body = r.BuildRegion(region, null);
        return r.Create(r.Name, [type.ElementType], operands, attributes: attrs, regions: [body]);
    }

    /// <summary><c>kind %v, %m[%i...] [attrs] : (V, M) -&gt; R</c> (memref.atomic_rmw).</summary>
    public static Operation AtomicRmw(OpReader r, OpEntry e)
    {
        int kind = Array.IndexOf(AtomicKinds, r.Expect(ItemKind.Keyword).Text);
        if (kind < 0) throw OpReader.Mismatch("unknown atomic kind");
        var value = r.Expect(ItemKind.Value);
        r.Punct(",");
        var m = r.Expect(ItemKind.Value);
        var indices = TensorFormats.IndexGroup(r, r.Group('['));
        var attrs = r.Dict();
        if (r.ColonType() is not FunctionType { Inputs.Count: 2, Results.Count: 1 } fn) throw OpReader.Mismatch("expected a function type");
        r.ExpectEnd();
        var operands = new List<Value> { r.Use(value, fn.Inputs[0]), r.Use(m, fn.Inputs[1]) };
        operands.AddRange(r.UseAll(indices, Index));
        var props = new List<NamedAttribute> { new("kind", OpReader.I64Attr(kind)) };
        return r.Create(r.Name, fn.Results, operands, props, attrs);
    }

    /// <summary><c>%m[%i...], read|write, locality&lt;N&gt;, data|instr [attrs] : M</c> (memref.prefetch).</summary>
    public static Operation Prefetch(OpReader r, OpEntry e)
    {
        var m = r.Expect(ItemKind.Value);
        var indices = TensorFormats.IndexGroup(r, r.Group('['));
        r.Punct(",");
        string rw = r.Expect(ItemKind.Keyword).Text;
        r.Punct(",");
        r.Keyword("locality");
        var g = r.Sub(r.Group('<'));
        long locality = g.Integer();
        g.ExpectEnd();
        r.Punct(",");
        string cache = r.Expect(ItemKind.Keyword).Text;
        var attrs = r.Dict();
        var type = r.ColonType();
        r.ExpectEnd();
        if (rw is not ("read" or "write") || cache is not ("data" or "instr")) throw OpReader.Mismatch("unexpected prefetch flags");
        var operands = new List<Value> { r.Use(m, type) };
        operands.AddRange(r.UseAll(indices, Index));
        var props = new List<NamedAttribute>
        {
            new("isDataCache", new BoolAttr(cache == "data")),
            new("isWrite", new BoolAttr(rw == "write")),
            new("localityHint", new IntegerAttr(locality, new IntegerType(32, Signedness.Signless))),
        };
        return r.Create(r.Name, [], operands, props, attrs);
    }

    /// <summary><c>%a [attrs] : T -&gt; R, ...</c> (memref.extract_aligned_pointer_as_index, memref.extract_strided_metadata).</summary>
    public static Operation ArrowResults(OpReader r, OpEntry e)
    {
        var uses = r.ValueList();
        var attrs = r.Dict();
        var types = uses.Count > 0 ? r.ColonTypes() : [];
        if (types.Count != uses.Count) throw OpReader.Mismatch("operand and type counts differ");
        r.Punct("->");
        var results = new List<MlirType>();
        if (r.NextIsGroup('(')) results = r.TypeGroup(r.Next());
        else
        {
            results.Add(r.TypeItem());
            while (r.TryPunct(",")) results.Add(r.TypeItem());
        }
        r.ExpectEnd();
        return r.Create(r.Name, results, r.UseAll(uses, types), attributes: attrs);
    }
}
