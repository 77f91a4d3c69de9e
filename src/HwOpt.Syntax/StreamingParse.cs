using System.Diagnostics;
using Antlr4.Runtime;
using Antlr4.Runtime.Atn;
using Antlr4.Runtime.Misc;
using Antlr4.Runtime.Tree;
using HwOpt.Diagnostics;
using HwOpt.Syntax.Generated;
using HwOpt.Syntax.Lexing;
using static HwOpt.Syntax.Generated.MLIRParser;

namespace HwOpt.Syntax;

/// <summary>
/// The fast path of <see cref="MlirParser"/> for well-formed files: the same grammar and parser, but the file is never
/// held as one parse tree. A prescan (<see cref="TokenPrescan"/>) finds the top-level alias definitions, which are
/// parsed first; then the rest of the file is parsed with a parse listener that builds each top-level op, each
/// op of a top-level module's body, and, in a <c>func.func</c> of that module with a large body (custom or generic
/// form, <see cref="ParseOptions.StreamFunctionsAfter"/> ops and more), each op and block of the body (in batches of
/// 32, after the entry arguments are read from the signature or the entry block's label), as soon as the parser
/// completes it, and removes its subtree. Tokens come from
/// <see cref="FastTokenSource"/> through an <see cref="UnbufferedTokenStream"/>, so only the tokens of the op being
/// parsed are alive. Memory is then the IR plus one op's tree, not the whole file's tree and tokens.
/// </summary>
/// <remarks>
/// The fast path gives up (returns null) whenever its result could differ from the reference path (one tree for the
/// whole file, <see cref="IRBuilder.Build"/>): a lexical or nesting problem, an SLL prediction failure (a syntax
/// error or a construct that needs full LL), an alias range the parser reads differently, an alias definition left
/// among the ops, or any diagnostic at all. The reference path then parses the file again and reports.
/// </remarks>
internal static class StreamingParse
{
    /// <summary>Parses a clean file op by op; null when the reference path must parse it instead.</summary>
    /// <param name="source">The file.</param>
    /// <param name="options">Limits, and the engine (<see cref="ParseOptions.Engine"/>).</param>
    /// <param name="direct">
    /// Null: the engine of <paramref name="options"/>; for <see cref="ParseEngine.Direct"/>, the direct parser first and,
    /// where it does not take the input, the generated parser, after one shared prescan. True: only
    /// <see cref="DirectTreeParser"/> (hand-written, same tree). False: only the generated parser.
    /// </param>
    public static ParseResult? TryParse(SourceText source, ParseOptions options, bool? direct = null)
    {
        var sw = Stopwatch.StartNew();
        var prescan = TokenPrescan.Run(source.Bytes(), options);
        return TryParse(source, options, prescan, sw.Elapsed.TotalMilliseconds, direct);
    }

    /// <summary>As <see cref="TryParse(SourceText, ParseOptions, bool?)"/>, with the file's prescan already done (in <paramref name="lexMs"/>).</summary>
    public static ParseResult? TryParse(SourceText source, ParseOptions options, TokenPrescan.Result prescan, double lexMs, bool? direct = null)
    {
        if (!prescan.Clean) return null;
        bool tryDirect = direct ?? options.Engine == ParseEngine.Direct;
        if (tryDirect && Run(source, options, prescan, lexMs, direct: true) is { } read) return read;
        return direct == true ? null : Run(source, options, prescan, lexMs, direct: false);
    }

