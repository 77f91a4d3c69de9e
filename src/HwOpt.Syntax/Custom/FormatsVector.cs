using System.Globalization;
using HwOpt.IR;

namespace HwOpt.Syntax.Custom;

/// <summary>
/// Formats of the vector dialect (MLIR 19): reductions, extract/insert, transpose, shuffle, transfer_read/write (with
/// MLIR's default permutation map and in_bounds), contract, mask, create_mask, step, vscale, print, load/store.
/// Simple ones reuse the generic readers (cast, same-type, splat, from-elements, values).
/// </summary>
internal static class VectorFormats
{
    private static readonly IndexType Index = IndexType.Instance;

    /// <summary><c>&lt;kind&gt;, %v [, %acc] [fastmath&lt;..&gt;] [attrs] : V into R</c> (vector.reduction).</summary>
    public static Operation Reduction(OpReader r, OpEntry e)
    {
        var kind = Kind(r);
        r.Punct(",");
        var uses = r.ValueList();
        if (uses.Count is < 1 or > 2) throw OpReader.Mismatch("expected a vector and an optional accumulator");
        var props = new List<NamedAttribute> { kind };
        if (FastMath(r) is { } fm) props.Add(fm);
        var attrs = r.Dict();
        var vectorType = r.ColonType();
        r.Keyword("into");
        var result = r.TypeItem();
        r.ExpectEnd();
        var operands = new List<Value> { r.Use(uses[0], vectorType) };
        if (uses.Count == 2) operands.Add(r.Use(uses[1], result));
        return r.Create(r.Name, [result], operands, props, attrs);
    }

    /// <summary><c>&lt;kind&gt;, %src, %acc [dims] [attrs] : S to R</c> (vector.multi_reduction).</summary>
    public static Operation MultiReduction(OpReader r, OpEntry e)
    {
        var kind = Kind(r);
        r.Punct(",");
        var uses = r.ValueList();
        if (uses.Count != 2) throw OpReader.Mismatch("expected a source and an accumulator");
        var dims = r.IntegerList(r.Group('['));
        var attrs = r.Dict();
        var src = r.ColonType();
        r.Keyword("to");
        var result = r.TypeItem();
        r.ExpectEnd();
        var props = new List<NamedAttribute>
        {
            kind,
            new("reduction_dims", new ArrayAttr(dims.Select(d => (MlirAttribute)new IntegerAttr(d, null)).ToArray())),
        };
        return r.Create(r.Name, [result], [r.Use(uses[0], src), r.Use(uses[1], result)], props, attrs);
    }

    /// <summary><c>%v[pos...] [attrs] : R from V</c> (vector.extract).</summary>
    public static Operation Extract(OpReader r, OpEntry e)
    {
        var v = r.Expect(ItemKind.Value);
        var (dyn, stat) = r.DynamicIndexList();
        var attrs = r.Dict();
        var result = r.ColonType();
        r.Keyword("from");
        var vectorType = r.TypeItem();
        r.ExpectEnd();
        var operands = new List<Value> { r.Use(v, vectorType) };
        operands.AddRange(r.UseAll(dyn, Index));
        return r.Create(r.Name, [result], operands, [new NamedAttribute("static_position", OpReader.I64Array(stat))], attrs);
    }

    /// <summary><c>%src, %dest[pos...] [attrs] : S into D</c> (vector.insert).</summary>
    public static Operation Insert(OpReader r, OpEntry e)
    {
        var uses = r.ValueList();
        if (uses.Count != 2) throw OpReader.Mismatch("expected a source and a destination");
        var (dyn, stat) = r.DynamicIndexList();
        var attrs = r.Dict();
        var src = r.ColonType();
        r.Keyword("into");
        var dest = r.TypeItem();
        r.ExpectEnd();
        var operands = new List<Value> { r.Use(uses[0], src), r.Use(uses[1], dest) };
        operands.AddRange(r.UseAll(dyn, Index));
        return r.Create(r.Name, [dest], operands, [new NamedAttribute("static_position", OpReader.I64Array(stat))], attrs);
    }

