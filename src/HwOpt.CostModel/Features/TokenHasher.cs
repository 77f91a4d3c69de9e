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
    private const int TextCacheSize = 512;

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
    /// Text tokens seen lately, by string instance: a kernel's op names, attribute keys and texts are the same string
    /// objects each time the same IR is featurized (the parser interns names), so their hashes are looked up rather
    /// than recomputed a character at a time. Keyed by reference, kind and length; a collision only evicts.
    /// </summary>
    private readonly TextEntry[] textCache = new TextEntry[TextCacheSize];

    /// <summary>
    /// The previous token's hash already mixed into <see cref="BigramSeed"/>: the first half of the next pair's hash,
    /// computed (or looked up) with that token, so that a pair costs one 8-byte mix instead of two.
    /// </summary>
    private ulong previousHalf;
    private bool hasPrevious;

    /// <summary>Counts so far, per bucket.</summary>
    public ReadOnlySpan<int> Counts => counts;

    /// <summary>Number of tokens seen.</summary>
    public int Tokens { get; private set; }

    /// <summary>Clears the counts and the bigram state (the text cache stays: its entries do not depend on them).</summary>
    public void Reset()
    {
        Array.Clear(counts);
        hasPrevious = false;
        Tokens = 0;
    }

    /// <summary>A token that is only its kind (a marker such as a region start).</summary>
    public void Add(TokenKind kind) => Emit(Markers[(int)kind]);

    /// <summary>A token with a text payload.</summary>
    public void Add(TokenKind kind, ReadOnlySpan<char> text) => Emit(TokenHash.Of(HashChars(Mix(Offset, (byte)kind), text)));

    /// <summary>A token with a text payload: the first <paramref name="length"/> characters of <paramref name="text"/>.</summary>
    public void Add(TokenKind kind, string text, int length)
    {
        // RuntimeHelpers.GetHashCode: by instance (stable, unlike the address), cheap; mixed with the kind and length.
        int slot = (System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(text) * 31 + (int)kind * 7 + length) & (TextCacheSize - 1);
        ref var entry = ref textCache[slot];
        if (!ReferenceEquals(entry.Text, text) || entry.Kind != kind || entry.Length != length)
        {
            entry = new TextEntry(text, kind, length, TokenHash.Of(HashChars(Mix(Offset, (byte)kind), text.AsSpan(0, length))));
        }
        Emit(entry.Hash);
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

    private void Emit(in TokenHash token)
    {
        Tokens++;
        counts[Bucket(token.Hash)]++;
        if (hasPrevious)
        {
            // FNV-1a of (bigram tag, previous hash, this hash), each hash as 8 bytes low first.
            counts[Bucket(HashLong(previousHalf, (long)token.Hash))]++;
        }
        previousHalf = token.Half;
        hasPrevious = true;
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
internal readonly record struct TextEntry(string? Text, TokenKind Kind, int Length, TokenHash Hash);

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
