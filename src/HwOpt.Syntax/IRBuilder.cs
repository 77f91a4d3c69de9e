using System.Globalization;
using Antlr4.Runtime;
using Antlr4.Runtime.Tree;
using HwOpt.Diagnostics;
using HwOpt.IR;
using HwOpt.Syntax.Lexing;
using HwOpt.Syntax.Generated;
using static HwOpt.Syntax.Generated.MLIRParser;
using static HwOpt.Syntax.ParseTreeAccess;

namespace HwOpt.Syntax;

/// <summary>
/// Builds IR from the parse tree: aliases (order-independent, cycle-checked), SSA scopes and forward references,
/// blocks and successors, generic ops exactly, custom ops through the known formats (Custom/CustomSyntax.cs) or tolerant mode.
/// Recursion follows bracket nesting only, which the parser bounded before this runs.
/// </summary>
internal sealed partial class IRBuilder(SourceText source, DiagnosticBag diagnostics, ParseOptions options)
{
    private readonly ValueScopes values = new(diagnostics);
    // A definition's tree is dropped (null) once its value is cached; the name stays for redefinition checks.
    private readonly Dictionary<string, AttributeAliasDefContext?> attributeAliasDefs = new(Utf8KeyComparer.Instance);
    private readonly Dictionary<string, TypeAliasDefContext?> typeAliasDefs = new(Utf8KeyComparer.Instance);
    private readonly Dictionary<string, MlirAttribute?> attributeAliases = new(Utf8KeyComparer.Instance);
    private readonly Dictionary<string, MlirType?> typeAliases = new(Utf8KeyComparer.Instance);
    private readonly HashSet<string> resolving = new(StringComparer.Ordinal);
    private readonly Dictionary<string, MlirType> typeCache = new(StringComparer.Ordinal);
    private readonly Stack<RegionBlocks> regionStack = new();
    private int operations, genericOps, customOps, opaqueOps;
    private readonly SortedDictionary<string, int> opaqueByDialect = new(StringComparer.Ordinal);

    // Block names of one region. Most regions (a linalg.generic body, a function without branches) name no block, so
    // the tables are made on first use.
    private sealed class RegionBlocks
    {
        private Dictionary<string, Block>? byName;
        private Dictionary<string, SourceSpan>? firstReference;
        private HashSet<string>? defined;

        public Dictionary<string, Block> ByName => byName ??= new(StringComparer.Ordinal);

        public Dictionary<string, SourceSpan> FirstReference => firstReference ??= new(StringComparer.Ordinal);

        public HashSet<string> Defined => defined ??= new(StringComparer.Ordinal);

        /// <summary>Names referenced as successors but never defined as a block label of the region.</summary>
        public IEnumerable<(string Name, SourceSpan Span)> Undefined()
        {
            if (firstReference is null) yield break;
            foreach (var (name, span) in firstReference)
            {
                if (defined is null || !defined.Contains(name)) yield return (name, span);
            }
        }
    }

    public ModuleIR Build(MlirFileContext file)
    {
        var metadata = new List<string>();
        foreach (var item in file.topLevelItem())
        {
            if (item.attributeAliasDef() is { } a) AddAttributeAlias(a.HASH_ID().GetText(), a.HASH_ID().Symbol, a);
            else if (item.typeAliasDef() is { } t) AddAlias(typeAliasDefs, t.BANG_ID().GetText(), t.BANG_ID().Symbol, t);
            else if (item.fileMetadata() is { } m) metadata.Add(CanonicalText(m));
        }

        values.Push();
        var top = new Block();
        foreach (var item in file.topLevelItem())
        {
            if (item.operation() is { } op) BuildOperation(op, top);
            else if (item.attributeAliasDef() is { } a) ResolveAttributeAlias(a.HASH_ID().GetText(), Span(a.Start));
            else if (item.typeAliasDef() is { } t) ResolveTypeAlias(t.BANG_ID().GetText(), Span(t.Start));
        }
        values.Pop();
        return Wrap(top, metadata);
    }

    /// <summary>As MLIR does: a single top-level builtin.module is the module; otherwise the ops are wrapped in one.</summary>
    private ModuleIR Wrap(Block top, List<string> metadata)
    {
        Operation root;
        if (top.Operations.Count == 1 && top.Operations[0].Name == "builtin.module" && top.Operations[0].Results.Count == 0)
        {
            root = top.Operations[0];
            root.DetachFromParent();
        }
        else
        {
            root = new Operation("builtin.module", []);
            var region = root.AddRegion(new Region());
            var body = region.AddBlock(new Block());
            foreach (var op in top.Operations) body.Append(op);
            operations++;
        }
        return new ModuleIR(root, metadata);
    }

