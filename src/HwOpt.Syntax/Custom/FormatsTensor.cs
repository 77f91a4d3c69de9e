using HwOpt.IR;

namespace HwOpt.Syntax.Custom;

/// <summary>
/// Formats of the tensor dialect (MLIR 19); several serve memref ops of the same shape too (dim, rank, load/extract,
/// slices, reshapes). Each reader reads the whole syntax first and only then uses values and builds regions, so that a
/// mismatch leaves nothing behind for tolerant mode.
/// </summary>
internal static class TensorFormats
{
    private static readonly IndexType Index = IndexType.Instance;

    /// <summary><c>(%d, ...) [attrs] : T</c> (tensor.empty).</summary>
    public static Operation Empty(OpReader r, OpEntry e)
    {
        var dyn = r.ValuesOf(r.Group('('));
        var attrs = r.Dict();
        var type = r.ColonType();
        r.ExpectEnd();
        return r.Create(r.Name, [type], r.UseAll(dyn, Index), attributes: attrs);
    }

    /// <summary><c>[attrs] %src, %index [attrs] : T</c>; the result is an index (tensor.dim, memref.dim).</summary>
    public static Operation Dim(OpReader r, OpEntry e)
    {
        var attrs = r.Dict();
        var uses = r.ValueList();
        if (uses.Count != 2) throw OpReader.Mismatch("expected two operands");
        if (attrs.Count == 0) attrs = r.Dict();
        var type = r.ColonType();
        r.ExpectEnd();
        return r.Create(r.Name, [Index], [r.Use(uses[0], type), r.Use(uses[1], Index)], attributes: attrs);
    }

    /// <summary><c>%src [attrs] : T</c> ; the result is an index (tensor.rank, memref.rank).</summary>
    public static Operation Unary(OpReader r, OpEntry e)
    {
        var uses = r.ValueList();
        if (uses.Count != 1) throw OpReader.Mismatch("expected one operand");
        var attrs = r.Dict();
        var type = r.ColonType();
        r.ExpectEnd();
        return r.Create(r.Name, [Index], [r.Use(uses[0], type)], attributes: attrs);
    }

    /// <summary><c>%src[%i, ...] [attrs] : T</c>; the result is T's element (tensor.extract, memref.load).</summary>
    public static Operation Extract(OpReader r, OpEntry e)
    {
        var src = r.Expect(ItemKind.Value);
        var indices = IndexGroup(r, r.Group('['));
        var attrs = r.Dict();
        var type = r.ColonType();
        r.ExpectEnd();
        var operands = new List<Value> { r.Use(src, type) };
        operands.AddRange(r.UseAll(indices, Index));
        return r.Create(r.Name, [TypeRules.Element(type)], operands, attributes: attrs);
    }

    /// <summary><c>%v into %dest[%i, ...] [attrs] : T</c> (tensor.insert) or <c>%v, %dest[%i] : T</c> (memref.store, no result).</summary>
    public static Operation Insert(OpReader r, OpEntry e)
    {
        var value = r.Expect(ItemKind.Value);
        bool isStore = e.Params.GetValueOrDefault("store") == "true";
        if (isStore) r.Punct(","); else r.Keyword("into");
        var dest = r.Expect(ItemKind.Value);
        var indices = IndexGroup(r, r.Group('['));
        var attrs = r.Dict();
        var type = r.ColonType();
        r.ExpectEnd();
        var operands = new List<Value> { r.Use(value, TypeRules.Element(type)), r.Use(dest, type) };
        operands.AddRange(r.UseAll(indices, Index));
        return r.Create(r.Name, isStore ? [] : [type], operands, attributes: attrs);
    }

    /// <summary><c>%a, %b, ... [attrs] : T</c>; the operands are T's elements (tensor.from_elements).</summary>
    public static Operation FromElements(OpReader r, OpEntry e)
    {
        var uses = r.ValueList();
        var attrs = r.Dict();
        var type = r.ColonType();
        r.ExpectEnd();
        return r.Create(r.Name, [type], r.UseAll(uses, TypeRules.Element(type)), attributes: attrs);
    }