    private static ParseResult? Run(SourceText source, ParseOptions options, TokenPrescan.Result prescan, double lexMs, bool direct)
    {
        var sw = Stopwatch.StartNew();
        var diagnostics = new DiagnosticBag(options.MaxErrors);
        var builder = new IRBuilder(source, diagnostics, options);
        builder.CacheBySourceText();
        using var work = new BuildThread(builder.KnownTexts.StepDone);
        var listener = new Listener(builder, work, Math.Max(1, options.StreamFunctionsAfter));
        try
        {
            work.Post(builder.BeginFile);
            if (prescan.AliasRanges.Count > 0)
            {
                listener.StartAliases(prescan.AliasRanges);
                work.Post(() => builder.ExpectAliases(prescan.AliasRanges.Count));
                Parse(source, prescan.AliasRanges, listener, direct, aliasSink: listener);
                listener.FlushAliases();
                if (!listener.AllAliasesSeen) return null;
                work.Post(builder.ResolveDeferredAliases);
            }
            listener.StartOperations();
            Parse(source, TokenPrescan.Complement(prescan.AliasRanges, source.Length), listener, direct, builder.KnownTexts);
        }
        catch (ParseCanceledException)
        {
            return null;
        }
        catch (StreamingAbort)
        {
            return null;
        }
        catch (DirectTreeParser.Mismatch)
        {
            listener.Failed = true;
            return null;
        }
        if (!work.Finish()) return null;
        HwOpt.IR.ModuleIR module;
        long t0 = Stopwatch.GetTimestamp();
        try
        {
            module = builder.FinishFile();
        }
        catch (StreamingAbort)
        {
            return null;
        }
        double finishMs = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
        if (diagnostics.Items.Count > 0 || diagnostics.HasErrors) return null;
        // The builder runs beside the parser: its time is reported as IR time, the rest of the wall time as parse time.
        double totalMs = sw.Elapsed.TotalMilliseconds;
        double buildMs = Math.Min(totalMs, work.BusyMs + finishMs);
        var stats = builder.Stats(prescan.Tokens, lexMs, totalMs - buildMs, buildMs);
        return new ParseResult(module, [], stats with { Reader = direct ? "direct" : "antlr-streaming", SkippedSubtrees = builder.KnownTexts.Hits, StreamedFunctionBodies = builder.StreamedFunctionBodies });
    }

    private static void Parse(SourceText source, List<(int Start, int End)> ranges, Listener listener, bool direct, KnownTexts? knownTexts = null,
        ILocationAliasSink? aliasSink = null)
    {
        if (direct)
        {
            DirectTreeParser.Parse(source, ranges, listener, knownTexts, aliasSink);
            return;
        }
        var tokens = new FastTokenSource(source, ranges);
        var parser = new MLIRParser(new UnbufferedTokenStream(tokens)) { BuildParseTree = true };
        parser.RemoveErrorListeners();
        parser.Interpreter.PredictionMode = PredictionMode.SLL;
        parser.ErrorHandler = new FailFast(listener);
        parser.AddParseListener(listener);
        parser.mlirFile();
    }

    /// <summary>Bails out on the first syntax error, and tells the listener first, so it ignores the unwinding.</summary>
    private sealed class FailFast(Listener listener) : BailErrorStrategy
    {
        public override void Recover(Parser recognizer, RecognitionException e)
        {
            listener.Failed = true;
            base.Recover(recognizer, e);
        }

        public override IToken RecoverInline(Parser recognizer)
        {
            listener.Failed = true;
            return base.RecoverInline(recognizer);
        }
    }

    /// <summary>Hands complete items to the builder as the parser exits their rules, then drops their subtrees.</summary>
    private sealed class Listener(IRBuilder builder, BuildThread work, int streamAfter) : IParseTreeListener, ILocationAliasSink
    {
        private List<(int Start, int End)> aliasRanges = [];
        private int aliasesSeen;
        private bool aliasPhase;
        private RegionContext? streamedRegion;
        private OperationContext? streamedOwner;

        // The body of the func.func of the module's body being read, streamed op by op too (a model is often one
        // function: without this its ops would reach the builder only when the parser has read all of them).
        private RegionContext? functionRegion;

        // The function body being read (or read last): its op, how to open it in the builder, whether it streams (when it
        // did, what is left of the op's tree when the op ends is small), ops read so far.
        private OperationContext? functionOwner;
        private Action? functionStart;
        private bool functionStreaming;
        private int functionOps;

        /// <summary>Set once the parse failed: rules exited while the exception unwinds are ignored.</summary>
        public bool Failed { get; set; }

        public bool AllAliasesSeen => aliasesSeen == aliasRanges.Count;

        public void StartAliases(List<(int Start, int End)> ranges)
        {
            aliasPhase = true;
            aliasRanges = ranges;
            aliasesSeen = 0;
        }

        public void StartOperations() => aliasPhase = false;

        public void VisitTerminal(ITerminalNode node) { }

        public void VisitErrorNode(IErrorNode node) => Failed = true;