    /// <summary><c>%v[[%i : T]] [attrs] : V</c> (vector.extractelement) or <c>%s, %v[[%i : T]] : V</c> (insertelement).</summary>
    public static Operation Element(OpReader r, OpEntry e)
    {
        bool insert = e.Params.GetValueOrDefault("kind") == "insert";
        var uses = r.ValueList();
        if (uses.Count != (insert ? 2 : 1)) throw OpReader.Mismatch("unexpected operand count");
        var g = r.Sub(r.Group('['));
        Item? pos = null;
        MlirType? posType = null;
        if (!g.AtEnd)
        {
            pos = g.Expect(ItemKind.Value);
            posType = g.ColonType();
        }
        g.ExpectEnd();
        var attrs = r.Dict();
        var vectorType = r.ColonType();
        r.ExpectEnd();
        var operands = new List<Value>();
        if (insert) operands.Add(r.Use(uses[0], TypeRules.Element(vectorType)));
        operands.Add(r.Use(uses[^1], vectorType));
        if (pos is not null) operands.Add(r.Use(pos, posType));
        return r.Create(r.Name, [insert ? vectorType : TypeRules.Element(vectorType)], operands, attributes: attrs);
    }

    /// <summary><c>%v, [perm] [attrs] : V to R</c> (vector.transpose).</summary>
    public static Operation Transpose(OpReader r, OpEntry e)
    {
        var v = r.Expect(ItemKind.Value);
        r.Punct(",");
        var perm = r.IntegerList(r.Group('['));
        var attrs = r.Dict();
        var src = r.ColonType();
        r.Keyword("to");
        var result = r.TypeItem();
        r.ExpectEnd();
        return r.Create(r.Name, [result], [r.Use(v, src)], [new NamedAttribute("permutation", OpReader.I64Array(perm))], attrs);
    }

    /// <summary><c>%a, %b [mask] [attrs] : V1, V2</c>; the result has the mask's length (vector.shuffle).</summary>
    public static Operation Shuffle(OpReader r, OpEntry e)
    {
        var uses = r.ValueList();
        if (uses.Count != 2) throw OpReader.Mismatch("expected two operands");
        var mask = r.IntegerList(r.Group('['));
        var attrs = r.Dict();
        var types = r.ColonTypes();
        r.ExpectEnd();
        if (types.Count != 2) throw OpReader.Mismatch("expected two types");
        MlirType result = types[0] switch
        {
            VectorType v => new VectorType([mask.Count, .. v.Shape!.Skip(1)], [false, .. v.Scalable.Skip(1)], v.ElementType),
            var scalar => new VectorType([mask.Count], [false], scalar),
        };
        // MLIR 19's mask is an I64ArrayAttr (`[0, 2]`), not a dense array.
        var props = new List<NamedAttribute> { new("mask", new ArrayAttr(mask.Select(m => (MlirAttribute)new IntegerAttr(m, null)).ToArray())) };
        return r.Create(r.Name, [result], [r.Use(uses[0], types[0]), r.Use(uses[1], types[1])], props, attrs);
    }

