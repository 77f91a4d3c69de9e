using HwOpt.Diagnostics;

namespace HwOpt.IR;

/// <summary>
/// An operation (LangRef "Operations"): name, operands, results, successors, properties, discardable attributes,
/// regions and a location. Ops of unknown custom syntax are kept with <see cref="IsOpaque"/> set and their raw text.
/// </summary>
public sealed class Operation
{
    // The IR of a large file holds hundreds of thousands of ops, so an op keeps few objects and fields of its own: a single
    // operand, result or region as itself and more in an array (sized exactly by the builders), and what few ops have
    // (successors, an opaque op's text) in one side object.
    // Results, fixed at creation: null, one OpResult, or an OpResult[] of exactly their number.
    private readonly object? results;
    // Operands: null (none), the one operand itself, or an array whose first OperandCount slots are used.
    private object? operands;
    // Regions: null, one Region, or a Region[] of exactly their number (ops have one or two).
    private object? regions;
    private Rare? rare;

    private sealed class Rare
    {
        public List<Block>? Successors;
        public string? SourceText;
        public bool IsOpaque;
    }

    private Rare RareFields()
    {
        if (rare is null) Interlocked.CompareExchange(ref rare, new Rare(), null);
        return rare;
    }

    /// <summary>Creates an operation with result types.</summary>
    public Operation(string name, IEnumerable<MlirType> resultTypes)
    {
        Name = name;
        var types = resultTypes as IReadOnlyList<MlirType> ?? resultTypes.ToArray();
        if (types.Count == 1)
        {
            results = new OpResult(this, 0, types[0]);
        }
        else if (types.Count > 1)
        {
            var many = new OpResult[types.Count];
            for (int i = 0; i < many.Length; i++) many[i] = new OpResult(this, i, types[i]);
            results = many;
        }
    }

    /// <summary>Full name <c>dialect.op</c>.</summary>
    public string Name { get; }

    /// <summary>The dialect namespace (text before the first dot; empty when there is none).</summary>
    public string Dialect => Name.IndexOf('.') is int i and > 0 ? Name.Substring(0, i) : string.Empty;

    /// <summary>Operands in order (a view of the op's own storage).</summary>
    public OperandList Operands => new(this);

    /// <summary>Replaces operand <paramref name="index"/> (as <c>Operands[index] = value</c> on a held <see cref="OperandList"/>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The index is not below the operand count.</exception>
    public void SetOperand(int index, Value value)
    {
        var list = Operands;
        list[index] = value;
    }

    internal ref object? OperandStore => ref operands;

    internal int OperandCount { get; set; }

    /// <summary>Results in order.</summary>
    public InlineList<OpResult> Results => InlineList<OpResult>.Exact(results);

    /// <summary>Successor blocks.</summary>
    public List<Block> Successors
    {
        get
        {
            var r = RareFields();
            return r.Successors ?? LazyInitializer.EnsureInitialized(ref r.Successors);
        }
    }

    /// <summary>True when the op has successors (unlike <see cref="Successors"/>, reading it creates no list).</summary>
    public bool HasSuccessors => rare?.Successors is { Count: > 0 };

    /// <summary>Inherent attributes (properties, <c>&lt;{...}&gt;</c>), or null when the op has none.</summary>
    public MlirAttribute? Properties { get; set; }

    /// <summary>Discardable attributes (<c>{...}</c>).</summary>
    public DictionaryAttr Attributes { get; set; } = DictionaryAttr.Empty;

    /// <summary>Regions, in order (added with <see cref="AddRegion"/>; regions given on demand are built here first).</summary>
    public InlineList<Region> Regions => InlineList<Region>.Exact(regions is RegionSource pending ? Build(pending) : regions);

    /// <summary>True when the op has regions (built or on demand).</summary>
    public bool HasRegions => regions is not null;

    /// <summary>
    /// True while the op's regions are given on demand and not built yet (<see cref="SetRegionsOnDemand"/>). Such
    /// regions are closed: nothing in them uses a value defined outside them, so an analysis that follows values across
    /// ops (the dataflow graph) may pass over them without building them.
    /// </summary>
    public bool RegionsOnDemand => Volatile.Read(ref regions) is RegionSource;

