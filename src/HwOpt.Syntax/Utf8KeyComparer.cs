using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Text;

namespace HwOpt.Syntax;

/// <summary>
/// Ordinal string keys that can also be looked up by their UTF-8 bytes (the parser's token text, a slice of the
/// source) or by a span of characters, without making a string first. A key's hash is that of its UTF-8 bytes: a
/// multiply-xorshift over 8-byte words (the finalizer of MurmurHash3 / SplitMix64) from a per-process random seed, so
/// that names crafted to collide in one run do not in another. It is cheaper than <see cref="HashCode.AddBytes"/> on
/// the short names a parser looks up (on a 100,000-op model every SSA use is a lookup).
/// </summary>
internal sealed class Utf8KeyComparer :
    IEqualityComparer<string>,
    IAlternateEqualityComparer<ReadOnlySpan<byte>, string>,
    IAlternateEqualityComparer<ReadOnlySpan<char>, string>
{
    /// <summary>The one instance.</summary>
    public static readonly Utf8KeyComparer Instance = new();

    private Utf8KeyComparer()
    {
    }

    /// <inheritdoc/>
    public bool Equals(string? x, string? y) => string.Equals(x, y, StringComparison.Ordinal);

    /// <inheritdoc/>
    public int GetHashCode(string obj) => Hash(obj.AsSpan());

    /// <inheritdoc/>
    public int GetHashCode(ReadOnlySpan<byte> alternate)
    {
        const ulong K = 0x9E3779B97F4A7C15;
        ulong h = Seed ^ ((ulong)alternate.Length * K);
        while (alternate.Length >= 8)
        {
            h = (h ^ BinaryPrimitives.ReadUInt64LittleEndian(alternate)) * K;
            h ^= h >> 29;
            alternate = alternate[8..];
        }
        ulong tail = 0;
        for (int i = 0; i < alternate.Length; i++) tail |= (ulong)alternate[i] << (8 * i);
        h = (h ^ tail) * K;
        h ^= h >> 32;
        return (int)h;
    }

    private static readonly ulong Seed = (ulong)Random.Shared.NextInt64();

    /// <inheritdoc/>
    public bool Equals(ReadOnlySpan<byte> alternate, string other)
    {
        if (alternate.Length == other.Length && Ascii.Equals(alternate, other)) return true;
        // Each character takes at least one byte; an ASCII key takes exactly one each.
        if (alternate.Length <= other.Length || Ascii.IsValid(other)) return false;
        return EqualsUtf8(other, alternate);
    }

    /// <inheritdoc/>
    public string Create(ReadOnlySpan<byte> alternate) => Encoding.UTF8.GetString(alternate);

    /// <inheritdoc/>
    public int GetHashCode(ReadOnlySpan<char> alternate) => Hash(alternate);

    /// <inheritdoc/>
    public bool Equals(ReadOnlySpan<char> alternate, string other) => alternate.SequenceEqual(other);

    /// <inheritdoc/>
    public string Create(ReadOnlySpan<char> alternate) => alternate.ToString();

    /// <summary>The hash of the UTF-8 bytes of <paramref name="chars"/>: ASCII is narrowed in a small buffer, the rest encoded.</summary>
    private static int Hash(ReadOnlySpan<char> chars)
    {
        var small = new SmallBytes();
        Span<byte> buffer = small;
        if (chars.Length <= buffer.Length && Ascii.FromUtf16(chars, buffer, out int written) == OperationStatus.Done)
        {
            return Instance.GetHashCode(buffer[..written]);
        }
        byte[] rented = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(chars.Length));
        try
        {
            return Instance.GetHashCode(rented.AsSpan(0, Encoding.UTF8.GetBytes(chars, rented)));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static bool EqualsUtf8(ReadOnlySpan<char> chars, ReadOnlySpan<byte> utf8)
    {
        byte[] rented = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(chars.Length));
        try
        {
            return rented.AsSpan(0, Encoding.UTF8.GetBytes(chars, rented)).SequenceEqual(utf8);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    [InlineArray(64)]
    private struct SmallBytes
    {
        private byte first;
    }
}