    public ParseStats Stats(int tokenCount, double lexMs, double parseMs, double buildMs) =>
        new(operations, genericOps, customOps, opaqueOps, opaqueByDialect.ToList(), tokenCount, lexMs, parseMs, buildMs);

    /// <summary>Records an alias definition; false (and HW1xxx reported) when the name is defined already.</summary>
    private bool AddAlias<T>(Dictionary<string, T> defs, string key, IToken name, T ctx)
    {
        if (defs.TryAdd(key, ctx)) return true;
        diagnostics.Report(DiagnosticIds.RedefinedAlias, Span(name), $"redefinition of alias '{key}'");
        return false;
    }

    // ---- operations -----------------------------------------------------------------------------------------------

    private void BuildOperation(OperationContext ctx, Block parent)
    {
        if (ctx is SkippedGenericOperation plain)
        {
            BuildPlainGeneric(plain.Operation, parent);
            return;
        }
        if (ctx is SkippedCustomOperation plainCustom)
        {
            BuildPlainCustom(plainCustom.Operation, parent);
            return;
        }
        // Result names: `%a`, `%b:2` (a group), checked and counted here, defined once the op is built.
        OpResultContext[] results = Rule<OpResultListContext>(ctx) is { } rl ? Children<OpResultContext>(rl) : [];
        int expectedResults = 0;
        foreach (var r in results) expectedResults = checked(expectedResults + GroupSize(r));
        Operation? op = Rule<GenericOperationContext>(ctx) is { } g
            ? BuildGeneric(g, expectedResults)
            : Rule<CustomOperationContext>(ctx) is { } c
                ? BuildCustom(c, Intern(TextOf(Rule<OpNameContext>(c)!)), expectedResults)
                : BuildCustom(ctx.legacyOperation(), Intern(ctx.legacyOperation().BARE_ID().GetText()), expectedResults);
        if (op is null) return;
        operations++;
        op.Span = new SourceSpan(source, ctx.Start.StartIndex, Math.Max(0, (ctx.Stop?.StopIndex ?? ctx.Start.StartIndex) - ctx.Start.StartIndex + 1));
        if (Rule<TrailingLocationContext>(ctx) is { } loc) op.Location = BuildTrailingLocation(loc);

        // Results need not be named (`"foo"() : () -> i32`); when they are, the count must match.
        if (results.Length > 0 && op.Results.Count != expectedResults)
        {
            diagnostics.Report(DiagnosticIds.ResultCountMismatch, Span(ctx.Start),
                $"operation '{op.Name}' defines {expectedResults} result name(s) but has {op.Results.Count} result(s)");
        }
        int next = 0;
        foreach (var r in results)
        {
            if (next >= op.Results.Count) break;
            var token = Token(r, MLIRLexer.VALUE_ID)!;
            int count = GroupSize(r, report: false);
            DefineResults(op, next, Name(token), count, Span(token));
            next += count;
        }
        RegisterForwardUses(op);
        parent.Append(op);
    }

