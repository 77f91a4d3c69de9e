using HwOpt.IR;

namespace HwOpt.Syntax.Custom;

/// <summary>builtin.module and builtin.unrealized_conversion_cast.</summary>
internal static class BuiltinFormats
{
    /// <summary><c>module [@name] [attributes {...}] { ... }</c>.</summary>
    public static Operation Module(OpReader r, OpEntry e)
    {
        var props = new List<NamedAttribute>();
        if (r.NextIs(ItemKind.Attribute) && r.Peek()!.Attribute is SymbolRefAttr sym)
        {
            r.Next();
            props.Add(new NamedAttribute("sym_name", new StringAttr(sym.Path[0])));
        }
        var attrs = r.NextIs(ItemKind.AttributesKeyword) ? (DictionaryAttr)r.Next().Attribute! : DictionaryAttr.Empty;
        var region = r.BuildRegion(r.Expect(ItemKind.Region), null);
        r.ExpectEnd();
        // A module's body is one block, present even when empty.
        if (region.Blocks.Count == 0) region.AddBlock(new Block());
        return r.Create(CustomSyntax.CanonicalName(r, e), [], [], props, attrs, [region]);
    }

    /// <summary><c>builtin.unrealized_conversion_cast %a, %b : t1, t2 to r1, r2</c>.</summary>
    public static Operation ConversionCast(OpReader r, OpEntry e)
    {
        var uses = r.ValueList();
        var attrs = r.AttrDict();
        var inTypes = uses.Count > 0 ? r.ColonTypes() : [];
        r.Keyword("to");
        var outTypes = new List<MlirType> { r.TypeItem() };
        while (r.TryPunct(",")) outTypes.Add(r.TypeItem());
        r.ExpectEnd();
        if (inTypes.Count != uses.Count) throw OpReader.Mismatch("operand and type counts differ");
        return r.Create(CustomSyntax.CanonicalName(r, e), outTypes, uses.Select((u, i) => r.Use(u, inTypes[i])), attributes: attrs);
    }
}
