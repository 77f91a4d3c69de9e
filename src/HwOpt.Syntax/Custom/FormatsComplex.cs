using HwOpt.IR;

namespace HwOpt.Syntax.Custom;

/// <summary>
/// Formats of the complex dialect (MLIR 19) beyond the shared same-type / cast readers: re/im/abs/angle (a float
/// result), create (float operands), eq/neq (an i1 result).
/// </summary>
internal static class ComplexFormats
{
    /// <summary><c>%z [fastmath&lt;..&gt;] [attrs] : complex&lt;T&gt;</c>; the result is T (complex.re, im, abs, angle).</summary>
    public static Operation Part(OpReader r, OpEntry e)
    {
        var uses = r.ValueList();
        if (uses.Count != 1) throw OpReader.Mismatch("expected one operand");
        var props = new List<NamedAttribute>();
        if (r.Peek() is { } k && k.IsKeyword("fastmath") && r.Peek(1) is { Kind: ItemKind.Group, Open: '<' } g)
        {
            r.Next();
            r.Next();
            string body = OpReader.FlagWords(g);
            props.Add(new NamedAttribute("fastmath", new TextAttr(TextAttrKind.Dialect, $"#arith.fastmath<{body}>")));
        }
        var attrs = r.Dict();
        if (r.ColonType() is not ComplexType type) throw OpReader.Mismatch("expected a complex type");
        r.ExpectEnd();
        return r.Create(r.Name, [type.ElementType], [r.Use(uses[0], type)], props, attrs);
    }

    /// <summary><c>%re, %im [attrs] : complex&lt;T&gt;</c> (complex.create).</summary>
    public static Operation Create(OpReader r, OpEntry e)
    {
        var uses = r.ValueList();
        if (uses.Count != 2) throw OpReader.Mismatch("expected two operands");
        var attrs = r.Dict();
        if (r.ColonType() is not ComplexType type) throw OpReader.Mismatch("expected a complex type");
        r.ExpectEnd();
        return r.Create(r.Name, [type], r.UseAll(uses, type.ElementType), attributes: attrs);
    }

    /// <summary><c>%a, %b [attrs] : complex&lt;T&gt;</c> with an i1 result (complex.eq, complex.neq).</summary>
    public static Operation Compare(OpReader r, OpEntry e)
    {
        var uses = r.ValueList();
        if (uses.Count != 2) throw OpReader.Mismatch("expected two operands");
        var attrs = r.Dict();
        var type = r.ColonType();
        r.ExpectEnd();
        return r.Create(r.Name, [new IntegerType(1, Signedness.Signless)], r.UseAll(uses, type), attributes: attrs);
    }
}
