using HwOpt.Analysis.Graph;

namespace HwOpt.Analysis.Tests.Graph;

internal static class ExportFixtures
{
    /// <summary>constant -> addf -> call (opaque, labelled), plus constant -> call with an unknown size.</summary>
    public static DataflowGraph ThreeNodes() => DataflowGraph.Create(
        [
            new DataflowNode(0, "arith.constant", "m.mlir:1:1", false),
            new DataflowNode(1, "arith.addf", "m.mlir:2:3", false),
            new DataflowNode(2, "func.call", "", true, Label: "@kernel"),
        ],
        [
            new DataflowEdgeSpec(0, 1, 64, "%0", "tensor<16xf32>"),
            new DataflowEdgeSpec(1, 2, 1536, "%1", "tensor<384xf32>"),
            new DataflowEdgeSpec(0, 2, -1, "%0", "tensor<?xf32>"),
        ]);
}
