using System.Text;
using Antlr4.Runtime;
using Antlr4.Runtime.Tree;
using HwOpt.Diagnostics;
using HwOpt.IR;
using HwOpt.Syntax.Custom;
using HwOpt.Syntax.Lexing;
using static HwOpt.Syntax.Generated.MLIRParser;
using static HwOpt.Syntax.ParseTreeAccess;

namespace HwOpt.Syntax;

/// <summary>The streamed file could not be built the way the reference path builds it: parse the file as one tree.</summary>
internal sealed class StreamingAbort(string reason) : Exception(reason);

/// <summary>
/// Building while the parser runs (see StreamingParse): the parser hands over each top-level item and each op of
/// the top-level module's body as soon as it is complete, and drops its tree afterwards. The calls reproduce what
/// <see cref="Build"/> and <see cref="BuildRegion"/> do with a whole-file tree, in the same order of SSA scopes.
/// </summary>
internal sealed partial class IRBuilder
{
    /// <summary>
    /// A region built op by op while it is parsed: the body of the top-level module, and inside it the body of the
    /// <c>func.func</c> being read (whose entry arguments, from the function's signature, are defined first).
    /// </summary>
    private sealed class StreamedRegion(RegionContext context, IReadOnlyList<EntryArgument>? arguments)
    {
        public RegionContext Context { get; } = context;
        public Region Region { get; } = new();
        public Block? Entry { get; set; }

        /// <summary>The block streamed ops go into: the entry block, or the labeled block read last.</summary>
        public Block? Current { get; set; }

        public bool Closed { get; set; }
        public bool Taken { get; set; }

        /// <summary>A function body's entry arguments, defined when it opened; null for the module's body.</summary>
        public IReadOnlyList<EntryArgument>? Arguments { get; } = arguments;
    }

    /// <summary>Function bodies built op by op and taken by their func.func (see <see cref="BeginStreamedFunctionBody"/>).</summary>
    public int StreamedFunctionBodies { get; private set; }

    // Open and closed-but-not-taken streamed regions, outermost first: the module's body, then a function body in it.
    private readonly List<StreamedRegion> streamedRegions = new();

    private Block? fileBlock;
    private readonly List<string> fileMetadata = new();
    private readonly List<(string Name, bool IsType, Antlr4.Runtime.IToken Token)> deferredAliases = new();

    /// <summary>Opens the file scope (as <see cref="Build"/> does).</summary>
    public void BeginFile()
    {
        values.Push();
        fileBlock = new Block();
    }

    /// <summary>
    /// Registers a top-level alias definition. A definition that names no other alias is resolved at once and its tree
    /// dropped; the others wait for <see cref="ResolveDeferredAliases"/>, when every definition is known.
    /// </summary>
    public void AddAliasDefinition(TopLevelItemContext item)
    {
        // The rule and token lookups of ParseTreeAccess: the generated accessors cost a generic virtual call per child,
        // and this runs for every alias definition (one per location in a generic print).
        if (Rule<AttributeAliasDefContext>(item) is { } a)
        {
            var name = Token(a, Generated.MLIRLexer.HASH_ID)!;
            string key = name.Text;
            var value = Rule<AttributeValueContext>(a)!;
            if (NamesAnAlias(value))
            {
                if (AddAttributeAlias(key, name, a)) deferredAliases.Add((key, false, name));
                return;
            }
            // No other alias in it, so it cannot refer to itself: built at once, and only its name is kept as defined
            // (one table operation each instead of six: a generic print defines an alias per location).
            if (AddAttributeAlias(key, name, null)) attributeAliases[key] = BuildAttribute(value);
        }
        else if (item.typeAliasDef() is { } t)
        {
            var name = t.BANG_ID().Symbol;
            string key = name.Text;
            if (!AddAlias(typeAliasDefs, key, name, t)) return;
            if (NamesAnAlias(t.type()))
            {
                deferredAliases.Add((key, true, name));
                return;
            }
            ResolveTypeAlias(key, Span(t.Start));
            typeAliasDefs[key] = null;
        }
    }

