namespace HwOpt.Analysis.Graph;

/// <summary>
/// Payload of one directed edge of a <see cref="DataflowGraph"/>: one use of an SSA value, from the
/// defining operation to the using operation.
/// </summary>
/// <param name="Id">Edge id, 0..E-1: the position of the edge's <see cref="DataflowEdgeSpec"/> in the list
/// given to <see cref="DataflowGraph.Create"/>; <c>graph.Edges[Id]</c> is this edge.</param>
/// <param name="From">Index of the producing node.</param>
/// <param name="To">Index of the consuming node.</param>
/// <param name="Bytes">Size of the SSA value in bytes; -1 when unknown (e.g. a dynamic shape).</param>
/// <param name="ValueName">SSA name of the value, e.g. <c>%3</c>.</param>
/// <param name="Type">Printed MLIR type of the value, e.g. <c>tensor&lt;4xf32&gt;</c>.</param>
public readonly record struct DataflowEdge(int Id, int From, int To, long Bytes, string ValueName, string Type);

/// <summary>Input description of one edge, passed to <see cref="DataflowGraph.Create"/>.</summary>
/// <param name="From">Index of the producing node (0..N-1).</param>
/// <param name="To">Index of the consuming node (0..N-1); may equal <paramref name="From"/> (self-loop,
/// possible in MLIR graph regions).</param>
/// <param name="Bytes">Size of the SSA value in bytes, or -1 when unknown.</param>
/// <param name="ValueName">SSA name of the value, e.g. <c>%3</c>.</param>
/// <param name="Type">Printed MLIR type of the value.</param>
public readonly record struct DataflowEdgeSpec(int From, int To, long Bytes, string ValueName, string Type);
