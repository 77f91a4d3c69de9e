using System.Text.Json;

namespace HwOpt.Cli.Tests;

/// <summary><c>hwopt validate</c> as a user runs it: the three variants execute, outputs agree, the JSON report keeps its contract, failures are diagnostics.</summary>
public sealed class ValidateCommandTests
{
    private const string Fast = "--json --rounds 1 --samples 1 --cpu -1";

    private static bool ToolchainPresent => File.Exists("/usr/lib/llvm-19/bin/mlir-opt") && File.Exists("/usr/bin/cc");

    [SkippableTheory]
    [InlineData("lenet5")]
    [InlineData("mlp")]
    public void ThreeVariantsRunAndAgreeAndTheReportIsConsistent(string model)
    {
        Skip.IfNot(ToolchainPresent, "MLIR 19 tools not installed (scripts/setup.sh installs them)");
        var r = HwOptProcess.Run($"validate corpus/models/{model}.mlir {Fast}");
        Assert.True(r.Code == 0, r.Stderr);
        using var doc = JsonDocument.Parse(r.Stdout);
        var root = doc.RootElement;
        Assert.Equal(1, root.GetProperty("schemaVersion").GetInt32());
        Assert.True(root.GetProperty("outputs_match").GetBoolean());
        var measured = root.GetProperty("measured_ns");
        var predicted = root.GetProperty("predicted_ns");
        foreach (var v in new[] { "unfused", "mlir_greedy", "hwopt" })
        {
            Assert.True(measured.GetProperty(v).GetDouble() > 0, v);
            Assert.True(predicted.GetProperty(v).GetDouble() > 0, v);
            Assert.True(root.GetProperty("samples").GetProperty(v).GetInt32() >= 2, v);
            Assert.True(root.GetProperty("measured_min_ns").GetProperty(v).GetDouble() <= measured.GetProperty(v).GetDouble());
        }
        // Speedups are the ratios of the measured medians (rounded to 6 decimals in the report).
        double expected = measured.GetProperty("unfused").GetDouble() / measured.GetProperty("hwopt").GetDouble();
        Assert.Equal(expected, root.GetProperty("speedup").GetProperty("hwopt_vs_unfused").GetDouble(), 4);
        // An f32 plan only fuses: the outputs agree within reassociation error.
        Assert.True(root.GetProperty("max_rel_error").GetDouble() <= root.GetProperty("tolerance").GetDouble());
        Assert.Equal(1e-4, root.GetProperty("tolerance").GetDouble());
        foreach (var c in root.GetProperty("comparisons").EnumerateObject())
        {
            Assert.True(c.Value.GetProperty("match").GetBoolean(), c.Name);
            Assert.Equal(root.GetProperty("output_elements").GetInt64(), c.Value.GetProperty("compared").GetInt64());
        }
        Assert.Equal(2, root.GetProperty("comparisons").EnumerateObject().Count());
        Assert.True(root.GetProperty("plan").GetProperty("kernels").GetInt32() > 0);
        Assert.Equal(1, root.GetProperty("rounds").GetInt32());
        // Fusion only merges loop nests: neither mlir-opt's greedy fusion nor the plan's kernels have more than the unfused model.
        var nests = root.GetProperty("loop_nests");
        int unfused = nests.GetProperty("unfused").GetInt32();
        Assert.True(unfused > 0);
        Assert.InRange(nests.GetProperty("mlir_greedy").GetInt32(), 1, unfused);
        Assert.InRange(nests.GetProperty("hwopt").GetInt32(), 1, unfused);
        Assert.Empty(root.GetProperty("failures").EnumerateArray());
    }

