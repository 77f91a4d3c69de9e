using System.Runtime.CompilerServices;
using Antlr4.Runtime;
using HwOpt.Syntax.Generated;
using L = HwOpt.Syntax.Generated.MLIRLexer;

namespace HwOpt.Syntax.Lexing;

/// <summary>
/// A hand-written scanner that yields exactly the tokens of the generated <see cref="MLIRLexer"/> (same types, from
/// the generated vocabulary, same start/stop offsets, which are byte offsets of the UTF-8 text, as the generated lexer
/// counts them over <see cref="Utf8CharStream"/>; whitespace and comments skipped), several times faster and without
/// allocating. The grammar stays the definition: this follows grammar/MLIRLexer.g4 rule by
/// rule, with ANTLR's longest match (ties go to the rule listed first), and LexerEquivalenceTests compares the two
/// token streams on every corpus file and on fuzzed inputs.
/// </summary>
internal struct FastLexer(byte[] text, int start, int end)
{
    private int pos = start;

    /// <summary>The offset where the next scan starts.</summary>
    public readonly int Position => pos;

    /// <summary>Scans the next token; returns false at the end (then <paramref name="tokenStart"/> is the end offset).</summary>
    /// <param name="type">The token type (an <see cref="MLIRLexer"/> constant).</param>
    /// <param name="tokenStart">Offset of the first character.</param>
    /// <param name="tokenStop">Offset of the last character (inclusive, as ANTLR's StopIndex).</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Next(out int type, out int tokenStart, out int tokenStop)
    {
        byte[] s = text;
        int n = end;
        int p = pos;
        // Trivia: WS [ \t\r\n]+ and LINE_COMMENT '//' ~[\r\n]*.
        while (p < n)
        {
            char c = (char)s[p];
            if (c is ' ' or '\t' or '\r' or '\n') { p++; continue; }
            if (c == '/' && p + 1 < n && (char)s[p + 1] == '/')
            {
                p += 2;
                while (p < n && (char)s[p] is not ('\r' or '\n')) p++;
                continue;
            }
            break;
        }
        tokenStart = p;
        if (p >= n)
        {
            pos = p;
            type = TokenConstants.EOF;
            tokenStop = p - 1;
            return false;
        }
        int len = Scan(s, p, n, out type);
        pos = p + len;
        tokenStop = p + len - 1;
        return true;
    }

    private static bool IsDigit(char c) => (uint)(c - '0') <= 9;

    private static bool IsIdStart(char c) => (uint)((c | 0x20) - 'a') <= 'z' - 'a' || c == '_';

    private static bool IsIdChar(char c) => IsIdStart(c) || IsDigit(c) || c == '$';

    private static bool IsSuffixStart(char c) => IsIdStart(c) || c is '$' or '.' or '-';

    private static bool IsSuffixChar(char c) => IsIdChar(c) || c is '.' or '-';

    private static bool IsHex(char c) => IsDigit(c) || (uint)((c | 0x20) - 'a') <= 'f' - 'a';

    /// <summary>Length of the SuffixId fragment at <paramref name="p"/>: <c>[0-9]+ | [a-zA-Z_$.\-] [a-zA-Z0-9_$.\-]*</c>; 0 if none.</summary>
    private static int SuffixId(byte[] s, int p, int n)
    {
        if (p >= n) return 0;
        int q = p;
        if (IsDigit((char)s[q]))
        {
            while (q < n && IsDigit((char)s[q])) q++;
            return q - p;
        }
        if (!IsSuffixStart((char)s[q])) return 0;
        q++;
        while (q < n && IsSuffixChar((char)s[q])) q++;
        return q - p;
    }

    /// <summary>Length of the String fragment at <paramref name="p"/> (a '"'); <paramref name="terminated"/> false when no closing quote.</summary>
    private static int StringBody(byte[] s, int p, int n, out bool terminated)
    {
        int q = p + 1;
        while (q < n)
        {
            char c = (char)s[q];
            if (c == '"') { terminated = true; return q + 1 - p; }
            if (c is '\r' or '\n') break;
            if (c == '\\')
            {
                if (q + 1 < n && (char)s[q + 1] is not ('\r' or '\n')) { q += 2; continue; }
                break;
            }
            q++;
        }
        terminated = false;
        return q - p;
    }