    /// <summary>
    /// Adds a <c>#name = loc("file":line:col)</c> that the direct parser read without a subtree: the same alias, file
    /// name and location as <see cref="AddAliasDefinition"/> makes of its subtree (the parser took only an ASCII file
    /// name without escapes, and line and column that fit 32 bits, so nothing here can be out of range). mlir-opt's
    /// names (<c>#loc</c>, <c>#loc</c>N) go straight to the array by number that their uses read first, with no table
    /// entry or name string: a generic print defines one per op.
    /// </summary>
    public void AddFileLineColAlias(FileLineColAliasDefinition definition)
    {
        var name = BytesBetween(definition.NameStart, definition.NameStop);
        var fileText = BytesBetween(definition.FileStart, definition.FileStop);
        // A file's locations name one file or a few, mostly in runs.
        if (lastLocationFile is null || !Utf8KeyComparer.Instance.Equals(fileText, lastLocationFile)) lastLocationFile = Intern(fileText);
        var location = new FileLineColLoc(lastLocationFile, definition.Line, definition.Column);
        int number = LocationAliasNumber(name);
        if (number >= 0 && NumberedLocation(name) is null && !attributeAliasDefs.GetAlternateLookup<ReadOnlySpan<byte>>().ContainsKey(name))
        {
            RememberLocationAlias(number, location);
            return;
        }
        string key = Encoding.UTF8.GetString(name);
        if (number >= 0 || !attributeAliasDefs.TryAdd(key, null))
        {
            diagnostics.Report(DiagnosticIds.RedefinedAlias, new SourceSpan(source, definition.NameStart, name.Length), $"redefinition of alias '{key}'");
            return;
        }
        attributeAliases[key] = location;
    }

    private string? lastLocationFile;

    /// <summary>Resolves the alias definitions that name other aliases, in file order, and drops their trees.</summary>
    public void ResolveDeferredAliases()
    {
        foreach (var (name, isType, token) in deferredAliases)
        {
            if (isType) ResolveTypeAlias(name, Span(token));
            else ResolveAttributeAlias(name, Span(token));
        }
        foreach (var (name, isType, _) in deferredAliases)
        {
            if (isType) typeAliasDefs[name] = null;
            else attributeAliasDefs[name] = null;
        }
        deferredAliases.Clear();
    }

    /// <summary>Whether an alias definition's value uses another alias (a <c>#name</c> or <c>!name</c> token in it).</summary>
    /// <remarks>Searched in place, stopping at the first: a generic print defines an alias per location (300,000 in
    /// large_generic), and a list of each one's tokens cost about 18 ms per parse there.</remarks>
    private static bool NamesAnAlias(IParseTree value)
    {
        // Class tests first (a light token's is one compare); the interface tests only where they can be true.
        if (value is LightToken light) return IsAliasName(light);
        if (value is not Antlr4.Runtime.ParserRuleContext ctx) return value is ITerminalNode t && IsAliasName(t.Symbol);
        var children = ParseTreeAccess.Span(ctx);
        if (children.IsEmpty && ctx is ISkippedSubtree)
        {
            var tokens = new List<Antlr4.Runtime.IToken>();
            CollectTokens(ctx, tokens);
            return tokens.Exists(IsAliasName);
        }
        foreach (var child in children)
        {
            if (NamesAnAlias(child)) return true;
        }
        return false;
    }

    private static bool IsAliasName(Antlr4.Runtime.IToken t) => t.Type is Generated.MLIRLexer.HASH_ID or Generated.MLIRLexer.BANG_ID;

    /// <summary>Builds a complete top-level operation into the file's block.</summary>
    public void AddTopLevelOperation(OperationContext op) => BuildOperation(op, fileBlock!);

    /// <summary>Keeps a complete <c>{-# ... #-}</c> section.</summary>
    public void AddMetadata(FileMetadataContext m) => fileMetadata.Add(CanonicalText(m));

    /// <summary>Opens the body of a top-level module (isolated from above) whose ops will arrive one by one.</summary>
    public void BeginStreamedRegion(RegionContext ctx)
    {
        if (streamedRegions.Count > 0) throw new StreamingAbort("a streamed region was not used");
        values.Push(isolated: true);
        regionStack.Push(new RegionBlocks());
        streamedRegions.Add(new StreamedRegion(ctx, null));
    }