    [SkippableFact]
    public void AReducedPrecisionPlanRunsInItsFormatWithinTheLooserTolerance()
    {
        Skip.IfNot(ToolchainPresent, "MLIR 19 tools not installed (scripts/setup.sh installs them)");
        var r = HwOptProcess.Run($"validate corpus/models/mlp.mlir {Fast} --pass-pipeline \"builtin.module(hwopt-fuse,hwopt-precision{{size-fraction=0.5}})\"");
        Assert.True(r.Code == 0, r.Stderr);
        using var doc = JsonDocument.Parse(r.Stdout);
        var root = doc.RootElement;
        var plan = root.GetProperty("plan");
        Assert.True(plan.GetProperty("real_format_kernels").GetInt32() > 0, r.Stdout);
        Assert.NotEmpty(plan.GetProperty("formats").EnumerateArray());
        Assert.True(root.GetProperty("outputs_match").GetBoolean());
        double rel = root.GetProperty("comparisons").GetProperty("hwopt").GetProperty("max_rel_error").GetDouble();
        Assert.True(rel > 0, "a 16-bit plan cannot reproduce f32 bit for bit");
        Assert.True(rel <= root.GetProperty("tolerance").GetDouble());
        Assert.Equal(0, root.GetProperty("comparisons").GetProperty("mlir_greedy").GetProperty("max_rel_error").GetDouble());
    }

    [SkippableFact]
    public void AnOpThatDoesNotLowerIsADiagnosticWithANonZeroExit()
    {
        Skip.IfNot(ToolchainPresent, "MLIR 19 tools not installed (scripts/setup.sh installs them)");
        WithModelFile("softmax.mlir", """
                func.func @forward(%x: tensor<2x8xf32>) -> tensor<2x8xf32> {
                  %e = tensor.empty() : tensor<2x8xf32>
                  %r = linalg.softmax dimension(1) ins(%x : tensor<2x8xf32>) outs(%e : tensor<2x8xf32>) -> tensor<2x8xf32>
                  return %r : tensor<2x8xf32>
                }
                """, path =>
        {
            var r = HwOptProcess.Run($"validate {path} {Fast}");
            Assert.Equal(1, r.Code);
            Assert.Contains("error: HW5002:", r.Stderr);
            Assert.Contains("linalg.softmax", r.Stderr);
            Assert.DoesNotContain("Unhandled exception", r.Stderr);
            using var doc = JsonDocument.Parse(r.Stdout);
            Assert.False(doc.RootElement.GetProperty("outputs_match").GetBoolean());
            Assert.Equal(3, doc.RootElement.GetProperty("failures").GetArrayLength());
        });
    }

    [SkippableFact]
    public void ADynamicShapeIsUnsupportedWithItsDiagnostic()
    {
        Skip.IfNot(ToolchainPresent, "MLIR 19 tools not installed (scripts/setup.sh installs them)");
        WithModelFile("dynamic.mlir", """
                func.func @forward(%x: tensor<?x8xf32>) -> tensor<?x8xf32> {
                  %r = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%x : tensor<?x8xf32>) outs(%x : tensor<?x8xf32>) {
                  ^bb0(%i: f32, %o: f32):
                    %v = arith.addf %i, %i : f32
                    linalg.yield %v : f32
                  } -> tensor<?x8xf32>
                  return %r : tensor<?x8xf32>
                }
                """, path =>
        {
            var r = HwOptProcess.Run($"validate {path} {Fast}");
            Assert.Equal(1, r.Code);
            Assert.Contains("error: HW5006:", r.Stderr);
            Assert.Contains("tensor<?x8xf32>", r.Stderr);
            Assert.Equal("", r.Stdout);
        });
    }

    /// <summary>Runs <paramref name="body"/> with <paramref name="text"/> in a file named <paramref name="name"/> in a fresh folder, removed afterwards.</summary>
    private static void WithModelFile(string name, string text, Action<string> body)
    {
        string dir = Directory.CreateTempSubdirectory("hwopt-validate").FullName;
        try
        {
            string path = Path.Combine(dir, name);
            File.WriteAllText(path, text);
            body(path);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void StdinIsAUsageError()
    {
        var r = HwOptProcess.Run("validate - --json", "func.func @f() { return }");
        Assert.Equal(2, r.Code);
        Assert.Contains("HW4006", r.Stderr);
    }
}
