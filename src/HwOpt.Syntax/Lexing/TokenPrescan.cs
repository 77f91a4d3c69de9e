using System.Runtime.CompilerServices;
using Antlr4.Runtime;
using L = HwOpt.Syntax.Generated.MLIRLexer;

namespace HwOpt.Syntax.Lexing;

/// <summary>
/// One allocation-free pass of <see cref="FastLexer"/> over a file before it is parsed: counts the tokens, checks
/// what the parser must never meet (nesting deeper than the limit, unterminated strings, over-long integer
/// literals: the reference path reports those), and finds the top-level alias definitions (<c>#a = ...</c>,
/// <c>!t = ...</c>) so that they can be parsed before the operations that use them (MLIR allows aliases after their
/// use; mlir-opt prints location aliases at the end of a file).
/// </summary>
/// <remarks>
/// An alias definition starts at a top-level <c>HASH_ID</c> or <c>BANG_ID</c> followed by <c>=</c> and ends before the
/// next top-level token that cannot continue an attribute value or type after its first token: another alias
/// definition, an operation's first token (an SSA name, a string, a dotted or keyword op name), <c>{-#</c>, a
/// <c>#name</c>, or the end of the file. The parser confirms each range: a range must read as exactly one alias
/// definition, else the file takes the reference path.
/// </remarks>
internal static class TokenPrescan
{
    /// <summary>What the prescan found.</summary>
    /// <param name="Clean">False when the reference path must report a lexical or nesting problem.</param>
    /// <param name="Tokens">Tokens in the file, EOF included (as CommonTokenStream.Size counts them).</param>
    /// <param name="AliasRanges">Byte ranges [Start, End) of the top-level alias definitions, in order.</param>
    public sealed record Result(bool Clean, int Tokens, List<(int Start, int End)> AliasRanges);

    /// <summary>
    /// Prescans <paramref name="text"/>: on a large file in two halves at once (the parse cannot start before the
    /// prescan ends, so the second core would idle), else in one pass. Both give the same result.
    /// </summary>
    /// <param name="text">The file, UTF-8.</param>
    /// <param name="options">The nesting and literal limits.</param>
    /// <returns>What the prescan found.</returns>
    public static Result Run(byte[] text, ParseOptions options)
    {
        if (text.Length < ParallelFrom || Environment.ProcessorCount < 2) return RunSequential(text, options);
        int newline = Array.IndexOf(text, (byte)'\n', text.Length / 2);
        return newline < 0 ? RunSequential(text, options) : Run(text, options, newline + 1, parallel: true);
    }

    // Below this many bytes (1 MiB, about 5 ms of scanning), handing half of the scan to another thread saves little
    // beside the thread's start. Measured at 4 MiB before: the 1.9 MB GPT-2 model's prescan then ran on one thread, and
    // two took it from 9.9 to 7.6 ms (total 141 -> 131 ms, 11 alternated runs; bench/README.md, 2026-12-06).
    private const int ParallelFrom = 1 << 20;