        // The lambdas handed to the build thread live in their own methods: a lambda in these two methods would make C#
        // allocate its closure on every call, that is for every rule the parser exits (millions per large file).
        public void EnterEveryRule(ParserRuleContext ctx)
        {
            // Called on entering every rule (millions on a large file): the rule index, one virtual call, rules out the
            // other rules before any type test (a failed class test walks the whole base-class chain).
            if (Failed || aliasPhase || ctx.RuleIndex != MLIRParser.RULE_region) return;
            var region = (RegionContext)ctx;
            if (streamedRegion is null)
            {
                if (ModuleOwning(region) is { } owner && !ReferenceEquals(owner, streamedOwner))
                {
                    BeginRegion(region);
                    streamedRegion = region;
                    streamedOwner = owner;
                }
                return;
            }
            if (functionRegion is not null) return;
            if (FunctionOwning(region, streamedRegion) is { } function)
            {
                StartFunction(region, (OperationContext)function.Op.Parent, BeginFunction(region, function.Op, function.Signature));
            }
            else if (GenericFunctionOwning(region, streamedRegion) is { } generic)
            {
                StartFunction(region, generic, BeginGenericFunction(region));
            }
        }

        private void StartFunction(RegionContext region, OperationContext owner, Action start)
        {
            functionRegion = region;
            functionOwner = owner;
            functionStart = start;
            functionStreaming = false;
            functionOps = 0;
        }

        public void ExitEveryRule(ParserRuleContext ctx)
        {
            if (Failed) return;
            switch (ctx.RuleIndex)
            {
                case MLIRParser.RULE_operation or MLIRParser.RULE_blockLabel or MLIRParser.RULE_block or MLIRParser.RULE_region
                    or MLIRParser.RULE_topLevelItem:
                    break;
                default:
                    return;
            }
            switch (ctx)
            {
                case OperationContext op when functionRegion is not null
                    && (ReferenceEquals(op.Parent, functionRegion) || (op.Parent is BlockContext b && ReferenceEquals(b.Parent, functionRegion))):
                    if (!functionStreaming)
                    {
                        // A small function is built whole, as any op of the module's body: streaming it would cost more
                        // hand-overs than it saves. Past ParseOptions.StreamFunctionsAfter ops, what was read so far goes over and the rest follows.
                        if (++functionOps == streamAfter) StartStreamingFunction(op);
                        break;
                    }
                    AddToBatch(op);
                    ((ParserRuleContext)op.Parent).RemoveLastChild();
                    break;
                case BlockLabelContext label when functionStreaming && label.Parent is BlockContext b && ReferenceEquals(b.Parent, functionRegion):
                    FlushOps();
                    BeginBlock(label);
                    break;
                case BlockContext block when functionStreaming && ReferenceEquals(block.Parent, functionRegion):
                    // Its label went to the builder and its ops with it: the block is done.
                    functionRegion!.RemoveLastChild();
                    break;
                case RegionContext region when ReferenceEquals(region, functionRegion):
                    if (functionStreaming)
                    {
                        FlushOps();
                        Run(builder.EndStreamedRegion, small: true);
                    }
                    functionRegion = null;
                    functionStart = null;
                    break;
                case OperationContext op when streamedRegion is not null && ReferenceEquals(op.Parent, streamedRegion):
                    AddStreamed(op, small: functionStreaming && ReferenceEquals(op, functionOwner));
                    streamedRegion.RemoveLastChild();
                    break;
                case RegionContext region when ReferenceEquals(region, streamedRegion):
                    Run(builder.EndStreamedRegion);
                    streamedRegion = null;
                    break;
                case TopLevelItemContext item:
                    if (aliasPhase) AliasItem(item);
                    else if (item.operation() is { } op) AddTopLevel(op);
                    else if (item.fileMetadata() is { } m) AddMetadata(m);
                    else Abort("an alias definition the prescan did not find");
                    ((ParserRuleContext)item.Parent).RemoveLastChild();
                    break;
            }
        }

        private void BeginRegion(RegionContext region) => Run(() => builder.BeginStreamedRegion(region));

        private void BeginBlock(BlockLabelContext label) => Run(() => builder.BeginStreamedBlock(label), small: true);

