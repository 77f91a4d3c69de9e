using HwOpt.IR;

namespace HwOpt.Syntax.Custom;

/// <summary>affine.apply / affine.min / affine.max: <c>affine.apply #map(%d0, ...)[%s0, ...]</c>, all operands and the result index.</summary>
internal static class AffineFormats
{
    public static Operation MapApplication(OpReader r, OpEntry e)
    {
        if (r.Expect(ItemKind.Attribute).Attribute is not TextAttr { Kind: TextAttrKind.AffineMap } map) throw OpReader.Mismatch("expected an affine map");
        var operands = new List<Item>();
        var dims = r.Expect(ItemKind.Group);
        if (dims.Open != '(') throw OpReader.Mismatch("expected '('");
        operands.AddRange(r.ValuesOf(dims));
        if (r.Peek() is { Kind: ItemKind.Group, Open: '[' } symbols)
        {
            r.Next();
            operands.AddRange(r.ValuesOf(symbols));
        }
        var attrs = r.AttrDict();
        r.ExpectEnd();
        return r.Create(r.Name, [IndexType.Instance], operands.Select(o => r.Use(o, IndexType.Instance)), [new NamedAttribute("map", map)], attrs);
    }
}
