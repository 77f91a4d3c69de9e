using System.Globalization;
using HwOpt.IR;

namespace HwOpt.Syntax.Custom;

/// <summary>
/// Formats of the cf dialect (MLIR 19): br, cond_br, switch, assert. Successor operands are ordinary operands of the
/// generic form (with <c>operandSegmentSizes</c> where there are several groups).
/// </summary>
internal static class CfFormats
{
    private readonly record struct Dest(Item Block, List<Item> Values, IReadOnlyList<MlirType> Types);

    /// <summary><c>^bb(%a, ... : T, ...) [attrs]</c> (cf.br).</summary>
    public static Operation Br(OpReader r, OpEntry e)
    {
        var dest = Successor(r);
        var attrs = r.Dict();
        r.ExpectEnd();
        var op = r.Create(r.Name, [], r.UseAll(dest.Values, dest.Types), attributes: attrs);
        op.Successors.Add(r.Builder.ReferenceBlock(dest.Block.Token));
        return op;
    }

    /// <summary><c>%c, ^t[(...)], ^f[(...)] [attrs]</c> (cf.cond_br).</summary>
    public static Operation CondBr(OpReader r, OpEntry e)
    {
        var cond = r.Expect(ItemKind.Value);
        r.Punct(",");
        var t = Successor(r);
        r.Punct(",");
        var f = Successor(r);
        var attrs = r.Dict();
        r.ExpectEnd();
        var operands = new List<Value> { r.Use(cond, new IntegerType(1, Signedness.Signless)) };
        operands.AddRange(r.UseAll(t.Values, t.Types));
        operands.AddRange(r.UseAll(f.Values, f.Types));
        var props = new List<NamedAttribute> { OpReader.Segments(1, t.Values.Count, f.Values.Count) };
        // MLIR 19 keeps branch_weights as a discardable attribute (it is not a property of cf.cond_br there).
        var op = r.Create(r.Name, [], operands, props, attrs);
        op.Successors.Add(r.Builder.ReferenceBlock(t.Block.Token));
        op.Successors.Add(r.Builder.ReferenceBlock(f.Block.Token));
        return op;
    }

    /// <summary><c>%flag : T, [default: ^d(...), 0: ^a(...), ...] [attrs]</c> (cf.switch).</summary>
    public static Operation Switch(OpReader r, OpEntry e)
    {
        var flag = r.Expect(ItemKind.Value);
        var flagType = r.ColonType();
        if (flagType is not IntegerType) throw OpReader.Mismatch("expected an integer flag type");
        r.Punct(",");
        var g = r.Sub(r.Group('['));
        g.Keyword("default");
        g.Expect(ItemKind.Colon);
        var defaultDest = Successor(g);
        var values = new List<string>();
        var cases = new List<Dest>();
        while (g.TryPunct(","))
        {
            values.Add(g.Integer().ToString(CultureInfo.InvariantCulture));
            g.Expect(ItemKind.Colon);
            cases.Add(Successor(g));
        }
        g.ExpectEnd();
        var attrs = r.Dict();
        r.ExpectEnd();

        var operands = new List<Value> { r.Use(flag, flagType) };
        operands.AddRange(r.UseAll(defaultDest.Values, defaultDest.Types));
        foreach (var c in cases) operands.AddRange(r.UseAll(c.Values, c.Types));
        var props = new List<NamedAttribute>
        {
            new("case_operand_segments", OpReader.I32Array(cases.Select(c => c.Values.Count))),
            OpReader.Segments(1, defaultDest.Values.Count, cases.Sum(c => c.Values.Count)),
        };
        if (cases.Count > 0)
        {
            var vectorType = new VectorType([cases.Count], [false], flagType);
            props.Add(new NamedAttribute("case_values", new TextAttr(TextAttrKind.DenseElements, $"dense<[{string.Join(", ", values)}]>", vectorType)));
        }
        var op = r.Create(r.Name, [], operands, props, attrs);
        op.Successors.Add(r.Builder.ReferenceBlock(defaultDest.Block.Token));
        foreach (var c in cases) op.Successors.Add(r.Builder.ReferenceBlock(c.Block.Token));
        return op;
    }

    /// <summary><c>%cond, "message" [attrs]</c> (cf.assert).</summary>
    public static Operation Assert(OpReader r, OpEntry e)
    {
        var cond = r.Expect(ItemKind.Value);
        r.Punct(",");
        var msg = r.Expect(ItemKind.String);
        var attrs = r.Dict();
        r.ExpectEnd();
        var props = new List<NamedAttribute> { new("msg", new StringAttr(r.Builder.DecodeStringBytes(msg.Token), null)) };
        return r.Create(r.Name, [], [r.Use(cond, new IntegerType(1, Signedness.Signless))], props, attrs);
    }

    /// <summary>A successor with optional operands: <c>^bb</c> or <c>^bb(%a, ... : T, ...)</c>.</summary>
    private static Dest Successor(OpReader r)
    {
        var block = r.Expect(ItemKind.Successor);
        if (!r.NextIsGroup('(')) return new Dest(block, [], []);
        var (values, types) = r.TypedOperands(r.Next());
        return new Dest(block, values, types);
    }
}