    /// <summary>
    /// Opens the body of a <c>func.func</c> of the streamed module whose ops will arrive one by one: reads the entry
    /// arguments from the items of the signature (<paramref name="signature"/>: the op's items before the body,
    /// complete) and defines them, as <see cref="BuildRegion"/> does before the body's ops. When the
    /// whole function has been read, its format reads the signature again and takes this region
    /// (<see cref="TakeStreamedRegion"/>), which checks that both readings agree.
    /// </summary>
    public void BeginStreamedFunctionBody(RegionContext ctx, ParserRuleContext op, string name, IParseTree[] signature)
    {
        var items = ItemsOf(signature, op);
        IReadOnlyList<EntryArgument> arguments;
        try
        {
            arguments = FuncFormats.EntryArguments(new OpReader(this, name, items, op, 0));
        }
        catch (OpReader.FormatMismatch)
        {
            throw new StreamingAbort("a function signature read in tolerant mode");
        }
        var s = OpenFunctionBody(ctx, arguments);
        if (arguments.Count == 0) return;
        s.Entry = s.Current = s.Region.AddBlock(new Block());
        foreach (var a in arguments) values.Define(a.Name, s.Entry.AddArgument(a.Type, a.Location), a.Span);
    }

    /// <summary>
    /// Opens the body of a generic-form <c>"func.func"</c> of the streamed module whose blocks and ops will arrive one by
    /// one (its arguments are its entry block's: they come with the block's label, <see cref="BeginStreamedBlock"/>).
    /// </summary>
    public void BeginStreamedGenericFunctionBody(RegionContext ctx) => OpenFunctionBody(ctx, []);

    /// <summary>Opens the scopes of a func.func body (as <see cref="BuildRegion"/> does) inside the streamed module's body.</summary>
    private StreamedRegion OpenFunctionBody(RegionContext ctx, IReadOnlyList<EntryArgument> arguments)
    {
        if (streamedRegions.Count != 1 || streamedRegions[0].Closed) throw new StreamingAbort("a function body outside the module's body");
        values.Push(IsIsolatedFromAbove("func.func"));
        regionStack.Push(new RegionBlocks());
        var s = new StreamedRegion(ctx, arguments);
        streamedRegions.Add(s);
        return s;
    }

    /// <summary>Starts a labeled block of the open function body: the ops that follow go into it.</summary>
    public void BeginStreamedBlock(BlockLabelContext label)
    {
        var s = OpenRegion();
        if (s.Arguments is null) throw new StreamingAbort("a streamed block outside a function body");
        var block = DefineBlock(label);
        s.Region.AddBlock(block);
        s.Current = block;
    }

    /// <summary>Builds a complete op of the innermost open streamed region's entry block.</summary>
    public void AddStreamedOperation(OperationContext op)
    {
        var s = OpenRegion();
        s.Current ??= s.Entry = s.Region.AddBlock(new Block());
        BuildOperation(op, s.Current);
    }

    /// <summary>
    /// Builds a generic op the direct parser read without a subtree, as <see cref="BuildOperation"/> and
    /// <see cref="BuildGeneric"/> build its subtree: the parser took it only where each type and attribute text in it was
    /// built already, so those come from the caches by text (a miss gives up the streaming path, as for skipped subtrees).
    /// </summary>
    private void BuildPlainGeneric(PlainGenericOp p, Block parent)
    {
        genericOps++;
        string name = PlainName(p);
        if (!typesByTextLookup.TryGetValue(BytesBetween(p.TypeStart, p.TypeStop), out var type) || type is not FunctionType fnType)
        {
            throw new StreamingAbort("a function type the builder has not built");
        }
        var op = new Operation(name, fnType.Results);
        int operands = p.Operands.Length / 2;
        if (operands != fnType.Inputs.Count)
        {
            diagnostics.Report(DiagnosticIds.OperandCountMismatch, new SourceSpan(source, p.Start, 1),
                $"operation '{name}' has {operands} operand(s) but its type lists {fnType.Inputs.Count}");
        }
        op.Operands.SetCapacity(operands);
        for (int i = 0; i < operands; i++)
        {
            int start = p.Operands[2 * i], length = p.Operands[2 * i + 1] - start + 1;
            var expected = i < fnType.Inputs.Count ? fnType.Inputs[i] : null;
            op.Operands.Add(values.Use(BytesBetween(start, p.Operands[2 * i + 1]), expected, new SourceSpan(source, start, length)));
        }
        if (p.PropertiesStart >= 0) op.Properties = KnownAttribute(p.PropertiesStart, p.PropertiesStop);
        if (p.AttributesStart >= 0)
        {
            op.Attributes = KnownAttribute(p.AttributesStart, p.AttributesStop) as DictionaryAttr
                ?? throw new StreamingAbort("an attribute dictionary the builder has not built");
        }
        FinishPlain(op, p, parent);
    }

