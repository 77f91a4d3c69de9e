using HwOpt.IR;

namespace HwOpt.Syntax.Custom;

/// <summary>Formats of the arith and math dialects (MLIR 19 ODS assembly formats, read as data-driven readers).</summary>
internal static class ArithFormats
{
    /// <summary>cmpf predicates in enum order (arith::CmpFPredicate).</summary>
    private static readonly string[] FloatPredicates =
        ["false", "oeq", "ogt", "oge", "olt", "ole", "one", "ord", "ueq", "ugt", "uge", "ult", "ule", "une", "uno", "true"];

    /// <summary>cmpi predicates in enum order (arith::CmpIPredicate).</summary>
    private static readonly string[] IntegerPredicates = ["eq", "ne", "slt", "sle", "sgt", "sge", "ult", "ule", "ugt", "uge"];

    /// <summary>Rounding modes in enum order (arith::RoundingMode).</summary>
    private static readonly string[] RoundingModes = ["to_nearest_even", "downward", "upward", "toward_zero", "to_nearest_away"];

    /// <summary><c>%a, %b [fastmath&lt;..&gt;] [overflow&lt;..&gt;] [attrs] : T</c>: every operand and the result have type T.</summary>
    public static Operation SameType(OpReader r, OpEntry e)
    {
        var uses = r.ValueList();
        if (uses.Count == 0) throw OpReader.Mismatch("expected operands");
        var props = Flags(r);
        var attrs = r.AttrDict();
        var type = r.ColonType();
        r.ExpectEnd();
        return r.Create(r.Name, [type], uses.Select(u => r.Use(u, type)), props, attrs);
    }

    /// <summary>
    /// <c>%a, %b [fastmath&lt;..&gt;] [attrs] : T1, T2</c> (math.fpowi): the base has type T1, the exponent T2, the
    /// result T1.
    /// </summary>
    public static Operation PowI(OpReader r, OpEntry e)
    {
        var uses = r.ValueList();
        if (uses.Count != 2) throw OpReader.Mismatch("expected two operands");
        var props = Flags(r);
        var attrs = r.AttrDict();
        var types = r.ColonTypes();
        if (types.Count != 2) throw OpReader.Mismatch("expected the base and exponent types");
        r.ExpectEnd();
        return r.Create(r.Name, [types[0]], [r.Use(uses[0], types[0]), r.Use(uses[1], types[1])], props, attrs);
    }

    /// <summary>
    /// <c>%a, %b [attrs] : T, O</c> (arith.addui_extended: the sum has type T, the overflow flag O) and
    /// <c>%a, %b [attrs] : T</c> (arith.mulsi_extended / mului_extended: the low and high halves both have type T).
    /// </summary>
    public static Operation Extended(OpReader r, OpEntry e)
    {
        var uses = r.ValueList();
        if (uses.Count != 2) throw OpReader.Mismatch("expected two operands");
        var attrs = r.AttrDict();
        var types = r.ColonTypes();
        r.ExpectEnd();
        var type = types[0];
        MlirType second = types.Count switch
        {
            1 => type,
            2 => types[1],
            _ => throw OpReader.Mismatch("expected one or two types"),
        };
        return r.Create(r.Name, [type, second], uses.Select(u => r.Use(u, type)), attributes: attrs);
    }

    /// <summary><c>%a [attrs] : T1 to T2</c>.</summary>
    public static Operation Cast(OpReader r, OpEntry e)
    {
        var uses = r.ValueList();
        if (uses.Count != 1) throw OpReader.Mismatch("expected one operand");
        var props = new List<NamedAttribute>();
        // arith.truncf / arith.extf-style rounding mode keyword (arith::RoundingMode enum order).
        if (r.Peek() is { Kind: ItemKind.Keyword } mode && Array.IndexOf(RoundingModes, mode.Text) is int m and >= 0)
        {
            r.Next();
            props.Add(new NamedAttribute("roundingmode", new IntegerAttr(m, new IntegerType(32, Signedness.Signless))));
        }
        props.AddRange(Flags(r));
        var attrs = r.AttrDict();
        var from = r.ColonType();
        r.Keyword("to");
        var to = r.TypeItem();
        r.ExpectEnd();
        return r.Create(r.Name, [to], [r.Use(uses[0], from)], props, attrs);
    }