    /// <summary>
    /// The prescan of <paramref name="text"/> in two parts, [0, <paramref name="split"/>) and the rest, scanned apart and
    /// joined; the same result as <see cref="RunSequential"/> (which it falls back to where a limit is exceeded).
    /// </summary>
    /// <param name="text">The file, UTF-8.</param>
    /// <param name="options">The nesting and literal limits.</param>
    /// <param name="split">Where the second part starts: just after a line feed (no token holds one, so the parts'
    /// tokens are exactly the file's).</param>
    /// <param name="parallel">True: the second part on a thread-pool thread meanwhile.</param>
    /// <exception cref="ArgumentException"><paramref name="split"/> does not follow a line feed.</exception>
    internal static Result Run(byte[] text, ParseOptions options, int split, bool parallel)
    {
        if (split <= 0 || split > text.Length || text[split - 1] != '\n') throw new ArgumentException("the split must follow a line feed", nameof(split));
        Part second = default;
        // A thread of its own: the thread pool's may be busy reading the dialect catalogue (MlirParser.Preload).
        var task = parallel
            ? Task.Factory.StartNew(() => second = ScanPart(text, split, text.Length, options.MaxLiteralLength, keepAll: false), CancellationToken.None,
                TaskCreationOptions.LongRunning, TaskScheduler.Default)
            : null;
        var first = ScanPart(text, 0, split, options.MaxLiteralLength, keepAll: true);
        if (task is null) second = ScanPart(text, split, text.Length, options.MaxLiteralLength, keepAll: false);
        else task.Wait();

        // The depth where the second part starts, and the deepest nesting of each part (see Part).
        int depthAtSplit = Math.Max(first.Sum, first.Sum - first.Min);
        // Where the second part starts at a depth at which tokens it dropped may be at top level, it is scanned again with
        // all of them (still at most one scan of the file in all, on this thread).
        if (depthAtSplit <= second.DroppedFrom) second = ScanPart(text, split, text.Length, options.MaxLiteralLength, keepAll: true);
        if (Math.Max(first.MaxSum, first.MaxRise) > options.MaxNesting
            || Math.Max(depthAtSplit + second.MaxSum, second.MaxRise) > options.MaxNesting)
        {
            // The one-pass scan stops at the first bracket too deep, with the tokens and aliases up to there.
            return RunSequential(text, options);
        }
        var aliases = new List<(int Start, int End)>();
        int aliasStart = -1, aliasOrdinal = 0;
        Replay(first.Events!, 0, 0, second.Count > 0 && second.FirstType == L.EQUAL, first.Count - 1);
        Replay(second.Events!, depthAtSplit, first.Count, false, -1);
        if (aliasStart >= 0) aliases.Add((aliasStart, text.Length));
        return new Result(first.Clean && second.Clean, first.Count + second.Count + 1, aliases);

        // The one-pass scan's alias steps, at the part's tokens that are at top level when the part starts at depth d0.
        void Replay(List<Event> events, int d0, int ordinalBase, bool equalAfterLast, int lastOrdinal)
        {
            foreach (var e in events)
            {
                if (d0 + e.Sum > 0) continue;
                int ordinal = ordinalBase + e.Ordinal;
                bool nextIsEqual = e.Ordinal == lastOrdinal ? equalAfterLast : e.NextIsEqual;
                bool aliasDef = e.Type is L.HASH_ID or L.BANG_ID && nextIsEqual;
                if (aliasStart >= 0 && (aliasDef || (ordinal - aliasOrdinal >= 3 && EndsAliasValue(e.Type))))
                {
                    aliases.Add((aliasStart, e.Start));
                    aliasStart = -1;
                }
                if (aliasDef && aliasStart < 0)
                {
                    aliasStart = e.Start;
                    aliasOrdinal = ordinal;
                }
            }
        }
    }

    /// <summary>A token of a part that may be at top level: its place in the part, type, start, whether an <c>=</c> follows it in the part, and the bracket sum before it.</summary>
    private readonly record struct Event(int Ordinal, int Type, int Start, bool NextIsEqual, int Sum);

    /// <summary>
    /// What a part's scan found, for any depth d0 at its start. With S the sum of the part's bracket steps (+1 open,
    /// -1 close) before a token and M the least S so far (0 included), the depth there is max(d0 + S, S - M), since a
    /// close at depth 0 stays at 0 (Skorokhod's reflection of a walk at 0). So a token is at top level only where S = M
    /// and d0 + S &lt;= 0: those of the alias rule's types are kept as events.
    /// <para>
    /// Unless all are kept, the events are dropped whenever M falls (in a well-formed file d0 &gt;= -M at the end, so
    /// only those at the last M can be at top level), and those at S = 0 past the first <see cref="StartLevelEvents"/>
    /// (a part that starts inside a module body would keep two or three per op). <see cref="DroppedFrom"/> is then the
    /// largest d0 for which a dropped event would have been at top level.
    /// </para>
    /// </summary>
    private struct Part
    {
        public int DroppedFrom;
        public int Count;
        public bool Clean;
        public int FirstType;
        public int Sum;
        public int Min;
        public int MaxSum;
        public int MaxRise;
        public List<Event>? Events;
    }

    private const int StartLevelEvents = 4096;

