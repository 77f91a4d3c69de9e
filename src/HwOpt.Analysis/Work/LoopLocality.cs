using HwOpt.IR;

namespace HwOpt.Analysis.Work;

/// <summary>
/// Memory locality of a structured op's loop nest in the order <c>convert-linalg-to-loops</c> emits it (loop 0
/// outermost, the last loop innermost), from its indexing maps and static shapes (row-major layout):
/// <list type="bullet">
/// <item><see cref="InnerStrideBytes"/>: the largest distance, in bytes, between the elements an operand touches in two
/// consecutive iterations of the innermost loop (0 when no operand moves with it; at least a cache line means a miss
/// per iteration once the data leaves the cache);</item>
/// <item><see cref="StridedOperands"/>: operands whose innermost stride is 64 bytes or more;</item>
/// <item><see cref="FootprintBytes"/>[k]: bytes the innermost k + 1 loops touch (per operand, element size times the
/// product of the extents of those loops its map mentions), the working set that must stay in cache for reuse across
/// one iteration of the next outer loop (k = 0, 1, 2).</item>
/// </list>
/// A cost proxy in the spirit of the cache models of Wolf and Lam, "A data locality optimizing algorithm", PLDI 1991.
/// </summary>
/// <param name="InnerStrideBytes">Largest innermost-loop stride over the operands, bytes.</param>
/// <param name="StridedOperands">Operands with an innermost stride of 64 bytes or more.</param>
/// <param name="FootprintBytes">Bytes touched by the innermost 1, 2 and 3 loops.</param>
public sealed record LoopLocality(double InnerStrideBytes, int StridedOperands, double[] FootprintBytes)
{
    /// <summary>Cache line size assumed for <see cref="StridedOperands"/>, bytes.</summary>
    public const int CacheLineBytes = 64;

    /// <summary>Value equality, <see cref="FootprintBytes"/> compared element by element (a record compares arrays by reference).</summary>
    /// <param name="other">The other locality.</param>
    public bool Equals(LoopLocality? other) =>
        other is not null && InnerStrideBytes.Equals(other.InnerStrideBytes) && StridedOperands == other.StridedOperands
        && FootprintBytes.AsSpan().SequenceEqual(other.FootprintBytes);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(InnerStrideBytes);
        hash.Add(StridedOperands);
        foreach (double b in FootprintBytes) hash.Add(b);
        return hash.ToHashCode();
    }

    internal static LoopLocality? Of(Operation op, IReadOnlyList<AffineMapShape?> maps, ReadOnlySpan<long> extents)
    {
        int loops = extents.Length;
        if (loops == 0 || loops > 64) return null;
        int operands = op.Operands.Count;
        double maxStride = 0;
        int strided = 0;
        var footprint = new double[3];
        for (int i = 0; i < maps.Count; i++)
        {
            var map = maps[i];
            var type = i < operands ? op.Operands[i].Type : op.Results[i - operands].Type;
            if (map is null || type is not ShapedType { Shape: { } shape, ElementType: var element } || shape.Count != map.ResultCount) continue;
            if (shape.Any(d => d == ShapedType.Dynamic)) return null;
            double elementBytes = Math.Max(1, Math.Ceiling((element.BitWidth ?? 32) / 8.0));
            int inner = loops - 1;
            // Stride of the innermost loop: the row-major stride of the last result that mentions it.
            double stride = 0, step = elementBytes;
            for (int r = shape.Count - 1; r >= 0; r--)
            {
                if ((map.Mentioned[r] & (1UL << inner)) != 0)
                {
                    stride = step;
                    break;
                }
                step *= Math.Max(1, shape[r]);
            }
            maxStride = Math.Max(maxStride, stride);
            if (stride >= CacheLineBytes) strided++;
            for (int k = 0; k < 3; k++)
            {
                ulong window = 0;
                for (int d = Math.Max(0, loops - 1 - k); d < loops; d++) window |= 1UL << d;
                double bytes = elementBytes;
                for (int r = 0; r < shape.Count; r++)
                {
                    ulong m = map.Mentioned[r] & window;
                    if (m == 0) continue;
                    // Elements along this result while the window's loops run: at most the dim, at most the loops' product.
                    double reach = 1;
                    for (int d = 0; d < loops; d++) if ((m & (1UL << d)) != 0) reach *= extents[d];
                    bytes *= Math.Min(Math.Max(1, shape[r]), reach);
                }
                footprint[k] += bytes;
            }
        }
        return new LoopLocality(maxStride, strided, footprint);
    }
}
