using System.Runtime.CompilerServices;
using Antlr4.Runtime;
using Antlr4.Runtime.Tree;
using HwOpt.Diagnostics;
using HwOpt.Syntax.Lexing;
using static HwOpt.Syntax.Generated.MLIRParser;
using L = HwOpt.Syntax.Generated.MLIRLexer;

namespace HwOpt.Syntax;

/// <summary>
/// A hand-written recursive-descent reader of grammar/MLIRParser.g4 that builds the parse tree the generated parser
/// builds (the same context classes, children, start and stop tokens) and calls a parse listener at the same points,
/// without ANTLR's adaptive prediction: every decision is made from one to three tokens of lookahead, and the few
/// that need more (where a custom op ends, a region or a dictionary after <c>{</c>, a trailing location or a
/// <c>loc(...)</c> item) by a short speculative parse that builds nothing the caller keeps.
/// </summary>
/// <remarks>
/// <para>The grammar stays the definition. Each method below is one grammar rule, in the grammar's order of
/// alternatives; ANTLR resolves an ambiguity in favour of the lowest alternative (for <c>*?</c> / <c>??</c> the exit),
/// and so do these methods.</para>
/// <para>The reader is only ever used on input the prescan found clean, and it is not an error reporter: on anything it
/// does not expect it throws <see cref="Mismatch"/>, and <see cref="MlirParser"/> then parses the file with the
/// generated parser, which reports. Where its choice could differ from the generated parser's on valid input, it
/// gives up rather than guess (DirectParserTests compare the two trees on every corpus file and on fuzzed inputs).</para>
/// </remarks>
internal sealed class DirectTreeParser
{
    /// <summary>Thrown on input this reader does not take; the caller falls back to the generated parser.</summary>
    internal sealed class Mismatch() : Exception("the direct parser does not take this input");

    private static Mismatch Failure => new();

    /// <summary>A position in the token sequence: the index of the current token in the token buffer, and the token.</summary>
    private struct Cursor
    {
        public int Index;
        public int Type;
        public int Start;
        public int Stop;
    }

    // The token buffer: each token is scanned once, when a cursor first reaches it, and lookahead and speculation read
    // it again from here (scanning again where they went cost 1.6-1.9 scans per token on the benchmark inputs).
    // Entries [0, bufferCount) hold tokens bufferBase, bufferBase + 1, ...; the ones well behind the current token are
    // dropped as the parse moves on (never while a speculation or an At may move back to them).
    private int[] bufferType = new int[BufferInitial], bufferStart = new int[BufferInitial], bufferStop = new int[BufferInitial];
    private int bufferBase, bufferCount;
    private FastLexer scanner;
    private int scannerRange;
    private bool scannedAll;
    private int holds;
    private const int BufferInitial = 1024;
    // Tokens kept behind the current one when the buffer drops the consumed ones (a cursor copied before a few Consume
    // calls stays valid), and how many consumed tokens make a drop worth it.
    private const int BufferKeepBehind = 256, BufferDropAfter = 4096;

    private readonly SourceText source;
    private readonly byte[] text;
    private readonly IReadOnlyList<(int Start, int End)> ranges;
    private readonly FastTokenSource tokenSource;
    private readonly IParseTreeListener? listener;
    private readonly KnownTexts? knownTexts;
    private readonly ILocationAliasSink? aliasSink;
    private readonly List<int> operandOffsets = [];
    private Cursor cur;
    private LightToken? curToken;
    private IToken? lastConsumed;
    private int tokenIndex;
    private int speculating;

    // The rules read as comma-separated lists, as delegates made once (see CommaList).
    private readonly Action<ParserRuleContext> attributeEntryRule;
    private readonly Action<ParserRuleContext> attributeValueRule;
    private readonly Action<ParserRuleContext> blockArgRule;
    private readonly Action<ParserRuleContext> denseArrayElementRule;
    private readonly Action<ParserRuleContext> denseElementRule;
    private readonly Action<ParserRuleContext> locationRule;
    private readonly Action<ParserRuleContext> metadataEntryRule;
    private readonly Action<ParserRuleContext> metadataGroupRule;
    private readonly Action<ParserRuleContext> opResultRule;
    private readonly Action<ParserRuleContext> regionRule;
    private readonly Action<ParserRuleContext> strideValueRule;

    private DirectTreeParser(SourceText source, IReadOnlyList<(int Start, int End)> ranges, IParseTreeListener? listener, KnownTexts? knownTexts,
        ILocationAliasSink? aliasSink)
    {
        this.source = source;
        this.knownTexts = knownTexts;
        this.aliasSink = aliasSink;
        text = source.Bytes();
        this.ranges = ranges;
        this.listener = listener;
        tokenSource = new FastTokenSource(source, []);
        scannerRange = -1;
        scanner = new FastLexer(text, 0, 0);
        cur.Index = -1;
        Advance(ref cur);
        attributeEntryRule = AttributeEntry;
        attributeValueRule = AttributeValue;
        blockArgRule = BlockArg;
        denseArrayElementRule = DenseArrayElement;
        denseElementRule = DenseElement;
        locationRule = Location;
        metadataEntryRule = MetadataEntry;
        metadataGroupRule = MetadataGroup;
        opResultRule = OpResult;
        regionRule = Region;
        strideValueRule = StrideValue;
    }

    /// <summary>Parses the tokens of <paramref name="ranges"/> as an <c>mlirFile</c>.</summary>
    /// <param name="source">The source text (token offsets are offsets in it).</param>
    /// <param name="ranges">Character ranges [Start, End) to read, ascending.</param>
    /// <param name="listener">Called as the generated parser calls a parse listener (enter and exit of every rule).</param>
    /// <param name="knownTexts">Texts of types and attribute dictionaries whose subtrees need not be built (see
    /// <see cref="ISkippedSubtree"/>); null builds every subtree, exactly the generated parser's tree.</param>
    /// <param name="aliasSink">Takes the top-level alias definitions of the form <c>#name = loc("file":line:col)</c>
    /// (see <see cref="ILocationAliasSink"/>), which then get no subtree and reach no listener; null: every definition
    /// is a subtree.</param>
    /// <returns>The tree, as <c>MLIRParser.mlirFile()</c> returns it (with <paramref name="knownTexts"/>: but for skipped
    /// subtrees and ops; with <paramref name="aliasSink"/>: but for the definitions it took).</returns>
    /// <exception cref="Mismatch">The input is not one this reader takes.</exception>
    public static MlirFileContext Parse(SourceText source, IReadOnlyList<(int Start, int End)> ranges, IParseTreeListener? listener,
        KnownTexts? knownTexts = null, ILocationAliasSink? aliasSink = null) =>
        new DirectTreeParser(source, ranges, listener, knownTexts, aliasSink).MlirFile();

    // ---- tokens -------------------------------------------------------------------------------------------------

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Advance(ref Cursor c)
    {
        int slot = c.Index + 1 - bufferBase;
        if (slot >= bufferCount && !Scan(slot))
        {
            // Past the end: EOF, as often as asked.
            c.Type = TokenConstants.EOF;
            c.Start = text.Length;
            c.Stop = text.Length - 1;
            return;
        }
        // A cursor behind the buffer would be a bug here (see BufferKeepBehind); the generated parser then reads the file.
        if (slot < 0) throw Failure;
        c.Index++;
        c.Type = bufferType[slot];
        c.Start = bufferStart[slot];
        c.Stop = bufferStop[slot];
    }

    /// <summary>Scans tokens into the buffer up to entry <paramref name="slot"/>; false when the input ends before it.</summary>
    private bool Scan(int slot)
    {
        while (bufferCount <= slot)
        {
            if (scannedAll) return false;
            if (!scanner.Next(out int type, out int start, out int stop))
            {
                if (scannerRange + 1 < ranges.Count)
                {
                    scannerRange++;
                    scanner = new FastLexer(text, ranges[scannerRange].Start, ranges[scannerRange].End);
                }
                else
                {
                    scannedAll = true;
                }
                continue;
            }
            if (bufferCount == bufferType.Length)
            {
                Array.Resize(ref bufferType, bufferCount * 2);
                Array.Resize(ref bufferStart, bufferCount * 2);
                Array.Resize(ref bufferStop, bufferCount * 2);
            }
            bufferType[bufferCount] = type;
            bufferStart[bufferCount] = start;
            bufferStop[bufferCount] = stop;
            bufferCount++;
        }
        return true;
    }

    /// <summary>Drops the buffer's tokens well behind the current one, unless a speculation or an At may go back.</summary>
    private void DropConsumedTokens()
    {
        int drop = cur.Index - BufferKeepBehind - bufferBase;
        if (holds > 0 || drop < BufferDropAfter) return;
        int keep = bufferCount - drop;
        Array.Copy(bufferType, drop, bufferType, 0, keep);
        Array.Copy(bufferStart, drop, bufferStart, 0, keep);
        Array.Copy(bufferStop, drop, bufferStop, 0, keep);
        bufferBase += drop;
        bufferCount = keep;
    }

    private int LA1 => cur.Type;

    /// <summary>The type of the k-th token from the current one (k ≥ 2).</summary>
    private int LA(int k)
    {
        var c = cur;
        for (int i = 1; i < k && c.Type != TokenConstants.EOF; i++) Advance(ref c);
        return c.Type;
    }

    private LightToken CurrentToken
    {
        get
        {
            if (curToken is null)
            {
                curToken = new LightToken(tokenSource, cur.Type, cur.Start, cur.Stop) { TokenIndex = tokenIndex };
            }
            return curToken;
        }
    }

    private LightToken Consume()
    {
        var t = CurrentToken;
        // At EOF the generated parser's stream does not move, so the last token consumed (a rule's stop) stays the one before.
        if (cur.Type == TokenConstants.EOF) return t;
        Advance(ref cur);
        tokenIndex++;
        curToken = null;
        lastConsumed = t;
        DropConsumedTokens();
        return t;
    }

    private void Match(ParserRuleContext ctx, int type)
    {
        if (cur.Type != type) throw Failure;
        Attach(ctx, Consume());
    }

    private void MatchAny(ParserRuleContext ctx) => Attach(ctx, Consume());

    /// <summary>Adds a token to a rule context as the token itself (see <see cref="LightToken"/>), with its parent link.</summary>
    private static void Attach(ParserRuleContext ctx, LightToken token)
    {
        token.Parent = ctx;
        ctx.AddChild((ITerminalNode)token);
    }

    /// <summary><c>open (item (COMMA item)*)? close</c>: a bracketed, possibly empty, comma-separated list.</summary>
    private void BracketedList(ParserRuleContext ctx, int open, int close, Action<ParserRuleContext> item)
    {
        Match(ctx, open);
        if (LA1 != close) CommaList(ctx, item);
        Match(ctx, close);
    }

    /// <summary><c>item (COMMA item)*</c>: the grammar's comma-separated lists, each item a rule under <paramref name="ctx"/>.</summary>
    private void CommaList(ParserRuleContext ctx, Action<ParserRuleContext> item)
    {
        item(ctx);
        while (LA1 == L.COMMA)
        {
            MatchAny(ctx);
            item(ctx);
        }
    }

    // ---- rule contexts ------------------------------------------------------------------------------------------

    /// <summary>Starts a rule context, as the generated parser's EnterRule does.</summary>
    /// <param name="ctx">The new context.</param>
    /// <param name="parent">Its parent (null for the root).</param>
    /// <param name="children">The number of children the rule usually has, which the list is sized for (0: unknown).</param>
    private T Enter<T>(T ctx, ParserRuleContext? parent, int children = 0) where T : ParserRuleContext
    {
        ctx.children = new ChildList(children);
        return EnterLeaf(ctx, parent);
    }

    /// <summary>As <see cref="Enter"/> for a context that gets no children (a skipped subtree): no child list.</summary>
    private T EnterLeaf<T>(T ctx, ParserRuleContext? parent) where T : ParserRuleContext
    {
        ctx.Start = CurrentToken;
        parent?.AddChild(ctx);
        if (listener is not null && speculating == 0) listener.EnterEveryRule(ctx);
        return ctx;
    }

    private void Exit(ParserRuleContext ctx)
    {
        ctx.Stop = lastConsumed;
        if (listener is not null && speculating == 0) listener.ExitEveryRule(ctx);
    }

