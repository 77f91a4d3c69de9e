using HwOpt.IR;
using static HwOpt.Syntax.Generated.MLIRParser;

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
    /// <summary>The body of the top-level module, built op by op while it is parsed.</summary>
    private sealed class StreamedRegion(RegionContext context)
    {
        public RegionContext Context { get; } = context;
        public Region Region { get; } = new();
        public Block? Entry { get; set; }
        public bool Closed { get; set; }
        public bool Taken { get; set; }
    }

    private StreamedRegion? streamed;
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
        if (item.attributeAliasDef() is { } a)
        {
            var name = a.HASH_ID().Symbol;
            bool fresh = !attributeAliasDefs.ContainsKey(name.Text);
            AddAlias(attributeAliasDefs, name, a);
            if (!fresh) return;
            if (NamesAnAlias(a.attributeValue()))
            {
                deferredAliases.Add((name.Text, false, name));
                return;
            }
            ResolveAttributeAlias(name.Text, Span(a.Start));
            attributeAliasDefs[name.Text] = null;
        }
        else if (item.typeAliasDef() is { } t)
        {
            var name = t.BANG_ID().Symbol;
            bool fresh = !typeAliasDefs.ContainsKey(name.Text);
            AddAlias(typeAliasDefs, name, t);
            if (!fresh) return;
            if (NamesAnAlias(t.type()))
            {
                deferredAliases.Add((name.Text, true, name));
                return;
            }
            ResolveTypeAlias(name.Text, Span(t.Start));
            typeAliasDefs[name.Text] = null;
        }
    }

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

    private static bool NamesAnAlias(Antlr4.Runtime.ParserRuleContext value)
    {
        var tokens = new List<Antlr4.Runtime.IToken>();
        CollectTokens(value, tokens);
        foreach (var t in tokens)
        {
            if (t.Type is Generated.MLIRLexer.HASH_ID or Generated.MLIRLexer.BANG_ID) return true;
        }
        return false;
    }

    /// <summary>Builds a complete top-level operation into the file's block.</summary>
    public void AddTopLevelOperation(OperationContext op) => BuildOperation(op, fileBlock!);

    /// <summary>Keeps a complete <c>{-# ... #-}</c> section.</summary>
    public void AddMetadata(FileMetadataContext m) => fileMetadata.Add(CanonicalText(m));

    /// <summary>Opens the body of a top-level module (isolated from above) whose ops will arrive one by one.</summary>
    public void BeginStreamedRegion(RegionContext ctx)
    {
        if (streamed is { Taken: false }) throw new StreamingAbort("a streamed region was not used");
        values.Push(isolated: true);
        regionStack.Push(new RegionBlocks());
        streamed = new StreamedRegion(ctx);
    }

    /// <summary>Builds a complete op of the streamed region's entry block.</summary>
    public void AddStreamedOperation(OperationContext op)
    {
        var s = streamed!;
        s.Entry ??= s.Region.AddBlock(new Block());
        BuildOperation(op, s.Entry);
    }

    /// <summary>Closes the streamed region when its last token is parsed: labeled blocks (kept in the tree) are built now.</summary>
    public void EndStreamedRegion()
    {
        var s = streamed!;
        foreach (var b in Children<BlockContext>(s.Context))
        {
            var block = DefineBlock(b.blockLabel());
            s.Region.AddBlock(block);
            foreach (var op in Children<OperationContext>(b)) BuildOperation(op, block);
        }
        EndRegion();
        s.Closed = true;
    }

    /// <summary>The streamed region, handed to the op that owns it, as <see cref="BuildRegion"/> would have built it.</summary>
    private Region TakeStreamedRegion(IReadOnlyList<EntryArgument>? entryArguments)
    {
        var s = streamed!;
        if (!s.Closed || s.Taken || entryArguments is { Count: > 0 }) throw new StreamingAbort("the module's body is read differently");
        s.Taken = true;
        if (s.Entry is null && entryArguments is not null && s.Region.Blocks.Count == 0) s.Region.AddBlock(new Block());
        return s.Region;
    }

    /// <summary>Closes the file scope and returns the module (as <see cref="Build"/> does).</summary>
    public ModuleIR FinishFile()
    {
        if (streamed is { Taken: false }) throw new StreamingAbort("a streamed region was not used");
        values.Pop();
        return Wrap(fileBlock!, fileMetadata);
    }
}
