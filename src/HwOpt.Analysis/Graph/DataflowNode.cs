namespace HwOpt.Analysis.Graph;

/// <summary>
/// Payload of one node of a <see cref="DataflowGraph"/>: one operation of the analysed region.
/// The builder copies what it needs out of the IR, but for the location, which it keeps as the IR's location object
/// and describes when <see cref="Location"/> is read (most runs never read it: a string per node was 4 MB of the
/// 16 MB a 53,595-node graph allocated). A value type: a model's graph has one per op, and as objects they were tens
/// of thousands more for the collector to mark and copy.
/// </summary>
public readonly record struct DataflowNode
{
    // The location: a string, or an IR location described when read.
    private readonly object? location;

    /// <summary>A node.</summary>
    /// <param name="Index">Dense node index, 0..N-1; must equal the node's position in the list given to
    /// <see cref="DataflowGraph.Create"/>.</param>
    /// <param name="OpName">Full operation name, e.g. <c>arith.addf</c>.</param>
    /// <param name="Location">Human-readable source location (e.g. <c>model.mlir:12:5</c>); empty when unknown.</param>
    /// <param name="Opaque">True when the analysis cannot see inside the operation (unregistered op, call,
    /// region-holding op treated as a black box).</param>
    /// <param name="Label">Optional extra display text (exporters print it as an additional line); null for none.</param>
    public DataflowNode(int Index, string OpName, string Location, bool Opaque, string? Label = null)
        : this(Index, OpName, (object)Location, Opaque, Label)
    {
    }

    /// <summary>A node whose location is the IR's <paramref name="location"/>, described when read.</summary>
    internal DataflowNode(int index, string opName, HwOpt.IR.Location location, bool opaque, string? label)
        : this(index, opName, (object)location, opaque, label)
    {
    }

    private DataflowNode(int index, string opName, object? location, bool opaque, string? label)
    {
        Index = index;
        OpName = opName;
        this.location = location;
        Opaque = opaque;
        Label = label;
    }

    /// <summary>Dense node index, 0..N-1.</summary>
    public int Index { get; init; }

    /// <summary>Full operation name, e.g. <c>arith.addf</c>.</summary>
    public string OpName { get; init; }

    /// <summary>Human-readable source location (e.g. <c>model.mlir:12:5</c>); empty when unknown. Null only for a default node.</summary>
    public string Location
    {
        get => location as string ?? (location as HwOpt.IR.Location)?.Describe()!;
        init => location = value;
    }

    /// <summary>True when the analysis cannot see inside the operation.</summary>
    public bool Opaque { get; init; }

    /// <summary>Optional extra display text; null for none.</summary>
    public string? Label { get; init; }

    /// <summary>Whether the node has a location (a string or an IR location); false only for a default node.</summary>
    internal bool HasLocation => location is not null;

    /// <summary>The node's parts, in the constructor's order.</summary>
    public void Deconstruct(out int Index, out string OpName, out string Location, out bool Opaque, out string? Label) =>
        (Index, OpName, Location, Opaque, Label) = (this.Index, this.OpName, this.Location, this.Opaque, this.Label);
}
