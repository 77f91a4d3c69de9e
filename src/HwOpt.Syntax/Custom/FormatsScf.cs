using HwOpt.IR;

namespace HwOpt.Syntax.Custom;

/// <summary>
/// Formats of the scf dialect (MLIR 19): for, if, while/condition, parallel/reduce, forall/in_parallel, execute_region,
/// index_switch. Loop-carried values and induction variables become entry-block arguments as in the generic form;
/// regions whose custom form may omit the terminator get MLIR's implicit one.
/// </summary>
internal static class ScfFormats
{
    private static readonly IndexType Index = IndexType.Instance;

    /// <summary><c>%iv = %lb to %ub step %s [iter_args(%a = %init, ...) -&gt; (T, ...)] [: T] { body } [attrs]</c>.</summary>
    public static Operation For(OpReader r, OpEntry e)
    {
        var iv = r.Expect(ItemKind.Value);
        r.Punct("=");
        var lb = r.Expect(ItemKind.Value);
        r.Keyword("to");
        var ub = r.Expect(ItemKind.Value);
        r.Keyword("step");
        var step = r.Expect(ItemKind.Value);
        var (iters, resultTypes) = r.LoopCarried("iter_args");
        MlirType ivType = Index;
        if (r.NextIs(ItemKind.ColonTypes)) ivType = r.ColonType();
        var region = r.RegionItem();
        var attrs = r.Dict();
        r.ExpectEnd();

        var operands = new List<Value> { r.Use(lb, ivType), r.Use(ub, ivType), r.Use(step, ivType) };
        operands.AddRange(iters.Select((it, i) => r.Use(it.Init, resultTypes[i])));
        var args = new List<IRBuilder.EntryArgument> { new(iv.Text, ivType, null, r.Span(iv)) };
        args.AddRange(iters.Select((it, i) => new IRBuilder.EntryArgument(it.Arg.Text, resultTypes[i], null, r.Span(it.Arg))));
        var body = r.BuildRegion(region, args);
        ImplicitTerminators.Ensure(body, "scf.yield");
        return r.Create(r.Name, resultTypes, operands, attributes: attrs, regions: [body]);
    }

    /// <summary>
    /// <c>%cond [-&gt; (T, ...)] { then } [else { else }] [attrs]</c>. Params: <c>condition: tensor</c> for a
    /// <c>tensor&lt;i1&gt;</c> condition (tosa.cond_if), <c>terminator: none</c> for no implicit terminator.
    /// </summary>
    public static Operation If(OpReader r, OpEntry e)
    {
        var cond = r.Expect(ItemKind.Value);
        var resultTypes = r.ArrowTypes();
        var thenItem = r.RegionItem();
        Item? elseItem = r.TryKeyword("else") ? r.RegionItem() : null;
        var attrs = r.Dict();
        r.ExpectEnd();

        var i1 = new IntegerType(1, Signedness.Signless);
        var operand = r.Use(cond, e.Params.GetValueOrDefault("condition") == "tensor" ? new TensorType([], i1, null) : i1);
        string terminator = e.Params.GetValueOrDefault("terminator", "scf.yield");
        var thenRegion = r.BuildRegion(thenItem, []);
        if (terminator != "none") ImplicitTerminators.Ensure(thenRegion, terminator);
        var elseRegion = new Region();
        if (elseItem is not null)
        {
            elseRegion = r.BuildRegion(elseItem, []);
            if (terminator != "none") ImplicitTerminators.Ensure(elseRegion, terminator);
        }
        return r.Create(r.Name, resultTypes, [operand], attributes: attrs, regions: [thenRegion, elseRegion]);
    }

    /// <summary><c>[(%a = %init, ...)] : (T, ...) -&gt; (R, ...) { before } do { after } [attributes {...}]</c>.</summary>
    public static Operation While(OpReader r, OpEntry e)
    {
        var assigns = r.NextIsGroup('(') ? r.Assignments(r.Next()) : [];
        if (r.ColonType() is not FunctionType fn || fn.Inputs.Count != assigns.Count) throw OpReader.Mismatch("expected a function type");
        var before = r.RegionItem();
        r.Keyword("do");
        var after = r.RegionItem();
        var attrs = r.Dict(withKeyword: true);
        r.ExpectEnd();

        var operands = assigns.Select((a, i) => r.Use(a.Init, fn.Inputs[i])).ToList();
        var args = assigns.Select((a, i) => new IRBuilder.EntryArgument(a.Arg.Text, fn.Inputs[i], null, r.Span(a.Arg))).ToList();
        var beforeRegion = r.BuildRegion(before, args);
        var afterRegion = r.BuildRegion(after, null);
        return r.Create(r.Name, fn.Results, operands, attributes: attrs, regions: [beforeRegion, afterRegion]);
    }

