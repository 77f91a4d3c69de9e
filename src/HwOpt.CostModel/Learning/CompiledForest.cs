using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace HwOpt.CostModel.Learning;

/// <summary>
/// An XGBoost regression forest flattened into arrays and evaluated in managed code, for prediction only: the trees of
/// rounds [0, <c>iterationEnd</c>) of a model in XGBoost's JSON format (1.7), with numerical splits only.
/// A row goes left at a node when <c>x &lt; threshold</c>, right otherwise, and to the node's default child when x is
/// NaN (missing); the prediction is <c>base_score</c> plus the leaf values of the trees, summed in <see cref="float"/>
/// in tree order, which is how XGBoost 1.7's CPU predictor sums them, so that results are bit-identical to
/// <c>XGBoosterPredictFromDense</c> (tested). Nodes are renumbered so that a node's two children are adjacent
/// (left at <c>c</c>, right at <c>c + 1</c>); rows are evaluated in blocks, tree by tree, so that a tree stays in cache
/// while a block of rows walks it. Thread-safe (immutable after construction).
/// </summary>
public sealed class CompiledForest
{
    private const int BlockRows = 64;
    private const int Lanes = 8;

    // One node: Feature and Threshold of a split; Child = index of the left child (the right one is Child + 1), with
    // bit 31 set when a missing value goes right. A leaf is a split that loops on itself: feature 0, threshold NaN
    // (x < NaN is false: right) and missing right, Child = its own index - 1; so every row walks exactly Depth steps
    // of a tree with no branch on the path, and ends on its leaf, whose value is LeafValue[index].
    [StructLayout(LayoutKind.Sequential)]
    private readonly record struct Node(int Feature, float Threshold, uint Child);

    private readonly Node[] _nodes;
    private readonly float[] _leafValue;
    private readonly int[] _roots;
    private readonly int[] _depth;
    private readonly float _baseScore;

    private CompiledForest(Node[] nodes, float[] leafValue, int[] roots, int[] depth, float baseScore, int featureCount)
    {
        _nodes = nodes;
        _leafValue = leafValue;
        _roots = roots;
        _depth = depth;
        _baseScore = baseScore;
        FeatureCount = featureCount;
    }

    /// <summary>Number of features (columns) every input row must have.</summary>
    public int FeatureCount { get; }

    /// <summary>Number of trees evaluated per row.</summary>
    public int Trees => _roots.Length;

    /// <summary>Number of nodes over all trees (splits and leaves).</summary>
    public int Nodes => _nodes.Length;