    /// <summary><c>%v [[%d, ...]] [attrs] : T</c> (tensor.splat).</summary>
    public static Operation Splat(OpReader r, OpEntry e)
    {
        var value = r.Expect(ItemKind.Value);
        var dyn = r.NextIsGroup('[') ? IndexGroup(r, r.Next()) : [];
        var attrs = r.Dict();
        var type = r.ColonType();
        r.ExpectEnd();
        var operands = new List<Value> { r.Use(value, TypeRules.Element(type)) };
        operands.AddRange(r.UseAll(dyn, Index));
        return r.Create(r.Name, [type], operands, attributes: attrs);
    }

    /// <summary><c>%src(%shape) [attrs] : (T, S) -&gt; R</c> (tensor.reshape, memref.reshape).</summary>
    public static Operation Reshape(OpReader r, OpEntry e)
    {
        var src = r.Expect(ItemKind.Value);
        var g = r.Sub(r.Group('('));
        var shape = g.Expect(ItemKind.Value);
        g.ExpectEnd();
        var attrs = r.Dict();
        if (r.ColonType() is not FunctionType { Inputs.Count: 2, Results.Count: 1 } fn) throw OpReader.Mismatch("expected a function type");
        r.ExpectEnd();
        return r.Create(r.Name, fn.Results, [r.Use(src, fn.Inputs[0]), r.Use(shape, fn.Inputs[1])], attributes: attrs);
    }

    /// <summary><c>dim(N) %a, %b [attrs] : (T, T) -&gt; R</c> (tensor.concat).</summary>
    public static Operation Concat(OpReader r, OpEntry e)
    {
        r.Keyword("dim");
        var g = r.Sub(r.Group('('));
        long dim = g.Integer();
        g.ExpectEnd();
        var uses = r.ValueList();
        var attrs = r.Dict();
        if (r.ColonType() is not FunctionType { Results.Count: 1 } fn || fn.Inputs.Count != uses.Count) throw OpReader.Mismatch("expected a function type");
        r.ExpectEnd();
        return r.Create(r.Name, fn.Results, r.UseAll(uses, fn.Inputs), [new NamedAttribute("dim", OpReader.I64Attr(dim))], attrs);
    }

    /// <summary>
    /// Slices: <c>%src[offsets] [sizes] [strides] [attrs] : S to R</c> (tensor.extract_slice, memref.subview) or
    /// <c>%src into %dest[...][...][...] : S into D</c> (tensor.insert_slice; tensor.parallel_insert_slice has no result).
    /// </summary>
    public static Operation Slice(OpReader r, OpEntry e)
    {
        string kind = e.Params.GetValueOrDefault("kind", "extract");
        var src = r.Expect(ItemKind.Value);
        Item? dest = null;
        if (kind != "extract")
        {
            r.Keyword("into");
            dest = r.Expect(ItemKind.Value);
        }
        var (offsets, staticOffsets) = r.DynamicIndexList();
        var (sizes, staticSizes) = r.DynamicIndexList();
        var (strides, staticStrides) = r.DynamicIndexList();
        var attrs = r.Dict();
        var srcType = r.ColonType();
        r.Keyword(kind == "extract" ? "to" : "into");
        var otherType = r.TypeItem();
        r.ExpectEnd();

        var operands = new List<Value> { r.Use(src, srcType) };
        if (dest is not null) operands.Add(r.Use(dest, otherType));
        operands.AddRange(r.UseAll(offsets, Index));
        operands.AddRange(r.UseAll(sizes, Index));
        operands.AddRange(r.UseAll(strides, Index));
        var props = new List<NamedAttribute>
        {
            dest is null ? OpReader.Segments(1, offsets.Count, sizes.Count, strides.Count) : OpReader.Segments(1, 1, offsets.Count, sizes.Count, strides.Count),
            new("static_offsets", OpReader.I64Array(staticOffsets)),
            new("static_sizes", OpReader.I64Array(staticSizes)),
            new("static_strides", OpReader.I64Array(staticStrides)),
        };
        MlirType[] results = kind switch { "extract" => [otherType], "insert" => [otherType], _ => [] };
        return r.Create(r.Name, results, operands, props, attrs);
    }

