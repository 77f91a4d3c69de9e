using HwOpt.IR;

namespace HwOpt.Syntax.Custom;

/// <summary>func.func, func.return, func.call (and the older <c>func</c> / <c>return</c> spellings).</summary>
internal static class FuncFormats
{
    /// <summary><c>func.func [private] @name(%a: T {attrs} loc(..), ...) [-> R | (R {attrs}, ...)] [attributes {...}] [{ body }]</c>.</summary>
    public static Operation Function(OpReader r, OpEntry e)
    {
        var props = new List<NamedAttribute>();
        var (argTypes, argAttrs, entryArgs) = Header(r, props);

        IReadOnlyList<MlirType> resultTypes = [];
        List<DictionaryAttr> resultAttrs = new();
        if (r.TryPunct("->"))
        {
            if (r.NextIs(ItemKind.Group) && r.Peek()!.Open == '(')
            {
                (resultTypes, resultAttrs, _) = Parameters(r, r.Sub(r.Next()), named: false);
            }
            else
            {
                resultTypes = [r.TypeItem()];
                resultAttrs.Add(DictionaryAttr.Empty);
            }
        }
        // func.func's attr-dict always carries the `attributes` keyword: a plain `{...}` here is the body.
        var attrs = r.NextIs(ItemKind.AttributesKeyword) ? (DictionaryAttr)r.Next().Attribute! : DictionaryAttr.Empty;
        Region region = r.NextIs(ItemKind.Region) ? r.BuildRegion(r.Next(), entryArgs) : new Region();
        r.ExpectEnd();

        props.Add(new NamedAttribute("function_type", new TypeAttr(new FunctionType(argTypes, resultTypes))));
        if (argAttrs.Any(a => a.Count > 0)) props.Add(new NamedAttribute("arg_attrs", new ArrayAttr(argAttrs)));
        if (resultAttrs.Any(a => a.Count > 0)) props.Add(new NamedAttribute("res_attrs", new ArrayAttr(resultAttrs)));
        return r.Create(CustomSyntax.CanonicalName(r, e), [], [], props, attrs, [region]);
    }

    /// <summary>
    /// The entry arguments that <see cref="Function"/> defines for the body, read from the items before the body
    /// (<c>[visibility] @name(%a: T ...)</c>; what follows the parameter list is not read): for building a function body
    /// while it is parsed (<c>IRBuilder.BeginStreamedFunctionBody</c>).
    /// </summary>
    /// <exception cref="OpReader.FormatMismatch">The items do not start like a function with named parameters.</exception>
    public static IReadOnlyList<IRBuilder.EntryArgument> EntryArguments(OpReader r) => Header(r, null).Args;

    /// <summary><c>[visibility] @name(parameters)</c>: adds <c>sym_visibility</c> and <c>sym_name</c> to <paramref name="props"/> (when given).</summary>
    private static (List<MlirType> Types, List<DictionaryAttr> Attrs, List<IRBuilder.EntryArgument> Args) Header(OpReader r, List<NamedAttribute>? props)
    {
        if (r.Peek() is { Kind: ItemKind.Keyword } vis && vis.Text is "private" or "public" or "nested")
        {
            r.Next();
            props?.Add(new NamedAttribute("sym_visibility", new StringAttr(vis.Text)));
        }
        if (r.Expect(ItemKind.Attribute).Attribute is not SymbolRefAttr { Path.Count: 1 } sym) throw OpReader.Mismatch("expected a function name");
        props?.Add(new NamedAttribute("sym_name", new StringAttr(sym.Path[0])));
        var args = r.Expect(ItemKind.Group);
        if (args.Open != '(') throw OpReader.Mismatch("expected '(' after the function name");
        return Parameters(r, r.Sub(args), named: true);
    }