    /// <summary>
    /// Length of DIMS at <paramref name="p"/>: <c>DimGroup (DimSpace* DimGroup)*</c> with DimGroup
    /// <c>DimItem 'x' | (Digits | '?') DimSpace+ 'x' DimSpace+</c> and DimItem <c>Digits | '?' | '[' Digits ']'</c>
    /// (MLIR also reads the spaced form <c>tensor&lt;42 x i32&gt;</c>); 0 if none.
    /// </summary>
    private static int Dims(byte[] s, int p, int n)
    {
        int q = p, matched = 0;
        while (q < n)
        {
            int r = q;
            if (matched > 0) r = SkipDimSpace(s, r, n);
            if (r >= n) break;
            char c = (char)s[r];
            if (IsDigit(c))
            {
                while (r < n && IsDigit((char)s[r])) r++;
            }
            else if (c == '?')
            {
                r++;
            }
            else if (c == '[')
            {
                r++;
                int d = r;
                while (r < n && IsDigit((char)s[r])) r++;
                if (r == d || r >= n || (char)s[r] != ']') break;
                r++;
            }
            else
            {
                break;
            }
            if (r < n && (char)s[r] == 'x')
            {
                q = r + 1;
            }
            else
            {
                // The spaced form needs blanks on both sides of the 'x', so `4 xor` stays an integer and a name,
                // and no scalable item, so StableHLO's `contracting_dims = [1] x [0]` stays two lists.
                int w = SkipDimSpace(s, r, n);
                if (c == '[' || w == r || w + 1 >= n || (char)s[w] != 'x' || (char)s[w + 1] is not (' ' or '\t')) break;
                q = SkipDimSpace(s, w + 1, n);
            }
            matched = q - p;
        }
        return matched;
    }

    private static int SkipDimSpace(byte[] s, int p, int n)
    {
        while (p < n && (char)s[p] is ' ' or '\t') p++;
        return p;
    }

    /// <summary>Length of FLOAT at <paramref name="p"/> (digits known): <c>Digits '.' [0-9]* ([eE] [-+]? Digits)?</c>; 0 if none.</summary>
    private static int Float(byte[] s, int p, int n)
    {
        int q = p;
        while (q < n && IsDigit((char)s[q])) q++;
        if (q >= n || (char)s[q] != '.') return 0;
        q++;
        while (q < n && IsDigit((char)s[q])) q++;
        if (q < n && ((char)s[q] | 0x20) == 'e')
        {
            int r = q + 1;
            if (r < n && (char)s[r] is '-' or '+') r++;
            if (r < n && IsDigit((char)s[r]))
            {
                while (r < n && IsDigit((char)s[r])) r++;
                q = r;
            }
        }
        return q - p;
    }

