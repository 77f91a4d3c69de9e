using HwOpt.Diagnostics;

namespace HwOpt.IR;

/// <summary>
/// An operation (LangRef "Operations"): name, operands, results, successors, properties, discardable attributes,
/// regions and a location. Ops of unknown custom syntax are kept with <see cref="IsOpaque"/> set and their raw text.
/// </summary>
public sealed class Operation
{
    // The IR of a large file holds hundreds of thousands of ops, so an op keeps few objects of its own: the operands in
    // one array (sized exactly by the builders), a single result as itself and more in an exact-size array, and the
    // successor and region lists only once something asks for them.
    // Results are fixed at creation: their count is the store's (InlineList).
    private readonly object? results;
    private readonly int resultCount;
    private Value[] operands = [];
    private List<Block>? successors;
    private object? regions;
    private int regionCount;

    /// <summary>Creates an operation with result types.</summary>
    public Operation(string name, IEnumerable<MlirType> resultTypes)
    {
        Name = name;
        var types = resultTypes as IReadOnlyList<MlirType> ?? resultTypes.ToArray();
        resultCount = types.Count;
        if (resultCount == 1)
        {
            results = new OpResult(this, 0, types[0]);
        }
        else if (resultCount > 1)
        {
            var many = new OpResult[resultCount];
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

    internal Value[] OperandStorage => operands;

    internal int OperandCount { get; set; }

    internal void ResizeOperands(int capacity) => Array.Resize(ref operands, capacity);

    /// <summary>Results in order.</summary>
    public InlineList<OpResult> Results => new(results, resultCount);

    /// <summary>Successor blocks.</summary>
    public List<Block> Successors => successors ?? LazyInitializer.EnsureInitialized(ref successors);

    /// <summary>True when the op has successors (unlike <see cref="Successors"/>, reading it creates no list).</summary>
    public bool HasSuccessors => successors is { Count: > 0 };

    /// <summary>Inherent attributes (properties, <c>&lt;{...}&gt;</c>), or null when the op has none.</summary>
    public MlirAttribute? Properties { get; set; }

    /// <summary>Discardable attributes (<c>{...}</c>).</summary>
    public DictionaryAttr Attributes { get; set; } = DictionaryAttr.Empty;

    /// <summary>Regions, in order (added with <see cref="AddRegion"/>).</summary>
    public InlineList<Region> Regions => new(regions, regionCount);

    /// <summary>True when the op has regions.</summary>
    public bool HasRegions => regionCount > 0;

    /// <summary>The location (unknown when not written).</summary>
    public Location Location { get; set; } = UnknownLoc.Instance;

    /// <summary>The block holding this op.</summary>
    public Block? Parent { get; internal set; }

    /// <summary>The op's text span in its source file.</summary>
    public SourceSpan Span { get; set; }

    /// <summary>True when the op was read in tolerant mode: its custom syntax is not known to hwopt.</summary>
    public bool IsOpaque { get; set; }

    /// <summary>The op's source text as written, for opaque ops (and for reports).</summary>
    public string? SourceText { get; set; }

    /// <summary>The parent operation, or null at top level.</summary>
    public Operation? ParentOp => Parent?.Parent?.Parent;

    /// <summary>Clears the parent link (the op becomes a top-level op, e.g. the file's module).</summary>
    public void DetachFromParent() => Parent = null;

    /// <summary>Adds a region and sets its parent.</summary>
    public Region AddRegion(Region region)
    {
        region.Parent = this;
        InlineList<Region>.Append(ref regions, ref regionCount, region);
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
            if (op.regionCount == 0) continue;
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