    /// <summary>Runs <paramref name="rule"/> without moving on or telling the listener; true when it parsed.</summary>
    private bool Speculate(Action rule) => Speculate(rule, out _);

    /// <summary>Like <see cref="Speculate(Action)"/>, and also tells where what was parsed ends.</summary>
    private bool Speculate(Action rule, out Cursor after)
    {
        var saved = cur;
        var savedToken = curToken;
        var savedLast = lastConsumed;
        int savedIndex = tokenIndex;
        speculating++;
        holds++;
        try
        {
            rule();
            after = cur;
            return true;
        }
        catch (Mismatch)
        {
            after = default;
            return false;
        }
        finally
        {
            speculating--;
            holds--;
            cur = saved;
            curToken = savedToken;
            lastConsumed = savedLast;
            tokenIndex = savedIndex;
        }
    }

    private static ParserRuleContext Scratch() => new ParserRuleContext();

    /// <summary>Evaluates a lookahead <paramref name="test"/> as if the current token were the one at <paramref name="at"/>.</summary>
    private bool At(Cursor at, Func<bool> test)
    {
        var saved = LookFrom(at);
        try
        {
            return test();
        }
        finally
        {
            LookBack(saved);
        }
    }

    /// <summary>Makes the token at <paramref name="at"/> the current one for a lookahead test; <see cref="LookBack"/> undoes it.</summary>
    private (Cursor Cur, LightToken? Token) LookFrom(in Cursor at)
    {
        var saved = (cur, curToken);
        cur = at;
        curToken = null;
        holds++;
        return saved;
    }

    private void LookBack((Cursor Cur, LightToken? Token) saved)
    {
        holds--;
        (cur, curToken) = saved;
    }

    // Labeled alternatives are built from a context of the rule's base class (the generated parser's CopyFrom); one
    // reusable base per rule saves an allocation per type, attribute and location.
    private readonly NonFunctionTypeContext typeBase = new() { invokingState = 0 };
    private readonly AttributeValueContext attributeBase = new() { invokingState = 0 };
    private readonly LocationContext locationBase = new() { invokingState = 0 };

    private static TBase Base<TBase>(TBase proto, ParserRuleContext parent) where TBase : ParserRuleContext
    {
        proto.Parent = parent;
        return proto;
    }

    // ---- file ---------------------------------------------------------------------------------------------------

    private MlirFileContext MlirFile()
    {
        var ctx = Enter(new MlirFileContext(null, -1), null);
        while (LA1 != TokenConstants.EOF)
        {
            if (LA1 == L.HASH_ID && aliasSink is not null && FileLineColAlias()) continue;
            TopLevelItem(ctx);
        }
        Match(ctx, TokenConstants.EOF);
        Exit(ctx);
        return ctx;
    }

    // The tokens of `#name = loc("file":line:col)`.
    private static readonly int[] FileLineColAliasShape =
        [L.HASH_ID, L.EQUAL, L.LOC, L.LPAREN, L.STRING, L.COLON, L.INTEGER, L.COLON, L.INTEGER, L.RPAREN];

    /// <summary>
    /// Hands a top-level <c>#name = loc("file":line:col)</c> to <see cref="aliasSink"/> and moves past it, without a
    /// subtree: a generic print defines one such alias per op (121,832 of the 127,250 alias definitions of large_generic),
    /// and each cost five rule contexts, their child lists and ten tokens. Only where the tree would say no more: the
    /// file name is ASCII without escapes, line and column are decimal and fit 32 bits, and the next token starts
    /// another top-level alias (or the input ends), so no <c>: type</c> follows. False (nothing moved) for anything else,
    /// which <see cref="TopLevelItem"/> then reads.
    /// </summary>
    private bool FileLineColAlias()
    {
        var c = cur;
        Span<Cursor> tokens = stackalloc Cursor[FileLineColAliasShape.Length];
        for (int i = 0; i < FileLineColAliasShape.Length; i++)
        {
            if (c.Type != FileLineColAliasShape[i]) return false;
            tokens[i] = c;
            Advance(ref c);
        }
        if (c.Type is not (L.HASH_ID or L.BANG_ID or TokenConstants.EOF)) return false;
        if (!PlainString(tokens[4], out int fileStart, out int fileStop) || !UInt32At(tokens[6], out uint line) || !UInt32At(tokens[8], out uint column))
        {
            return false;
        }
        aliasSink!.FileLineColAlias(new FileLineColAliasDefinition(tokens[0].Start, tokens[0].Stop, fileStart, fileStop, line, column, tokens[9].Stop));
        MovePast(FileLineColAliasShape.Length);
        return true;
    }

    /// <summary>
    /// Where the characters between a string token's quotes are, when they are ASCII without escapes (the text
    /// <see cref="IRBuilder.DecodeString"/> takes unchanged); false for any other token.
    /// </summary>
    private bool PlainString(in Cursor at, out int innerStart, out int innerStop)
    {
        (innerStart, innerStop) = (at.Start + 1, at.Stop - 1);
        if (at.Type != L.STRING || at.Stop <= at.Start) return false;
        var inner = text.AsSpan(innerStart, innerStop - innerStart + 1);
        return System.Text.Ascii.IsValid(inner) && inner.IndexOf((byte)'\\') < 0;
    }

    /// <summary>The value of an integer token that is decimal and fits 32 bits (a location's line or column, as MLIR holds them).</summary>
    private bool UInt32At(in Cursor at, out uint value) =>
        uint.TryParse(text.AsSpan(at.Start, at.Stop - at.Start + 1), System.Globalization.NumberStyles.None,
            System.Globalization.CultureInfo.InvariantCulture, out value);

    private void TopLevelItem(ParserRuleContext parent)
    {
        var ctx = Enter(new TopLevelItemContext(parent, 0), parent, 1);
        switch (LA1)
        {
            case L.HASH_ID:
            {
                var a = Enter(new AttributeAliasDefContext(ctx, 0), ctx);
                Match(a, L.HASH_ID);
                Match(a, L.EQUAL);
                AttributeValue(a);
                Exit(a);
                break;
            }
            case L.BANG_ID:
            {
                var t = Enter(new TypeAliasDefContext(ctx, 0), ctx);
                Match(t, L.BANG_ID);
                Match(t, L.EQUAL);
                Type(t);
                Exit(t);
                break;
            }
            case L.FILE_META_BEGIN:
                FileMetadata(ctx);
                break;
            default:
                Operation(ctx, topLevel: true);
                break;
        }
        Exit(ctx);
    }

    private void FileMetadata(ParserRuleContext parent)
    {
        var ctx = Enter(new FileMetadataContext(parent, 0), parent);
        BracketedList(ctx, L.FILE_META_BEGIN, L.FILE_META_END, metadataEntryRule);
        Exit(ctx);
    }

    private void MetadataEntry(ParserRuleContext parent)
    {
        var ctx = Enter(new MetadataEntryContext(parent, 0), parent);
        BareId(ctx);
        Match(ctx, L.COLON);
        BracketedList(ctx, L.LBRACE, L.RBRACE, metadataGroupRule);
        Exit(ctx);
    }

    private void MetadataGroup(ParserRuleContext parent)
    {
        var ctx = Enter(new MetadataGroupContext(parent, 0), parent);
        var key = Enter(new MetadataKeyContext(ctx, 0), ctx);
        if (LA1 == L.STRING) MatchAny(key);
        else BareId(key);
        Exit(key);
        Match(ctx, L.COLON);
        if (LA1 == L.LBRACE)
        {
            MatchAny(ctx);
            if (LA1 != L.RBRACE) CommaList(ctx, metadataGroupRule);
            Match(ctx, L.RBRACE);
        }
        else
        {
            var value = Enter(new MetadataValueContext(ctx, 0), ctx);
            switch (LA1)
            {
                case L.STRING or L.TRUE or L.FALSE or L.INTEGER or L.FLOAT:
                    MatchAny(value);
                    break;
                case L.MINUS when LA(2) is L.INTEGER or L.FLOAT:
                    MatchAny(value);
                    MatchAny(value);
                    break;
                default:
                    throw Failure;
            }
            Exit(value);
        }
        Exit(ctx);
    }

    // ---- operations ---------------------------------------------------------------------------------------------

    private static bool IsOpName(int t) => t is L.DOTTED_ID or L.KW_FUNC or L.KW_RETURN or L.KW_MODULE or L.KW_CALL or L.KW_CALL_INDIRECT or L.LEGACY_OP;

    private void Operation(ParserRuleContext parent, bool topLevel)
    {
        if (knownTexts is not null && speculating == 0)
        {
            if (LA1 is L.VALUE_ID or L.STRING && PlainGenericOperation(parent)) return;
            if (LA1 is L.VALUE_ID or L.DOTTED_ID && PlainCustomOperation(parent, topLevel)) return;
        }
        var ctx = Enter(new OperationContext(parent, 0), parent);
        bool results = false;
        if (LA1 == L.VALUE_ID)
        {
            OpResultList(ctx);
            results = true;
        }
        switch (LA1)
        {
            case L.STRING:
                GenericOperation(ctx);
                if (LA1 == L.LOC) TrailingLocation(ctx);
                break;
            case var t when IsOpName(t):
            {
                var c = Enter(new CustomOperationContext(ctx, 0), ctx);
                var name = Enter(new OpNameContext(c, 0), c, 1);
                MatchAny(name);
                Exit(name);
                CustomItems(c, topLevel);
                Exit(c);
                if (LA1 == L.LOC) TrailingLocation(ctx);
                break;
            }
            case L.BARE_ID when results:
            {
                var c = Enter(new LegacyOperationContext(ctx, 0), ctx);
                MatchAny(c);
                CustomItems(c, topLevel);
                Exit(c);
                if (LA1 == L.LOC) TrailingLocation(ctx);
                break;
            }
            default:
                throw Failure;
        }
        Exit(ctx);
    }

    /// <summary>
    /// Reads a generic op of the commonest form as one childless <see cref="SkippedGenericOperation"/>, without a subtree:
    /// at most one result name (a group <c>%r:N</c> too), an ASCII op name without escapes, operands, properties and an
    /// attribute dictionary the builder has built already (as <see cref="SkipKnown"/> would skip them), no successors or
    /// regions, a function type it has built, and no location or a <c>loc(unknown)</c> / <c>loc(#alias)</c> as
    /// <see cref="SkipKnown"/> takes. That is most ops of a generic print (the ops in regions too), where an op's
    /// subtree cost about eight rule contexts, their child lists and ten tokens. False (nothing moved) for anything
    /// else, which <see cref="Operation"/> then reads.
    /// </summary>
    private bool PlainGenericOperation(ParserRuleContext parent)
    {
        var c = cur;
        int start = c.Start, count = 0, lastStop = 0;
        if (!PlainResult(ref c, out int resultStart, out int resultStop, out int groupSize)) return false;
        if (!PlainString(c, out int nameStart, out int nameStop)) return false;
        Advance(ref c);
        if (c.Type != L.LPAREN) return false;
        Advance(ref c);
        operandOffsets.Clear();
        if (c.Type != L.RPAREN)
        {
            while (true)
            {
                if (c.Type != L.VALUE_ID) return false;
                operandOffsets.Add(c.Start);
                operandOffsets.Add(c.Stop);
                Advance(ref c);
                if (c.Type != L.COMMA) break;
                Advance(ref c);
            }
            if (c.Type != L.RPAREN) return false;
        }
        Advance(ref c);
        int propertiesStart = -1, propertiesStop = -1, attributesStart = -1, attributesStop = -1;
        if (c.Type == L.LESS)
        {
            Advance(ref c);
            if (!KnownDictionaryAt(ref c, out propertiesStart, out propertiesStop) || c.Type != L.GREATER) return false;
            Advance(ref c);
        }
        if (c.Type == L.LBRACE && !KnownDictionaryAt(ref c, out attributesStart, out attributesStop)) return false;
        if (c.Type != L.COLON) return false;
        Advance(ref c);
        int typeStart = c.Start;
        if (!SkipFunctionType(ref c, ref count, ref lastStop)) return false;
        int typeStop = lastStop, stop = lastStop;
        if (!knownTexts!.Contains(text.AsSpan(typeStart, typeStop - typeStart + 1))) return false;
        if (!PlainLocation(ref c, ref stop, out int locationStart, out int locationStop) || c.Type == TokenConstants.EOF) return false;
        var ctx = new SkippedGenericOperation(parent, new PlainGenericOp(start, stop, resultStart, resultStop, groupSize, nameStart, nameStop,
            operandOffsets.ToArray(), propertiesStart, propertiesStop, attributesStart, attributesStop, typeStart, typeStop,
            locationStart, locationStop));
        knownTexts!.CountSkip();
        EnterLeaf(ctx, parent);
        MovePast(c.Index - cur.Index);
        Exit(ctx);
        return true;
    }