    /// <summary><c>pred, %a, %b [fastmath] [attrs] : T</c>; the result is i1 of T's shape.</summary>
    public static Operation Compare(OpReader r, OpEntry e)
    {
        var pred = r.Next();
        // `true`/`false` lex as booleans; older IR quotes the predicate ("oeq").
        string predText = pred.Kind switch
        {
            ItemKind.Keyword => pred.Text,
            ItemKind.Attribute when pred.Attribute is BoolAttr b => b.Value ? "true" : "false",
            ItemKind.String => r.Builder.DecodeString(pred.Token),
            _ => throw OpReader.Mismatch("expected a predicate"),
        };
        var table = e.Params.GetValueOrDefault("predicates") == "float" ? FloatPredicates : IntegerPredicates;
        int index = Array.IndexOf(table, predText);
        if (index < 0) throw OpReader.Mismatch($"unknown predicate '{predText}'");
        r.Punct(",");
        var uses = r.ValueList();
        if (uses.Count != 2) throw OpReader.Mismatch("expected two operands");
        var props = Flags(r);
        props.Add(new NamedAttribute("predicate", new IntegerAttr(index, new IntegerType(64, Signedness.Signless))));
        var attrs = r.AttrDict();
        var type = r.ColonType();
        r.ExpectEnd();
        return r.Create(r.Name, [TypeRules.SameShape(type, new IntegerType(1, Signedness.Signless))], uses.Select(u => r.Use(u, type)), props, attrs);
    }

    /// <summary><c>[attrs] value [: T]</c> where value is a literal or a typed attribute; the result has the value's type.</summary>
    public static Operation Constant(OpReader r, OpEntry e)
    {
        var attrs = r.AttrDict();
        MlirAttribute value;
        bool negative = r.TryPunct("-");
        if (r.NextIs(ItemKind.Integer) || r.NextIs(ItemKind.Float))
        {
            var literal = r.Next();
            var type = r.ColonType();
            value = r.Builder.NumberAttribute(negative, literal.Token, type);
        }
        else if (!negative && r.NextIs(ItemKind.Attribute))
        {
            value = r.Next().Attribute!;
        }
        else
        {
            throw OpReader.Mismatch("expected a constant value");
        }
        r.ExpectEnd();
        var resultType = TypeRules.TypeOf(value) ?? throw OpReader.Mismatch("constant without a type");
        return r.Create(r.Name, [resultType], [], [new NamedAttribute("value", value)], attrs);
    }

    /// <summary><c>%c, %a, %b [attrs] : T</c> or <c>: C, T</c>.</summary>
    public static Operation Select(OpReader r, OpEntry e)
    {
        var uses = r.ValueList();
        if (uses.Count != 3) throw OpReader.Mismatch("expected three operands");
        var attrs = r.AttrDict();
        var types = r.ColonTypes();
        r.ExpectEnd();
        MlirType cond = types.Count == 2 ? types[0] : new IntegerType(1, Signedness.Signless);
        MlirType type = types[^1];
        return r.Create(r.Name, [type], [r.Use(uses[0], cond), r.Use(uses[1], type), r.Use(uses[2], type)], attributes: attrs);
    }

    /// <summary>Optional <c>fastmath&lt;fast&gt;</c> and <c>overflow&lt;nsw&gt;</c> flags as properties.</summary>
    private static List<NamedAttribute> Flags(OpReader r)
    {
        var props = new List<NamedAttribute>();
        while (r.Peek() is { Kind: ItemKind.Keyword } k && k.Text is "fastmath" or "overflow" && r.Peek(1) is { Kind: ItemKind.Group, Open: '<' } g)
        {
            r.Next();
            r.Next();
            string body = OpReader.FlagWords(g);
            bool isFast = k.Text == "fastmath";
            props.Add(isFast
                ? new NamedAttribute("fastmath", new TextAttr(TextAttrKind.Dialect, $"#arith.fastmath<{body}>"))
                : new NamedAttribute("overflowFlags", new TextAttr(TextAttrKind.Dialect, $"#arith.overflow<{body}>")));
        }
        return props;
    }
}