    /// <summary>Length of INTEGER at <paramref name="p"/> (a digit): <c>Digits | '0x' [0-9a-fA-F]+</c>.</summary>
    private static int Integer(byte[] s, int p, int n)
    {
        int q = p;
        while (q < n && IsDigit((char)s[q])) q++;
        int dec = q - p;
        if ((char)s[p] == '0' && p + 2 < n && (char)s[p + 1] == 'x' && IsHex((char)s[p + 2]))
        {
            int r = p + 2;
            while (r < n && IsHex((char)s[r])) r++;
            return Math.Max(dec, r - p);
        }
        return dec;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Scan(byte[] s, int p, int n, out int type)
    {
        char c = (char)s[p];
        char c1 = p + 1 < n ? (char)s[p + 1] : '\0';
        switch (c)
        {
            case '{':
                if (c1 == '-' && p + 2 < n && (char)s[p + 2] == '#') { type = L.FILE_META_BEGIN; return 3; }
                type = L.LBRACE;
                return 1;
            case '#':
            {
                if (c1 == '-' && p + 2 < n && (char)s[p + 2] == '}') { type = L.FILE_META_END; return 3; }
                int k = SuffixId(s, p + 1, n);
                if (k > 0) { type = L.HASH_ID; return 1 + k; }
                type = L.OTHER;
                return 1;
            }
            case '%':
            {
                int k = SuffixId(s, p + 1, n);
                if (k == 0) { type = L.OTHER; return 1; }
                int q = p + 1 + k;
                if (q + 1 < n && (char)s[q] == '#' && IsDigit((char)s[q + 1]))
                {
                    q += 2;
                    while (q < n && IsDigit((char)s[q])) q++;
                }
                type = L.VALUE_ID;
                return q - p;
            }
            case '^':
            {
                int k = SuffixId(s, p + 1, n);
                type = k > 0 ? L.CARET_ID : L.OTHER;
                return 1 + k;
            }
            case '!':
            {
                int k = SuffixId(s, p + 1, n);
                type = k > 0 ? L.BANG_ID : L.OTHER;
                return 1 + k;
            }
            case '@':
            {
                if (c1 == '"')
                {
                    int k = StringBody(s, p + 1, n, out bool terminated);
                    if (terminated) { type = L.AT_ID; return 1 + k; }
                    type = L.OTHER;
                    return 1;
                }
                int m = SuffixId(s, p + 1, n);
                type = m > 0 ? L.AT_ID : L.OTHER;
                return 1 + m;
            }
            case '"':
            {
                int k = StringBody(s, p, n, out bool terminated);
                type = terminated ? L.STRING : L.UNTERMINATED_STRING;
                return k;
            }
            case '?':
            {
                int d = Dims(s, p, n);
                if (d > 0) { type = L.DIMS; return d; }
                type = L.QUESTION;
                return 1;
            }
            case '[':
            {
                int d = Dims(s, p, n);
                if (d > 0) { type = L.DIMS; return d; }
                type = L.LBRACKET;
                return 1;
            }
            case '*':
                if (c1 == 'x') { type = L.UNRANKED_X; return 2; }
                type = L.STAR;
                return 1;
            case '-':
                if (c1 == '>') { type = L.ARROW; return 2; }
                type = L.MINUS;
                return 1;
            case '>':
                if (c1 == '=') { type = L.GE; return 2; }
                type = L.GREATER;
                return 1;
            case ':':
                if (c1 == ':') { type = L.DOUBLE_COLON; return 2; }
                type = L.COLON;
                return 1;
            case '.':
                if (c1 == '.' && p + 2 < n && (char)s[p + 2] == '.') { type = L.ELLIPSIS; return 3; }
                type = L.OTHER;
                return 1;
            case '(': type = L.LPAREN; return 1;
            case ')': type = L.RPAREN; return 1;
            case '}': type = L.RBRACE; return 1;
            case ']': type = L.RBRACKET; return 1;
            case '<': type = L.LESS; return 1;
            case ',': type = L.COMMA; return 1;
            case '=':
                if (c1 == '>') { type = L.FAT_ARROW; return 2; }
                type = L.EQUAL;
                return 1;
            case '+': type = L.PLUS; return 1;
            case '|': type = L.VBAR; return 1;
        }
        if (IsDigit(c))
        {
            // DIMS, FLOAT and INTEGER all start with digits: the longest wins, DIMS (listed first) on a tie.
            int d = Dims(s, p, n), f = Float(s, p, n), i = Integer(s, p, n);
            if (d >= f && d >= i) { type = L.DIMS; return d; }
            if (f >= i) { type = L.FLOAT; return f; }
            type = L.INTEGER;
            return i;
        }
        if (IsIdStart(c))
        {
            int q = p + 1;
            while (q < n && IsIdChar((char)s[q])) q++;
            if (q < n && (char)s[q] == '.')
            {
                q++;
                while (q < n && (IsIdChar((char)s[q]) || (char)s[q] == '.')) q++;
                type = L.DOTTED_ID;
                return q - p;
            }
            type = Keyword(s.AsSpan(p, q - p));
            return q - p;
        }
        type = L.OTHER;
        if (c < 0xC0) return 1;
        // A UTF-8 lead byte: the character's continuation bytes belong to the same OTHER token.
        int end = p + 1;
        while (end < n && (s[end] & 0xC0) == 0x80) end++;
        return end - p;
    }

    /// <summary>
    /// The keyword token type of a whole identifier run, or INT_TYPE / BARE_ID (keywords are listed before BARE_ID in the
    /// grammar); the IR builder also classifies an element type glued to a dimension list's last <c>x</c> with it.
    /// </summary>
    internal static int Keyword(ReadOnlySpan<byte> w)
    {
        if (w.Length < KeywordsByLength.Length)
        {
            foreach (var (word, type) in KeywordsByLength[w.Length])
            {
                if (w.SequenceEqual(word)) return type;
            }
        }
        return IntTypeOrBareId(w);
    }

    /// <inheritdoc cref="Keyword(ReadOnlySpan{byte})"/>
    internal static int Keyword(ReadOnlySpan<char> w)
    {
        // Keywords and integer types are ASCII: anything else is BARE_ID.
        Span<byte> bytes = w.Length <= 64 ? stackalloc byte[64] : new byte[w.Length];
        return System.Text.Ascii.FromUtf16(w, bytes, out int written) == System.Buffers.OperationStatus.Done ? Keyword(bytes[..written]) : L.BARE_ID;
    }

    /// <summary>The keywords of grammar/MLIRLexer.g4 (the rules before BARE_ID) and their token types.</summary>
    private static readonly (string Word, int Type)[] Keywords =
    [
        ("f16", L.FLOAT_TYPE), ("bf16", L.FLOAT_TYPE), ("f32", L.FLOAT_TYPE), ("f64", L.FLOAT_TYPE),
        ("f80", L.FLOAT_TYPE), ("f128", L.FLOAT_TYPE), ("tf32", L.FLOAT_TYPE), ("f8E5M2", L.FLOAT_TYPE),
        ("f8E4M3", L.FLOAT_TYPE), ("f8E4M3FN", L.FLOAT_TYPE), ("f8E5M2FNUZ", L.FLOAT_TYPE),
        ("f8E4M3FNUZ", L.FLOAT_TYPE), ("f8E4M3B11FNUZ", L.FLOAT_TYPE), ("f8E3M4", L.FLOAT_TYPE),
        ("f8E8M0FNU", L.FLOAT_TYPE), ("f6E2M3FN", L.FLOAT_TYPE), ("f6E3M2FN", L.FLOAT_TYPE),
        ("f4E2M1FN", L.FLOAT_TYPE), ("index", L.INDEX), ("none", L.NONE), ("tensor", L.TENSOR), ("memref", L.MEMREF),
        ("vector", L.VECTOR), ("complex", L.COMPLEX), ("tuple", L.TUPLE), ("true", L.TRUE), ("false", L.FALSE),
        ("unit", L.UNIT), ("dense", L.DENSE), ("dense_resource", L.DENSE_RESOURCE), ("sparse", L.SPARSE),
        ("array", L.ARRAY), ("affine_map", L.AFFINE_MAP), ("affine_set", L.AFFINE_SET), ("strided", L.STRIDED),
        ("distinct", L.DISTINCT), ("loc", L.LOC), ("unknown", L.UNKNOWN), ("callsite", L.CALLSITE),
        ("fused", L.FUSED), ("at", L.AT), ("func", L.KW_FUNC), ("return", L.KW_RETURN), ("module", L.KW_MODULE),
        ("call", L.KW_CALL), ("call_indirect", L.KW_CALL_INDIRECT), ("assert", L.LEGACY_OP), ("br", L.LEGACY_OP),
        ("cond_br", L.LEGACY_OP), ("dealloc", L.LEGACY_OP), ("store", L.LEGACY_OP), ("max", L.KW_MAX),
        ("min", L.KW_MIN), ("attributes", L.ATTRIBUTES),
    ];

    /// <summary><see cref="Keywords"/> as UTF-8, by length (index = length).</summary>
    private static readonly (byte[] Word, int Type)[][] KeywordsByLength =
        Enumerable.Range(0, Keywords.Max(k => k.Word.Length) + 1)
            .Select(n => Keywords.Where(k => k.Word.Length == n).Select(k => (System.Text.Encoding.ASCII.GetBytes(k.Word), k.Type)).ToArray())
            .ToArray();

    /// <summary>INT_TYPE (<c>('si' | 'ui' | 'i') [0-9]+</c>) or BARE_ID, for a run that is no other keyword.</summary>
    private static int IntTypeOrBareId(ReadOnlySpan<byte> w)
    {
        int k = w.StartsWith("si"u8) || w.StartsWith("ui"u8) ? 2 : w.Length > 0 && w[0] == 'i' ? 1 : -1;
        if (k < 0 || w.Length <= k) return L.BARE_ID;
        for (int j = k; j < w.Length; j++)
        {
            if (!IsDigit((char)w[j])) return L.BARE_ID;
        }
        return L.INT_TYPE;
    }
}