    /// <summary>A parenthesized parameter list: <c>%a: T {attrs} loc(...)</c> (named) or <c>T {attrs}</c> entries.</summary>
    private static (List<MlirType> Types, List<DictionaryAttr> Attrs, List<IRBuilder.EntryArgument> Args) Parameters(OpReader outer, OpReader g, bool named)
    {
        var types = new List<MlirType>();
        var attrs = new List<DictionaryAttr>();
        var args = new List<IRBuilder.EntryArgument>();
        bool allNamed = true;
        while (!g.AtEnd)
        {
            if (named && g.NextIs(ItemKind.Value))
            {
                var name = g.Next();
                var t = g.ColonTypes();
                if (t.Count != 1) throw OpReader.Mismatch("expected one type per argument");
                types.Add(t[0]);
                attrs.Add(g.AttrDict());
                Location? loc = g.NextIs(ItemKind.Attribute) && g.Peek()!.Attribute is Location l ? (g.Next().Attribute as Location) : null;
                args.Add(new IRBuilder.EntryArgument(name.Text, t[0], loc, outer.Span(name)));
            }
            else
            {
                allNamed = false;
                types.Add(g.TypeOrFunctionType());
                attrs.Add(g.AttrDict());
                if (g.NextIs(ItemKind.Attribute) && g.Peek()!.Attribute is Location) g.Next();
            }
            if (!g.AtEnd) g.Punct(",");
        }
        if (!allNamed && args.Count > 0) throw OpReader.Mismatch("mixed named and unnamed arguments");
        return (types, attrs, args);
    }

    /// <summary><c>func.return [%a, ... : T, ...]</c>.</summary>
    public static Operation Return(OpReader r, OpEntry e)
    {
        var uses = r.ValueList();
        var attrs = r.AttrDict();
        var types = uses.Count > 0 ? r.ColonTypes() : [];
        r.ExpectEnd();
        if (types.Count != uses.Count) throw OpReader.Mismatch("operand and type counts differ");
        return r.Create(CustomSyntax.CanonicalName(r, e), [], uses.Select((u, i) => r.Use(u, types[i])), attributes: attrs);
    }

    /// <summary><c>func.call @f(%a, ...) [attrs] : (T, ...) -> R</c>.</summary>
    public static Operation Call(OpReader r, OpEntry e)
    {
        if (r.Expect(ItemKind.Attribute).Attribute is not SymbolRefAttr callee) throw OpReader.Mismatch("expected a callee");
        var args = r.Expect(ItemKind.Group);
        var uses = r.ValuesOf(args);
        var attrs = r.AttrDict();
        if (r.ColonType() is not FunctionType fn || fn.Inputs.Count != uses.Count) throw OpReader.Mismatch("expected the callee's function type");
        r.ExpectEnd();
        return r.Create(CustomSyntax.CanonicalName(r, e), fn.Results, uses.Select((u, i) => r.Use(u, fn.Inputs[i])), [new NamedAttribute("callee", callee)], attrs);
    }

    /// <summary><c>func.constant @f [attrs] : (T) -&gt; R</c>: a function value.</summary>
    public static Operation Constant(OpReader r, OpEntry e)
    {
        if (r.Expect(ItemKind.Attribute).Attribute is not SymbolRefAttr callee) throw OpReader.Mismatch("expected a function name");
        var attrs = r.AttrDict();
        var type = r.ColonType();
        r.ExpectEnd();
        return r.Create(r.Name, [type], [], [new NamedAttribute("value", callee)], attrs);
    }

    /// <summary><c>func.call_indirect %f(%a, ...) [attrs] : (T, ...) -&gt; R</c>.</summary>
    public static Operation CallIndirect(OpReader r, OpEntry e)
    {
        var callee = r.Expect(ItemKind.Value);
        var uses = r.ValuesOf(r.Expect(ItemKind.Group));
        var attrs = r.AttrDict();
        if (r.ColonType() is not FunctionType fn || fn.Inputs.Count != uses.Count) throw OpReader.Mismatch("expected the callee's function type");
        r.ExpectEnd();
        return r.Create(r.Name, fn.Results, uses.Select((u, i) => r.Use(u, fn.Inputs[i])).Prepend(r.Use(callee, fn)), attributes: attrs);
    }
}
