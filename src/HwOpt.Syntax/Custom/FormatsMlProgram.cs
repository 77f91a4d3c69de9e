using HwOpt.IR;

namespace HwOpt.Syntax.Custom;

/// <summary>
/// Formats of the ml_program dialect (MLIR 19), which torch-mlir and IREE inputs use for model state: globals and
/// their loads and stores (<c>ml_program.func</c> / <c>subgraph</c> use the function format, <c>return</c> /
/// <c>output</c> the return format).
/// </summary>
internal static class MlProgramFormats
{
    private static readonly string[] Visibilities = ["public", "private", "nested"];

    /// <summary>
    /// <c>visibility [mutable] @name [(initial value)] : T [attrs]</c> (ml_program.global): all inherent attributes
    /// (properties) <c>is_mutable</c>, <c>sym_name</c>, <c>sym_visibility</c>, <c>type</c>, <c>value</c>.
    /// </summary>
    public static Operation Global(OpReader r, OpEntry e)
    {
        var visibility = r.Expect(ItemKind.Keyword).Text;
        if (Array.IndexOf(Visibilities, visibility) < 0) throw OpReader.Mismatch("expected 'public', 'private' or 'nested'");
        var props = new List<NamedAttribute>();
        if (r.TryKeyword("mutable")) props.Add(new NamedAttribute("is_mutable", UnitAttr.Instance));
        if (r.Expect(ItemKind.Attribute).Attribute is not SymbolRefAttr { Path.Count: 1 } name) throw OpReader.Mismatch("expected a symbol name");
        props.Add(new NamedAttribute("sym_name", new StringAttr(name.Path[0])));
        props.Add(new NamedAttribute("sym_visibility", new StringAttr(visibility)));
        MlirAttribute? value = null;
        if (r.NextIsGroup('('))
        {
            var inner = r.Sub(r.Next());
            value = inner.AttributeValue() ?? throw OpReader.Mismatch("expected an initial value");
            inner.ExpectEnd();
        }
        var type = r.ColonType();
        var attrs = r.Dict();
        r.ExpectEnd();
        props.Add(new NamedAttribute("type", new TypeAttr(type)));
        if (value is not null) props.Add(new NamedAttribute("value", value));
        return r.Create(r.Name, [], [], props, attrs);
    }

    /// <summary>
    /// <c>@global [attrs] : T</c> (global_load, global_load_const: the result has type T) and
    /// <c>@global = %v [attrs] : T</c> (global_store: %v has type T); <c>global</c> is a property.
    /// </summary>
    public static Operation GlobalAccess(OpReader r, OpEntry e)
    {
        if (r.Expect(ItemKind.Attribute).Attribute is not SymbolRefAttr global) throw OpReader.Mismatch("expected a global's name");
        Item? stored = null;
        if (r.TryPunct("=")) stored = r.Expect(ItemKind.Value);
        var attrs = r.Dict();
        var type = r.ColonType();
        r.ExpectEnd();
        var props = new[] { new NamedAttribute("global", global) };
        return stored is null
            ? r.Create(r.Name, [type], [], props, attrs)
            : r.Create(r.Name, [], [r.Use(stored, type)], props, attrs);
    }

    /// <summary><c>ml_program.token [attrs]</c>: a new <c>!ml_program.token</c>.</summary>
    public static Operation Token(OpReader r, OpEntry e)
    {
        var attrs = r.Dict();
        r.ExpectEnd();
        return r.Create(r.Name, [new DialectType("!ml_program.token")], [], attributes: attrs);
    }
}
