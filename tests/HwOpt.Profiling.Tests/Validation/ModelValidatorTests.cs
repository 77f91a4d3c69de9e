using HwOpt.IR;
using HwOpt.Profiling.Validation;

namespace HwOpt.Profiling.Tests.Validation;

/// <summary>The outliner, the harness and the validator on a four-op model: call order, formats, output agreement, failures.</summary>
public sealed class ModelValidatorTests
{
    // op0: a = exp(x); op1: b = a * a; op2: c = x + x; op3: d = b - c (the tensor.empty ops are not kernels).
    private const string Model = """
        func.func @forward(%x: tensor<4x8xf32>) -> tensor<4x8xf32> {
          %e = tensor.empty() : tensor<4x8xf32>
          %a = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%x : tensor<4x8xf32>) outs(%e : tensor<4x8xf32>) {
          ^bb0(%i: f32, %o: f32):
            %v = math.exp %i : f32
            linalg.yield %v : f32
          } -> tensor<4x8xf32>
          %e1 = tensor.empty() : tensor<4x8xf32>
          %b = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%a : tensor<4x8xf32>) outs(%e1 : tensor<4x8xf32>) {
          ^bb0(%i: f32, %o: f32):
            %v = arith.mulf %i, %i : f32
            linalg.yield %v : f32
          } -> tensor<4x8xf32>
          %e2 = tensor.empty() : tensor<4x8xf32>
          %c = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%x : tensor<4x8xf32>) outs(%e2 : tensor<4x8xf32>) {
          ^bb0(%i: f32, %o: f32):
            %v = arith.addf %i, %i : f32
            linalg.yield %v : f32
          } -> tensor<4x8xf32>
          %e3 = tensor.empty() : tensor<4x8xf32>
          %d = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%b, %c : tensor<4x8xf32>, tensor<4x8xf32>) outs(%e3 : tensor<4x8xf32>) {
          ^bb0(%i: f32, %j: f32, %o: f32):
            %v = arith.subf %i, %j : f32
            linalg.yield %v : f32
          } -> tensor<4x8xf32>
          return %d : tensor<4x8xf32>
        }
        """;

    private static (ModuleIR Module, Operation Entry, List<Operation> Kernels) Parse()
    {
        var module = TestSupport.Parse(Model);
        var entry = ModelValidator.Entry(module)!;
        var kernels = entry.Regions[0].Blocks[0].Operations.Where(o => KernelExtractor.WhyNotAKernel(o) is null).ToList();
        Assert.Equal(4, kernels.Count);
        return (module, entry, kernels);
    }

    [Fact]
    public void KernelsAreCalledInDependencyOrderNotInGroupOrder()
    {
        var (_, entry, ops) = Parse();
        // Group 0 = {c, d} starts later in the program than group 1 = {a, b} and uses b: it must be called second.
        string text = OutlinedModel.Build(entry, [new ExecutionGroup([ops[2], ops[3]]), new ExecutionGroup([ops[0], ops[1]])], "t.mlir", out var kernels);
        Assert.True(text.IndexOf("callee = @k1", StringComparison.Ordinal) < text.IndexOf("callee = @k0", StringComparison.Ordinal), text);
        Assert.Equal([2, 2], kernels.Select(k => k.OpCount));
        // Each tensor.empty used by one kernel moved into it: the driver allocates nothing.
        string driver = text[text.IndexOf("sym_name = \"forward\"", StringComparison.Ordinal)..];
        Assert.DoesNotContain("tensor.empty", driver);
    }

    [Fact]
    public void GroupsThatDependOnEachOtherInACycleAreRejected()
    {
        var (_, entry, ops) = Parse();
        // {a, d} needs b, which needs a.
        Assert.Throws<ArgumentException>(() => OutlinedModel.Build(entry, [new ExecutionGroup([ops[0], ops[3]]), new ExecutionGroup([ops[1]]), new ExecutionGroup([ops[2]])], "t.mlir", out _));
    }

    [Fact]
    public void FloatFormatsRunForRealAndIntegerFormatsAreEmulated()
    {
        var (_, entry, ops) = Parse();
        string text = OutlinedModel.Build(entry, [new ExecutionGroup([ops[0], ops[1]], "bf16"), new ExecutionGroup([ops[2], ops[3]], "i8")], "t.mlir", out var kernels);
        Assert.Equal([FormatExecution.Real, FormatExecution.Emulated], kernels.Select(k => k.Execution));
        Assert.Contains("arith.truncf %q0_0_i : f32 to bf16", text);
        Assert.Contains("-> (tensor<4x8xbf16>)", text);
        Assert.Contains("math.roundeven", text);
        string emulated = OutlinedModel.Build(entry, [new ExecutionGroup([ops[0], ops[1]], "bf16"), new ExecutionGroup([ops[2], ops[3]])], "t.mlir", out var k2, emulateFormats: true);
        Assert.Equal(FormatExecution.Emulated, k2[0].Execution);
        Assert.DoesNotContain("-> (tensor<4x8xbf16>)", emulated);
    }