    /// <summary>
    /// Reads a custom op of the commonest form as one <see cref="SkippedCustomOperation"/>: at most one result name (or
    /// group), a dotted op name, then items that are only SSA values, commas (not first), minus signs, integer and float
    /// literals, bare keywords, groups of these in <c>()</c> or <c>[]</c>, and <c>: type, ...</c> lists of builtin
    /// scalar types and of shaped types the builder has built or builds from their tokens (<see cref="PlainShapedAt"/>),
    /// with the op's end found where <see cref="CustomItems"/> finds it. A simple location (<see cref="SkipSimpleLocation"/>)
    /// is kept as offsets; one of another form is the context's one child, its trailing-location subtree.
    /// Examples: <c>%2 = arith.mulf %0, %1 : f32</c>, <c>linalg.yield %3 : f32</c>, <c>%4 = tensor.empty() : tensor&lt;4xf32&gt;</c>,
    /// <c>%5 = arith.constant -1.0 : f32</c>, <c>%6 = arith.cmpf olt, %0, %1 : f32 loc(fused["a.py":1:2, "b.py":3:4])</c>.
    /// Each item's kind, group and first and last tokens are kept as offsets (<see cref="PlainCustomOp.Data"/>), which
    /// the builder reads the op's custom format from. False (nothing moved) for anything else.
    /// </summary>
    private bool PlainCustomOperation(ParserRuleContext parent, bool topLevel)
    {
        var c = cur;
        int start = c.Start;
        if (!PlainResult(ref c, out int resultStart, out int resultStop, out int groupSize)) return false;
        if (c.Type != L.DOTTED_ID) return false;
        var name = c;
        Advance(ref c);
        // No items: left to the tree (a payload region `{ arith.addf }` is read from its op's subtree).
        if (EndsOpAt(c, topLevel, first: true)) return false;
        plainItems.Clear();
        plainTypes.Clear();
        int lastItem;
        while (true)
        {
            lastItem = plainItems.Count;
            if (!PlainItemAt(ref c, -1)) return false;
            if (EndsOpAt(c, topLevel, first: false)) break;
            if (c.Type == TokenConstants.EOF) return false;
        }
        int stop = plainItems[lastItem].Last.Stop;
        var location = c;
        bool locationTree = false;
        if (!PlainLocation(ref c, ref stop, out int locationStart, out int locationStop))
        {
            // A location of another form (fused, named, call site, spaced), which the end test of the item loop has
            // just read ahead (LocationEndsOp): read as the op's trailing-location subtree, where the tree has it.
            if (measuredLocation != location.Index) return false;
            (c, locationTree, locationStart, locationStop) = (measuredLocationEnd, true, -1, -1);
        }
        if (c.Type == TokenConstants.EOF) return false;

        // Token objects for the op name and its last item's end only (as the tree's op context holds them); the items'
        // tokens are offsets in the op's data, made into objects only where a reader asks (PlainCustomOp.FirstToken).
        var ctx = new SkippedCustomOperation(parent);
        var opContext = new ParserRuleContext(ctx, 0) { Start = TokenAt(name), Stop = TokenAt(plainItems[lastItem].Last) };
        int itemCount = plainItems.Count;
        var data = new int[itemCount * PlainCustomOp.ItemInts + plainTypes.Count * 3];
        for (int i = 0; i < itemCount; i++)
        {
            var (kind, first, last, _, typeCount, itemParent) = plainItems[i];
            var o = data.AsSpan(i * PlainCustomOp.ItemInts, PlainCustomOp.ItemInts);
            (o[0], o[1], o[2]) = (kind, itemParent, typeCount);
            (o[3], o[4], o[5], o[6]) = (first.Type, first.Start, first.Stop, TokenIndexAt(first));
            (o[7], o[8], o[9], o[10]) = (last.Type, last.Start, last.Stop, TokenIndexAt(last));
        }
        int typesAt = itemCount * PlainCustomOp.ItemInts;
        for (int i = 0; i < plainTypes.Count; i++) (data[typesAt + 3 * i], data[typesAt + 3 * i + 1], data[typesAt + 3 * i + 2]) = plainTypes[i];
        EnterLeaf(ctx, parent);
        TrailingLocationContext? locationContext = null;
        if (locationTree)
        {
            MovePast(location.Index - cur.Index);
            TrailingLocation(ctx);
            locationContext = (TrailingLocationContext)ctx.children[^1];
            stop = lastConsumed!.StopIndex;
        }
        else
        {
            MovePast(c.Index - cur.Index);
        }
        ctx.Operation = new PlainCustomOp(start, stop, resultStart, resultStop, groupSize, name.Start, name.Stop, opContext, itemCount, data,
            locationStart, locationStop, locationContext);
        knownTexts!.CountSkip();
        Exit(ctx);
        return true;
    }

    // Scratch lists of PlainCustomOperation: the items (kind, first and last token, their types) and the types
    // (token type, start, stop) of `: ...` items.
    private readonly List<(int Kind, Cursor First, Cursor Last, int TypesFrom, int TypeCount, int Parent)> plainItems = [];

    /// <summary>
    /// One item of a plain custom op at <paramref name="c"/>, as <see cref="CustomItemCore"/> (or, in a group,
    /// <see cref="GroupBody"/>) reads it, recorded in <see cref="plainItems"/> (a group before its items) and moved past;
    /// false at an item PlainCustomOperation does not take.
    /// </summary>
    /// <param name="c">The item's first token.</param>
    /// <param name="parent">The index of the enclosing group's item, or -1 at the op's top level.</param>
    private bool PlainItemAt(ref Cursor c, int parent)
    {
        var first = c;
        int kind, typesFrom = plainTypes.Count, index = plainItems.Count;
        switch (c.Type)
        {
            case L.VALUE_ID:
                kind = PlainItem.Value;
                break;
            // A comma first at the top level is left to the tree (a region of such ops may read as a dictionary).
            case L.COMMA when parent >= 0 || index > 0:
            case L.MINUS or L.ARROW or L.EQUAL:
                kind = PlainItem.Punct;
                break;
            case L.INTEGER:
                kind = PlainItem.Integer;
                break;
            case L.FLOAT:
                kind = PlainItem.Float;
                break;
            case L.BARE_ID:
                kind = PlainItem.Keyword;
                break;
            case L.INT_TYPE or L.FLOAT_TYPE or L.INDEX or L.TENSOR or L.MEMREF or L.VECTOR:
                if (!KnownTypeAt(ref c)) return false;
                plainItems.Add((PlainItem.Type, first, plainTypeEnd, typesFrom, 1, parent));
                return true;
            case L.LPAREN or L.LBRACKET:
            {
                // A group: its items up to the closer, as GroupBody reads them (no dictionaries or bare colons here).
                int closer = c.Type == L.LPAREN ? L.RPAREN : L.RBRACKET;
                plainItems.Add((PlainItem.Group, first, first, typesFrom, 0, parent));
                Advance(ref c);
                while (c.Type != closer)
                {
                    if (c.Type is L.LBRACE or TokenConstants.EOF || !PlainItemAt(ref c, index)) return false;
                }
                plainItems[index] = (PlainItem.Group, first, c, typesFrom, 0, parent);
                Advance(ref c);
                return true;
            }
            case L.COLON:
                // TypeList: a type, and more after commas while a type follows (StartsType); a comma before
                // anything else is the next item.
                while (true)
                {
                    Advance(ref c);
                    if (!KnownTypeAt(ref c)) return false;
                    if (c.Type != L.COMMA) break;
                    var next = c;
                    Advance(ref next);
                    if (next.Type is L.INT_TYPE or L.FLOAT_TYPE or L.INDEX) continue;
                    if (next.Type is L.TENSOR or L.MEMREF or L.VECTOR or L.NONE or L.BANG_ID or L.COMPLEX or L.TUPLE or L.LPAREN)
                    {
                        var after = next;
                        Advance(ref after);
                        if (next.Type is L.TENSOR or L.MEMREF or L.VECTOR && after.Type == L.LESS) continue;
                        return false;
                    }
                    break;
                }
                plainItems.Add((PlainItem.Types, first, plainTypeEnd, typesFrom, plainTypes.Count - typesFrom, parent));
                return true;
            default:
                return false;
        }
        plainItems.Add((kind, first, c, typesFrom, 0, parent));
        Advance(ref c);
        return true;
    }
    private readonly List<(int Type, int Start, int Stop)> plainTypes = [];
    private Cursor plainTypeEnd;

    /// <summary>
    /// At a type PlainCustomOperation takes (a builtin integer, float or index type, or a tensor, memref or vector type
    /// whose text the builder has built or that it builds from its tokens, <see cref="PlainShapedAt"/>): records it in <see cref="plainTypes"/>, moves past it (its last token in
    /// <see cref="plainTypeEnd"/>) and returns true.
    /// </summary>
    private bool KnownTypeAt(ref Cursor c)
    {
        int type = c.Type, start = c.Start;
        if (type is L.INT_TYPE or L.FLOAT_TYPE or L.INDEX)
        {
            plainTypes.Add((type, start, c.Stop));
            plainTypeEnd = c;
            Advance(ref c);
            return true;
        }
        if (type is not (L.TENSOR or L.MEMREF or L.VECTOR)) return false;
        var at = c;
        Advance(ref at);
        int count = 0, lastStop = 0;
        if (at.Type != L.LESS) return false;
        var end = at;
        if (!SkipBalanced(ref at, ref count, ref lastStop, inType: true)) return false;
        if (!knownTexts!.Contains(text.AsSpan(start, lastStop - start + 1)) && !PlainShapedAt(c, at)) return false;
        // The last token is the one before `at`: find it again (a few tokens: types are short).
        while (true)
        {
            var next = end;
            Advance(ref next);
            if (next.Index >= at.Index || next.Type == TokenConstants.EOF) break;
            end = next;
        }
        plainTypes.Add((type, start, lastStop));
        plainTypeEnd = end;
        c = at;
        return true;
    }

    /// <summary>
    /// Whether the shaped type from <paramref name="keyword"/> to just before <paramref name="end"/> has the spelling the
    /// builder builds from its text (IRBuilder.BuildPlainShaped): <c>tensor&lt;4x?xf32&gt;</c>, <c>memref&lt;*xi8&gt;</c>,
    /// <c>vector&lt;4xf32&gt;</c>: a DIMS or <c>*x</c> token or none (a vector: static sizes only), then a builtin integer,
    /// float or index type, and nothing else (no encoding, layout or memory space).
    /// </summary>
    private bool PlainShapedAt(Cursor keyword, in Cursor end)
    {
        bool vector = keyword.Type == L.VECTOR;
        var c = keyword;
        Advance(ref c);
        Advance(ref c);
        if (c.Type is L.DIMS or L.UNRANKED_X)
        {
            var dims = text.AsSpan(c.Start, c.Stop - c.Start + 1);
            if (dims.Contains((byte)'[') || (vector && (c.Type == L.UNRANKED_X || dims.Contains((byte)'?')))) return false;
            Advance(ref c);
        }
        if (c.Type is not (L.INT_TYPE or L.FLOAT_TYPE or L.INDEX)) return false;
        Advance(ref c);
        return c.Type == L.GREATER && c.Index + 1 == end.Index;
    }

    /// <summary>The token at <paramref name="at"/> as an object (with its index in the token sequence).</summary>
    private LightToken TokenAt(in Cursor at) =>
        new(tokenSource, at.Type, at.Start, at.Stop) { TokenIndex = TokenIndexAt(at) };

    /// <summary>The index in the token sequence of the token at <paramref name="at"/> (read ahead of the current one or at it).</summary>
    private int TokenIndexAt(in Cursor at) => tokenIndex + (at.Index - cur.Index);

