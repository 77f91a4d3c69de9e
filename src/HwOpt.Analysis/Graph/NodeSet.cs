namespace HwOpt.Analysis.Graph;

/// <summary>A caller's node collection, validated and converted to a bitset plus a duplicate-free member list.</summary>
internal sealed class NodeSet
{
    private NodeSet(ulong[] mask, int[] members)
    {
        Mask = mask;
        Members = members;
    }

    /// <summary>Bitset over 0..N-1.</summary>
    public ulong[] Mask { get; }

    /// <summary>Distinct members, in first-seen order.</summary>
    public int[] Members { get; }

    /// <summary>Validates and converts <paramref name="nodes"/>; duplicates are ignored.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="nodes"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A member is outside 0..nodeCount-1.</exception>
    public static NodeSet From(IReadOnlyCollection<int> nodes, int nodeCount, string paramName)
    {
        ArgumentNullException.ThrowIfNull(nodes, paramName);
        var mask = new ulong[BitSet.WordCount(nodeCount)];
        var members = new List<int>(nodes.Count);
        foreach (int v in nodes)
        {
            if ((uint)v >= (uint)nodeCount)
            {
                throw new ArgumentOutOfRangeException(paramName, v, $"Node index must be in 0..{nodeCount - 1}.");
            }

            if (!BitSet.Get(mask, v))
            {
                BitSet.Set(mask, v);
                members.Add(v);
            }
        }

        return new NodeSet(mask, members.ToArray());
    }
}
