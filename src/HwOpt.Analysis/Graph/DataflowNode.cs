namespace HwOpt.Analysis.Graph;

/// <summary>
/// Payload of one node of a <see cref="DataflowGraph"/>: one operation of the analysed region.
/// IR-agnostic: the builder copies what it needs out of the IR. A value type: a model's graph has one per op, and
/// as objects they were tens of thousands more for the collector to mark and copy.
/// </summary>
/// <param name="Index">Dense node index, 0..N-1; must equal the node's position in the list given to
/// <see cref="DataflowGraph.Create"/>.</param>
/// <param name="OpName">Full operation name, e.g. <c>arith.addf</c>.</param>
/// <param name="Location">Human-readable source location (e.g. <c>model.mlir:12:5</c>); empty when unknown.</param>
/// <param name="Opaque">True when the analysis cannot see inside the operation (unregistered op, call,
/// region-holding op treated as a black box).</param>
/// <param name="Label">Optional extra display text (exporters print it as an additional line); null for none.</param>
public readonly record struct DataflowNode(int Index, string OpName, string Location, bool Opaque, string? Label = null);