    /// <summary><see cref="EndsOp"/> as if the current token were the one at <paramref name="at"/> (as <see cref="At"/>, without a closure).</summary>
    private bool EndsOpAt(in Cursor at, bool topLevel, bool first)
    {
        var saved = LookFrom(at);
        try
        {
            return EndsOp(topLevel, first);
        }
        finally
        {
            LookBack(saved);
        }
    }

    /// <summary>
    /// At most one result name of a plain op (<see cref="PlainGenericOperation"/>, <see cref="PlainCustomOperation"/>):
    /// <c>%r =</c> or <c>%r:N =</c>, moved past; -1, -1, 0 without one. False at anything else (a list of names, a bad size).
    /// </summary>
    private bool PlainResult(ref Cursor c, out int resultStart, out int resultStop, out int groupSize)
    {
        (resultStart, resultStop, groupSize) = (-1, -1, 0);
        if (c.Type != L.VALUE_ID) return true;
        (resultStart, resultStop, groupSize) = (c.Start, c.Stop, 1);
        if (text.AsSpan(c.Start, c.Stop - c.Start + 1).Contains((byte)'#')) return false;
        Advance(ref c);
        if (c.Type == L.COLON)
        {
            Advance(ref c);
            if (c.Type != L.INTEGER || !int.TryParse(text.AsSpan(c.Start, c.Stop - c.Start + 1), System.Globalization.NumberStyles.None,
                    System.Globalization.CultureInfo.InvariantCulture, out groupSize) || groupSize < 1 || groupSize > 1_000_000)
            {
                return false;
            }
            Advance(ref c);
        }
        if (c.Type != L.EQUAL) return false;
        Advance(ref c);
        return true;
    }

    /// <summary>
    /// Moves past the next <paramref name="tokens"/> tokens, read ahead already: no token objects for them but the last,
    /// which is consumed (the stop of the rule being exited).
    /// </summary>
    private void MovePast(int tokens)
    {
        curToken = null;
        for (int i = 0; i < tokens - 1; i++)
        {
            Advance(ref cur);
            tokenIndex++;
        }
        Consume();
    }

    /// <summary>
    /// After a plain op's last part: a simple trailing location (<see cref="SkipSimpleLocation"/>), moved past, with
    /// <paramref name="stop"/> moved to its end; -1, -1 when there is none. False at a location of any other form.
    /// </summary>
    private bool PlainLocation(ref Cursor c, ref int stop, out int locationStart, out int locationStop)
    {
        (locationStart, locationStop) = (-1, -1);
        if (c.Type != L.LOC) return true;
        int count = 0;
        locationStart = c.Start + 4;
        if (!SkipSimpleLocation(ref c, ref count, ref stop)) return false;
        locationStop = stop - 1;
        return true;
    }

    /// <summary>An attribute dictionary at <paramref name="c"/> whose text the builder has built (as <see cref="SkipKnown"/> takes it), moved past.</summary>
    private bool KnownDictionaryAt(ref Cursor c, out int start, out int stop)
    {
        int count = 0;
        (start, stop) = (c.Start, 0);
        return c.Type == L.LBRACE && SkipBalanced(ref c, ref count, ref stop, inType: false)
            && knownTexts!.Contains(text.AsSpan(start, stop - start + 1));
    }

    private void OpResultList(ParserRuleContext parent)
    {
        var ctx = Enter(new OpResultListContext(parent, 0), parent);
        CommaList(ctx, opResultRule);
        Match(ctx, L.EQUAL);
        Exit(ctx);
    }

    private void OpResult(ParserRuleContext parent)
    {
        var ctx = Enter(new OpResultContext(parent, 0), parent);
        Match(ctx, L.VALUE_ID);
        if (LA1 == L.COLON)
        {
            MatchAny(ctx);
            Match(ctx, L.INTEGER);
        }
        Exit(ctx);
    }

    private void GenericOperation(ParserRuleContext parent)
    {
        var ctx = Enter(new GenericOperationContext(parent, 0), parent, 8);
        Match(ctx, L.STRING);
        Match(ctx, L.LPAREN);
        if (LA1 == L.VALUE_ID)
        {
            var uses = Enter(new ValueUseListContext(ctx, 0), ctx);
            MatchAny(uses);
            while (LA1 == L.COMMA)
            {
                MatchAny(uses);
                Match(uses, L.VALUE_ID);
            }
            Exit(uses);
        }
        Match(ctx, L.RPAREN);
        if (LA1 == L.LBRACKET)
        {
            var succ = Enter(new SuccessorListContext(ctx, 0), ctx);
            MatchAny(succ);
            Match(succ, L.CARET_ID);
            while (LA1 == L.COMMA)
            {
                MatchAny(succ);
                Match(succ, L.CARET_ID);
            }
            Match(succ, L.RBRACKET);
            Exit(succ);
        }
        if (LA1 == L.LESS)
        {
            var props = Enter(new PropertiesContext(ctx, 0), ctx);
            MatchAny(props);
            AttributeValue(props);
            Match(props, L.GREATER);
            Exit(props);
        }
        if (LA1 == L.LPAREN)
        {
            var list = Enter(new RegionListContext(ctx, 0), ctx);
            MatchAny(list);
            CommaList(list, regionRule);
            Match(list, L.RPAREN);
            Exit(list);
        }
        if (LA1 == L.LBRACE) AttributeDict(ctx);
        Match(ctx, L.COLON);
        FunctionType(ctx);
        Exit(ctx);
    }

    /// <summary>
    /// <c>(customItemCore (customItemCore | EQUAL)*?)??</c>: the items of a custom op, up to where the rest of the input
    /// reads as what may follow the op (the non-greedy loop's exit, preferred by the generated parser whenever it is viable).
    /// </summary>
    private void CustomItems(ParserRuleContext op, bool topLevel)
    {
        if (EndsOp(topLevel, first: true)) return;
        CustomItemCore(op);
        while (!EndsOp(topLevel, first: false))
        {
            if (LA1 == L.EQUAL) MatchAny(op);
            else CustomItemCore(op);
        }
    }

    /// <summary>Whether the current token ends the custom op being read (see <see cref="CustomItems"/>).</summary>
    private bool EndsOp(bool topLevel, bool first)
    {
        int t = LA1;
        return t switch
        {
            L.EQUAL => first,
            // A trailing location ends the op when what follows it can follow a whole op; else `loc(...)` is an item.
            L.LOC => LocationEndsOp(topLevel),
            _ => FollowsOp(topLevel) ?? !IsItemStart(t),
        };
    }

    // Apart from EndsOp, which runs for every item: its lambdas would otherwise allocate a closure on every call.
    // A simple location (see SkipSimpleLocation) is measured without reading it into a scratch tree.
    private bool LocationEndsOp(bool topLevel)
    {
        var after = cur;
        int count = 0, lastStop = 0;
        if (!SkipSimpleLocation(ref after, ref count, ref lastStop))
        {
            if (LA(2) != L.LPAREN || !Speculate(() => TrailingLocation(Scratch()), out after)) return false;
        }
        (measuredLocation, measuredLocationEnd) = (cur.Index, after);
        return At(after, () => FollowsOp(topLevel) == true);
    }

    // The last location LocationEndsOp read: the index of its `loc` token, and the token after it.
    private int measuredLocation = -1;
    private Cursor measuredLocationEnd;

    /// <summary>
    /// For the tokens that can end an op or start what follows it: whether the current one does (the end of a region
    /// or file, the next op, a block label, a top-level alias definition). Null for other tokens.
    /// </summary>
    private bool? FollowsOp(bool topLevel) => LA1 switch
    {
        TokenConstants.EOF or L.RBRACE or L.FILE_META_BEGIN => true,
        L.VALUE_ID => StartsResults(),
        L.STRING => LA(2) == L.LPAREN && Speculate(() => GenericOperation(Scratch())),
        L.KW_FUNC or L.KW_RETURN or L.KW_MODULE or L.KW_CALL or L.KW_CALL_INDIRECT => true,
        // A dotted name or an old standard op's name is also a keyword item (`{a.b = 1}` aside), unless `=` follows.
        L.DOTTED_ID or L.LEGACY_OP => LA(2) != L.EQUAL,
        L.CARET_ID => !topLevel && Speculate(() => BlockLabel(Scratch())),
        L.HASH_ID or L.BANG_ID => topLevel && LA(2) == L.EQUAL,
        _ => null,
    };

    /// <summary>
    /// <c>%a, %b:2 = name</c> ahead: results of the next op, then the start of an op that can stand there (a generic op,
    /// a custom op whose first item is not <c>=</c>, or a legacy bare-named op).
    /// </summary>
    private bool StartsResults()
    {
        var c = cur;
        while (true)
        {
            if (c.Type != L.VALUE_ID) return false;
            Advance(ref c);
            if (c.Type == L.COLON)
            {
                Advance(ref c);
                if (c.Type != L.INTEGER) return false;
                Advance(ref c);
            }
            if (c.Type == L.COMMA)
            {
                Advance(ref c);
                continue;
            }
            if (c.Type != L.EQUAL) return false;
            Advance(ref c);
            break;
        }
        switch (c.Type)
        {
            case L.STRING:
                return At(c, () => LA(2) == L.LPAREN && Speculate(() => GenericOperation(Scratch())));
            case var t when IsOpName(t) || t == L.BARE_ID:
                Advance(ref c);
                return c.Type != L.EQUAL;
            default:
                return false;
        }
    }

    /// <summary>Tokens that can start a <c>customItemCore</c>.</summary>
    private static bool IsItemStart(int t) => t switch
    {
        L.VALUE_ID or L.COLON or L.ATTRIBUTES or L.LPAREN or L.LBRACKET or L.LESS or L.LBRACE => true,
        L.INT_TYPE or L.FLOAT_TYPE or L.INDEX or L.NONE or L.COMPLEX or L.TUPLE or L.TENSOR or L.MEMREF or L.VECTOR or L.BANG_ID => true,
        L.HASH_ID or L.DENSE or L.DENSE_RESOURCE or L.SPARSE or L.ARRAY or L.AFFINE_MAP or L.AFFINE_SET or L.STRIDED or L.DISTINCT
            or L.AT_ID or L.TRUE or L.FALSE or L.UNIT or L.LOC => true,
        L.BARE_ID or L.DOTTED_ID or L.AT or L.UNKNOWN or L.CALLSITE or L.FUSED or L.KW_MAX or L.KW_MIN or L.LEGACY_OP => true,
        L.CARET_ID or L.INTEGER or L.FLOAT or L.STRING or L.DIMS => true,
        L.COMMA or L.ARROW or L.FAT_ARROW or L.QUESTION or L.STAR or L.PLUS or L.MINUS or L.DOUBLE_COLON or L.ELLIPSIS or L.VBAR => true,
        _ => false,
    };

