using HwOpt.IR;

namespace HwOpt.Syntax.Custom;

/// <summary>
/// Formats of the tosa dialect (MLIR 19): almost every op is <c>operands attr-dict : functional-type(operands, results)</c>;
/// tosa.cond_if and tosa.while_loop use the scf.if / scf.while readers; tosa.const has no custom form.
/// </summary>
internal static class TosaFormats
{
    /// <summary><c>%a, %b, ... [attrs] : (T, ...) -&gt; R</c>; also serves other dialects' ops of this format.</summary>
    public static Operation Functional(OpReader r, OpEntry e)
    {
        var uses = r.ValueList();
        var attrs = r.Dict();
        if (r.ColonType() is not FunctionType fn || fn.Inputs.Count != uses.Count) throw OpReader.Mismatch("expected the operands' function type");
        r.ExpectEnd();
        return r.Create(r.Name, fn.Results, r.UseAll(uses, fn.Inputs), attributes: attrs);
    }

    /// <summary>Ops that MLIR 19 only writes in generic form: their custom spelling is read in tolerant mode.</summary>
    public static Operation GenericOnly(OpReader r, OpEntry e) => throw OpReader.Mismatch($"'{r.Name}' has no custom form in MLIR 19");

    /// <summary>
    /// <c>@name = initial [attrs]</c> or <c>@name : T [attrs]</c> (tosa.variable; with an initial value, its type is the
    /// variable's), <c>@name [attrs] : T</c> (tosa.variable.read, result T) and <c>@name, %v [attrs] : T</c>
    /// (tosa.variable.write). <c>name</c>, <c>type</c> and <c>initial_value</c> are properties.
    /// </summary>
    public static Operation Variable(OpReader r, OpEntry e)
    {
        if (r.Expect(ItemKind.Attribute).Attribute is not SymbolRefAttr { Path.Count: 1 } symbol) throw OpReader.Mismatch("expected a variable name");
        var props = new List<NamedAttribute> { new("name", new StringAttr(symbol.Path[0])) };
        switch (e.Params.GetValueOrDefault("kind"))
        {
            case "read":
            {
                var attrs = r.Dict();
                var type = r.ColonType();
                r.ExpectEnd();
                return r.Create(r.Name, [type], [], props, attrs);
            }
            case "write":
            {
                r.Punct(",");
                var value = r.Expect(ItemKind.Value);
                var attrs = r.Dict();
                var type = r.ColonType();
                r.ExpectEnd();
                return r.Create(r.Name, [], [r.Use(value, type)], props, attrs);
            }
            default:
            {
                var attrs = r.Dict();
                MlirType type;
                if (r.TryPunct("="))
                {
                    var initial = r.AttributeValue() ?? throw OpReader.Mismatch("expected an initial value");
                    type = TypeRules.TypeOf(initial) ?? throw OpReader.Mismatch("the initial value has no type");
                    props.Add(new NamedAttribute("initial_value", initial));
                }
                else
                {
                    type = r.ColonType();
                }
                attrs = attrs.Count > 0 ? attrs : r.Dict();
                r.ExpectEnd();
                props.Add(new NamedAttribute("type", new TypeAttr(type)));
                return r.Create(r.Name, [], [], props, attrs);
            }
        }
    }
}
