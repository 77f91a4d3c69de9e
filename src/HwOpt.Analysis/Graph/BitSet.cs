using System.Numerics;

namespace HwOpt.Analysis.Graph;

/// <summary>Helpers for bitsets stored as <see cref="ulong"/> words (bit <c>i</c> is word <c>i/64</c>, bit
/// <c>i%64</c>).</summary>
internal static class BitSet
{
    /// <summary>Words needed for <paramref name="bits"/> bits.</summary>
    public static int WordCount(int bits) => (bits + 63) >> 6;

    /// <summary>Tests bit <paramref name="i"/>.</summary>
    public static bool Get(ReadOnlySpan<ulong> set, int i) => (set[i >> 6] & (1UL << (i & 63))) != 0;

    /// <summary>Sets bit <paramref name="i"/>.</summary>
    public static void Set(Span<ulong> set, int i) => set[i >> 6] |= 1UL << (i & 63);

    /// <summary>True when the two sets share a bit.</summary>
    public static bool Intersects(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b)
    {
        for (int w = 0; w < a.Length; w++)
        {
            if ((a[w] & b[w]) != 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary><paramref name="target"/> |= <paramref name="source"/>.</summary>
    public static void UnionWith(Span<ulong> target, ReadOnlySpan<ulong> source)
    {
        for (int w = 0; w < target.Length; w++)
        {
            target[w] |= source[w];
        }
    }

    /// <summary>Index of the lowest set bit at or after <paramref name="from"/>, or -1.</summary>
    public static int NextSetBit(ReadOnlySpan<ulong> set, int from)
    {
        int w = from >> 6;
        if (w >= set.Length)
        {
            return -1;
        }

        ulong word = set[w] & (ulong.MaxValue << (from & 63));
        while (true)
        {
            if (word != 0)
            {
                return (w << 6) + BitOperations.TrailingZeroCount(word);
            }

            if (++w >= set.Length)
            {
                return -1;
            }

            word = set[w];
        }
    }
}