    /// <summary><c>(%cond) [%a, ... : T, ...] [attrs]</c> (scf.condition).</summary>
    public static Operation Condition(OpReader r, OpEntry e)
    {
        var g = r.Sub(r.Group('('));
        var cond = g.Expect(ItemKind.Value);
        g.ExpectEnd();
        var uses = r.ValueList();
        var attrs = r.Dict();
        IReadOnlyList<MlirType> types = uses.Count > 0 ? r.ColonTypes() : [];
        r.ExpectEnd();
        if (types.Count != uses.Count) throw OpReader.Mismatch("operand and type counts differ");
        var operands = new List<Value> { r.Use(cond, new IntegerType(1, Signedness.Signless)) };
        operands.AddRange(r.UseAll(uses, types));
        return r.Create(r.Name, [], operands, attributes: attrs);
    }

    /// <summary><c>(%i, ...) = (%lb, ...) to (%ub, ...) step (%s, ...) [init (%v, ...)] [-&gt; T, ...] { body } [attrs]</c>.</summary>
    public static Operation Parallel(OpReader r, OpEntry e)
    {
        var ivs = r.ValuesOf(r.Group('('));
        r.Punct("=");
        var lbs = r.ValuesOf(r.Group('('));
        r.Keyword("to");
        var ubs = r.ValuesOf(r.Group('('));
        r.Keyword("step");
        var steps = r.ValuesOf(r.Group('('));
        List<Item> inits = r.TryKeyword("init") ? r.ValuesOf(r.Group('(')) : [];
        var resultTypes = new List<MlirType>();
        if (r.TryPunct("->"))
        {
            if (r.NextIsGroup('(')) resultTypes = r.TypeGroup(r.Next());
            else
            {
                resultTypes.Add(r.TypeItem());
                while (r.TryPunct(",")) resultTypes.Add(r.TypeItem());
            }
        }
        if (lbs.Count != ivs.Count || ubs.Count != ivs.Count || steps.Count != ivs.Count || resultTypes.Count != inits.Count)
        {
            throw OpReader.Mismatch("loop bound counts differ");
        }
        var region = r.RegionItem();
        var attrs = r.Dict();
        r.ExpectEnd();

        var operands = LoopBounds(r, lbs, ubs, steps);
        operands.AddRange(r.UseAll(inits, resultTypes));
        var args = ivs.Select(iv => new IRBuilder.EntryArgument(iv.Text, Index, null, r.Span(iv))).ToList();
        var body = r.BuildRegion(region, args);
        ImplicitTerminators.Ensure(body, "scf.reduce");
        return r.Create(r.Name, resultTypes, operands, [OpReader.Segments(lbs.Count, ubs.Count, steps.Count, inits.Count)], attrs, [body]);
    }

    /// <summary><c>[(%a, ... : T, ...)] [{ reduction }, ...] [attrs]</c> (scf.reduce).</summary>
    public static Operation Reduce(OpReader r, OpEntry e)
    {
        List<Item> uses = [];
        IReadOnlyList<MlirType> types = [];
        if (r.NextIsGroup('(')) (uses, types) = r.TypedOperands(r.Next());
        var regions = new List<Item>();
        for (int i = 0; i < uses.Count; i++)
        {
            if (i > 0) r.Punct(",");
            regions.Add(r.RegionItem());
        }
        var attrs = r.Dict();
        r.ExpectEnd();
        var operands = r.UseAll(uses, types);
        var built = regions.Select(x => r.BuildRegion(x, null)).ToList();
        return r.Create(r.Name, [], operands, attributes: attrs, regions: built);
    }