    private void CustomItemCore(ParserRuleContext parent)
    {
        var ctx = Enter(new CustomItemCoreContext(parent, 0), parent);
        switch (LA1)
        {
            case L.VALUE_ID or L.CARET_ID or L.INTEGER or L.FLOAT or L.STRING or L.DIMS
                or L.COMMA or L.ARROW or L.FAT_ARROW or L.QUESTION or L.STAR or L.PLUS or L.MINUS or L.DOUBLE_COLON or L.ELLIPSIS or L.VBAR:
                MatchAny(ctx);
                break;
            case L.COLON:
                MatchAny(ctx);
                if (LA1 == L.LBRACKET) Group(ctx, L.RBRACKET);
                else if (LA1 == L.LESS) Group(ctx, L.GREATER);
                else if (LA1 == L.LPAREN && !MayStartFunctionType()) Group(ctx, L.RPAREN);
                else if (LA1 == L.VALUE_ID) ValueUses(ctx);
                else TypeList(ctx);
                break;
            case L.ATTRIBUTES:
                MatchAny(ctx);
                AttributeDict(ctx);
                break;
            case L.LPAREN:
                Group(ctx, L.RPAREN);
                break;
            case L.LBRACKET:
                Group(ctx, L.RBRACKET);
                break;
            case L.LESS:
                // `<@sym ...>` whose items do not read as custom items (the generated parser prefers the group).
                if (LA(2) == L.AT_ID && !Speculate(() => Group(Scratch(), L.GREATER)))
                {
                    MatchAny(ctx);
                    MatchAny(ctx);
                    while (LA1 != L.GREATER) PrettyItem(ctx);
                    MatchAny(ctx);
                }
                else
                {
                    Group(ctx, L.GREATER);
                }
                break;
            case L.LBRACE:
                if (LA(2) == L.VALUE_ID && BraceIsValueList()) BracedValues(ctx);
                else if (BraceIsItemList()) BracedItems(ctx);
                else if (BraceIsRegion(preferDictionary: false)) Region(ctx);
                else AttributeDict(ctx);
                break;
            case L.INT_TYPE or L.FLOAT_TYPE or L.INDEX or L.NONE or L.BANG_ID:
                NonFunctionType(ctx);
                break;
            case L.COMPLEX or L.TUPLE or L.TENSOR or L.MEMREF or L.VECTOR:
                if (LA(2) == L.LESS) NonFunctionType(ctx);
                else CustomKeyword(ctx);
                break;
            case L.DENSE or L.DENSE_RESOURCE or L.SPARSE or L.ARRAY or L.STRIDED:
                if (LA(2) == L.LESS) CustomAttribute(ctx);
                else CustomKeyword(ctx);
                break;
            case L.AFFINE_MAP or L.AFFINE_SET:
                if (LA(2) == L.LESS) CustomAttribute(ctx);
                else CustomKeyword(ctx);
                break;
            case L.DISTINCT:
                if (LA(2) == L.LBRACKET) CustomAttribute(ctx);
                else CustomKeyword(ctx);
                break;
            case L.HASH_ID or L.AT_ID or L.TRUE or L.FALSE or L.UNIT or L.LOC:
                CustomAttribute(ctx);
                break;
            case L.BARE_ID or L.DOTTED_ID or L.AT or L.UNKNOWN or L.CALLSITE or L.FUSED or L.KW_MAX or L.KW_MIN or L.LEGACY_OP:
                CustomKeyword(ctx);
                break;
            default:
                throw Failure;
        }
        Exit(ctx);
    }

    /// <summary>The items of a bracketed group up to its closing token: <c>groupItem*</c> and the closer.</summary>
    private void Group(ParserRuleContext ctx, int closer)
    {
        MatchAny(ctx);
        GroupBody(ctx, closer);
    }

    /// <summary><c>groupItem*</c> and the closing token.</summary>
    private void GroupBody(ParserRuleContext ctx, int closer)
    {
        while (LA1 != closer)
        {
            var g = Enter(new GroupItemContext(ctx, 0), ctx, 1);
            switch (LA1)
            {
                case L.LBRACE when !BraceIsItemList() && !BraceIsRegion(preferDictionary: true):
                    AttributeDict(g);
                    break;
                case L.COLON when LA(2) is not (L.LBRACKET or L.LESS or L.LPAREN or L.VALUE_ID) && !StartsType(2):
                    MatchAny(g);
                    break;
                case L.EQUAL:
                    MatchAny(g);
                    break;
                default:
                    CustomItemCore(g);
                    break;
            }
            Exit(g);
        }
        MatchAny(ctx);
    }

    /// <summary><c>{%a, %b}</c> ahead: only values between the braces (the dynamic sizes of a type in IREE).</summary>
    private bool BraceIsValueList()
    {
        var c = cur;
        Advance(ref c);
        while (true)
        {
            if (c.Type != L.VALUE_ID) return false;
            Advance(ref c);
            if (c.Type == L.RBRACE) return true;
            if (c.Type != L.COMMA) return false;
            Advance(ref c);
        }
    }

    /// <summary><c>{word %v</c> or <c>{@sym</c> ahead: a braced list no region or dictionary begins with.</summary>
    private bool BraceIsItemList()
    {
        int t2 = LA(2);
        return t2 == L.AT_ID || (t2 == L.BARE_ID && LA(3) == L.VALUE_ID);
    }

    /// <summary>
    /// <c>LBRACE BARE_ID VALUE_ID groupItem* RBRACE</c> or <c>LBRACE symbolRef (COMMA symbolRef)* RBRACE</c> in
    /// <c>customItemCore</c>.
    /// </summary>
    private void BracedItems(ParserRuleContext ctx)
    {
        MatchAny(ctx);
        if (LA1 == L.AT_ID)
        {
            SymbolRef(ctx);
            while (LA1 == L.COMMA)
            {
                MatchAny(ctx);
                if (LA1 != L.AT_ID) throw Failure;
                SymbolRef(ctx);
            }
            Match(ctx, L.RBRACE);
            return;
        }
        MatchAny(ctx);
        MatchAny(ctx);
        GroupBody(ctx, L.RBRACE);
    }

    private void SymbolRef(ParserRuleContext parent)
    {
        var sym = Enter(new SymbolRefContext(parent, 0), parent);
        MatchAny(sym);
        while (LA1 == L.DOUBLE_COLON && LA(2) == L.AT_ID)
        {
            MatchAny(sym);
            MatchAny(sym);
        }
        Exit(sym);
    }

    /// <summary><c>LBRACE valueUseList RBRACE</c> in <c>customItemCore</c>.</summary>
    private void BracedValues(ParserRuleContext ctx)
    {
        MatchAny(ctx);
        ValueUses(ctx);
        Match(ctx, L.RBRACE);
    }

    /// <summary><c>valueUseList</c>: <c>VALUE_ID (COMMA VALUE_ID)*</c>.</summary>
    private void ValueUses(ParserRuleContext ctx)
    {
        var uses = Enter(new ValueUseListContext(ctx, 0), ctx);
        Match(uses, L.VALUE_ID);
        while (LA1 == L.COMMA && LA(2) == L.VALUE_ID)
        {
            MatchAny(uses);
            MatchAny(uses);
        }
        Exit(uses);
    }

    /// <summary>
    /// At <c>(</c> after <c>:</c>: false when the parenthesized list cannot begin a function type (a value, a brace or
    /// another token no type list holds at its top level, or no <c>-&gt;</c> and result after it), so that the generated
    /// parser reads it as <c>COLON LPAREN groupItem* RPAREN</c>. True means the function type is tried (where it fails,
    /// the direct parser gives up and the generated parser decides).
    /// </summary>
    private bool MayStartFunctionType()
    {
        var c = cur;
        if (!TypeListInParens(ref c)) return false;
        if (c.Type != L.ARROW) return false;
        Advance(ref c);
        if (c.Type == L.LPAREN) return TypeListInParens(ref c);
        return c.Type is L.INT_TYPE or L.FLOAT_TYPE or L.INDEX or L.NONE or L.COMPLEX or L.TUPLE or L.TENSOR or L.MEMREF
            or L.VECTOR or L.BANG_ID or TokenConstants.EOF;
    }

    /// <summary>
    /// From <c>(</c> to just after its <c>)</c>: false when a token directly inside cannot be part of a type list
    /// (nested brackets are skipped). EOF counts as possible, so that the real parse reports it.
    /// </summary>
    private bool TypeListInParens(ref Cursor c)
    {
        Advance(ref c);
        int depth = 0;
        while (true)
        {
            int t = c.Type;
            if (t == TokenConstants.EOF) return true;
            if (depth == 0)
            {
                if (t == L.RPAREN)
                {
                    Advance(ref c);
                    return true;
                }
                if (t is not (L.INT_TYPE or L.FLOAT_TYPE or L.INDEX or L.NONE or L.COMPLEX or L.TUPLE or L.TENSOR or L.MEMREF
                    or L.VECTOR or L.BANG_ID or L.COMMA or L.ARROW or L.LPAREN or L.LESS)) return false;
            }
            if (t is L.LPAREN or L.LESS or L.LBRACKET or L.LBRACE) depth++;
            else if (t is L.RPAREN or L.GREATER or L.RBRACKET or L.RBRACE) depth--;
            Advance(ref c);
        }
    }

    /// <summary>
    /// After <c>{</c> in an item: a region (ops, blocks) or an attribute dictionary. Where both read, the generated
    /// parser takes the lower alternative: the region in <c>customItemCore</c>, the dictionary in <c>groupItem</c>.
    /// </summary>
    private bool BraceIsRegion(bool preferDictionary)
    {
        int t2 = LA(2);
        switch (t2)
        {
            case L.RBRACE:
                return !preferDictionary;
            case L.VALUE_ID or L.CARET_ID:
                return true;
            case L.STRING:
                return LA(3) == L.LPAREN;
            case var t when IsOpName(t):
                if (LA(3) == L.EQUAL) return false;
                if (preferDictionary) return !Speculate(() => AttributeDict(Scratch()));
                return true;
            default:
                return false;
        }
    }

    /// <summary>Whether the token <paramref name="k"/> ahead starts a type (a function type when it parses as one).</summary>
    private bool StartsType(int k)
    {
        int t = LA(k);
        switch (t)
        {
            case L.INT_TYPE or L.FLOAT_TYPE or L.INDEX or L.NONE or L.BANG_ID:
                return true;
            case L.COMPLEX or L.TUPLE or L.TENSOR or L.MEMREF or L.VECTOR:
                return LA(k + 1) == L.LESS;
            case L.LPAREN:
            {
                var at = cur;
                for (int i = 1; i < k; i++) Advance(ref at);
                return At(at, () => Speculate(() => FunctionType(Scratch())));
            }
            default:
                return false;
        }
    }

    private void CustomKeyword(ParserRuleContext parent)
    {
        var ctx = Enter(new CustomKeywordContext(parent, 0), parent, 1);
        MatchAny(ctx);
        Exit(ctx);
    }

    private void CustomAttribute(ParserRuleContext parent)
    {
        var ctx = Enter(new CustomAttributeContext(parent, 0), parent);
        switch (LA1)
        {
            case L.HASH_ID:
                MatchAny(ctx);
                if (LA1 == L.LESS) PrettyBody(ctx);
                break;
            case L.DENSE:
                MatchAny(ctx);
                Match(ctx, L.LESS);
                if (LA1 != L.GREATER) DenseElement(ctx);
                Match(ctx, L.GREATER);
                OptionalColonType(ctx);
                break;
            case L.DENSE_RESOURCE:
            {
                MatchAny(ctx);
                Match(ctx, L.LESS);
                var handle = Enter(new ResourceHandleContext(ctx, 0), ctx);
                if (LA1 == L.STRING) MatchAny(handle);
                else BareId(handle);
                Exit(handle);
                Match(ctx, L.GREATER);
                OptionalColonType(ctx);
                break;
            }
            case L.SPARSE:
                MatchAny(ctx);
                Match(ctx, L.LESS);
                if (LA1 != L.GREATER)
                {
                    DenseElement(ctx);
                    Match(ctx, L.COMMA);
                    DenseElement(ctx);
                }
                Match(ctx, L.GREATER);
                OptionalColonType(ctx);
                break;
            case L.ARRAY:
                MatchAny(ctx);
                Match(ctx, L.LESS);
                Type(ctx);
                if (LA1 == L.COLON)
                {
                    MatchAny(ctx);
                    var elements = Enter(new DenseArrayElementsContext(ctx, 0), ctx);
                    CommaList(elements, denseArrayElementRule);
                    Exit(elements);
                }
                Match(ctx, L.GREATER);
                break;
            case L.AFFINE_MAP or L.AFFINE_SET:
                MatchAny(ctx);
                PrettyBody(ctx);
                break;
            case L.STRIDED:
                MatchAny(ctx);
                Match(ctx, L.LESS);
                BracketedList(ctx, L.LBRACKET, L.RBRACKET, strideValueRule);
                if (LA1 == L.COMMA)
                {
                    MatchAny(ctx);
                    BareId(ctx);
                    Match(ctx, L.COLON);
                    StrideValue(ctx);
                }
                Match(ctx, L.GREATER);
                break;
            case L.DISTINCT:
                MatchAny(ctx);
                Match(ctx, L.LBRACKET);
                Match(ctx, L.INTEGER);
                Match(ctx, L.RBRACKET);
                PrettyBody(ctx);
                break;
            case L.AT_ID:
                SymbolRef(ctx);
                break;
            case L.TRUE or L.FALSE or L.UNIT:
                MatchAny(ctx);
                break;
            case L.LOC:
                MatchAny(ctx);
                Match(ctx, L.LPAREN);
                Location(ctx);
                Match(ctx, L.RPAREN);
                break;
            default:
                throw Failure;
        }
        Exit(ctx);
    }

    /// <summary><c>(COLON type)?</c>, taken when a type follows the colon (else the colon is left to what follows).</summary>
    private void OptionalColonType(ParserRuleContext ctx)
    {
        if (LA1 == L.COLON && StartsType(2))
        {
            MatchAny(ctx);
            Type(ctx);
        }
    }