        private Action BeginGenericFunction(RegionContext region) => () => builder.BeginStreamedGenericFunctionBody(region);

        /// <summary>
        /// Starts streaming the function body being read, at its <c>ParseOptions.StreamFunctionsAfter</c>-th op <paramref name="current"/>:
        /// hands over what was read so far (ops, labeled blocks with their ops) and keeps in the tree only the block
        /// still being read, if any, without its ops.
        /// </summary>
        private void StartStreamingFunction(OperationContext current)
        {
            var region = functionRegion!;
            Run(functionStart!, small: true);
            functionStreaming = true;
            var open = current.Parent as BlockContext;
            var children = region.children.ToArray();
            foreach (var child in children)
            {
                if (child is OperationContext op)
                {
                    AddToBatch(op);
                }
                else if (child is BlockContext block)
                {
                    FlushOps();
                    BeginBlock(block.blockLabel());
                    foreach (var blockChild in block.children.ToArray())
                    {
                        if (blockChild is OperationContext blockOp) AddToBatch(blockOp);
                    }
                    if (ReferenceEquals(block, open))
                    {
                        while (block.ChildCount > 1) block.RemoveLastChild();
                    }
                }
            }
            // Keep the opening brace (the first child) and the block still being read.
            while (region.ChildCount > 1) region.RemoveLastChild();
            if (open is not null) region.AddChild(open);
        }

        private void AddToBatch(OperationContext op)
        {
            if (Batch(ref pendingOps, op, OpBatch)) FlushOps();
        }

        private Action BeginFunction(RegionContext region, CustomOperationContext op, IParseTree[] signature) =>
            () => builder.BeginStreamedFunctionBody(region, op, "func.func", signature);

        private void AddStreamed(OperationContext op, bool small = false) => Run(() => builder.AddStreamedOperation(op), small);

        private void AddTopLevel(OperationContext op) => Run(() => builder.AddTopLevelOperation(op));

        private void AddMetadata(FileMetadataContext m) => Run(() => builder.AddMetadata(m));

        private void AliasItem(TopLevelItemContext item)
        {
            if (item.attributeAliasDef() is null && item.typeAliasDef() is null) Abort("an alias range reads differently");
            NextAliasSpans(item.Start.StartIndex, item.Stop.StopIndex);
            // Alias definitions go to the builder in batches: a file can have one per location (10^5 and more), and
            // a hand-over per definition costs more than building it. Both kinds of batch go in file order.
            FlushFileLineColAliases();
            if (Batch(ref pendingAliases, item, AliasBatch)) FlushAliases();
        }

        /// <inheritdoc/>
        public void FileLineColAlias(in FileLineColAliasDefinition definition)
        {
            if (!aliasPhase) Abort("an alias range reads differently");
            NextAliasSpans(definition.NameStart, definition.Stop);
            FlushAliasTrees();
            if (Batch(ref pendingFileLineColAliases, definition, AliasBatch)) FlushFileLineColAliases();
        }

        /// <summary>Counts the next alias definition read, which must span the prescan's next alias range, from <paramref name="start"/> to <paramref name="stop"/> (inclusive).</summary>
        private void NextAliasSpans(int start, int stop)
        {
            int k = aliasesSeen++;
            if (k >= aliasRanges.Count || start != aliasRanges[k].Start || stop >= aliasRanges[k].End) Abort("an alias range reads differently");
        }

        private List<FileLineColAliasDefinition>? pendingFileLineColAliases;

        // Each flush first tests for a batch: the method group and Flush's closure are objects, made on every call
        // otherwise (FlushAliasTrees runs for each of a generic print's 10^5 simple location aliases).
        private void FlushFileLineColAliases()
        {
            if (pendingFileLineColAliases is { Count: > 0 }) Flush(ref pendingFileLineColAliases, builder.AddFileLineColAlias);
        }

        private void FlushAliasTrees()
        {
            if (pendingAliases is { Count: > 0 }) Flush(ref pendingAliases, builder.AddAliasDefinition);
        }

        /// <summary>Adds <paramref name="item"/> to a batch of <paramref name="size"/>; true when the batch is full.</summary>
        private static bool Batch<T>(ref List<T>? pending, T item, int size)
        {
            pending ??= new List<T>(size);
            pending.Add(item);
            return pending.Count == size;
        }