    private static Part ScanPart(byte[] text, int from, int to, int maxLiteralLength, bool keepAll)
    {
        var lexer = new FastLexer(text, from, to);
        var part = new Part { Clean = true, FirstType = TokenConstants.EOF, Events = [], DroppedFrom = int.MinValue };
        int sum = 0, min = 0, maxSum = int.MinValue, maxRise = int.MinValue, count = 0;
        bool have = lexer.Next(out int type, out int start, out int stop);
        if (have) part.FirstType = type;
        while (have)
        {
            bool haveNext = lexer.Next(out int nextType, out int nextStart, out int nextStop);
            if (sum == min && (type is L.BANG_ID || EndsAliasValue(type)))
            {
                if (keepAll || sum < 0 || part.Events!.Count < StartLevelEvents) part.Events!.Add(new Event(count, type, start, haveNext && nextType == L.EQUAL, sum));
                else part.DroppedFrom = Math.Max(part.DroppedFrom, 0);
            }
            count++;
            switch (type)
            {
                case L.LPAREN or L.LBRACKET or L.LBRACE or L.LESS or L.FILE_META_BEGIN:
                    sum++;
                    maxSum = Math.Max(maxSum, sum);
                    maxRise = Math.Max(maxRise, sum - min);
                    break;
                case L.RPAREN or L.RBRACKET or L.RBRACE or L.GREATER or L.FILE_META_END:
                    sum--;
                    if (sum < min)
                    {
                        if (!keepAll && part.Events!.Count > 0)
                        {
                            part.DroppedFrom = Math.Max(part.DroppedFrom, -min);
                            part.Events.Clear();
                        }
                        min = sum;
                    }
                    break;
                case L.UNTERMINATED_STRING:
                    part.Clean = false;
                    break;
                case L.INTEGER when stop - start + 1 > maxLiteralLength:
                    part.Clean = false;
                    break;
            }
            (have, type, start, stop) = (haveNext, nextType, nextStart, nextStop);
        }
        part.Count = count;
        part.Sum = sum;
        part.Min = min;
        part.MaxSum = maxSum;
        part.MaxRise = maxRise;
        return part;
    }

    /// <summary>The prescan in one pass.</summary>
    // One long loop, run once per file: compiled optimized at once rather than tiered up midway.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static Result RunSequential(byte[] text, ParseOptions options)
    {
        var lexer = new FastLexer(text, 0, text.Length);
        var aliases = new List<(int Start, int End)>();
        int depth = 0, count = 0;
        int aliasStart = -1, aliasTokens = 0;
        bool clean = true;
        bool have = lexer.Next(out int type, out int start, out int stop);
        while (have)
        {
            count++;
            bool haveNext = lexer.Next(out int nextType, out int nextStart, out int nextStop);
            if (depth == 0)
            {
                bool aliasDef = type is L.HASH_ID or L.BANG_ID && haveNext && nextType == L.EQUAL;
                if (aliasStart >= 0 && (aliasDef || (aliasTokens >= 3 && EndsAliasValue(type))))
                {
                    aliases.Add((aliasStart, start));
                    aliasStart = -1;
                }
                if (aliasDef && aliasStart < 0)
                {
                    aliasStart = start;
                    aliasTokens = 0;
                }
            }
            if (aliasStart >= 0) aliasTokens++;
            switch (type)
            {
                case L.LPAREN or L.LBRACKET or L.LBRACE or L.LESS or L.FILE_META_BEGIN:
                    if (++depth > options.MaxNesting) return new Result(false, count, aliases);
                    break;
                case L.RPAREN or L.RBRACKET or L.RBRACE or L.GREATER or L.FILE_META_END:
                    depth = Math.Max(0, depth - 1);
                    break;
                case L.UNTERMINATED_STRING:
                    clean = false;
                    break;
                case L.INTEGER when stop - start + 1 > options.MaxLiteralLength:
                    clean = false;
                    break;
            }
            (have, type, start, stop) = (haveNext, nextType, nextStart, nextStop);
        }
        if (aliasStart >= 0) aliases.Add((aliasStart, text.Length));
        return new Result(clean, count + 1, aliases);
    }

    /// <summary>Top-level tokens that start the next item and never continue an attribute value or a type.</summary>
    private static bool EndsAliasValue(int type) =>
        type is L.HASH_ID or L.FILE_META_BEGIN or L.VALUE_ID or L.STRING or L.DOTTED_ID or L.KW_FUNC or L.KW_RETURN
            or L.KW_MODULE or L.KW_CALL or L.KW_CALL_INDIRECT or L.LEGACY_OP or L.BARE_ID;

    /// <summary>The ranges of <paramref name="length"/> bytes that lie outside <paramref name="holes"/>.</summary>
    public static List<(int Start, int End)> Complement(List<(int Start, int End)> holes, int length)
    {
        var result = new List<(int Start, int End)>(holes.Count + 1);
        int at = 0;
        foreach (var (s, e) in holes)
        {
            if (s > at) result.Add((at, s));
            at = e;
        }
        if (at < length || result.Count == 0) result.Add((at, length));
        return result;
    }
}