    private void StrideValue(ParserRuleContext parent)
    {
        var ctx = Enter(new StrideValueContext(parent, 0), parent);
        if (LA1 == L.QUESTION) MatchAny(ctx);
        else
        {
            if (LA1 == L.MINUS) MatchAny(ctx);
            Match(ctx, L.INTEGER);
        }
        Exit(ctx);
    }

    private void DenseArrayElement(ParserRuleContext parent)
    {
        var ctx = Enter(new DenseArrayElementContext(parent, 0), parent);
        switch (LA1)
        {
            case L.TRUE or L.FALSE or L.INTEGER or L.FLOAT:
                MatchAny(ctx);
                break;
            case L.MINUS when LA(2) is L.INTEGER or L.FLOAT:
                MatchAny(ctx);
                MatchAny(ctx);
                break;
            default:
                throw Failure;
        }
        Exit(ctx);
    }

    private void DenseElement(ParserRuleContext parent)
    {
        var ctx = Enter(new DenseElementContext(parent, 0), parent);
        switch (LA1)
        {
            case L.LBRACKET:
                MatchAny(ctx);
                if (LA1 != L.RBRACKET) CommaList(ctx, denseElementRule);
                Match(ctx, L.RBRACKET);
                break;
            case L.LPAREN:
                MatchAny(ctx);
                DenseElement(ctx);
                Match(ctx, L.COMMA);
                DenseElement(ctx);
                Match(ctx, L.RPAREN);
                break;
            case L.INTEGER or L.FLOAT or L.TRUE or L.FALSE or L.STRING:
                MatchAny(ctx);
                break;
            case L.MINUS when LA(2) is L.INTEGER or L.FLOAT:
                MatchAny(ctx);
                MatchAny(ctx);
                break;
            default:
                throw Failure;
        }
        Exit(ctx);
    }

    // ---- regions and blocks -------------------------------------------------------------------------------------

    private static bool StartsOperation(int t) => t is L.VALUE_ID or L.STRING || IsOpName(t);

    private void Region(ParserRuleContext parent)
    {
        var ctx = Enter(new RegionContext(parent, 0), parent);
        Match(ctx, L.LBRACE);
        while (StartsOperation(LA1)) Operation(ctx, topLevel: false);
        while (LA1 == L.CARET_ID)
        {
            var block = Enter(new BlockContext(ctx, 0), ctx);
            BlockLabel(block);
            while (StartsOperation(LA1)) Operation(block, topLevel: false);
            Exit(block);
        }
        Match(ctx, L.RBRACE);
        Exit(ctx);
    }

    private void BlockLabel(ParserRuleContext parent)
    {
        if (knownTexts is not null && speculating == 0 && PlainBlockLabel(parent)) return;
        var ctx = Enter(new BlockLabelContext(parent, 0), parent);
        Match(ctx, L.CARET_ID);
        if (LA1 == L.LPAREN)
        {
            MatchAny(ctx);
            if (LA1 != L.RPAREN) CommaList(ctx, blockArgRule);
            Match(ctx, L.RPAREN);
        }
        Match(ctx, L.COLON);
        Exit(ctx);
    }

    /// <summary>
    /// Reads a block label of the commonest form as one childless <see cref="SkippedBlockLabel"/>: arguments
    /// <c>%name : type</c> with the types <see cref="PlainCustomOperation"/> takes (<see cref="KnownTypeAt"/>), each with
    /// no location or a simple one (<see cref="SkipSimpleLocation"/>), as in <c>^bb0(%in: f32 loc(#loc3), %out: f32):</c>,
    /// which begins the body of every <c>linalg</c> op in a generic print. False (nothing moved) for anything else.
    /// </summary>
    private bool PlainBlockLabel(ParserRuleContext parent)
    {
        var c = cur;
        if (c.Type != L.CARET_ID) return false;
        var name = c;
        Advance(ref c);
        plainArguments.Clear();
        plainTypes.Clear();
        if (c.Type == L.LPAREN)
        {
            Advance(ref c);
            while (c.Type != L.RPAREN)
            {
                if (plainArguments.Count > 0)
                {
                    if (c.Type != L.COMMA) return false;
                    Advance(ref c);
                }
                if (c.Type != L.VALUE_ID) return false;
                var argument = c;
                Advance(ref c);
                if (c.Type != L.COLON) return false;
                Advance(ref c);
                if (!KnownTypeAt(ref c)) return false;
                int stop = 0;
                if (!PlainLocation(ref c, ref stop, out int locationStart, out int locationStop)) return false;
                plainArguments.Add((argument.Start, argument.Stop, locationStart, locationStop));
            }
            Advance(ref c);
        }
        if (c.Type != L.COLON) return false;
        var data = new int[2 + PlainBlockLabelData.ArgumentInts * plainArguments.Count];
        (data[0], data[1]) = (name.Start, name.Stop);
        for (int i = 0; i < plainArguments.Count; i++)
        {
            var a = data.AsSpan(2 + PlainBlockLabelData.ArgumentInts * i, PlainBlockLabelData.ArgumentInts);
            (a[0], a[1], a[5], a[6]) = plainArguments[i];
            (a[2], a[3], a[4]) = plainTypes[i];
        }
        var ctx = new SkippedBlockLabel(parent, new PlainBlockLabelData(data));
        knownTexts!.CountSkip();
        EnterLeaf(ctx, parent);
        MovePast(c.Index - cur.Index + 1);
        Exit(ctx);
        return true;
    }

    // Scratch list of PlainBlockLabel: each argument's name (start, stop) and location (start, stop; -1 when none).
    private readonly List<(int Start, int Stop, int LocationStart, int LocationStop)> plainArguments = [];

    private void BlockArg(ParserRuleContext parent)
    {
        var ctx = Enter(new BlockArgContext(parent, 0), parent);
        Match(ctx, L.VALUE_ID);
        Match(ctx, L.COLON);
        Type(ctx);
        if (LA1 == L.LOC) TrailingLocation(ctx);
        Exit(ctx);
    }

    private void TrailingLocation(ParserRuleContext parent)
    {
        if (SkipKnown(parent, Skippable.TrailingLocation)) return;
        var ctx = Enter(new TrailingLocationContext(parent, 0), parent, 4);
        Match(ctx, L.LOC);
        Match(ctx, L.LPAREN);
        Location(ctx);
        Match(ctx, L.RPAREN);
        Exit(ctx);
    }

    // ---- types --------------------------------------------------------------------------------------------------

    private void Type(ParserRuleContext parent)
    {
        var ctx = Enter(new TypeContext(parent, 0), parent, 1);
        if (LA1 == L.LPAREN) FunctionType(ctx);
        else NonFunctionType(ctx);
        Exit(ctx);
    }

    private void TypeList(ParserRuleContext parent)
    {
        var ctx = Enter(new TypeListContext(parent, 0), parent);
        Type(ctx);
        while (LA1 == L.COMMA && StartsType(2))
        {
            MatchAny(ctx);
            Type(ctx);
        }
        Exit(ctx);
    }

    private void FunctionType(ParserRuleContext parent)
    {
        if (SkipKnown(parent, Skippable.FunctionType)) return;
        var ctx = Enter(new FunctionTypeContext(parent, 0), parent, 5);
        Match(ctx, L.LPAREN);
        if (LA1 != L.RPAREN) TypeList(ctx);
        Match(ctx, L.RPAREN);
        Match(ctx, L.ARROW);
        var results = Enter(new FunctionResultsContext(ctx, 0), ctx);
        if (LA1 == L.LPAREN)
        {
            MatchAny(results);
            if (LA1 != L.RPAREN) TypeList(results);
            Match(results, L.RPAREN);
        }
        else
        {
            NonFunctionType(results);
        }
        Exit(results);
        Exit(ctx);
    }

    private void NonFunctionType(ParserRuleContext parent)
    {
        if (LA1 is L.TENSOR or L.MEMREF or L.VECTOR && SkipKnown(parent, Skippable.ShapedType)) return;
        var proto = Base(typeBase, parent);
        NonFunctionTypeContext ctx = LA1 switch
        {
            L.INT_TYPE => new IntegerTypeContext(proto),
            L.FLOAT_TYPE => new FloatTypeContext(proto),
            L.INDEX => new IndexTypeContext(proto),
            L.NONE => new NoneTypeContext(proto),
            L.COMPLEX => new ComplexTypeContext(proto),
            L.TUPLE => new TupleTypeContext(proto),
            L.TENSOR => new TensorTypeContext(proto),
            L.MEMREF => new MemrefTypeContext(proto),
            L.VECTOR => new VectorTypeContext(proto),
            L.BANG_ID => new DialectOrAliasTypeContext(proto),
            _ => throw Failure,
        };
        proto.Parent = null;
        // Children expected (the list is sized for them): `tensor<4x8xf32>` has five, `complex<f32>` four.
        Enter(ctx, parent, LA1 switch
        {
            L.INT_TYPE or L.FLOAT_TYPE or L.INDEX or L.NONE => 1,
            L.TENSOR or L.MEMREF or L.VECTOR => 5,
            L.COMPLEX or L.TUPLE => 4,
            _ => 0,
        });
        switch (LA1)
        {
            case L.INT_TYPE or L.FLOAT_TYPE or L.INDEX or L.NONE:
                MatchAny(ctx);
                break;
            case L.COMPLEX:
                MatchAny(ctx);
                Match(ctx, L.LESS);
                Type(ctx);
                Match(ctx, L.GREATER);
                break;
            case L.TUPLE:
                MatchAny(ctx);
                Match(ctx, L.LESS);
                if (LA1 != L.GREATER) TypeList(ctx);
                Match(ctx, L.GREATER);
                break;
            case L.TENSOR:
                ShapedTypeStart(ctx);
                if (LA1 == L.COMMA)
                {
                    MatchAny(ctx);
                    AttributeValue(ctx);
                }
                Match(ctx, L.GREATER);
                break;
            case L.MEMREF:
                ShapedTypeStart(ctx);
                while (LA1 == L.COMMA)
                {
                    MatchAny(ctx);
                    AttributeValue(ctx);
                }
                Match(ctx, L.GREATER);
                break;
            case L.VECTOR:
                MatchAny(ctx);
                Match(ctx, L.LESS);
                if (LA1 == L.DIMS) MatchAny(ctx);
                ShapeAndElement(ctx);
                Match(ctx, L.GREATER);
                break;
            case L.BANG_ID:
                MatchAny(ctx);
                if (LA1 == L.LESS) PrettyBody(ctx);
                break;
        }
        Exit(ctx);
    }

    // ---- known types and attribute dictionaries (streaming path) ----------------------------------------------------

    private const int MaxSkippedTokens = 96;

    private enum Skippable { ShapedType, FunctionType, AttributeDict, TrailingLocation }

    /// <summary>
    /// At a shaped type, a function type or an attribute dictionary whose tokens spell a text the builder has built (and
    /// cached) a type or dictionary for, or at a trailing <c>loc(unknown)</c> or <c>loc(#alias)</c>: adds a childless
    /// <see cref="ISkippedSubtree"/> context spanning the tokens instead of their subtree, moves past them (making token
    /// objects for the first and last only) and returns true. Types with strings, aliases or dialect names inside, and
    /// anything longer than 96 tokens, are read as usual.
    /// </summary>
    private bool SkipKnown(ParserRuleContext parent, Skippable kind)
    {
        // Only on the streaming path, and never in a lookahead (which builds scratch trees the builder never sees).
        if (knownTexts is null || speculating > 0) return false;
        var c = cur;
        int count = 0, lastStop = 0;
        switch (kind)
        {
            case Skippable.AttributeDict:
                if (c.Type != L.LBRACE || !SkipBalanced(ref c, ref count, ref lastStop, inType: false)) return false;
                break;
            case Skippable.ShapedType:
                Advance(ref c);
                count++;
                if (c.Type != L.LESS || !SkipBalanced(ref c, ref count, ref lastStop, inType: true)) return false;
                break;
            case Skippable.TrailingLocation:
                if (!SkipSimpleLocation(ref c, ref count, ref lastStop)) return false;
                break;
            default:
                if (!SkipFunctionType(ref c, ref count, ref lastStop)) return false;
                break;
        }
        // The subtree spans [cur.Start, lastStop].
        if (kind != Skippable.TrailingLocation && !knownTexts.Contains(text.AsSpan(cur.Start, lastStop - cur.Start + 1))) return false;

        ParserRuleContext ctx = kind switch
        {
            Skippable.AttributeDict => new SkippedAttributeDict(parent),
            Skippable.TrailingLocation => new SkippedTrailingLocation(parent),
            Skippable.FunctionType => new SkippedFunctionType(parent),
            _ => new SkippedNonFunctionType(parent),
        };
        knownTexts.CountSkip();
        // No child list: one object less per skip (335,000 on large_generic).
        EnterLeaf(ctx, parent);
        MovePast(count);
        Exit(ctx);
        return true;
    }

