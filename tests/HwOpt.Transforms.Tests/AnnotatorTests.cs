using HwOpt.Diagnostics;
using HwOpt.IR;
using HwOpt.Planning;
using HwOpt.Syntax;

namespace HwOpt.Transforms.Tests;

public sealed class AnnotatorTests
{
    private const string Model = """
        func.func @f(%a: tensor<4x4xf32>, %b: tensor<4x4xf32>) -> tensor<4x4xf32> {
          %e = tensor.empty() : tensor<4x4xf32>
          %0 = linalg.add {hwopt.pin.fuse = false, hwopt.kernel = 7 : i64} ins(%a, %b : tensor<4x4xf32>, tensor<4x4xf32>) outs(%e : tensor<4x4xf32>) -> tensor<4x4xf32>
          %1 = linalg.exp ins(%0 : tensor<4x4xf32>) outs(%e : tensor<4x4xf32>) -> tensor<4x4xf32>
          return %1 : tensor<4x4xf32>
        }
        """;

    [Fact]
    public void WritesDecisionsAsAttributesAndKeepsPins()
    {
        var parsed = MlirParser.Parse(new SourceText("m.mlir", Model));
        Assert.False(parsed.HasErrors);
        var graph = PlanGraph.FromModule(parsed.Module!, "m.mlir");
        Assert.Equal([1, 2], graph.KernelNodes);
        var plan = new PlanState(graph);
        plan.SetKernels([new PlannedKernel(0, [2], 5, 4, 6), new PlannedKernel(0, [1], 1234.5678, 1000, 1500)]);
        plan.Ops[1].Precision = "bf16";
        plan.Ops[1].Device = "h200";
        Annotator.Apply(plan);
        string ir = GenericPrinter.Print(parsed.Module!);
        Assert.Contains("hwopt.cost_ns = 1.235e+03 : f64, hwopt.device = \"h200\", hwopt.kernel = 0 : i64, hwopt.pin.fuse = false, hwopt.precision = \"bf16\"", ir);
        Assert.Contains("hwopt.cost_ns = 5.000e+00 : f64, hwopt.kernel = 1 : i64", ir);
        Assert.DoesNotContain("hwopt.kernel = 7", ir);
        Assert.Equal(1239.5678, plan.PredictedLatencyNs, 9);
    }

    [Fact]
    public void AnOpInTwoKernelsIsABug()
    {
        var parsed = MlirParser.Parse(new SourceText("m.mlir", Model));
        var plan = new PlanState(PlanGraph.FromModule(parsed.Module!, "m.mlir"));
        Assert.Throws<ArgumentException>(() => plan.SetKernels([new PlannedKernel(0, [1], 1, 1, 1), new PlannedKernel(1, [1, 2], 1, 1, 1)]));
    }
}