    /// <summary>
    /// <c>%src[%i...], %pad [, %mask] [attrs] : S, V</c> (vector.transfer_read) and <c>%v, %dest[%i...] [, %mask] : V, D</c>
    /// (vector.transfer_write; a result when D is a tensor). Missing permutation_map / in_bounds get MLIR's defaults.
    /// </summary>
    public static Operation Transfer(OpReader r, OpEntry e)
    {
        bool write = e.Params.GetValueOrDefault("kind") == "write";
        var vector = r.LeadingValue(write);
        var source = r.Expect(ItemKind.Value);
        var indices = TensorFormats.IndexGroup(r, r.Group('['));
        Item? padding = null, mask = null;
        if (!write)
        {
            r.Punct(",");
            padding = r.Expect(ItemKind.Value);
        }
        if (r.TryPunct(",")) mask = r.Expect(ItemKind.Value);
        var attrs = r.Dict();
        var types = r.ColonTypes();
        r.ExpectEnd();
        if (types.Count != 2) throw OpReader.Mismatch("expected two types");
        var shaped = write ? types[1] : types[0];
        if (shaped is not ShapedType { Shape: not null } st || (write ? types[0] : types[1]) is not VectorType vt) throw OpReader.Mismatch("expected a shaped and a vector type");

        var props = new List<NamedAttribute>();
        MlirAttribute map = attrs.Get("permutation_map") ?? MinorIdentity(st, vt);
        props.Add(new NamedAttribute("permutation_map", map));
        props.Add(new NamedAttribute("in_bounds", attrs.Get("in_bounds")
            ?? new ArrayAttr(Enumerable.Repeat((MlirAttribute)new BoolAttr(false), MapResults(map.ToString())).ToArray())));
        attrs = attrs.Without("permutation_map").Without("in_bounds");
        int m = mask is null ? 0 : 1;
        props.Add(write ? OpReader.Segments(1, 1, indices.Count, m) : OpReader.Segments(1, indices.Count, 1, m));

        var operands = new List<Value>();
        if (write) operands.Add(r.Use(vector!, vt));
        operands.Add(r.Use(source, shaped));
        operands.AddRange(r.UseAll(indices, Index));
        if (!write) operands.Add(r.Use(padding!, st.ElementType));
        if (mask is not null) operands.Add(r.Use(mask, null));
        MlirType[] results = write ? (shaped is TensorType ? [shaped] : []) : [vt];
        return r.Create(r.Name, results, operands, props, attrs);
    }

    /// <summary><c>{indexing_maps, iterator_types, [kind]} %a, %b, %acc [attrs] : A, B into R</c> (vector.contract).</summary>
    public static Operation Contract(OpReader r, OpEntry e)
    {
        if (!r.AtDict) throw OpReader.Mismatch("expected the contraction dictionary");
        var dict = r.Dict();
        var uses = r.ValueList();
        if (uses.Count != 3) throw OpReader.Mismatch("masked contractions are not supported");
        var attrs = r.Dict();
        var types = r.ColonTypes();
        r.Keyword("into");
        var result = r.TypeItem();
        r.ExpectEnd();
        if (types.Count != 2) throw OpReader.Mismatch("expected two operand types");
        var props = new List<NamedAttribute>();
        var discardable = new List<NamedAttribute>(attrs.Entries);
        foreach (var entry in dict.Entries)
        {
            if (entry.Name == "iterator_types")
            {
                if (entry.Value is not ArrayAttr its) throw OpReader.Mismatch("expected iterator_types");
                props.Add(new NamedAttribute(entry.Name, new ArrayAttr(its.Elements.Select(it => it is StringAttr { Value: "parallel" or "reduction" } s
                    ? new TextAttr(TextAttrKind.Dialect, $"#vector.iterator_type<{s.Value}>")
                    : throw OpReader.Mismatch("unexpected iterator type")).ToArray())));
            }
            else if (entry.Name is "indexing_maps" or "kind") props.Add(entry);
            else discardable.Add(entry);
        }
        if (dict.Get("kind") is null) props.Add(new NamedAttribute("kind", new TextAttr(TextAttrKind.Dialect, "#vector.kind<add>")));
        var operands = new List<Value> { r.Use(uses[0], types[0]), r.Use(uses[1], types[1]), r.Use(uses[2], result) };
        return r.Create(r.Name, [result], operands, props, new DictionaryAttr(discardable));
    }

    /// <summary><c>%mask [, %passthru] { op } [attrs] : M [-&gt; R, ...]</c> (vector.mask; the implicit yield returns the masked op's results).</summary>
    public static Operation Mask(OpReader r, OpEntry e)
    {
        var uses = r.ValueList();
        if (uses.Count is < 1 or > 2) throw OpReader.Mismatch("expected a mask and an optional passthru");
        var region = r.RegionItem();
        var attrs = r.Dict();
        var maskType = r.ColonType();
        var results = r.ArrowTypes();
        r.ExpectEnd();
        if (uses.Count == 2 && results.Count == 0) throw OpReader.Mismatch("a passthru needs a result");
        var operands = new List<Value> { r.Use(uses[0], maskType) };
        if (uses.Count == 2) operands.Add(r.Use(uses[1], results[0]));
        var body = r.BuildRegion(region, []);
        var block = body.Blocks[0];
        if (block.Operations.Count == 1 && !ImplicitTerminators.IsTerminator(block.Operations[0]))
        {
            var yield = new Operation("vector.yield", []);
            yield.Operands.AddRange(block.Operations[0].Results);
            block.Append(yield);
        }
        else
        {
            ImplicitTerminators.Ensure(body, "vector.yield");
        }
        return r.Create(r.Name, results, operands, attributes: attrs, regions: [body]);
    }