    /// <summary>Reads the trees of rounds [0, <paramref name="iterationEnd"/>) from an XGBoost 1.7 JSON model.</summary>
    /// <param name="json">The model as <c>XGBoosterSaveModelToBuffer</c> writes it with <c>{"format":"json"}</c>.</param>
    /// <param name="iterationEnd">Rounds to keep, ≥ 1 (e.g. best iteration + 1).</param>
    /// <returns>The forest.</returns>
    /// <exception cref="InvalidDataException">The JSON is not a single-target gbtree regression model with numerical splits,
    /// or it has fewer than <paramref name="iterationEnd"/> trees.</exception>
    public static CompiledForest FromXgboostJson(ReadOnlySpan<byte> json, int iterationEnd)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(iterationEnd, 1);
        return Read(json.ToArray(), iterationEnd);
    }

    /// <summary>
    /// Reads the trees a saved model predicts with: rounds [0, best_iteration + 1) when the model carries XGBoost's
    /// <c>best_iteration</c> attribute (as <c>hwopt train</c> saves it), all rounds otherwise.
    /// </summary>
    /// <param name="json">The model as <c>XGBoosterSaveModelToBuffer</c> writes it with <c>{"format":"json"}</c>.</param>
    /// <returns>The forest.</returns>
    /// <exception cref="InvalidDataException">As <see cref="FromXgboostJson(ReadOnlySpan{byte}, int)"/>, or a malformed best_iteration.</exception>
    public static CompiledForest FromXgboostJson(byte[] json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return Read(json, iterationEnd: null);
    }

    private static CompiledForest Read(byte[] json, int? iterationEnd)
    {
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 256 });
            var learner = document.RootElement.GetProperty("learner");
            var parameters = learner.GetProperty("learner_model_param");
            if (parameters.TryGetProperty("num_target", out var targets) && targets.GetString() is { } t && t != "1")
                throw new InvalidDataException($"{t} targets; only single-target models are compiled");
            if (parameters.TryGetProperty("num_class", out var classes) && classes.GetString() is { } c && c != "0")
                throw new InvalidDataException("a classification model; only regression is compiled");
            float baseScore = float.Parse(parameters.GetProperty("base_score").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
            int features = int.Parse(parameters.GetProperty("num_feature").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
            var booster = learner.GetProperty("gradient_booster");
            if (booster.GetProperty("name").GetString() != "gbtree")
                throw new InvalidDataException($"booster '{booster.GetProperty("name").GetString()}'; only gbtree is compiled");
            var trees = booster.GetProperty("model").GetProperty("trees");
            if (iterationEnd is null)
            {
                iterationEnd = trees.GetArrayLength();
                if (learner.TryGetProperty("attributes", out var attributes) && attributes.TryGetProperty(XgbRegressor.BestIterationAttribute, out var best))
                {
                    if (!int.TryParse(best.GetString(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int b))
                        throw new InvalidDataException($"best_iteration '{best}' is not a round number");
                    iterationEnd = b + 1;
                }
                if (iterationEnd < 1) throw new InvalidDataException("the model has no trees");
            }
            if (trees.GetArrayLength() < iterationEnd)
                throw new InvalidDataException($"{trees.GetArrayLength()} trees, {iterationEnd} requested");

            var nodes = new List<Node>();
            var leaves = new List<float>();
            var roots = new int[iterationEnd.Value];
            var depth = new int[iterationEnd.Value];
            int index = 0;
            foreach (var tree in trees.EnumerateArray())
            {
                if (index == iterationEnd) break;
                roots[index] = nodes.Count;
                depth[index++] = AppendTree(tree, features, nodes, leaves);
            }
            return new CompiledForest([.. nodes], [.. leaves], roots, depth, baseScore, features);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or OverflowException)
        {
            throw new InvalidDataException("not an XGBoost 1.7 JSON regression model: " + e.Message, e);
        }
    }

    // Appends one tree breadth-first, so that each split's children get adjacent slots; returns the tree's depth.
    private static int AppendTree(JsonElement tree, int features, List<Node> nodes, List<float> leaves)
    {
        int[] left = Ints(tree.GetProperty("left_children"));
        int[] right = Ints(tree.GetProperty("right_children"));
        int[] split = Ints(tree.GetProperty("split_indices"));
        int[] defaultLeft = Ints(tree.GetProperty("default_left"));
        float[] condition = Floats(tree.GetProperty("split_conditions"));
        int n = left.Length;
        if (right.Length != n || split.Length != n || defaultLeft.Length != n || condition.Length != n || n == 0)
            throw new InvalidDataException("tree arrays of different lengths");
        if (tree.TryGetProperty("split_type", out var types) && Ints(types).Any(x => x != 0))
            throw new InvalidDataException("categorical splits are not compiled");
        if (features < 1) throw new InvalidDataException("the model has no features");

        int start = nodes.Count;
        nodes.Add(default);
        leaves.Add(0);
        var queue = new Queue<(int Old, int Slot, int Level)>();
        queue.Enqueue((0, start, 0));
        int visited = 0, depth = 0;
        while (queue.Count > 0)
        {
            var (old, slot, level) = queue.Dequeue();
            if (++visited > n) throw new InvalidDataException("the tree has a cycle");
            depth = Math.Max(depth, level);
            if (left[old] == -1)
            {
                // The root of a one-leaf tree has no slot before it; it is never stepped from (depth 0).
                nodes[slot] = new Node(0, float.NaN, slot == start ? 0u | 0x8000_0000u : (uint)(slot - 1) | 0x8000_0000u);
                leaves[slot] = condition[old];
                continue;
            }
            if ((uint)left[old] >= n || (uint)right[old] >= n || (uint)split[old] >= features)
                throw new InvalidDataException($"node {old}: child or feature index out of range");
            int child = nodes.Count;
            nodes.Add(default); nodes.Add(default);
            leaves.Add(0); leaves.Add(0);
            nodes[slot] = new Node(split[old], condition[old], (uint)child | (defaultLeft[old] == 0 ? 0x8000_0000u : 0u));
            queue.Enqueue((left[old], child, level + 1));
            queue.Enqueue((right[old], child + 1, level + 1));
        }
        return depth;
    }

    // ---- binary form (the on-disk cache of compiled forests, see ForestCache) ----------------------------------------

    private const uint BinaryMagic = 0x4F464748; // "HGFO" read as little-endian bytes: hwopt compiled forest
    private const int BinaryVersion = 1;
    private const int HeaderBytes = 32;

    /// <summary>
    /// The forest as bytes: a 32-byte header (magic, format version, feature count, base score, node and tree counts,
    /// little-endian), the nodes (12 bytes each), the leaf values, the tree roots and depths, then the SHA-256 of all
    /// that. <see cref="FromBinary"/> reads it back to an identical forest.
    /// </summary>
    /// <returns>The bytes.</returns>
    /// <exception cref="PlatformNotSupportedException">The machine is big-endian.</exception>
    internal byte[] ToBinary()
    {
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("the compiled-forest cache is little-endian only");
        var nodes = MemoryMarshal.AsBytes(_nodes.AsSpan());
        var leaves = MemoryMarshal.AsBytes(_leafValue.AsSpan());
        var roots = MemoryMarshal.AsBytes(_roots.AsSpan());
        var depth = MemoryMarshal.AsBytes(_depth.AsSpan());
        int length = HeaderBytes + nodes.Length + leaves.Length + roots.Length + depth.Length;
        var bytes = new byte[length + 32];
        var header = MemoryMarshal.Cast<byte, uint>(bytes.AsSpan(0, HeaderBytes));
        header[0] = BinaryMagic;
        header[1] = BinaryVersion;
        header[2] = (uint)FeatureCount;
        header[3] = BitConverter.SingleToUInt32Bits(_baseScore);
        header[4] = (uint)_nodes.Length;
        header[5] = (uint)_roots.Length;
        int at = HeaderBytes;
        nodes.CopyTo(bytes.AsSpan(at));
        at += nodes.Length;
        leaves.CopyTo(bytes.AsSpan(at));
        at += leaves.Length;
        roots.CopyTo(bytes.AsSpan(at));
        at += roots.Length;
        depth.CopyTo(bytes.AsSpan(at));
        System.Security.Cryptography.SHA256.HashData(bytes.AsSpan(0, length), bytes.AsSpan(length));
        return bytes;
    }

    /// <summary>Reads <see cref="ToBinary"/>'s bytes back; null when they are not exactly that (truncated, changed, another version).</summary>
    /// <param name="bytes">The bytes.</param>
    /// <returns>The forest, or null.</returns>
    internal static CompiledForest? FromBinary(ReadOnlySpan<byte> bytes)
    {
        if (!BitConverter.IsLittleEndian || bytes.Length < HeaderBytes + 32) return null;
        var header = MemoryMarshal.Cast<byte, uint>(bytes[..HeaderBytes]);
        if (header[0] != BinaryMagic || header[1] != BinaryVersion) return null;
        long nodes = header[4], trees = header[5];
        long length = HeaderBytes + nodes * Unsafe.SizeOf<Node>() + nodes * sizeof(float) + trees * sizeof(int) * 2;
        if (nodes == 0 || trees == 0 || header[2] == 0 || length + 32 != bytes.Length) return null;
        Span<byte> hash = stackalloc byte[32];
        System.Security.Cryptography.SHA256.HashData(bytes[..(int)length], hash);
        if (!hash.SequenceEqual(bytes[(int)length..])) return null;
        int at = HeaderBytes;
        var nodeArray = MemoryMarshal.Cast<byte, Node>(Take(bytes, ref at, nodes * Unsafe.SizeOf<Node>())).ToArray();
        var leafArray = MemoryMarshal.Cast<byte, float>(Take(bytes, ref at, nodes * sizeof(float))).ToArray();
        var rootArray = MemoryMarshal.Cast<byte, int>(Take(bytes, ref at, trees * sizeof(int))).ToArray();
        var depthArray = MemoryMarshal.Cast<byte, int>(Take(bytes, ref at, trees * sizeof(int))).ToArray();
        return new CompiledForest(nodeArray, leafArray, rootArray, depthArray, BitConverter.UInt32BitsToSingle(header[3]), (int)header[2]);
    }

    private static ReadOnlySpan<byte> Take(ReadOnlySpan<byte> bytes, ref int at, long count)
    {
        var part = bytes.Slice(at, (int)count);
        at += (int)count;
        return part;
    }

    /// <summary>True when both forests hold the same trees, node for node (for tests of the binary form).</summary>
    internal bool SameAs(CompiledForest other) =>
        FeatureCount == other.FeatureCount && BitConverter.SingleToUInt32Bits(_baseScore) == BitConverter.SingleToUInt32Bits(other._baseScore)
        && _nodes.AsSpan().SequenceEqual(other._nodes) && MemoryMarshal.AsBytes(_leafValue.AsSpan()).SequenceEqual(MemoryMarshal.AsBytes(other._leafValue.AsSpan()))
        && _roots.AsSpan().SequenceEqual(other._roots) && _depth.AsSpan().SequenceEqual(other._depth);

    private static int[] Ints(JsonElement array)
    {
        var result = new int[array.GetArrayLength()];
        int i = 0;
        foreach (var e in array.EnumerateArray()) result[i++] = e.GetInt32();
        return result;
    }

    private static float[] Floats(JsonElement array)
    {
        var result = new float[array.GetArrayLength()];
        int i = 0;
        foreach (var e in array.EnumerateArray()) result[i++] = e.GetSingle();
        return result;
    }

    /// <summary>Predicts <paramref name="rows"/> row-major rows into <paramref name="destination"/>.</summary>
    /// <param name="rowMajor">Exactly <paramref name="rows"/> × <see cref="FeatureCount"/> values; NaN = missing.</param>
    /// <param name="rows">Number of rows, ≥ 0.</param>
    /// <param name="destination">At least <paramref name="rows"/> elements.</param>
    /// <exception cref="ArgumentException">The lengths do not match.</exception>
    public void Predict(ReadOnlySpan<float> rowMajor, int rows, Span<float> destination) => Predict(rowMajor, rows, destination, threads: 1);

    /// <summary>Predicts <paramref name="rows"/> row-major rows into <paramref name="destination"/>, blocks of rows spread over threads.</summary>
    /// <param name="rowMajor">Exactly <paramref name="rows"/> × <see cref="FeatureCount"/> values; NaN = missing.</param>
    /// <param name="rows">Number of rows, ≥ 0.</param>
    /// <param name="destination">At least <paramref name="rows"/> elements.</param>
    /// <param name="threads">Most threads to use, ≥ 1; each row's result does not depend on it.</param>
    /// <exception cref="ArgumentException">The lengths do not match.</exception>
    public unsafe void Predict(ReadOnlySpan<float> rowMajor, int rows, Span<float> destination, int threads)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        if ((long)rows * FeatureCount != rowMajor.Length) throw new ArgumentException($"{rowMajor.Length} values for {rows} rows × {FeatureCount} features");
        if (destination.Length < rows) throw new ArgumentException($"destination has {destination.Length} elements for {rows} rows");
        int blocks = (rows + BlockRows - 1) / BlockRows;
        if (threads == 1 || blocks == 1)
        {
            for (int b = 0; b < blocks; b++) PredictBlock(rowMajor, destination, b, rows);
            return;
        }
        fixed (float* input = rowMajor)
        fixed (float* output = destination)
        {
            nint inputAddress = (nint)input, outputAddress = (nint)output;
            Parallel.For(0, blocks, new ParallelOptions { MaxDegreeOfParallelism = threads },
                b => PredictBlock(new ReadOnlySpan<float>((float*)inputAddress, rows * FeatureCount), new Span<float>((float*)outputAddress, rows), b, rows));
        }
    }

    private void PredictBlock(ReadOnlySpan<float> rowMajor, Span<float> destination, int block, int rows)
    {
        int start = block * BlockRows;
        int count = Math.Min(BlockRows, rows - start);
        PredictBlock(rowMajor.Slice(start * FeatureCount, count * FeatureCount), count, destination.Slice(start, count));
    }

    private void PredictBlock(ReadOnlySpan<float> block, int count, Span<float> destination)
    {
        destination[..count].Fill(_baseScore);
        ref Node nodes = ref MemoryMarshal.GetArrayDataReference(_nodes);
        ref float leafValue = ref MemoryMarshal.GetArrayDataReference(_leafValue);
        ref float data = ref MemoryMarshal.GetReference(block);
        int columns = FeatureCount;
        Span<int> node = stackalloc int[Lanes];
        for (int tree = 0; tree < _roots.Length; tree++)
        {
            int root = _roots[tree], depth = _depth[tree];
            for (int r0 = 0; r0 < count; r0 += Lanes)
            {
                int lanes = Math.Min(Lanes, count - r0);
                node.Fill(root);
                // Rows step through the tree in lockstep (independent loads overlap); leaves loop on themselves.
                for (int step = 0; step < depth; step++)
                {
                    for (int l = 0; l < lanes; l++)
                    {
                        ref Node current = ref Unsafe.Add(ref nodes, node[l]);
                        float x = Unsafe.Add(ref data, (r0 + l) * columns + current.Feature);
                        uint missingRight = current.Child >> 31;
                        int goRight = float.IsNaN(x) ? (int)missingRight : (x < current.Threshold ? 0 : 1);
                        node[l] = (int)(current.Child & 0x7FFF_FFFFu) + goRight;
                    }
                }
                for (int l = 0; l < lanes; l++) destination[r0 + l] += Unsafe.Add(ref leafValue, node[l]);
            }
        }
    }
}