    /// <summary>The op name of <paramref name="p"/>, shared.</summary>
    private string PlainName(PlainOp p) => Intern(BytesBetween(p.NameStart, p.NameStop));

    /// <summary>
    /// The end of <see cref="BuildOperation"/> for an op read without a subtree: counted, its span and location set, the
    /// result count checked, the result name (or group) defined, forward uses registered, the op appended.
    /// </summary>
    private void FinishPlain(Operation op, PlainOp p, Block parent)
    {
        operations++;
        op.Span = new SourceSpan(source, p.Start, p.Stop - p.Start + 1);
        if (p.LocationStart >= 0)
        {
            op.Location = SimpleLocation(BytesBetween(p.LocationStart, p.LocationStop), new SourceSpan(source, p.Start, 1));
        }
        else if (p is PlainCustomOp { LocationTree: { } tree })
        {
            op.Location = BuildTrailingLocation(tree);
        }
        if (p.GroupSize > 0)
        {
            if (op.Results.Count != p.GroupSize)
            {
                diagnostics.Report(DiagnosticIds.ResultCountMismatch, new SourceSpan(source, p.Start, 1),
                    $"operation '{op.Name}' defines {p.GroupSize} result name(s) but has {op.Results.Count} result(s)");
            }
            if (op.Results.Count > 0)
            {
                string result = Name(p.ResultStart, p.ResultStop);
                DefineResults(op, 0, result, p.GroupSize, new SourceSpan(source, p.ResultStart, p.ResultStop - p.ResultStart + 1));
            }
        }
        RegisterForwardUses(op);
        parent.Append(op);
    }

    /// <summary>
    /// Builds a custom op the direct parser read without a subtree (<see cref="PlainCustomOp"/>), as
    /// <see cref="BuildOperation"/> builds its subtree: the same items (<see cref="ToItem(CustomItemCoreContext)"/> makes
    /// of the tree), read by the op's format.
    /// </summary>
    private void BuildPlainCustom(PlainCustomOp p, Block parent)
    {
        string name = PlainName(p);
        var items = new List<Item>(p.ItemCount);
        int next = 0, type = 0;
        while (next < p.ItemCount) items.Add(PlainCustomItem(p, ref next, ref type));
        var op = BuildCustom(p.OpContext, name, p.GroupSize, items);
        if (op is null) return;
        FinishPlain(op, p, parent);
    }

    /// <summary>Item <paramref name="next"/> of <paramref name="p"/> (a group with its items), as ToItem makes it of the tree; moves past it.</summary>
    private Item PlainCustomItem(PlainCustomOp p, ref int next, ref int type)
    {
        int index = next++;
        switch (p.Kind(index))
        {
            case PlainItem.Value: return new Item(p, index) { Kind = ItemKind.Value };
            case PlainItem.Punct: return new Item(p, index) { Kind = ItemKind.Punct };
            case PlainItem.Integer: return new Item(p, index) { Kind = ItemKind.Integer };
            case PlainItem.Float: return new Item(p, index) { Kind = ItemKind.Float };
            case PlainItem.Keyword: return new Item(p, index) { Kind = ItemKind.Keyword };
            case PlainItem.Type: return new Item(p, index) { Kind = ItemKind.Type, Type = PlainType(p, type++) };
            case PlainItem.Types:
            {
                var types = new MlirType[p.TypeCount(index)];
                for (int k = 0; k < types.Length; k++) types[k] = PlainType(p, type++);
                return new Item(p, index) { Kind = ItemKind.ColonTypes, Types = types };
            }
            default:
            {
                var children = new List<Item>();
                while (next < p.ItemCount && p.Parent(next) == index) children.Add(PlainCustomItem(p, ref next, ref type));
                return new Item(p, index) { Kind = ItemKind.Group, Open = (char)source.Utf8.Span[p.FirstStart(index)], Children = children.ToArray() };
            }
        }
    }

    /// <summary>The <paramref name="k"/>-th type of <paramref name="p"/>, as <see cref="BuildNonFunctionType"/> builds it.</summary>
    private MlirType PlainType(PlainCustomOp p, int k) => PlainType(p.TypeField(k, 0), p.TypeField(k, 1), p.TypeField(k, 2));