    /// <summary><c>%a, ... [attrs] : R</c> with index operands (vector.create_mask).</summary>
    public static Operation CreateMask(OpReader r, OpEntry e)
    {
        var uses = r.ValueList();
        var attrs = r.Dict();
        var type = r.ColonType();
        r.ExpectEnd();
        return r.Create(r.Name, [type], r.UseAll(uses, Index), attributes: attrs);
    }

    /// <summary><c>[attrs] : R</c> or <c>[attrs]</c> with an index result (vector.step, vector.vscale).</summary>
    public static Operation Nullary(OpReader r, OpEntry e)
    {
        var attrs = r.Dict();
        MlirType type = r.NextIs(ItemKind.ColonTypes) ? r.ColonType() : Index;
        r.ExpectEnd();
        return r.Create(r.Name, [type], [], attributes: attrs);
    }

    /// <summary><c>[%v : T] [str "..."] [punctuation &lt;p&gt;] [attrs]</c> (vector.print).</summary>
    public static Operation Print(OpReader r, OpEntry e)
    {
        Item? source = null;
        MlirType? type = null;
        if (r.NextIs(ItemKind.Value))
        {
            source = r.Next();
            type = r.ColonType();
        }
        var props = new List<NamedAttribute>();
        while (true)
        {
            if (r.TryKeyword("str")) props.Add(new NamedAttribute("stringLiteral", new StringAttr(r.Builder.DecodeStringBytes(r.Expect(ItemKind.String).Token), null)));
            else if (r.TryKeyword("punctuation")) props.Add(new NamedAttribute("punctuation", new TextAttr(TextAttrKind.Dialect, $"#vector.punctuation{AngleText(r)}")));
            else break;
        }
        var attrs = r.Dict();
        r.ExpectEnd();
        List<Value> operands = source is null ? [] : [r.Use(source, type)];
        return r.Create(r.Name, [], operands, props, attrs);
    }

    /// <summary><c>%base[%i...] [attrs] : B, V</c> (vector.load) or <c>%v, %base[%i...] [attrs] : B, V</c> (vector.store).</summary>
    public static Operation LoadStore(OpReader r, OpEntry e)
    {
        bool store = e.Params.GetValueOrDefault("kind") == "store";
        var value = r.LeadingValue(store);
        var b = r.Expect(ItemKind.Value);
        var indices = TensorFormats.IndexGroup(r, r.Group('['));
        var attrs = r.Dict();
        var types = r.ColonTypes();
        r.ExpectEnd();
        if (types.Count != 2) throw OpReader.Mismatch("expected two types");
        var operands = new List<Value>();
        if (store) operands.Add(r.Use(value!, types[1]));
        operands.Add(r.Use(b, types[0]));
        operands.AddRange(r.UseAll(indices, Index));
        return r.Create(r.Name, store ? [] : [types[1]], operands, attributes: attrs);
    }

    /// <summary>
    /// <c>%lhs, %rhs [, %acc] [attrs] : L, R</c> (vector.outerproduct): the result is <c>vector&lt;l x r x T&gt;</c>, or L
    /// when R is a scalar (AXPY); the accumulator has the result's type; <c>kind</c> is a property.
    /// </summary>
    public static Operation OuterProduct(OpReader r, OpEntry e)
    {
        var uses = r.ValueList();
        if (uses.Count is < 2 or > 3) throw OpReader.Mismatch("expected two operands and an optional accumulator");
        var props = new List<NamedAttribute>();
        var attrs = OpReader.MoveInherent(r.Dict(), props, "kind");
        var types = r.ColonTypes();
        r.ExpectEnd();
        if (types.Count != 2 || types[0] is not VectorType lhs) throw OpReader.Mismatch("expected the lhs vector and rhs types");
        MlirType result = types[1] is VectorType rhs
            ? new VectorType([lhs.Shape![0], rhs.Shape![0]], [lhs.Scalable[0], rhs.Scalable[0]], lhs.ElementType)
            : lhs;
        var operands = new List<Value> { r.Use(uses[0], lhs), r.Use(uses[1], types[1]) };
        if (uses.Count == 3) operands.Add(r.Use(uses[2], result));
        return r.Create(r.Name, [result], operands, props, attrs);
    }

