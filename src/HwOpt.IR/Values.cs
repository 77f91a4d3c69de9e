namespace HwOpt.IR;

/// <summary>An SSA value: an op result or a block argument (LangRef "Values").</summary>
public abstract class Value(MlirType type)
{
    /// <summary>The type.</summary>
    public MlirType Type { get; set; } = type;

    /// <summary>The name the value had in the source (e.g. <c>%x</c>, <c>%0#1</c>), for messages and graph labels.</summary>
    public string? SourceName { get; set; }
}

/// <summary>Result <see cref="Index"/> of <see cref="Owner"/>.</summary>
public sealed class OpResult(Operation owner, int index, MlirType type) : Value(type)
{
    /// <summary>The defining operation.</summary>
    public Operation Owner { get; } = owner;

    /// <summary>Result number.</summary>
    public int Index { get; } = index;
}

/// <summary>Argument <see cref="Index"/> of <see cref="Owner"/>.</summary>
public sealed class BlockArgument(Block owner, int index, MlirType type, Location? location) : Value(type)
{
    /// <summary>The block.</summary>
    public Block Owner { get; } = owner;

    /// <summary>Argument number.</summary>
    public int Index { get; } = index;

    /// <summary>The argument's location, if written.</summary>
    public Location? Location { get; } = location;
}

/// <summary>A block: arguments and a list of operations (LangRef "Blocks").</summary>
public sealed class Block
{
    private object? arguments;
    private int argumentCount;

    /// <summary>Arguments, in order (added with <see cref="AddArgument"/>).</summary>
    public InlineList<BlockArgument> Arguments => new(arguments, argumentCount);

    private object? operations;
    private int operationCount;

    /// <summary>Operations in order (added with <see cref="Append"/>).</summary>
    public InlineList<Operation> Operations => new(operations, operationCount);

    /// <summary>The region that holds the block.</summary>
    public Region? Parent { get; internal set; }

    /// <summary>The label in the source (e.g. <c>^bb1</c>), if any.</summary>
    public string? SourceLabel { get; set; }

    /// <summary>Adds an argument.</summary>
    public BlockArgument AddArgument(MlirType type, Location? location = null)
    {
        var a = new BlockArgument(this, argumentCount, type, location);
        InlineList<BlockArgument>.Append(ref arguments, ref argumentCount, a);
        return a;
    }

    /// <summary>Appends an operation and sets its parent.</summary>
    public void Append(Operation op)
    {
        op.Parent = this;
        InlineList<Operation>.Append(ref operations, ref operationCount, op);
    }
}

/// <summary>A region: a list of blocks owned by an operation (LangRef "Regions").</summary>
public sealed class Region
{
    private object? blocks;
    private int blockCount;

    /// <summary>Blocks, in order (added with <see cref="AddBlock"/>); the first is the entry block.</summary>
    public InlineList<Block> Blocks => new(blocks, blockCount);

    /// <summary>The owning operation.</summary>
    public Operation? Parent { get; internal set; }

    /// <summary>Appends a block and sets its parent.</summary>
    public Block AddBlock(Block block)
    {
        block.Parent = this;
        InlineList<Block>.Append(ref blocks, ref blockCount, block);
        return block;
    }
}
