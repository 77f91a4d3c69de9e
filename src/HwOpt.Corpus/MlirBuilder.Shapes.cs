namespace HwOpt.Corpus;

/// <summary>Data movement: reshapes, transposes, slices and concatenation (no FLOPs).</summary>
public sealed partial class MlirBuilder
{
    /// <summary>
    /// Reshape by <c>tensor.collapse_shape</c> (fewer dims) or <c>tensor.expand_shape</c> (more dims); the
    /// reassociation is derived by grouping contiguous dimensions whose products match. Same rank: returns
    /// <paramref name="x"/> when shapes are equal, otherwise collapses to 1-D and expands.
    /// </summary>
    public TensorValue Reshape(TensorValue x, long[] shape)
    {
        if (x.Shape.SequenceEqual(shape)) return x;
        if (shape.Length < x.Rank) return Collapse(x, Groups(x.Shape, shape));
        if (shape.Length > x.Rank) return Expand(x, Groups(shape, x.Shape), shape);
        return Reshape(Reshape(x, [x.Elements]), shape);
    }

    /// <summary><c>tensor.collapse_shape</c> with an explicit reassociation (groups of source dims).</summary>
    public TensorValue Collapse(TensorValue x, int[][] groups)
    {
        var shape = groups.Select(g => g.Aggregate(1L, (a, d) => a * x.Shape[d])).ToArray();
        var r = new TensorValue(Fresh(), shape, Element);
        Emit($"{r.Name} = tensor.collapse_shape {x.Name} {Reassoc(groups)} : {x.Type} into {r.Type}");
        return r;
    }

    /// <summary><c>tensor.expand_shape</c> with an explicit reassociation (groups of result dims) and MLIR 19 <c>output_shape</c>.</summary>
    public TensorValue Expand(TensorValue x, int[][] groups, long[] shape)
    {
        var r = new TensorValue(Fresh(), shape, Element);
        Emit($"{r.Name} = tensor.expand_shape {x.Name} {Reassoc(groups)} output_shape [{List(shape)}] : {x.Type} into {r.Type}");
        return r;
    }

    /// <summary><c>linalg.transpose</c>: result dim i is input dim <c>permutation[i]</c>.</summary>
    public TensorValue Transpose(TensorValue x, params int[] permutation)
    {
        var e = Empty(permutation.Select(p => x.Shape[p]).ToArray());
        var r = e with { Name = Fresh() };
        Emit($"{r.Name} = linalg.transpose ins({x.Name} : {x.Type}) outs({e.Name} : {e.Type}) permutation = [{List(permutation)}]");
        return r;
    }

    /// <summary><c>tensor.extract_slice</c> with unit strides.</summary>
    public TensorValue ExtractSlice(TensorValue x, long[] offsets, long[] sizes)
    {
        var r = new TensorValue(Fresh(), sizes, Element);
        Emit($"{r.Name} = tensor.extract_slice {x.Name}[{List(offsets)}] [{List(sizes)}] [{List(sizes.Select(_ => 1L))}] : {x.Type} to {r.Type}");
        return r;
    }

    /// <summary><c>tensor.insert_slice</c> of <paramref name="source"/> into <paramref name="dest"/> at <paramref name="offsets"/>, unit strides.</summary>
    public TensorValue InsertSlice(TensorValue source, TensorValue dest, long[] offsets)
    {
        var r = dest with { Name = Fresh() };
        Emit($"{r.Name} = tensor.insert_slice {source.Name} into {dest.Name}[{List(offsets)}] [{List(source.Shape)}] [{List(source.Shape.Select(_ => 1L))}] : {source.Type} into {dest.Type}");
        return r;
    }

    /// <summary>Concatenation along <paramref name="axis"/>: <c>tensor.empty</c> then one <c>tensor.insert_slice</c> per part.</summary>
    public TensorValue Concat(int axis, params TensorValue[] parts)
    {
        var shape = parts[0].Shape.ToArray();
        shape[axis] = parts.Sum(p => p.Shape[axis]);
        var acc = Empty(shape);
        long offset = 0;
        foreach (var p in parts)
        {
            var offsets = new long[shape.Length];
            offsets[axis] = offset;
            acc = InsertSlice(p, acc, offsets);
            offset += p.Shape[axis];
        }
        return acc;
    }

    private static string Reassoc(int[][] groups) => "[" + string.Join(", ", groups.Select(g => "[" + List(g) + "]")) + "]";

    /// <summary>Groups the dims of the longer shape so that each group's product is one dim of the shorter shape.</summary>
    private static int[][] Groups(IReadOnlyList<long> longer, IReadOnlyList<long> shorter)
    {
        var groups = new List<int[]>();
        int i = 0;
        for (int j = 0; j < shorter.Count; j++)
        {
            var g = new List<int>();
            long product = 1;
            do
            {
                Require(i < longer.Count, $"reshape [{List(longer)}] <-> [{List(shorter)}]");
                product *= longer[i];
                g.Add(i++);
            }
            while (product != shorter[j] || (product == 1 && i < longer.Count && longer[i] == 1 && j == shorter.Count - 1));
            groups.Add(g.ToArray());
        }
        while (i < longer.Count)
        {
            Require(longer[i] == 1, $"reshape [{List(longer)}] <-> [{List(shorter)}]");
            groups[^1] = [.. groups[^1], i++];
        }
        return groups.ToArray();
    }
}