        private const int AliasBatch = 256;
        private List<TopLevelItemContext>? pendingAliases;

        // A function body's ops go to the builder in batches too: a hand-over per op (10^5 on a large file) costs more
        // than building most ops, and would make the two threads wait on each other at every op.
        private const int OpBatch = 32;
        private List<OperationContext>? pendingOps;

        /// <summary>Hands the alias definitions read since the last batch to the builder.</summary>
        public void FlushAliases()
        {
            FlushAliasTrees();
            FlushFileLineColAliases();
        }

        private void FlushOps()
        {
            if (pendingOps is { Count: > 0 }) Flush(ref pendingOps, builder.AddStreamedOperation, small: true);
        }

        private void Flush<T>(ref List<T>? pending, Action<T> build, bool small = false)
        {
            if (pending is not { Count: > 0 } batch) return;
            pending = null;
            Run(Step(batch, build), small);
        }

        // The step of a batch (apart from Flush, whose closure would else be made on entry, before its test).
        private static Action Step<T>(List<T> batch, Action<T> build) => () =>
        {
            foreach (var item in batch) build(item);
        };

        private void Abort(string reason)
        {
            Failed = true;
            throw new StreamingAbort(reason);
        }

        private void Run(Action build, bool small = false)
        {
            if (!work.Post(build, small)) Abort("the builder stopped");
        }

        /// <summary>
        /// The <c>func.func</c> (custom syntax, no results) directly in the streamed module body whose body this region is,
        /// with the items before the body (all complete: the body is the last item read so far; a copy, since the parser
        /// goes on adding to the op); null for any other region.
        /// </summary>
        private static (CustomOperationContext Op, IParseTree[] Signature)? FunctionOwning(RegionContext region, RegionContext module)
        {
            if (region.Parent is not CustomItemCoreContext item
                || item.Parent is not CustomOperationContext custom || custom.Parent is not OperationContext op
                || !ReferenceEquals(op.Parent, module) || op.opResultList() is not null)
            {
                return null;
            }
            var children = custom.children;
            if (children is null || children.Count < 3 || !ReferenceEquals(children[^1], item) || children[1] is not CustomItemCoreContext
                || children[0] is not OpNameContext name || name.GetText() != "func.func")
            {
                return null;
            }
            var signature = new IParseTree[children.Count - 2];
            for (int i = 1; i < children.Count - 1; i++) signature[i - 1] = children[i];
            return (custom, signature);
        }

        /// <summary>
        /// The generic-form <c>"func.func"</c> (no results, no operands) directly in the streamed module body whose first
        /// region this is; null for any other region.
        /// </summary>
        private static OperationContext? GenericFunctionOwning(RegionContext region, RegionContext module)
        {
            if (region.Parent is not RegionListContext list || list.ChildCount != 2 || list.Parent is not GenericOperationContext generic
                || generic.Parent is not OperationContext op || !ReferenceEquals(op.Parent, module) || op.opResultList() is not null
                || generic.valueUseList() is not null || generic.successorList() is not null || generic.STRING().GetText() != "\"func.func\"")
            {
                return null;
            }
            return op;
        }

        /// <summary>The top-level module op (custom <c>module</c> / <c>builtin.module</c>, or generic) whose body this region is.</summary>
        private static OperationContext? ModuleOwning(RegionContext region)
        {
            switch (region.Parent)
            {
                case CustomItemCoreContext core:
                {
                    if (core.Parent is CustomOperationContext custom && custom.opName().GetText() is "module" or "builtin.module"
                        && custom.Parent is OperationContext op && op.opResultList() is null && op.Parent is TopLevelItemContext)
                    {
                        return op;
                    }
                    return null;
                }
                case RegionListContext list:
                    if (list.Parent is GenericOperationContext generic && generic.STRING().GetText() == "\"builtin.module\""
                        && generic.valueUseList() is null && generic.successorList() is null
                        && generic.Parent is OperationContext op2 && op2.opResultList() is null && op2.Parent is TopLevelItemContext)
                    {
                        return op2;
                    }
                    return null;
                default:
                    return null;
            }
        }
    }
}
