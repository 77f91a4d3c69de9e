using HwOpt.IR;

namespace HwOpt.Syntax.Custom;

/// <summary>Formats of the bufferization dialect (MLIR 19): to_tensor, to_memref, alloc_tensor, materialize_in_destination.</summary>
internal static class BufferizationFormats
{
    /// <summary><c>%m [restrict] [writable] [attrs] : M</c>; the result is M's tensor type (bufferization.to_tensor).</summary>
    public static Operation ToTensor(OpReader r, OpEntry e)
    {
        var src = r.Expect(ItemKind.Value);
        var props = Flags(r, "restrict", "writable");
        var attrs = r.Dict();
        var type = r.ColonType();
        r.ExpectEnd();
        return r.Create(r.Name, [TensorOf(type)], [r.Use(src, type)], props, attrs);
    }

    /// <summary><c>%t [read_only] [attrs] : M</c>; the operand is M's tensor type (bufferization.to_memref).</summary>
    public static Operation ToMemref(OpReader r, OpEntry e)
    {
        var src = r.Expect(ItemKind.Value);
        var props = Flags(r, "read_only");
        var attrs = r.Dict();
        var type = r.ColonType();
        r.ExpectEnd();
        return r.Create(r.Name, [type], [r.Use(src, TensorOf(type))], props, attrs);
    }

    /// <summary><c>(%d, ...) [copy(%t)] [size_hint = %n] [attrs] : T</c> (bufferization.alloc_tensor).</summary>
    public static Operation AllocTensor(OpReader r, OpEntry e)
    {
        var dyn = r.ValuesOf(r.Group('('));
        Item? copy = null, hint = null;
        if (r.TryKeyword("copy"))
        {
            var c = r.Sub(r.Group('('));
            copy = c.Expect(ItemKind.Value);
            c.ExpectEnd();
        }
        if (r.TryKeyword("size_hint"))
        {
            r.Punct("=");
            hint = r.Expect(ItemKind.Value);
        }
        var attrs = r.Dict();
        var type = r.ColonType();
        r.ExpectEnd();
        var operands = r.UseAll(dyn, IndexType.Instance).ToList();
        if (copy is not null) operands.Add(r.Use(copy, type));
        if (hint is not null) operands.Add(r.Use(hint, IndexType.Instance));
        var props = new List<NamedAttribute> { OpReader.Segments(dyn.Count, copy is null ? 0 : 1, hint is null ? 0 : 1) };
        attrs = OpReader.MoveInherent(attrs, props, "memory_space");
        return r.Create(r.Name, [type], operands, props, attrs);
    }

    /// <summary><c>%src in [restrict] [writable] %dest [attrs] : (S, D) -&gt; R</c> (bufferization.materialize_in_destination).</summary>
    public static Operation MaterializeInDestination(OpReader r, OpEntry e)
    {
        var src = r.Expect(ItemKind.Value);
        r.Keyword("in");
        var props = Flags(r, "restrict", "writable");
        var dest = r.Expect(ItemKind.Value);
        var attrs = r.Dict();
        if (r.ColonType() is not FunctionType { Inputs.Count: 2 } fn) throw OpReader.Mismatch("expected a function type");
        r.ExpectEnd();
        return r.Create(r.Name, fn.Results, [r.Use(src, fn.Inputs[0]), r.Use(dest, fn.Inputs[1])], props, attrs);
    }

    /// <summary>Unit flags spelled as keywords, in order.</summary>
    private static List<NamedAttribute> Flags(OpReader r, params string[] names)
    {
        var props = new List<NamedAttribute>();
        foreach (var n in names)
        {
            if (r.TryKeyword(n)) props.Add(new NamedAttribute(n, UnitAttr.Instance));
        }
        return props;
    }

    /// <summary>The tensor type of a memref type's shape and element (MLIR's getTensorTypeFromMemRefType).</summary>
    private static MlirType TensorOf(MlirType type) => type switch
    {
        MemRefType m => new TensorType(m.Shape, m.ElementType, null),
        _ => throw OpReader.Mismatch("expected a memref type"),
    };

    /// <summary>
    /// <c>[(%m, ... : M, ...) if (%c, ...)] [retain (%r, ... : R, ...)] [attrs]</c> (bufferization.dealloc, as
    /// ownership-based buffer deallocation writes it): one i1 result per retained value; the operand groups are the
    /// memrefs, their conditions and the retained values.
    /// </summary>
    public static Operation Dealloc(OpReader r, OpEntry e)
    {
        List<Item> memrefs = [], conditions = [], retained = [];
        IReadOnlyList<MlirType> memrefTypes = [], retainedTypes = [];
        if (r.NextIsGroup('('))
        {
            (memrefs, memrefTypes) = r.TypedOperands(r.Next());
            r.Keyword("if");
            conditions = r.ValuesOf(r.Group('('));
            if (conditions.Count != memrefs.Count) throw OpReader.Mismatch("expected one condition per memref");
        }
        if (r.TryKeyword("retain")) (retained, retainedTypes) = r.TypedOperands(r.Group('('));
        var attrs = r.Dict();
        r.ExpectEnd();
        var i1 = new IntegerType(1, Signedness.Signless);
        var operands = r.UseAll(memrefs, memrefTypes);
        operands.AddRange(r.UseAll(conditions, i1));
        operands.AddRange(r.UseAll(retained, retainedTypes));
        var props = new[] { OpReader.Segments(memrefs.Count, conditions.Count, retained.Count) };
        return r.Create(r.Name, retained.Select(_ => (MlirType)i1).ToArray(), operands, props, attrs);
    }
}