    /// <summary>
    /// Moves <paramref name="c"/> past <c>loc(unknown)</c>, <c>loc(#alias)</c> (an alias without a dot) or
    /// <c>loc("file":line:col)</c> (an ASCII name without escapes, numbers that fit 32 bits) written without spaces,
    /// counting the tokens; false (nothing moved) at anything else. The builder reads those from the source text (the
    /// first is fixed, the second an alias every definition of which is known before any op, the third spelled out).
    /// </summary>
    private bool SkipSimpleLocation(ref Cursor c, ref int count, ref int lastStop)
    {
        var at = c;
        if (at.Type != L.LOC) return false;
        int stop = at.Stop, tokens;
        Advance(ref at);
        if (!Glued(at, stop, L.LPAREN)) return false;
        stop = at.Stop;
        Advance(ref at);
        if (at.Start != stop + 1) return false;
        if (at.Type == L.UNKNOWN || (at.Type == L.HASH_ID && text.AsSpan(at.Start, at.Stop - at.Start + 1).IndexOf((byte)'.') < 0))
        {
            stop = at.Stop;
            Advance(ref at);
            tokens = 4;
        }
        else if (PlainString(at, out _, out _))
        {
            // `"file":line:col` with line and column that fit 32 bits, as FileLineColLoc holds them.
            stop = at.Stop;
            Advance(ref at);
            for (int k = 0; k < 2; k++)
            {
                if (!Glued(at, stop, L.COLON)) return false;
                stop = at.Stop;
                Advance(ref at);
                if (!Glued(at, stop, L.INTEGER) || !UInt32At(at, out _)) return false;
                stop = at.Stop;
                Advance(ref at);
            }
            tokens = 8;
        }
        else
        {
            return false;
        }
        if (!Glued(at, stop, L.RPAREN)) return false;
        lastStop = at.Stop;
        Advance(ref at);
        c = at;
        count += tokens;
        return true;
    }

    /// <summary>True when the token at <paramref name="at"/> is of <paramref name="type"/> and follows offset <paramref name="stop"/> without a space.</summary>
    private static bool Glued(in Cursor at, int stop, int type) => at.Type == type && at.Start == stop + 1;

    /// <summary>
    /// Moves <paramref name="c"/> past a function type whose parts are builtin types (<c>(...) -&gt; ...</c>, see
    /// <see cref="SkipBalanced"/>), counting the tokens; false at any other form.
    /// </summary>
    private bool SkipFunctionType(ref Cursor c, ref int count, ref int lastStop)
    {
        if (c.Type != L.LPAREN || !SkipBalanced(ref c, ref count, ref lastStop, inType: true)) return false;
        if (c.Type != L.ARROW) return false;
        Advance(ref c);
        count++;
        if (c.Type is L.INT_TYPE or L.FLOAT_TYPE or L.INDEX or L.NONE)
        {
            lastStop = c.Stop;
            Advance(ref c);
            count++;
            return true;
        }
        if (c.Type is L.LPAREN) return SkipBalanced(ref c, ref count, ref lastStop, inType: true);
        if (c.Type is not (L.TENSOR or L.MEMREF or L.VECTOR or L.COMPLEX or L.TUPLE)) return false;
        Advance(ref c);
        count++;
        return c.Type == L.LESS && SkipBalanced(ref c, ref count, ref lastStop, inType: true);
    }

    /// <summary>
    /// From an opening bracket at <paramref name="c"/>, moves past the tokens up to and including the bracket that
    /// closes it (any of <c>( [ { &lt;</c> nest), counting them and keeping the stop offset of the last in
    /// <paramref name="lastStop"/>; false at a token a skipped type may not hold, at the end of input, or past
    /// <see cref="MaxSkippedTokens"/> (in a type: also at an alias, a dialect type or a string).
    /// </summary>
    private bool SkipBalanced(ref Cursor c, ref int count, ref int lastStop, bool inType)
    {
        int depth = 0;
        while (true)
        {
            switch (c.Type)
            {
                case L.LPAREN or L.LBRACKET or L.LBRACE or L.LESS:
                    depth++;
                    break;
                case L.RPAREN or L.RBRACKET or L.RBRACE or L.GREATER:
                    depth--;
                    break;
                // A type with an alias or a dialect type inside is spelled out when printed (kept whole, to be safe).
                case L.HASH_ID or L.BANG_ID or L.STRING when inType:
                    return false;
                case L.FILE_META_BEGIN or L.FILE_META_END or TokenConstants.EOF:
                    return false;
            }
            lastStop = c.Stop;
            Advance(ref c);
            if (++count > MaxSkippedTokens) return false;
            if (depth == 0) return true;
        }
    }

    /// <summary><c>(TENSOR | MEMREF) LESS (UNRANKED_X | DIMS)? (shape type? | type)</c>: the start both shaped types share.</summary>
    private void ShapedTypeStart(ParserRuleContext ctx)
    {
        MatchAny(ctx);
        Match(ctx, L.LESS);
        if (LA1 is L.UNRANKED_X or L.DIMS) MatchAny(ctx);
        ShapeAndElement(ctx);
    }

    /// <summary>
    /// <c>(shape (type | gluedBody)? | type)</c>: the rest of a dimension list when its next token starts one, then
    /// the element type, which a shape may hold itself (<c>tensor&lt;* xf32&gt;</c>: then <c>,</c> or <c>&gt;</c>
    /// follows) or hold the keyword of (<c>tensor&lt;* xcomplex&lt;f32&gt;&gt;</c>: its body follows).
    /// </summary>
    private void ShapeAndElement(ParserRuleContext ctx)
    {
        if (LA1 is not (L.INTEGER or L.QUESTION or L.STAR or L.LBRACKET or L.BARE_ID))
        {
            Type(ctx);
            return;
        }
        Shape(ctx);
        if (LA1 == L.LESS) GluedBody(ctx);
        else if (LA1 is not (L.COMMA or L.GREATER)) Type(ctx);
    }

    /// <summary><c>gluedBody</c>: <c>LESS (UNRANKED_X | DIMS)? (shape (type | gluedBody)? | type) (COMMA attributeValue)* GREATER</c>.</summary>
    private void GluedBody(ParserRuleContext parent)
    {
        var ctx = Enter(new GluedBodyContext(parent, 0), parent);
        MatchAny(ctx);
        if (LA1 is L.UNRANKED_X or L.DIMS) MatchAny(ctx);
        ShapeAndElement(ctx);
        while (LA1 == L.COMMA)
        {
            MatchAny(ctx);
            AttributeValue(ctx);
        }
        Match(ctx, L.GREATER);
        Exit(ctx);
    }

    /// <summary>
    /// <c>shape</c>: <c>(INTEGER | QUESTION | STAR | LBRACKET INTEGER RBRACKET | BARE_ID)</c>, then more of those or
    /// DIMS tokens.
    /// </summary>
    private void Shape(ParserRuleContext parent)
    {
        var ctx = Enter(new ShapeContext(parent, 0), parent);
        do
        {
            if (LA1 == L.LBRACKET)
            {
                MatchAny(ctx);
                Match(ctx, L.INTEGER);
                Match(ctx, L.RBRACKET);
            }
            else
            {
                MatchAny(ctx);
            }
        }
        while (LA1 is L.INTEGER or L.QUESTION or L.STAR or L.LBRACKET or L.BARE_ID or L.DIMS);
        Exit(ctx);
    }

    // ---- attributes ---------------------------------------------------------------------------------------------

    private void AttributeDict(ParserRuleContext parent)
    {
        if (SkipKnown(parent, Skippable.AttributeDict)) return;
        var ctx = Enter(new AttributeDictContext(parent, 0), parent);
        BracketedList(ctx, L.LBRACE, L.RBRACE, attributeEntryRule);
        Exit(ctx);
    }

    private void AttributeEntry(ParserRuleContext parent)
    {
        var ctx = Enter(new AttributeEntryContext(parent, 0), parent, 3);
        if (LA1 == L.STRING) MatchAny(ctx);
        else BareId(ctx);
        if (LA1 == L.EQUAL)
        {
            MatchAny(ctx);
            AttributeValue(ctx);
        }
        Exit(ctx);
    }

    private void AttributeValue(ParserRuleContext parent)
    {
        var proto = Base(attributeBase, parent);
        switch (LA1)
        {
            case L.HASH_ID or L.DENSE or L.DENSE_RESOURCE or L.SPARSE or L.ARRAY or L.AFFINE_MAP or L.AFFINE_SET or L.STRIDED
                or L.DISTINCT or L.AT_ID or L.TRUE or L.FALSE or L.UNIT or L.LOC:
            {
                var ctx = Enter(new StructuredAttrContext(proto), parent, 1);
                CustomAttribute(ctx);
                OptionalColonType(ctx);
                Exit(ctx);
                break;
            }
            case L.MINUS or L.INTEGER or L.FLOAT:
            {
                var ctx = Enter(new NumberAttrContext(proto), parent);
                if (LA1 == L.MINUS) MatchAny(ctx);
                if (LA1 is not (L.INTEGER or L.FLOAT)) throw Failure;
                MatchAny(ctx);
                OptionalColonType(ctx);
                Exit(ctx);
                break;
            }
            case L.STRING:
            {
                var ctx = Enter(new StringAttrContext(proto), parent);
                MatchAny(ctx);
                OptionalColonType(ctx);
                Exit(ctx);
                break;
            }
            case L.LBRACKET:
            {
                var ctx = Enter(new ArrayAttrContext(proto), parent);
                MatchAny(ctx);
                if (LA1 != L.RBRACKET) CommaList(ctx, attributeValueRule);
                Match(ctx, L.RBRACKET);
                Exit(ctx);
                break;
            }
            case L.LBRACE:
            {
                var ctx = Enter(new DictAttrContext(proto), parent, 1);
                AttributeDict(ctx);
                Exit(ctx);
                break;
            }
            default:
            {
                var ctx = Enter(new TypeAttrContext(proto), parent, 1);
                Type(ctx);
                Exit(ctx);
                break;
            }
        }
    }

    private void BareId(ParserRuleContext parent)
    {
        var ctx = Enter(new BareIdContext(parent, 0), parent, 1);
        switch (LA1)
        {
            case L.BARE_ID or L.DOTTED_ID or L.INT_TYPE or L.FLOAT_TYPE or L.INDEX or L.NONE or L.TENSOR or L.MEMREF or L.VECTOR
                or L.COMPLEX or L.TUPLE or L.TRUE or L.FALSE or L.UNIT or L.DENSE or L.DENSE_RESOURCE or L.SPARSE or L.ARRAY
                or L.AFFINE_MAP or L.AFFINE_SET or L.STRIDED or L.DISTINCT or L.LOC or L.UNKNOWN or L.CALLSITE or L.FUSED or L.AT
                or L.KW_FUNC or L.KW_RETURN or L.KW_MODULE or L.KW_CALL or L.KW_CALL_INDIRECT or L.KW_MAX or L.KW_MIN or L.ATTRIBUTES
                or L.LEGACY_OP:
                MatchAny(ctx);
                break;
            default:
                throw Failure;
        }
        Exit(ctx);
    }

    private static bool IsBracket(int t) =>
        t is L.LESS or L.GREATER or L.LPAREN or L.RPAREN or L.LBRACKET or L.RBRACKET or L.LBRACE or L.RBRACE;

    private void PrettyBody(ParserRuleContext parent)
    {
        var ctx = Enter(new PrettyBodyContext(parent, 0), parent);
        Match(ctx, L.LESS);
        while (LA1 != L.GREATER) PrettyItem(ctx);
        MatchAny(ctx);
        Exit(ctx);
    }