    /// <summary><c>%src, %dst {offsets = [..], strides = [..]} : S into D</c> (vector.insert_strided_slice).</summary>
    public static Operation InsertStridedSlice(OpReader r, OpEntry e)
    {
        var uses = r.ValueList();
        if (uses.Count != 2) throw OpReader.Mismatch("expected a source and a destination");
        var props = new List<NamedAttribute>();
        var attrs = OpReader.MoveInherent(r.Dict(), props, "offsets", "strides");
        var source = r.ColonType();
        r.Keyword("into");
        var dest = r.TypeItem();
        r.ExpectEnd();
        return r.Create(r.Name, [dest], [r.Use(uses[0], source), r.Use(uses[1], dest)], props, attrs);
    }

    /// <summary><c>[n, ...] [attrs] : vector&lt;..xi1&gt;</c> (vector.constant_mask).</summary>
    public static Operation ConstantMask(OpReader r, OpEntry e)
    {
        var sizes = r.IntegerList(r.Group('['));
        var attrs = r.Dict();
        var type = r.ColonType();
        r.ExpectEnd();
        var sizesAttr = new ArrayAttr(sizes.Select(s => (MlirAttribute)OpReader.I64Attr(s)).ToArray());
        return r.Create(r.Name, [type], [], [new NamedAttribute("mask_dim_sizes", sizesAttr)], attrs);
    }

    /// <summary>
    /// Masked memory ops: <c>%base[%i...] [[%index_vec]], %mask, %value [attrs] : B, [IV,] M, V [into R]</c>. Params:
    /// <c>indexed: "true"</c> for gather / scatter (the index vector), <c>store: "true"</c> when there is no result
    /// (scatter, maskedstore, compressstore).
    /// </summary>
    public static Operation Masked(OpReader r, OpEntry e)
    {
        bool indexed = e.Params.GetValueOrDefault("indexed") == "true";
        bool store = e.Params.GetValueOrDefault("store") == "true";
        var b = r.Expect(ItemKind.Value);
        var indices = TensorFormats.IndexGroup(r, r.Group('['));
        Item? indexVec = null;
        if (indexed)
        {
            var group = r.ValuesOf(r.Group('['));
            if (group.Count != 1) throw OpReader.Mismatch("expected one index vector");
            indexVec = group[0];
        }
        r.Punct(",");
        var uses = r.ValueList();
        if (uses.Count != 2) throw OpReader.Mismatch("expected a mask and a value");
        var attrs = r.Dict();
        var types = r.ColonTypes();
        MlirType? result = null;
        if (!store)
        {
            r.Keyword("into");
            result = r.TypeItem();
        }
        r.ExpectEnd();
        if (types.Count != (indexed ? 4 : 3)) throw OpReader.Mismatch("unexpected number of types");
        int t = 0;
        var operands = new List<Value> { r.Use(b, types[t++]) };
        operands.AddRange(r.UseAll(indices, Index));
        if (indexVec is not null) operands.Add(r.Use(indexVec, types[t++]));
        operands.Add(r.Use(uses[0], types[t++]));
        operands.Add(r.Use(uses[1], types[t]));
        return r.Create(r.Name, result is null ? [] : [result], operands, attributes: attrs);
    }

