using System.Runtime.CompilerServices;

namespace HwOpt.CostModel.Features;

/// <summary>
/// Feature hashing of a token stream (Weinberger et al. 2009, "Feature Hashing for Large Scale Multitask Learning"):
/// each token is hashed with FNV-1a 64 (a fixed, process-independent hash: <see cref="string.GetHashCode()"/> is
/// randomized per process), and so is each pair of consecutive tokens; both land in the same <see cref="Buckets"/>
/// count buckets. A token is a kind tag plus a payload (text, UTF-16 code units hashed low byte first, or a number),
/// hashed without building strings.
/// </summary>
internal sealed class TokenHasher
{
    /// <summary>Number of count buckets.</summary>
    public const int Buckets = 512;

    private const ulong Offset = 14695981039346656037UL;
    private const ulong Prime = 1099511628211UL;
    private const byte BigramTag = 0xB1;

    /// <summary>The hash state after the bigram tag, where every pair's hash starts.</summary>
    private const ulong BigramSeed = unchecked((Offset ^ BigramTag) * Prime);

    /// <summary>Numbers from this value up to <see cref="SmallNumberLimit"/> (exclusive) have their token hashes in a table.</summary>
    private const int SmallNumberBase = -128;
    private const int SmallNumberLimit = 128;

    /// <summary>Size of the per-instance cache of text tokens (a power of two).</summary>
    private const int TextCacheSize = 2048;

    /// <summary>Number of token kinds, with room for the unused kind 0.</summary>
    private static readonly int KindSlots = Enum.GetValues<TokenKind>().Max(k => (int)k) + 1;

    /// <summary>Hashes of the tokens that are only their kind, by kind.</summary>
    private static readonly TokenHash[] Markers = Enumerable.Range(0, KindSlots).Select(k => TokenHash.Of(Mix(Offset, (byte)k))).ToArray();

    /// <summary>Hashes of number tokens with small payloads (counts, ranks, log2 buckets), by kind and number.</summary>
    private static readonly TokenHash[] SmallNumbers = Enumerable.Range(0, KindSlots * (SmallNumberLimit - SmallNumberBase))
        .Select(i => TokenHash.Of(HashLong(Mix(Offset, (byte)(i / (SmallNumberLimit - SmallNumberBase))), SmallNumberBase + i % (SmallNumberLimit - SmallNumberBase))))
        .ToArray();

    private readonly int[] counts = new int[Buckets];

    /// <summary>
    /// Text tokens seen lately (op names, attribute keys and texts, element types recur across kernels), keyed by kind
    /// and content: a lookup reads a few characters to pick the slot and compares the text (vectorized), cheaper than
    /// FNV-1a's two dependent multiplications per character. A collision only evicts.
    /// </summary>
    private readonly TextEntry[] textCache = new TextEntry[TextCacheSize];

    /// <summary>Buckets whose count went from 0 to 1 since the last reset, in that order (<see cref="Touched"/>).</summary>
    private readonly int[] touched = new int[Buckets + 1]; // + 1: Count writes one slot ahead
    private int touchedCount;

    /// <summary>
    /// The previous token's hash already mixed into <see cref="BigramSeed"/>: the first half of the next pair's hash,
    /// computed (or looked up) with that token, so that a pair costs one 8-byte mix instead of two.
    /// </summary>
    private ulong previousHalf;
    private bool hasPrevious;

    /// <summary>Counts so far, per bucket.</summary>
    public ReadOnlySpan<int> Counts => counts;

    /// <summary>The buckets with a nonzero count (each once, in no useful order).</summary>
    public ReadOnlySpan<int> Touched => touched.AsSpan(0, touchedCount);

    /// <summary>Number of tokens seen.</summary>
    public int Tokens { get; private set; }

    /// <summary>Clears the counts and the bigram state (the text cache stays: its entries do not depend on them).</summary>
    public void Reset()
    {
        foreach (int b in Touched) counts[b] = 0;
        touchedCount = 0;
        hasPrevious = false;
        Tokens = 0;
    }

    /// <summary>A token that is only its kind (a marker such as a region start).</summary>
    public void Add(TokenKind kind) => Emit(Markers[(int)kind]);

    /// <summary>A token with a text payload.</summary>
    public void Add(TokenKind kind, ReadOnlySpan<char> text)
    {
        ref var entry = ref textCache[Slot(kind, text)];
        if (entry.Kind != kind || !text.SequenceEqual(entry.Text.AsSpan()))
        {
            entry = new TextEntry(text.ToString(), kind, TokenHash.Of(HashChars(Mix(Offset, (byte)kind), text)));
        }
        Emit(entry.Hash);
    }

    /// <summary>A token with a text payload: the first <paramref name="length"/> characters of <paramref name="text"/>.</summary>
    public void Add(TokenKind kind, string text, int length)
    {
        var span = text.AsSpan(0, length);
        ref var entry = ref textCache[Slot(kind, span)];
        // The same instance (a name interned by the parser, a literal) skips even the comparison.
        if (entry.Kind != kind || !(ReferenceEquals(entry.Text, text) && length == text.Length || span.SequenceEqual(entry.Text.AsSpan())))
        {
            entry = new TextEntry(length == text.Length ? text : span.ToString(), kind, TokenHash.Of(HashChars(Mix(Offset, (byte)kind), span)));
        }
        Emit(entry.Hash);
    }