    /// <summary>
    /// Defines result name <paramref name="name"/> for the results of <paramref name="op"/> from <paramref name="next"/>:
    /// one result, or a group of <paramref name="count"/> (<c>%r:2</c>: <c>%r#0</c>, <c>%r#1</c>, and <c>%r</c> for the
    /// first), as far as the op has results.
    /// </summary>
    private void DefineResults(Operation op, int next, string name, int count, SourceSpan span)
    {
        if (count == 1)
        {
            values.Define(name, op.Results[next], span);
            return;
        }
        for (int i = 0; i < count && next + i < op.Results.Count; i++)
        {
            values.Define(name + "#" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), op.Results[next + i], span);
        }
        values.Define(name, op.Results[next], span);
    }

    // Value and block names, shared: in custom form the same few (%0, %1, ..., %cst, ^bb1) come back in every function and
    // the IR keeps them. Generic prints number values across the whole module (85,000 names in large_generic), so the
    // table stops growing at a size where it still pays.
    private readonly Dictionary<string, string> names = new(Utf8KeyComparer.Instance);
    private const int MaxSharedNames = 4096;

    private string Name(IToken token) => Share(names, LightToken.SpanOf(token), MaxSharedNames);

    /// <summary>As <see cref="Name(IToken)"/>, for the name from <paramref name="start"/> to <paramref name="stop"/> (inclusive) of the source.</summary>
    private string Name(int start, int stop) => Share(names, BytesBetween(start, stop), MaxSharedNames);

    /// <summary>The size of a result group (<c>%b:2</c>: 2; <c>%a</c>: 1); an invalid size is reported (once) and read as 1.</summary>
    private int GroupSize(OpResultContext r, bool report = true)
    {
        if (Token(r, MLIRLexer.INTEGER) is not { } n) return 1;
        if (int.TryParse(LightToken.SpanOf(n), NumberStyles.Integer, CultureInfo.InvariantCulture, out int count) && count >= 1 && count <= 1_000_000) return count;
        if (report) diagnostics.Report(DiagnosticIds.LiteralOutOfRange, Span(n), "invalid result group size");
        return 1;
    }

    private static void RegisterForwardUses(Operation op)
    {
        for (int i = 0; i < op.Operands.Count; i++)
        {
            if (op.Operands[i] is ForwardRef f)
            {
                while (f.Merged is { } m) f = m;
                if (f.Resolved is { } v) op.SetOperand(i, v);
                else
                {
                    op.SetOperand(i, f);
                    f.Uses.Add((op, i));
                }
            }
        }
    }

    private Operation BuildGeneric(GenericOperationContext g, int expectedResults)
    {
        genericOps++;
        string name = DecodeString(Token(g, MLIRLexer.STRING)!);
        var fnType = BuildFunctionType(Rule<FunctionTypeContext>(g)!);
        var op = new Operation(name, fnType.Results);
        var uses = Tokens(Rule<ValueUseListContext>(g), MLIRLexer.VALUE_ID);
        if (uses.Count != fnType.Inputs.Count)
        {
            diagnostics.Report(DiagnosticIds.OperandCountMismatch, Span(g.Start),
                $"operation '{name}' has {uses.Count} operand(s) but its type lists {fnType.Inputs.Count}");
        }
        op.Operands.SetCapacity(uses.Count);
        for (int i = 0; i < uses.Count; i++)
        {
            var expected = i < fnType.Inputs.Count ? fnType.Inputs[i] : null;
            op.Operands.Add(values.Use(LightToken.SpanOf(uses[i]), expected, Span(uses[i])));
        }
        if (Rule<SuccessorListContext>(g) is { } succ)
        {
            foreach (var s in succ.CARET_ID()) op.Successors.Add(ReferenceBlock(s.Symbol));
        }
        if (Rule<PropertiesContext>(g) is { } p) op.Properties = BuildAttribute(Rule<AttributeValueContext>(p)!);
        if (Rule<RegionListContext>(g) is { } regions)
        {
            foreach (var r in Children<RegionContext>(regions)) op.AddRegion(BuildRegion(r, null, name));
        }
        if (Rule<AttributeDictContext>(g) is { } d) op.Attributes = BuildDictionary(d);
        return op;
    }

    // ---- regions and blocks ----------------------------------------------------------------------------------------

    /// <summary>An argument of a region's entry block that custom syntax declares outside the region.</summary>
    internal readonly record struct EntryArgument(string Name, MlirType Type, Location? Location, SourceSpan Span);

    /// <summary>
    /// Ops whose regions are isolated from above (MLIR's IsolatedFromAbove trait): symbol tables and functions. Names
    /// may be reused inside them. Decided by name here because unregistered ops are never isolated in MLIR either.
    /// </summary>
    internal static bool IsIsolatedFromAbove(string opName) =>
        opName is "builtin.module" or "module" or "func" || opName.EndsWith(".func", StringComparison.Ordinal)
        || opName.EndsWith(".module", StringComparison.Ordinal) || opName.EndsWith(".kernel", StringComparison.Ordinal);

    internal Region BuildRegion(RegionContext ctx, IReadOnlyList<EntryArgument>? entryArguments, string ownerName)
    {
        if (streamedRegions.Count > 0 && StreamedFor(ctx) is { } streamedRegion) return TakeStreamedRegion(streamedRegion, entryArguments);
        var region = new Region();
        values.Push(IsIsolatedFromAbove(ownerName));
        regionStack.Push(new RegionBlocks());
        var unlabeled = Children<OperationContext>(ctx);
        var labeled = Children<BlockContext>(ctx);
        if (unlabeled.Length > 0 || entryArguments is { Count: > 0 } || (entryArguments is not null && labeled.Length == 0))
        {
            var entry = region.AddBlock(new Block());
            foreach (var a in entryArguments ?? [])
            {
                values.Define(a.Name, entry.AddArgument(a.Type, a.Location), a.Span);
            }
            foreach (var op in unlabeled) BuildOperation(op, entry);
        }
        foreach (var b in labeled)
        {
            var block = DefineBlock(b.blockLabel());
            region.AddBlock(block);
            foreach (var op in Children<OperationContext>(b)) BuildOperation(op, block);
        }
        EndRegion();
        return region;
    }

    /// <summary>Closes the block names and SSA scope of the region being built.</summary>
    private void EndRegion()
    {
        var blocks = regionStack.Pop();
        foreach (var (name, span) in blocks.Undefined())
        {
            diagnostics.Report(DiagnosticIds.UndefinedBlock, span, $"reference to an undefined block '{name}'");
        }
        values.Pop();
    }

    private Block DefineBlock(BlockLabelContext label)
    {
        var blocks = regionStack.Peek();
        var plain = (label as SkippedBlockLabel)?.Label;
        string name = plain is null ? Name(Token(label, MLIRLexer.CARET_ID)!) : Name(plain.Data[0], plain.Data[1]);
        if (!blocks.Defined.Add(name))
        {
            diagnostics.Report(DiagnosticIds.RedefinedBlock, Span(label.Start), $"redefinition of block '{name}'");
            var dup = new Block { SourceLabel = name };
            return dup;
        }
        if (!blocks.ByName.TryGetValue(name, out var block))
        {
            block = new Block();
            blocks.ByName[name] = block;
        }
        block.SourceLabel = name;
        if (plain is not null)
        {
            DefinePlainArguments(plain, block);
            return block;
        }
        foreach (var arg in Children<BlockArgContext>(label))
        {
            var type = BuildType(Rule<TypeContext>(arg)!);
            Location? loc = Rule<TrailingLocationContext>(arg) is { } l ? BuildTrailingLocation(l) : null;
            var id = Token(arg, MLIRLexer.VALUE_ID)!;
            values.Define(Name(id), block.AddArgument(type, loc), Span(id));
        }
        return block;
    }

    /// <summary>The arguments of a block label read without a subtree, as the loop over its block-argument contexts defines them.</summary>
    private void DefinePlainArguments(PlainBlockLabelData label, Block block)
    {
        for (int i = 0; i < label.ArgumentCount; i++)
        {
            var type = PlainType(label.Argument(i, 2), label.Argument(i, 3), label.Argument(i, 4));
            int locationStart = label.Argument(i, 5);
            Location? loc = locationStart < 0 ? null
                : SimpleLocation(BytesBetween(locationStart, label.Argument(i, 6)), Span(locationStart - 4, locationStart - 2));
            int start = label.Argument(i, 0), stop = label.Argument(i, 1);
            values.Define(Name(start, stop), block.AddArgument(type, loc), Span(start, stop));
        }
    }

    internal Block ReferenceBlock(IToken token)
    {
        string name = token.Text;
        if (regionStack.Count == 0)
        {
            diagnostics.Report(DiagnosticIds.UndefinedBlock, Span(token), $"block reference '{name}' outside of a region");
            return new Block();
        }
        var blocks = regionStack.Peek();
        if (!blocks.ByName.TryGetValue(name, out var block))
        {
            block = new Block { SourceLabel = name };
            blocks.ByName[name] = block;
        }
        blocks.FirstReference.TryAdd(name, Span(token));
        return block;
    }

    // ---- helpers --------------------------------------------------------------------------------------------------

    internal SourceSpan Span(IToken t) => MlirParser.Span(source, t);

    /// <summary>The span of a token from <paramref name="start"/> to <paramref name="stop"/> (inclusive), as <see cref="Span(IToken)"/> gives it.</summary>
    internal SourceSpan Span(int start, int stop) => new(source, Math.Max(0, start), Math.Max(0, stop - start + 1));

    internal SourceSpan Span(ParserRuleContext ctx) =>
        new(source, ctx.Start.StartIndex, Math.Max(0, (ctx.Stop?.StopIndex ?? ctx.Start.StartIndex) - ctx.Start.StartIndex + 1));

    /// <summary>The source's UTF-8 bytes from <paramref name="start"/> to <paramref name="stop"/> (inclusive, as token offsets are).</summary>
    private ReadOnlySpan<byte> BytesBetween(int start, int stop) => source.Utf8.Span[start..(stop + 1)];

    internal string SourceTextOf(ParserRuleContext ctx)
    {
        int start = ctx.Start.StartIndex;
        int stop = ctx.Stop?.StopIndex ?? start;
        return stop >= start ? source.Slice(start, stop - start + 1) : string.Empty;
    }

    /// <summary>
    /// The tokens of a subtree as canonical text: token texts joined with one space where the source had whitespace
    /// (or a comment) between them, and alias references replaced by the aliased text.
    /// </summary>
    internal string CanonicalText(ParserRuleContext ctx)
    {
        var terminals = new List<IToken>();
        CollectTokens(ctx, terminals);
        var sb = new System.Text.StringBuilder();
        for (int i = 0; i < terminals.Count; i++)
        {
            var t = terminals[i];
            if (i > 0 && t.StartIndex > terminals[i - 1].StopIndex + 1) sb.Append(' ');
            bool beforeLess = i + 1 < terminals.Count && terminals[i + 1].Type == MLIRLexer.LESS;
            if (t.Type == MLIRLexer.HASH_ID && !t.Text.Contains('.') && IsAttributeAlias(t.Text) && !beforeLess)
            {
                sb.Append(ResolveAttributeAlias(t.Text, Span(t))?.ToString() ?? t.Text);
            }
            else if (t.Type == MLIRLexer.BANG_ID && !t.Text.Contains('.') && typeAliasDefs.ContainsKey(t.Text) && !beforeLess)
            {
                sb.Append(ResolveTypeAlias(t.Text, Span(t))?.ToString() ?? t.Text);
            }
            else
            {
                sb.Append(t.Text);
            }
        }
        return sb.ToString();
    }

    /// <summary>
    /// <c>ctx.GetText()</c> without building a string when the rule holds a single token (an op name, a bare
    /// identifier): the token's text, which the token keeps.
    /// </summary>
    internal static string TextOf(ParserRuleContext ctx) =>
        ctx.ChildCount == 1 && ctx.GetChild(0) is ITerminalNode t ? t.GetText() : ctx.GetText();

    /// <summary>The children of a rule context that are rules of type <typeparamref name="T"/>, in order (one exact-size array).</summary>
    internal static T[] Children<[System.Diagnostics.CodeAnalysis.DynamicallyAccessedMembers(ParseTreeAccess.Constructors)] T>(ParserRuleContext ctx) where T : ParserRuleContext => ParseTreeAccess.Rules<T>(ctx);

    /// <summary>
    /// The tokens of one type among a rule's direct children, in order, into a reused list (what the generated
    /// accessor, e.g. <c>VALUE_ID()</c>, returns as a fresh array on each call). Valid until the next call.
    /// </summary>
    private List<IToken> Tokens(ParserRuleContext? ctx, int tokenType)
    {
        var tokens = scratchTokens;
        tokens.Clear();
        if (ctx?.children is not { } children) return tokens;
        for (int i = 0; i < children.Count; i++)
        {
            if (children[i] is ITerminalNode t && t.Symbol.Type == tokenType) tokens.Add(t.Symbol);
        }
        return tokens;
    }

    private readonly List<IToken> scratchTokens = new();

    /// <summary>The tokens of a subtree in source order (in an error-free tree, every token between its start and stop).</summary>
    internal static void CollectTokens(IParseTree tree, List<IToken> into)
    {
        if (tree is ISkippedSubtree)
        {
            SkippedSubtree.Tokens((ParserRuleContext)tree, into);
            return;
        }
        if (tree is ITerminalNode t)
        {
            if (t.Symbol.Type != TokenConstants.EOF) into.Add(t.Symbol);
            return;
        }
        for (int i = 0; i < tree.ChildCount; i++) CollectTokens(tree.GetChild(i), into);
    }

    internal void CountCustom(bool opaque, string name)
    {
        if (opaque)
        {
            opaqueOps++;
            string dialect = name.IndexOf('.') is int i and > 0 ? name.Substring(0, i) : name;
            opaqueByDialect[dialect] = opaqueByDialect.GetValueOrDefault(dialect) + 1;
        }
        else
        {
            customOps++;
        }
    }

    internal Value UseValue(IToken token, MlirType? expected) => values.Use(LightToken.SpanOf(token), expected, Span(token));

    internal Value UseValue(string name, MlirType? expected, SourceSpan span) => values.Use(name, expected, span);

    internal Value UseValue(ReadOnlySpan<byte> name, MlirType? expected, SourceSpan span) => values.Use(name, expected, span);

    internal bool IsDefined(string name) => values.IsVisible(name);

    internal DiagnosticBag Diagnostics => diagnostics;

    internal ParseOptions Options => options;
}