    /// <summary>The type whose first token is of <paramref name="tokenType"/>, from <paramref name="start"/> to <paramref name="stop"/>, as <see cref="BuildNonFunctionType"/> builds it.</summary>
    private MlirType PlainType(int tokenType, int start, int stop)
    {
        var span = BytesBetween(start, stop);
        if (typesByTextLookup.TryGetValue(span, out var known)) return known;
        // New here: a builtin scalar type, or a shaped type of the spelling the parser takes unknown (PlainShapedAt).
        var built = tokenType is Generated.MLIRLexer.TENSOR or Generated.MLIRLexer.MEMREF or Generated.MLIRLexer.VECTOR
            ? BuildPlainShaped(start, stop)
            : PlainScalar(tokenType, start, stop);
        Remember(span, built);
        return built;
    }

    /// <summary>A builtin integer, float or index type from its token, as <see cref="BuildNonFunctionType"/> builds it.</summary>
    /// <exception cref="StreamingAbort">Another kind of token.</exception>
    private MlirType PlainScalar(int tokenType, int start, int stop) =>
        BuiltinScalar(tokenType, Encoding.UTF8.GetString(BytesBetween(start, stop)), Span(start, stop))
            ?? throw new StreamingAbort("a type the builder has not built");

    /// <summary>The attribute built already from the source text [start, stop]; a miss gives up the streaming path.</summary>
    private MlirAttribute KnownAttribute(int start, int stop) =>
        attributesByTextLookup.TryGetValue(BytesBetween(start, stop), out var known)
            ? known
            : throw new StreamingAbort("an attribute the builder has not built");

    /// <summary>Closes the innermost open streamed region when its last token is parsed: labeled blocks (kept in the tree) are built now.</summary>
    public void EndStreamedRegion()
    {
        var s = OpenRegion();
        foreach (var b in Children<BlockContext>(s.Context))
        {
            var block = DefineBlock(b.blockLabel());
            s.Region.AddBlock(block);
            foreach (var op in Children<OperationContext>(b)) BuildOperation(op, block);
        }
        EndRegion();
        s.Closed = true;
    }

    private StreamedRegion OpenRegion()
    {
        for (int i = streamedRegions.Count - 1; i >= 0; i--)
        {
            if (!streamedRegions[i].Closed) return streamedRegions[i];
        }
        throw new StreamingAbort("no streamed region is open");
    }

    /// <summary>The streamed region of <paramref name="ctx"/>, or null when it was not streamed.</summary>
    private StreamedRegion? StreamedFor(RegionContext ctx)
    {
        foreach (var s in streamedRegions)
        {
            if (ReferenceEquals(s.Context, ctx)) return s;
        }
        return null;
    }

    /// <summary>The streamed region, handed to the op that owns it, as <see cref="BuildRegion"/> would have built it.</summary>
    private Region TakeStreamedRegion(StreamedRegion s, IReadOnlyList<EntryArgument>? entryArguments)
    {
        if (!s.Closed || s.Taken || !SameArguments(s.Arguments ?? [], entryArguments ?? []))
        {
            throw new StreamingAbort(s.Arguments is null ? "the module's body is read differently" : "a function body is read differently");
        }
        s.Taken = true;
        streamedRegions.Remove(s);
        if (s.Arguments is not null) StreamedFunctionBodies++;
        if (s.Entry is null && entryArguments is not null && s.Region.Blocks.Count == 0) s.Region.AddBlock(new Block());
        return s.Region;
    }

    private static bool SameArguments(IReadOnlyList<EntryArgument> a, IReadOnlyList<EntryArgument> b)
    {
        if (a.Count != b.Count) return false;
        for (int i = 0; i < a.Count; i++)
        {
            if (a[i].Name != b[i].Name || !TypeIdentity.Same(a[i].Type, b[i].Type)) return false;
        }
        return true;
    }

    /// <summary>Closes the file scope and returns the module (as <see cref="Build"/> does).</summary>
    public ModuleIR FinishFile()
    {
        if (streamedRegions.Count > 0) throw new StreamingAbort("a streamed region was not used");
        values.Pop();
        return Wrap(fileBlock!, fileMetadata);
    }
}