    /// <summary>
    /// <c>%src [[0, 1], [2]] [output_shape [..]] [attrs] : S into R</c> (tensor/memref expand_shape and collapse_shape).
    /// </summary>
    public static Operation ReassociativeReshape(OpReader r, OpEntry e)
    {
        var src = r.Expect(ItemKind.Value);
        var reassociation = r.Reassociation();
        List<Item> dyn = [];
        List<long>? staticShape = null;
        if (r.TryKeyword("output_shape")) (dyn, staticShape) = r.DynamicIndexList();
        else if (e.Params.GetValueOrDefault("output_shape") == "required") throw OpReader.Mismatch("expected output_shape");
        var attrs = r.Dict();
        var srcType = r.ColonType();
        r.Keyword("into");
        var resultType = r.TypeItem();
        r.ExpectEnd();
        var operands = new List<Value> { r.Use(src, srcType) };
        operands.AddRange(r.UseAll(dyn, Index));
        var props = new List<NamedAttribute> { new("reassociation", reassociation) };
        if (staticShape is not null) props.Add(new NamedAttribute("static_output_shape", OpReader.I64Array(staticShape)));
        return r.Create(r.Name, [resultType], operands, props, attrs);
    }

    /// <summary><c>%src [nofold] low[..] high[..] { region } [attrs] : S to R</c> (tensor.pad).</summary>
    public static Operation Pad(OpReader r, OpEntry e)
    {
        var src = r.Expect(ItemKind.Value);
        bool nofold = r.TryKeyword("nofold");
        r.Keyword("low");
        var (low, staticLow) = r.DynamicIndexList();
        r.Keyword("high");
        var (high, staticHigh) = r.DynamicIndexList();
        var region = r.RegionItem();
        var attrs = r.Dict();
        var srcType = r.ColonType();
        r.Keyword("to");
        var resultType = r.TypeItem();
        r.ExpectEnd();

        var operands = new List<Value> { r.Use(src, srcType) };
        operands.AddRange(r.UseAll(low, Index));
        operands.AddRange(r.UseAll(high, Index));
        var props = new List<NamedAttribute>
        {
            OpReader.Segments(1, low.Count, high.Count),
            new("static_high", OpReader.I64Array(staticHigh)),
            new("static_low", OpReader.I64Array(staticLow)),
        };
        if (nofold) props.Add(new NamedAttribute("nofold", UnitAttr.Instance));
        var body = r.BuildRegion(region, null);
        ImplicitTerminators.Ensure(body, "tensor.yield");
        return r.Create(r.Name, [resultType], operands, props, attrs, [body]);
    }

    /// <summary><c>%d, ... { region } [attrs] : T</c> (tensor.generate).</summary>
    public static Operation Generate(OpReader r, OpEntry e)
    {
        var dyn = r.ValueList();
        var region = r.RegionItem();
        var attrs = r.Dict();
        var type = r.ColonType();
        r.ExpectEnd();
        var operands = r.UseAll(dyn, Index);
        var body = r.BuildRegion(region, null);
        ImplicitTerminators.Ensure(body, "tensor.yield");
        return r.Create(r.Name, [type], operands, attributes: attrs, regions: [body]);
    }

    /// <summary>
    /// Terminators and other ops written <c>[attrs] [%a, ... [attrs] : T, ...]</c> with no results (scf.yield,
    /// linalg.yield, tensor.yield, scf.reduce.return, ...).
    /// </summary>
    public static Operation Values(OpReader r, OpEntry e)
    {
        var attrs = r.Dict();
        var uses = r.ValueList();
        if (attrs.Count == 0) attrs = r.Dict();
        IReadOnlyList<MlirType> types = uses.Count > 0 ? r.ColonTypes() : [];
        r.ExpectEnd();
        if (types.Count != uses.Count) throw OpReader.Mismatch("operand and type counts differ");
        return r.Create(CustomSyntax.CanonicalName(r, e), [], r.UseAll(uses, types), attributes: attrs);
    }