    /// <summary>
    /// <c>(%i, ...) in (ub, ...)</c> or <c>(%i, ...) = (lb, ...) to (ub, ...) step (s, ...)</c>, then
    /// <c>[shared_outs(%o = %init, ...) -&gt; (T, ...)] { body } [attrs]</c> (scf.forall).
    /// </summary>
    public static Operation Forall(OpReader r, OpEntry e)
    {
        var ivs = r.ValuesOf(r.Group('('));
        List<Item> lbs = [], ubs, steps = [];
        List<long> staticLbs, staticUbs, staticSteps;
        if (r.TryKeyword("in"))
        {
            (ubs, staticUbs) = r.DynamicIndexList(r.Group('('));
            staticLbs = Enumerable.Repeat(0L, ivs.Count).ToList();
            staticSteps = Enumerable.Repeat(1L, ivs.Count).ToList();
        }
        else
        {
            r.Punct("=");
            (lbs, staticLbs) = r.DynamicIndexList(r.Group('('));
            r.Keyword("to");
            (ubs, staticUbs) = r.DynamicIndexList(r.Group('('));
            r.Keyword("step");
            (steps, staticSteps) = r.DynamicIndexList(r.Group('('));
        }
        var (outs, resultTypes) = r.LoopCarried("shared_outs");
        var region = r.RegionItem();
        var attrs = r.Dict();
        r.ExpectEnd();

        var operands = LoopBounds(r, lbs, ubs, steps);
        operands.AddRange(outs.Select((o, i) => r.Use(o.Init, resultTypes[i])));
        var args = ivs.Select(iv => new IRBuilder.EntryArgument(iv.Text, Index, null, r.Span(iv))).ToList();
        args.AddRange(outs.Select((o, i) => new IRBuilder.EntryArgument(o.Arg.Text, resultTypes[i], null, r.Span(o.Arg))));
        var body = r.BuildRegion(region, args);
        ImplicitTerminators.Ensure(body, "scf.forall.in_parallel");
        var props = new List<NamedAttribute>
        {
            OpReader.Segments(lbs.Count, ubs.Count, steps.Count, outs.Count),
            new("staticLowerBound", OpReader.I64Array(staticLbs)),
            new("staticStep", OpReader.I64Array(staticSteps)),
            new("staticUpperBound", OpReader.I64Array(staticUbs)),
        };
        attrs = OpReader.MoveInherent(attrs, props, "mapping");
        return r.Create(r.Name, resultTypes, operands, props, attrs, [body]);
    }

    /// <summary><c>{ region } [attrs]</c> with no operands or results (scf.forall.in_parallel, memref.alloca_scope without results).</summary>
    public static Operation RegionOnly(OpReader r, OpEntry e)
    {
        var resultTypes = r.ArrowTypes();
        var region = r.RegionItem();
        var attrs = r.Dict(withKeyword: true);
        r.ExpectEnd();
        var body = r.BuildRegion(region, []);
        if (e.Params.GetValueOrDefault("terminator") is { } t) ImplicitTerminators.Ensure(body, t);
        return r.Create(r.Name, resultTypes, [], attributes: attrs, regions: [body]);
    }

    /// <summary><c>%arg [-&gt; T, ...] (case N { region })* default { region } [attrs]</c>; the default region comes first.</summary>
    public static Operation IndexSwitch(OpReader r, OpEntry e)
    {
        var arg = r.Expect(ItemKind.Value);
        var resultTypes = new List<MlirType>();
        if (r.TryPunct("->"))
        {
            resultTypes.Add(r.TypeItem());
            while (r.TryPunct(",")) resultTypes.Add(r.TypeItem());
        }
        var cases = new List<long>();
        var caseRegions = new List<Item>();
        while (r.TryKeyword("case"))
        {
            cases.Add(r.Integer());
            caseRegions.Add(r.RegionItem());
        }
        r.Keyword("default");
        var defaultRegion = r.RegionItem();
        var attrs = r.Dict();
        r.ExpectEnd();
        var operand = r.Use(arg, Index);
        var regions = new List<Region> { r.BuildRegion(defaultRegion, []) };
        regions.AddRange(caseRegions.Select(c => r.BuildRegion(c, [])));
        foreach (var region in regions) ImplicitTerminators.Ensure(region, "scf.yield");
        return r.Create(r.Name, resultTypes, [operand], [new NamedAttribute("cases", OpReader.I64Array(cases))], attrs, regions);
    }

    /// <summary>The index operands of a multi-dimensional loop: lower bounds, upper bounds, steps (scf.parallel, scf.forall).</summary>
    private static List<Value> LoopBounds(OpReader r, List<Item> lbs, List<Item> ubs, List<Item> steps) =>
        [.. r.UseAll(lbs, Index), .. r.UseAll(ubs, Index), .. r.UseAll(steps, Index)];
}
