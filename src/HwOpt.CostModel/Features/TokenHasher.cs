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

    private readonly int[] counts = new int[Buckets];
    private ulong previous;
    private bool hasPrevious;

    /// <summary>Counts so far, per bucket.</summary>
    public ReadOnlySpan<int> Counts => counts;

    /// <summary>Number of tokens seen.</summary>
    public int Tokens { get; private set; }

    /// <summary>Clears the counts and the bigram state.</summary>
    public void Reset()
    {
        Array.Clear(counts);
        hasPrevious = false;
        Tokens = 0;
    }

    /// <summary>A token that is only its kind (a marker such as a region start).</summary>
    public void Add(TokenKind kind) => Emit(Mix(Offset, (byte)kind));

    /// <summary>A token with a text payload.</summary>
    public void Add(TokenKind kind, ReadOnlySpan<char> text) => Emit(HashChars(Mix(Offset, (byte)kind), text));

    /// <summary>A token with a byte-string payload.</summary>
    public void Add(TokenKind kind, ReadOnlySpan<byte> bytes)
    {
        ulong h = Mix(Offset, (byte)kind);
        foreach (byte b in bytes) h = Mix(h, b);
        Emit(h);
    }

    /// <summary>A token with a number payload (already bucketed by the caller).</summary>
    public void Add(TokenKind kind, long number) => Emit(HashLong(Mix(Offset, (byte)kind), number));

    /// <summary>FNV-1a 64 of a string's UTF-16 code units (low byte first).</summary>
    public static ulong Hash(string text) => HashChars(Offset, text);

    private void Emit(ulong h)
    {
        Tokens++;
        counts[Bucket(h)]++;
        if (hasPrevious)
        {
            ulong pair = HashLong(HashLong(Mix(Offset, BigramTag), (long)previous), (long)h);
            counts[Bucket(pair)]++;
        }
        previous = h;
        hasPrevious = true;
    }

    private static int Bucket(ulong h) => (int)((h ^ (h >> 32)) % Buckets);

    private static ulong Mix(ulong h, byte b) => (h ^ b) * Prime;

    private static ulong HashChars(ulong h, ReadOnlySpan<char> text)
    {
        foreach (char c in text)
        {
            h = Mix(h, (byte)c);
            h = Mix(h, (byte)(c >> 8));
        }
        return h;
    }

    private static ulong HashLong(ulong h, long v)
    {
        ulong u = (ulong)v;
        for (int i = 0; i < 8; i++)
        {
            h = Mix(h, (byte)u);
            u >>= 8;
        }
        return h;
    }
}

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