    private void PrettyItem(ParserRuleContext parent)
    {
        var ctx = Enter(new PrettyItemContext(parent, 0), parent);
        int closer = LA1 switch
        {
            L.LESS => L.GREATER,
            L.LPAREN => L.RPAREN,
            L.LBRACKET => L.RBRACKET,
            L.LBRACE => L.RBRACE,
            _ => 0,
        };
        if (closer != 0)
        {
            MatchAny(ctx);
            while (LA1 != closer) PrettyItem(ctx);
            MatchAny(ctx);
        }
        else
        {
            if (IsBracket(LA1) || LA1 == TokenConstants.EOF) throw Failure;
            MatchAny(ctx);
        }
        Exit(ctx);
    }

    // ---- locations ----------------------------------------------------------------------------------------------

    private void Location(ParserRuleContext parent)
    {
        var proto = Base(locationBase, parent);
        switch (LA1)
        {
            case L.UNKNOWN:
            {
                var ctx = Enter(new UnknownLocContext(proto), parent, 1);
                MatchAny(ctx);
                Exit(ctx);
                break;
            }
            case L.STRING when LA(2) == L.COLON:
            {
                var ctx = Enter(new FileLineColLocContext(proto), parent, 5);
                MatchAny(ctx);
                MatchAny(ctx);
                Match(ctx, L.INTEGER);
                Match(ctx, L.COLON);
                Match(ctx, L.INTEGER);
                Exit(ctx);
                break;
            }
            case L.STRING:
            {
                var ctx = Enter(new NameLocContext(proto), parent);
                MatchAny(ctx);
                if (LA1 == L.LPAREN)
                {
                    MatchAny(ctx);
                    Location(ctx);
                    Match(ctx, L.RPAREN);
                }
                Exit(ctx);
                break;
            }
            case L.CALLSITE:
            {
                var ctx = Enter(new CallSiteLocContext(proto), parent);
                MatchAny(ctx);
                Match(ctx, L.LPAREN);
                Location(ctx);
                Match(ctx, L.AT);
                Location(ctx);
                Match(ctx, L.RPAREN);
                Exit(ctx);
                break;
            }
            case L.FUSED:
            {
                var ctx = Enter(new FusedLocContext(proto), parent);
                MatchAny(ctx);
                if (LA1 == L.LESS)
                {
                    MatchAny(ctx);
                    AttributeValue(ctx);
                    Match(ctx, L.GREATER);
                }
                BracketedList(ctx, L.LBRACKET, L.RBRACKET, locationRule);
                Exit(ctx);
                break;
            }
            case L.HASH_ID:
            {
                var ctx = Enter(new AliasOrDialectLocContext(proto), parent);
                MatchAny(ctx);
                if (LA1 == L.LESS) PrettyBody(ctx);
                Exit(ctx);
                break;
            }
            default:
                throw Failure;
        }
    }
}

/// <summary>
/// A top-level <c>#name = loc("file":line:col)</c> read without a parse tree (offsets into the source text, inclusive).
/// </summary>
/// <param name="NameStart">Offset of the <c>#</c> of the alias name.</param>
/// <param name="NameStop">Offset of the name's last character.</param>
/// <param name="FileStart">Offset of the file name's first character (after the opening quote).</param>
/// <param name="FileStop">Offset of its last character (before the closing quote; FileStart - 1 when it is empty).</param>
/// <param name="Line">The line number.</param>
/// <param name="Column">The column number.</param>
/// <param name="Stop">Offset of the closing parenthesis: the definition's last character.</param>
internal readonly record struct FileLineColAliasDefinition(int NameStart, int NameStop, int FileStart, int FileStop, uint Line, uint Column, int Stop);

/// <summary>Takes the alias definitions that <see cref="DirectTreeParser"/> reads without a parse tree, in file order.</summary>
internal interface ILocationAliasSink
{
    /// <summary>Called once per <c>#name = loc("file":line:col)</c> read, instead of the listener's calls for its subtree.</summary>
    void FileLineColAlias(in FileLineColAliasDefinition definition);
}

/// <summary>
/// What the two forms of ops read without a parse tree (<see cref="PlainGenericOp"/>, <see cref="PlainCustomOp"/>) have
/// in common: offsets into the source text, inclusive; -1 where a part is absent.
/// </summary>
/// <param name="Start">The op's first character.</param>
/// <param name="Stop">Its last character.</param>
/// <param name="ResultStart">The result name's first character (<c>%</c>).</param>
/// <param name="ResultStop">Its last character.</param>
/// <param name="GroupSize">Results the name stands for (<c>%r:2</c>: 2); 0 without a name.</param>
/// <param name="NameStart">The op name's first character (inside the quotes of a generic op's name).</param>
/// <param name="NameStop">Its last character.</param>
/// <param name="LocationStart">The first character between <c>loc(</c> and <c>)</c>.</param>
/// <param name="LocationStop">The last one.</param>
internal abstract record PlainOp(int Start, int Stop, int ResultStart, int ResultStop, int GroupSize, int NameStart, int NameStop,
    int LocationStart, int LocationStop);

/// <summary>A generic op of the commonest form read without a parse tree (see <see cref="SkippedGenericOperation"/>).</summary>
/// <param name="Start">See <see cref="PlainOp"/>.</param>
/// <param name="Stop">See <see cref="PlainOp"/>.</param>
/// <param name="ResultStart">See <see cref="PlainOp"/>.</param>
/// <param name="ResultStop">See <see cref="PlainOp"/>.</param>
/// <param name="GroupSize">See <see cref="PlainOp"/>.</param>
/// <param name="NameStart">See <see cref="PlainOp"/>.</param>
/// <param name="NameStop">See <see cref="PlainOp"/>.</param>
/// <param name="Operands">Start and stop of each operand's token, in pairs.</param>
/// <param name="PropertiesStart">The <c>{</c> of the properties inside <c>&lt;{...}&gt;</c>.</param>
/// <param name="PropertiesStop">Their <c>}</c>.</param>
/// <param name="AttributesStart">The <c>{</c> of the attribute dictionary.</param>
/// <param name="AttributesStop">Its <c>}</c>.</param>
/// <param name="TypeStart">The function type's first character.</param>
/// <param name="TypeStop">Its last character.</param>
/// <param name="LocationStart">See <see cref="PlainOp"/>.</param>
/// <param name="LocationStop">See <see cref="PlainOp"/>.</param>
internal sealed record PlainGenericOp(int Start, int Stop, int ResultStart, int ResultStop, int GroupSize, int NameStart, int NameStop,
    int[] Operands, int PropertiesStart, int PropertiesStop, int AttributesStart, int AttributesStop, int TypeStart, int TypeStop,
    int LocationStart, int LocationStop) : PlainOp(Start, Stop, ResultStart, ResultStop, GroupSize, NameStart, NameStop, LocationStart, LocationStop);

/// <summary>
/// A block label read without a parse tree (see <see cref="SkippedBlockLabel"/>), as offsets into the source text,
/// inclusive: the label's name, then <see cref="ArgumentInts"/> ints per argument: its name (start, stop), its type's
/// first token type, start and stop, and its location between <c>loc(</c> and <c>)</c> (start, stop; -1 when none).
/// </summary>
/// <param name="Data">The offsets.</param>
internal sealed record PlainBlockLabelData(int[] Data)
{
    /// <summary>Ints per argument in <see cref="Data"/>.</summary>
    public const int ArgumentInts = 7;

    /// <summary>How many arguments the label declares.</summary>
    public int ArgumentCount => (Data.Length - 2) / ArgumentInts;

    /// <summary>Field <paramref name="field"/> (see <see cref="Data"/>) of argument <paramref name="argument"/>.</summary>
    public int Argument(int argument, int field) => Data[2 + ArgumentInts * argument + field];
}

/// <summary>The kinds of items <see cref="PlainCustomOp"/> holds.</summary>
internal static class PlainItem
{
    public const int Value = 0, Punct = 1, Group = 2, Types = 3, Integer = 4, Float = 5, Keyword = 6, Type = 7;
}

/// <summary>
/// A custom op of the commonest form read without a parse tree (see <see cref="SkippedCustomOperation"/>): its items'
/// kinds, groups and first and last tokens as offsets, in one array (a file has hundreds of thousands of such items;
/// a context and token objects each cost 5 objects per item).
/// </summary>
/// <param name="Start">See <see cref="PlainOp"/>.</param>
/// <param name="Stop">See <see cref="PlainOp"/>.</param>
/// <param name="ResultStart">See <see cref="PlainOp"/>.</param>
/// <param name="ResultStop">See <see cref="PlainOp"/>.</param>
/// <param name="GroupSize">See <see cref="PlainOp"/>.</param>
/// <param name="NameStart">See <see cref="PlainOp"/>.</param>
/// <param name="NameStop">See <see cref="PlainOp"/>.</param>
/// <param name="OpContext">From the op name to the last item (what the tree's custom-op context spans).</param>
/// <param name="ItemCount">How many items the op has (a group's items counted, after it).</param>
/// <param name="Data">
/// <see cref="ItemInts"/> ints per item: its kind (<see cref="PlainItem"/>), its group (the group's index, or -1 at
/// the op's top level; a group comes before its items), how many types it holds, then its first and its last token
/// (type, start, stop, index in the token sequence); then the types of the <c>: ...</c> and type items, in order:
/// token type, start, stop.
/// </param>
/// <param name="LocationStart">See <see cref="PlainOp"/>.</param>
/// <param name="LocationStop">See <see cref="PlainOp"/>.</param>
/// <param name="LocationTree">A trailing location of a form <see cref="PlainOp"/>'s offsets do not hold (fused, named,
/// call site), as its subtree (the op context's one child); null otherwise.</param>
internal sealed record PlainCustomOp(int Start, int Stop, int ResultStart, int ResultStop, int GroupSize, int NameStart, int NameStop,
    ParserRuleContext OpContext, int ItemCount, int[] Data, int LocationStart, int LocationStop, TrailingLocationContext? LocationTree)
    : PlainOp(Start, Stop, ResultStart, ResultStop, GroupSize, NameStart, NameStop, LocationStart, LocationStop)
{
    /// <summary>Ints per item in <see cref="Data"/>.</summary>
    public const int ItemInts = 11;

    /// <summary>The source text the offsets are in.</summary>
    public SourceText Source => ((LightToken)OpContext.Start).Source;

    /// <summary>Item <paramref name="item"/>'s kind (<see cref="PlainItem"/>).</summary>
    public int Kind(int item) => Data[item * ItemInts];

    /// <summary>The index of item <paramref name="item"/>'s group, or -1.</summary>
    public int Parent(int item) => Data[item * ItemInts + 1];

    /// <summary>How many types item <paramref name="item"/> holds.</summary>
    public int TypeCount(int item) => Data[item * ItemInts + 2];

    /// <summary>The token type of item <paramref name="item"/>'s first token.</summary>
    public int FirstType(int item) => Data[item * ItemInts + 3];

    /// <summary>The first byte of item <paramref name="item"/>'s first token.</summary>
    public int FirstStart(int item) => Data[item * ItemInts + 4];

    /// <summary>The last byte of item <paramref name="item"/>'s first token.</summary>
    public int FirstStop(int item) => Data[item * ItemInts + 5];

    /// <summary>Field <paramref name="field"/> (0: token type, 1: start, 2: stop) of the <paramref name="type"/>-th type.</summary>
    public int TypeField(int type, int field) => Data[ItemCount * ItemInts + 3 * type + field];

    /// <summary>Item <paramref name="item"/>'s first token, as a new token object.</summary>
    public LightToken FirstToken(int item) => TokenOf(item * ItemInts + 3);

    /// <summary>A context for item <paramref name="item"/> from its first to its last token, as the tree's item context has them.</summary>
    public ParserRuleContext ItemContext(int item)
    {
        var first = FirstToken(item);
        int o = item * ItemInts;
        return new ParserRuleContext((ParserRuleContext)OpContext.Parent, 0) { Start = first, Stop = Data[o + 10] == Data[o + 6] ? first : TokenOf(o + 7) };
    }

    private LightToken TokenOf(int at) =>
        new((FastTokenSource)OpContext.Start.TokenSource, Data[at], Data[at + 1], Data[at + 2]) { TokenIndex = Data[at + 3] };
}