    /// <summary>The text-cache slot of a token: its kind, length and up to 12 of its characters (start, middle, end), mixed.</summary>
    private static int Slot(TokenKind kind, ReadOnlySpan<char> text)
    {
        int n = text.Length;
        ulong x = (ulong)n << 8 | (byte)kind;
        if (n >= 4)
        {
            var bytes = System.Runtime.InteropServices.MemoryMarshal.AsBytes(text);
            x ^= BitConverter.ToUInt64(bytes) * 0x9E3779B97F4A7C15UL;
            x = (x ^ BitConverter.ToUInt64(bytes.Slice((n / 2 - 2) * 2, 8))) * 0xC2B2AE3D27D4EB4FUL;
            x = (x ^ BitConverter.ToUInt64(bytes[^8..])) * 0x9E3779B97F4A7C15UL;
        }
        else
        {
            foreach (char c in text) x = (x ^ c) * 0x9E3779B97F4A7C15UL;
        }
        return (int)(x >> 40) & (TextCacheSize - 1);
    }

    /// <summary>A token with a text payload (the whole string).</summary>
    public void Add(TokenKind kind, string text) => Add(kind, text, text.Length);

    /// <summary>A token with a byte-string payload.</summary>
    public void Add(TokenKind kind, ReadOnlySpan<byte> bytes)
    {
        ulong h = Mix(Offset, (byte)kind);
        foreach (byte b in bytes) h = Mix(h, b);
        Emit(TokenHash.Of(h));
    }

    /// <summary>A token with a number payload (already bucketed by the caller).</summary>
    public void Add(TokenKind kind, long number)
    {
        if (number >= SmallNumberBase && number < SmallNumberLimit)
        {
            Emit(SmallNumbers[(int)kind * (SmallNumberLimit - SmallNumberBase) + (int)number - SmallNumberBase]);
        }
        else
        {
            Emit(TokenHash.Of(HashLong(Mix(Offset, (byte)kind), number)));
        }
    }

    /// <summary>FNV-1a 64 of a string's UTF-16 code units (low byte first).</summary>
    public static ulong Hash(string text) => HashChars(Offset, text);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Emit(in TokenHash token)
    {
        Tokens++;
        Count(Bucket(token.Hash));
        if (hasPrevious)
        {
            // FNV-1a of (bigram tag, previous hash, this hash), each hash as 8 bytes low first.
            Count(Bucket(HashLong(previousHalf, (long)token.Hash)));
        }
        previousHalf = token.Half;
        hasPrevious = true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Count(int bucket)
    {
        // Without a branch: the bucket is always written to the next touched slot, which only advances on a first count.
        touched[touchedCount] = bucket;
        touchedCount += counts[bucket]++ == 0 ? 1 : 0;
    }

    private static int Bucket(ulong h) => (int)((h ^ (h >> 32)) % Buckets);

    private static ulong Mix(ulong h, byte b) => (h ^ b) * Prime;

    private static ulong HashChars(ulong h, ReadOnlySpan<char> text)
    {
        foreach (char c in text)
        {
            h = ((h ^ (byte)c) * Prime ^ (uint)(c >> 8)) * Prime;
        }
        return h;
    }

    /// <summary>The start of the hash of a pair whose first token has hash <paramref name="first"/>: FNV-1a of the bigram tag and its 8 bytes.</summary>
    public static ulong PairHalf(ulong first) => HashLong(BigramSeed, (long)first);

    /// <summary>FNV-1a steps over the 8 bytes of <paramref name="v"/>, low byte first (unrolled).</summary>
    private static ulong HashLong(ulong h, long v)
    {
        ulong u = (ulong)v;
        h = (h ^ (u & 0xFF)) * Prime;
        h = (h ^ ((u >> 8) & 0xFF)) * Prime;
        h = (h ^ ((u >> 16) & 0xFF)) * Prime;
        h = (h ^ ((u >> 24) & 0xFF)) * Prime;
        h = (h ^ ((u >> 32) & 0xFF)) * Prime;
        h = (h ^ ((u >> 40) & 0xFF)) * Prime;
        h = (h ^ ((u >> 48) & 0xFF)) * Prime;
        return (h ^ (u >> 56)) * Prime;
    }
}

/// <summary>A token's hash and its half of the hash of the pair it starts (<see cref="TokenHasher.PairHalf"/>).</summary>
internal readonly record struct TokenHash(ulong Hash, ulong Half)
{
    public static TokenHash Of(ulong hash) => new(hash, TokenHasher.PairHalf(hash));
}

/// <summary>An entry of the text-token cache of <see cref="TokenHasher"/>.</summary>
internal readonly record struct TextEntry(string? Text, TokenKind Kind, TokenHash Hash);

/// <summary>Kinds of tokens of the text channel (part of each token's hash: changing them changes the schema version).</summary>
internal enum TokenKind : byte
{
    OpName = 1,
    Dialect,
    Opaque,
    OperandCount,
    ResultCount,
    PropertiesOpen,
    PropertiesClose,
    AttributesOpen,
    AttributesClose,
    AttributeKey,
    Integer,
    Float,
    String,
    Word,
    ArrayOpen,
    ArrayClose,
    DictionaryOpen,
    DictionaryClose,
    DenseArray,
    AttributeText,
    RegionOpen,
    RegionClose,
    Block,
    Colon,
    Arrow,
    ShapedKind,
    Rank,
    Dim,
    DynamicDim,
    Unranked,
    ElementType,
    IntegerType,
    Type,
    Layout,
    MemorySpace,
    TooDeep,
}