    /// <summary>
    /// <c>%a, %b [attrs] : V -&gt; R</c> (vector.interleave) and <c>%a [attrs] : V -&gt; R</c> (vector.deinterleave, two
    /// results of type R).
    /// </summary>
    public static Operation Interleave(OpReader r, OpEntry e)
    {
        var uses = r.ValueList();
        var attrs = r.Dict();
        var source = r.ColonType();
        var results = r.ArrowTypes();
        r.ExpectEnd();
        if (results.Count != 1) throw OpReader.Mismatch("expected one result type");
        bool split = uses.Count == 1;
        if (!split && uses.Count != 2) throw OpReader.Mismatch("expected one or two operands");
        return r.Create(r.Name, split ? [results[0], results[0]] : [results[0]], uses.Select(u => r.Use(u, source)), attributes: attrs);
    }

    /// <summary><c>&lt;kind&gt;, %src, %init {inclusive = .., reduction_dim = ..} : S, I</c> (vector.scan): results S and I.</summary>
    public static Operation Scan(OpReader r, OpEntry e)
    {
        var kind = Kind(r);
        r.Punct(",");
        var uses = r.ValueList();
        if (uses.Count != 2) throw OpReader.Mismatch("expected a source and an initial value");
        var props = new List<NamedAttribute> { kind };
        var attrs = OpReader.MoveInherent(r.Dict(), props, "inclusive", "reduction_dim");
        var types = r.ColonTypes();
        r.ExpectEnd();
        if (types.Count != 2) throw OpReader.Mismatch("expected the source and initial value types");
        return r.Create(r.Name, [types[0], types[1]], [r.Use(uses[0], types[0]), r.Use(uses[1], types[1])], props, attrs);
    }

    /// <summary>The combining kind <c>&lt;add&gt;</c> as the <c>kind</c> property.</summary>
    private static NamedAttribute Kind(OpReader r) => new("kind", new TextAttr(TextAttrKind.Dialect, $"#vector.kind{AngleText(r)}"));

    private static string AngleText(OpReader r)
    {
        var g = r.Group('<');
        var sub = r.Sub(g);
        var word = sub.Expect(ItemKind.Keyword);
        sub.ExpectEnd();
        return $"<{word.Text}>";
    }

    private static NamedAttribute? FastMath(OpReader r)
    {
        if (!(r.Peek() is { } k && k.IsKeyword("fastmath") && r.Peek(1) is { Kind: ItemKind.Group, Open: '<' } g)) return null;
        r.Next();
        r.Next();
        string body = OpReader.FlagWords(g);
        return new NamedAttribute("fastmath", new TextAttr(TextAttrKind.Dialect, $"#arith.fastmath<{body}>"));
    }

    /// <summary>MLIR's getTransferMinorIdentityMap for a shaped source and a vector.</summary>
    private static TextAttr MinorIdentity(ShapedType shaped, VectorType vector)
    {
        int rank = shaped.Shape!.Count;
        int elementRank = shaped.ElementType is VectorType ev ? ev.Shape!.Count : 0;
        string text;
        if (rank == 0 && vector.Shape is [1])
        {
            text = "affine_map<() -> (0)>";
        }
        else
        {
            int results = vector.Shape!.Count - elementRank;
            if (results < 0 || results > rank) throw OpReader.Mismatch("vector rank exceeds the source rank");
            var dims = Enumerable.Range(0, rank).Select(i => "d" + i.ToString(CultureInfo.InvariantCulture)).ToList();
            text = $"affine_map<({string.Join(", ", dims)}) -> ({string.Join(", ", dims.Skip(rank - results))})>";
        }
        return new TextAttr(TextAttrKind.AffineMap, text);
    }

    /// <summary>The number of results of an affine map written as text (top-level entries after the last <c>-&gt;</c>).</summary>
    private static int MapResults(string map)
    {
        int arrow = map.LastIndexOf("->", StringComparison.Ordinal);
        if (arrow < 0) throw OpReader.Mismatch("expected an affine map");
        int open = map.IndexOf('(', arrow);
        if (open < 0) throw OpReader.Mismatch("expected an affine map");
        int depth = 0, count = 0;
        bool any = false;
        for (int i = open + 1; i < map.Length; i++)
        {
            char c = map[i];
            if (c == '(') depth++;
            else if (c == ')' && depth-- == 0) break;
            else if (c == ',' && depth == 0) count++;
            else if (!char.IsWhiteSpace(c)) any = true;
        }
        return any ? count + 1 : 0;
    }
}
