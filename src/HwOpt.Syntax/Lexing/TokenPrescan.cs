using System.Runtime.CompilerServices;
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
    /// <param name="AliasRanges">Character ranges [Start, End) of the top-level alias definitions, in order.</param>
    public sealed record Result(bool Clean, int Tokens, List<(int Start, int End)> AliasRanges);

    // One long loop, run once per file: compiled optimized at once rather than tiered up midway.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static Result Run(string text, ParseOptions options)
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

    /// <summary>The ranges of <paramref name="length"/> characters that lie outside <paramref name="holes"/>.</summary>
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