    [Fact]
    public void ComparisonMeasuresNormwiseRelativeErrorAndSqnr()
    {
        float[] r = [1f, -2f, 4f, 0f];
        var same = OutputComparison.Of(r, r, 1e-4);
        Assert.True(same.Match);
        Assert.Equal(0, same.MaxRelError);
        Assert.Null(same.SqnrDb);
        float[] x = [1f, -2f, 4.5f, 0f];
        var off = OutputComparison.Of(r, x, 1e-4);
        Assert.Equal(0.5, off.MaxAbsError, 12);
        Assert.Equal(0.5 / 4, off.MaxRelError, 12);
        Assert.Equal(10 * Math.Log10((1 + 4 + 16) / 0.25), off.SqnrDb!.Value, 9);
        Assert.False(off.Match);
        Assert.True(OutputComparison.Of(r, x, 0.2).Match);
        var nan = OutputComparison.Of(r, [1f, -2f, float.NaN, 0f], 1);
        Assert.Equal(1, nan.NonFinite);
        Assert.False(nan.Match);
    }

    [SkippableFact]
    public void TheThreeVariantsRunOnTheSameInputsAndAgree()
    {
        Skip.IfNot(TestSupport.ToolchainPresent, "MLIR 19 tools not installed (scripts/setup.sh installs them)");
        var (module, _, ops) = Parse();
        WithModelFile(path =>
        {
            var validator = new ModelValidator(Toolchain.Default, TestSupport.Pipeline, Fast());
            var result = validator.Validate(path, module, [new ExecutionGroup([ops[2], ops[3]]), new ExecutionGroup([ops[0], ops[1]])], 1e-4);
            Assert.All(result.Variants, v => Assert.True(v.Failure is null && v.MedianNs > 0, v.Failure?.Message));
            Assert.True(result.OutputsMatch);
            Assert.Equal(32, result.OutputElements);
            Assert.Equal(32, result.Comparisons["hwopt"].Compared);
            // bf16 changes the values, within the 16-bit tolerance.
            var bf16 = validator.Validate(path, module, [new ExecutionGroup([ops[0], ops[1]], "bf16"), new ExecutionGroup([ops[2], ops[3]])], 5e-2);
            Assert.InRange(bf16.Comparisons["hwopt"].MaxRelError, double.Epsilon, 5e-2);
            // f8 does not lower in MLIR 19: the plan is rebuilt with the format emulated (mantissa rounded to 3 bits).
            var f8 = validator.Validate(path, module, [new ExecutionGroup([ops[0], ops[1]], "f8E4M3FN"), new ExecutionGroup([ops[2], ops[3]])], 1e-1);
            Assert.Equal(FormatExecution.Emulated, f8.Kernels[0].Execution);
            Assert.Null(f8["hwopt"].Failure);
            Assert.InRange(f8.Comparisons["hwopt"].MaxRelError, double.Epsilon, 1e-1);
        });
    }

    [SkippableFact]
    public void ABrokenPipelineFailsEveryVariantAtLowering()
    {
        Skip.IfNot(TestSupport.ToolchainPresent, "MLIR 19 tools not installed (scripts/setup.sh installs them)");
        var (module, _, ops) = Parse();
        WithModelFile(path =>
        {
            var validator = new ModelValidator(Toolchain.Default, new LoweringPipeline("broken", "builtin.module(no-such-pass)"), Fast());
            var result = validator.Validate(path, module, ops.Select(o => new ExecutionGroup([o])).ToList(), 1e-4);
            Assert.All(result.Variants, v => Assert.Equal(FailureStage.Lowering, v.Failure?.Stage));
            Assert.False(result.OutputsMatch);
            Assert.Empty(result.Comparisons);
        });
    }

    /// <summary>Runs <paramref name="body"/> with <see cref="Model"/> written to a file in a fresh folder, removed afterwards.</summary>
    private static void WithModelFile(Action<string> body)
    {
        string dir = Directory.CreateTempSubdirectory("hwopt-validate").FullName;
        try
        {
            string path = Path.Combine(dir, "model.mlir");
            File.WriteAllText(path, Model);
            body(path);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    private static ValidationOptions Fast() =>
        new(ValidationOptions.DefaultTiming with { Samples = 1, SampleTargetNs = 1e5, BudgetNs = 1e7 }, TimeSpan.FromSeconds(120), Cpu: null, Rounds: 1);
}