    /// <summary>
    /// Gives the op regions that are built the first time they are read (<see cref="Regions"/>, <see cref="Walk"/>,
    /// printing) instead of now: for regions that follow from the op's operands and attributes alone and use no value
    /// from outside, such as the bodies MLIR synthesizes for linalg's named ops. A model's IR then holds no region,
    /// block, argument or op for them until someone reads them: fewer objects for the collector to keep and copy while
    /// a file is parsed. Reading them from several threads at once builds them once.
    /// </summary>
    /// <param name="source">Makes the regions (may be shared by many ops).</param>
    /// <exception cref="ArgumentNullException"><paramref name="source"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The op already has regions.</exception>
    public void SetRegionsOnDemand(RegionSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (regions is not null) throw new InvalidOperationException($"'{Name}' already has regions");
        regions = source;
    }

    private object? Build(RegionSource pending)
    {
        lock (pending)
        {
            if (!ReferenceEquals(Volatile.Read(ref regions), pending)) return regions;
            object? built = null;
            foreach (var region in pending.Build(this))
            {
                region.Parent = this;
                InlineList<Region>.AppendExact(ref built, region);
            }
            Volatile.Write(ref regions, built);
            return built;
        }
    }

    /// <summary>The location (unknown when not written).</summary>
    public Location Location { get; set; } = UnknownLoc.Instance;

    /// <summary>The block holding this op.</summary>
    public Block? Parent { get; internal set; }

    /// <summary>The op's text span in its source file.</summary>
    public SourceSpan Span { get; set; }

    /// <summary>True when the op was read in tolerant mode: its custom syntax is not known to hwopt.</summary>
    public bool IsOpaque
    {
        get => rare?.IsOpaque ?? false;
        set
        {
            if (value || rare is not null) RareFields().IsOpaque = value;
        }
    }

    /// <summary>The op's source text as written, for opaque ops (and for reports).</summary>
    public string? SourceText
    {
        get => rare?.SourceText;
        set
        {
            if (value is not null || rare is not null) RareFields().SourceText = value;
        }
    }

    /// <summary>The parent operation, or null at top level.</summary>
    public Operation? ParentOp => Parent?.Parent?.Parent;

    /// <summary>Clears the parent link (the op becomes a top-level op, e.g. the file's module).</summary>
    public void DetachFromParent() => Parent = null;

    /// <summary>Adds a region and sets its parent.</summary>
    public Region AddRegion(Region region)
    {
        ArgumentNullException.ThrowIfNull(region);
        if (regions is RegionSource pending) Build(pending);
        region.Parent = this;
        InlineList<Region>.AppendExact(ref regions, region);
        return region;
    }

    /// <summary>Looks up an inherent attribute (in properties) or a discardable one.</summary>
    public MlirAttribute? GetAttribute(string name) => (Properties as DictionaryAttr)?.Get(name) ?? Attributes.Get(name);

    /// <summary>The op's generic function type (operand types) -> (result types).</summary>
    public FunctionType FunctionType => new(Operands.Select(o => o.Type).ToArray(), Results.Select(r => r.Type).ToArray());

    /// <summary>Pre-order walk over this op and every op nested in its regions (iterative: no recursion).</summary>
    public IEnumerable<Operation> Walk()
    {
        var stack = new Stack<Operation>();
        stack.Push(this);
        while (stack.Count > 0)
        {
            var op = stack.Pop();
            yield return op;
            if (op.regions is null) continue;
            var opRegions = op.Regions;
            for (int r = opRegions.Count - 1; r >= 0; r--)
            {
                var blocks = opRegions[r].Blocks;
                for (int b = blocks.Count - 1; b >= 0; b--)
                {
                    var ops = blocks[b].Operations;
                    for (int i = ops.Count - 1; i >= 0; i--) stack.Push(ops[i]);
                }
            }
        }
    }
}

/// <summary>
/// Makes an op's regions when they are first read (<see cref="Operation.SetRegionsOnDemand"/>). The regions must use no
/// value defined outside them, and must come out the same whenever they are built.
/// </summary>
public abstract class RegionSource
{
    /// <summary>Builds the regions of <paramref name="op"/>, in order (called at most once per op, under a lock).</summary>
    /// <param name="op">The op they belong to (its operands and attributes as when it was made).</param>
    /// <returns>The regions, without a parent yet.</returns>
    public abstract IReadOnlyList<Region> Build(Operation op);
}