    /// <summary>
    /// <c>%src [padding_value(%p : T)] [outer_dims_perm = [..]] inner_dims_pos = [..] inner_tiles = [..] into %dest
    /// [attrs] : S -&gt; D</c> (tensor.pack; tensor.unpack has no padding value).
    /// </summary>
    public static Operation Pack(OpReader r, OpEntry e)
    {
        bool unpack = e.Params.GetValueOrDefault("kind") == "unpack";
        var src = r.Expect(ItemKind.Value);
        Item? pad = null;
        MlirType? padType = null;
        if (!unpack && r.TryKeyword("padding_value"))
        {
            var g = r.Sub(r.Group('('));
            pad = g.Expect(ItemKind.Value);
            padType = g.ColonType();
            g.ExpectEnd();
        }
        var props = new List<NamedAttribute>();
        if (r.TryKeyword("outer_dims_perm"))
        {
            r.Punct("=");
            props.Add(new NamedAttribute("outer_dims_perm", OpReader.I64Array(r.IntegerList(r.Group('[')))));
        }
        r.Keyword("inner_dims_pos");
        r.Punct("=");
        props.Add(new NamedAttribute("inner_dims_pos", OpReader.I64Array(r.IntegerList(r.Group('[')))));
        r.Keyword("inner_tiles");
        r.Punct("=");
        var (tiles, staticTiles) = r.DynamicIndexList();
        props.Add(new NamedAttribute("static_inner_tiles", OpReader.I64Array(staticTiles)));
        r.Keyword("into");
        var dest = r.Expect(ItemKind.Value);
        var attrs = r.Dict();
        var srcType = r.ColonType();
        r.Punct("->");
        var destType = r.TypeItem();
        r.ExpectEnd();
        if (!unpack) props.Add(OpReader.Segments(1, 1, pad is null ? 0 : 1, tiles.Count));
        var operands = new List<Value> { r.Use(src, srcType), r.Use(dest, destType) };
        if (pad is not null) operands.Add(r.Use(pad, padType));
        operands.AddRange(r.UseAll(tiles, Index));
        return r.Create(r.Name, [destType], operands, props, attrs);
    }

    /// <summary>
    /// <c>%src[%idx] gather_dims([..]) [unique] [attrs] : (S, I) -&gt; R</c> (tensor.gather) and
    /// <c>%src into %dest[%idx] scatter_dims([..]) [unique] : (S, D, I) -&gt; R</c> (tensor.scatter).
    /// </summary>
    public static Operation GatherScatter(OpReader r, OpEntry e)
    {
        bool scatter = e.Params.GetValueOrDefault("kind") == "scatter";
        var uses = new List<Item> { r.Expect(ItemKind.Value) };
        if (scatter)
        {
            r.Keyword("into");
            uses.Add(r.Expect(ItemKind.Value));
        }
        var idx = IndexGroup(r, r.Group('['));
        if (idx.Count != 1) throw OpReader.Mismatch("expected one indices operand");
        uses.Add(idx[0]);
        string dimsName = scatter ? "scatter_dims" : "gather_dims";
        r.Keyword(dimsName);
        var g = r.Sub(r.Group('('));
        var dims = g.IntegerList(g.Group('['));
        g.ExpectEnd();
        var props = new List<NamedAttribute> { new(dimsName, OpReader.I64Array(dims)) };
        if (r.TryKeyword("unique")) props.Add(new NamedAttribute("unique", UnitAttr.Instance));
        var attrs = r.Dict();
        if (r.ColonType() is not FunctionType fn || fn.Inputs.Count != uses.Count) throw OpReader.Mismatch("expected a function type");
        r.ExpectEnd();
        return r.Create(r.Name, fn.Results, r.UseAll(uses, fn.Inputs), props, attrs);
    }

    /// <summary>Index operands in a <c>[...]</c> group.</summary>
    internal static List<Item> IndexGroup(OpReader r, Item group)
    {
        var g = r.Sub(group);
        var list = g.ValueList();
        g.ExpectEnd();
        return list;
    }
}
