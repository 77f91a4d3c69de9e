using HwOpt.Profiling;

namespace HwOpt.Profiling.Tests;

public sealed class KernelExtractorTests
{
    private const string Model = """
        func.func @forward(%x: tensor<4x8xf32>, %w: tensor<8x16xf32>, %b: tensor<16xf32>) -> tensor<4x16xf32> {
          %cst = arith.constant 0.000000e+00 : f32
          %e = tensor.empty() : tensor<4x16xf32>
          %z = linalg.fill ins(%cst : f32) outs(%e : tensor<4x16xf32>) -> tensor<4x16xf32>
          %mm = linalg.matmul ins(%x, %w : tensor<4x8xf32>, tensor<8x16xf32>) outs(%z : tensor<4x16xf32>) -> tensor<4x16xf32>
          %r = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%mm, %b : tensor<4x16xf32>, tensor<16xf32>) outs(%e : tensor<4x16xf32>) {
          ^bb0(%in: f32, %bias: f32, %out: f32):
            %s = arith.addf %in, %bias : f32
            %y = arith.maximumf %s, %cst : f32
            linalg.yield %y : f32
          } -> tensor<4x16xf32>
          return %r : tensor<4x16xf32>
        }
        """;

    [Fact]
    public void MatmulBecomesAKernelWithItsOperandsAsArguments()
    {
        var module = TestSupport.Parse(Model);
        var skipped = new List<SkippedOp>();
        var kernels = KernelExtractor.FromModule(module, "model.mlir", "mlp", skipped);

        Assert.Equal(["linalg.fill", "linalg.matmul", "linalg.generic"], kernels.Select(k => k.Kernel.OpNames.Single()));
        Assert.Equal(["arith.constant", "tensor.empty", "func.return"], skipped.Select(s => s.OpName));

        var matmul = kernels[1].Kernel;
        Assert.Equal("(tensor<4x8xf32>, tensor<8x16xf32>, tensor<4x16xf32>) -> tensor<4x16xf32>", matmul.Signature);
        const string expected = """
            "func.func"() <{function_type = (tensor<4x8xf32>, tensor<8x16xf32>, tensor<4x16xf32>) -> tensor<4x16xf32>, sym_name = "kernel"}> ({
            ^bb0(%in0: tensor<4x8xf32>, %in1: tensor<8x16xf32>, %in2: tensor<4x16xf32>):
              %0 = "linalg.matmul"(%in0, %in1, %in2) <{operandSegmentSizes = array<i32: 2, 1>}> ({
              ^bb0(%arg0: f32, %arg1: f32, %arg2: f32):
                %1 = "arith.mulf"(%arg0, %arg1) : (f32, f32) -> f32
                %2 = "arith.addf"(%arg2, %1) : (f32, f32) -> f32
                "linalg.yield"(%2) : (f32) -> ()
              }) : (tensor<4x8xf32>, tensor<8x16xf32>, tensor<4x16xf32>) -> tensor<4x16xf32>
              "func.return"(%0) : (tensor<4x16xf32>) -> ()
            }) : () -> ()

            """;
        Assert.Equal(expected.ReplaceLineEndings("\n"), matmul.Text);
        Assert.Equal(16, matmul.Id.Length);
    }

    [Fact]
    public void ScalarConstantsUsedInsideARegionAreClonedNotPassed()
    {
        var module = TestSupport.Parse(Model);
        var generic = KernelExtractor.FromModule(module, "model.mlir", "mlp")[2].Kernel;
        Assert.Equal(3, generic.ArgumentTypes.Count); // %mm, %b, %e; %cst is cloned
        Assert.StartsWith("  %0 = \"arith.constant\"() <{value = 0.000000e+00 : f32}> : () -> f32\n", generic.Body);
    }

    [Fact]
    public void AGroupReturnsOnlyValuesUsedOutsideIt()
    {
        var module = TestSupport.Parse(Model);
        var body = KernelExtractor.FunctionBodies(module.Root).Single();
        var group = body.Where(op => op.Name is "linalg.matmul" or "linalg.generic").ToList();
        var kernel = KernelExtractor.FromGroup(group, "model.mlir", "mlp");
        Assert.Equal(["linalg.matmul", "linalg.generic"], kernel.OpNames);
        Assert.Equal("(tensor<4x8xf32>, tensor<8x16xf32>, tensor<4x16xf32>, tensor<16xf32>, tensor<4x16xf32>) -> tensor<4x16xf32>", kernel.Signature);
    }

    [Fact]
    public void IdenticalOpsGiveTheSameKernelId()
    {
        var a = KernelExtractor.FromModule(TestSupport.Parse(Model), "a.mlir", "mlp");
        var b = KernelExtractor.FromModule(TestSupport.Parse(Model.Replace("%x", "%input")), "b.mlir", "mlp");
        Assert.Equal(a.Select(k => k.Kernel.Id), b.Select(k => k.Kernel.Id));
    }

    [Fact]
    public void DynamicShapesAreReportedAsUnsupported()
    {
        var module = TestSupport.Parse("""
            func.func @f(%a: tensor<?x4xf32>, %o: tensor<?x4xf32>) -> tensor<?x4xf32> {
              %0 = linalg.copy ins(%a : tensor<?x4xf32>) outs(%o : tensor<?x4xf32>) -> tensor<?x4xf32>
              return %0 : tensor<?x4xf32>
            }
            """);
        var kernel = KernelExtractor.FromModule(module, "d.mlir", "other").Single().Kernel;
        Assert.Contains("dynamic", HarnessBuilder.Unsupported(kernel));
    }

    [Fact]
    public void SweepsAreDeterministicAndParse()
    {
        foreach (var name in KernelSweeps.Names)
        {
            var first = KernelSweeps.Generate(name, 6, 3);
            var second = KernelSweeps.Generate(name, 6, 3);
            Assert.NotEmpty(first);
            Assert.Equal(first.Select(k => k.Id), second.Select(k => k.Id));
            Assert.All(first, k => Assert.Null(HarnessBuilder.Unsupported(k)));
        }
    }
}
