using System.Diagnostics;
using System.Text.Json;

namespace HwOpt.Cli.Tests;

/// <summary><c>hwopt cost</c>, <c>hwopt device</c> and <c>hwopt eval</c> as a user runs them, with the shipped cost model.</summary>
public sealed class CostCommandTests
{
    private static (int Code, string Stdout, string Stderr) Run(string args, string? stdin = null) => HwOptProcess.Run(args, stdin);

    private static string Root => HwOptProcess.Root;

    [Fact]
    public void JsonFollowsTheContractAndIsDeterministic()
    {
        var r = Run("cost corpus/models/lenet5.mlir --json");
        Assert.True(r.Code == 0, r.Stderr);
        using var doc = JsonDocument.Parse(r.Stdout);
        var root = doc.RootElement;
        Assert.Equal(1, root.GetProperty("schemaVersion").GetInt32());
        Assert.Equal("host-cpu", root.GetProperty("device").GetString());
        var ops = root.GetProperty("ops").EnumerateArray().ToList();
        Assert.True(ops.Count > 10);
        double sum = 0;
        foreach (var op in ops)
        {
            foreach (var field in new[] { "name", "location", "shapes", "dtype", "latency_ns", "latency_ns_low", "latency_ns_high", "flops", "bytes", "spills" })
            {
                Assert.True(op.TryGetProperty(field, out _), field);
            }
            double ns = op.GetProperty("latency_ns").GetDouble();
            Assert.True(op.GetProperty("latency_ns_low").GetDouble() <= ns && ns <= op.GetProperty("latency_ns_high").GetDouble());
            Assert.StartsWith("corpus/models/lenet5.mlir:", op.GetProperty("location").GetString());
            sum += ns;
        }
        Assert.Equal(sum, root.GetProperty("total_latency_ns").GetDouble(), sum * 1e-6);
        Assert.Equal(r.Stdout, Run("cost corpus/models/lenet5.mlir --json").Stdout);
    }

    [Fact]
    public void TheTableNamesEveryOpAndTheTotal()
    {
        var r = Run("cost corpus/models/mlp.mlir");
        Assert.True(r.Code == 0, r.Stderr);
        Assert.Contains("linalg.matmul", r.Stdout);
        Assert.Contains("# total:", r.Stdout);
        Assert.Contains("learned:host-cpu", r.Stdout);
    }

    [Fact]
    public void AnInt8OnlyDeviceCannotRunFloatOps()
    {
        var r = Run("cost corpus/models/mlp.mlir --device edge-npu --json");
        Assert.True(r.Code == 0, r.Stderr);
        using var doc = JsonDocument.Parse(r.Stdout);
        Assert.Equal("roofline:edge-npu", doc.RootElement.GetProperty("cost_model").GetString());
        Assert.True(doc.RootElement.GetProperty("unsupported_ops").GetInt32() > 0);
    }

    [Fact]
    public void AMissingModelFolderIsADiagnosticNotACrash()
    {
        var r = Run("cost corpus/models/mlp.mlir --model /nonexistent/bundle");
        Assert.Equal(1, r.Code);
        Assert.Contains("HW4011", r.Stderr);
        Assert.Contains("/nonexistent/bundle/model-card.json", r.Stderr);
        Assert.DoesNotContain("Unhandled", r.Stderr);
    }

    [Fact]
    public void BadIrGetsALocatedDiagnostic()
    {
        string file = Path.Combine(Path.GetTempPath(), $"hwopt-bad-{Guid.NewGuid():N}.mlir");
        File.WriteAllText(file, "func.func @f() {\n  %0 = arith.addf %x, %x : f32\n  return\n}\n");
        try
        {
            var r = Run($"cost \"{file}\"");
            Assert.Equal(1, r.Code);
            Assert.Contains(file + ":2:", r.Stderr);
            Assert.Contains("error: HW1", r.Stderr);
        }
        finally { File.Delete(file); }
    }

    [Fact]
    public void DeviceListShowsThePublishedProfiles()
    {
        var r = Run("device list");
        Assert.Equal(0, r.Code);
        Assert.Contains("h200", r.Stdout);
        Assert.Contains("edge-npu", r.Stdout);
    }

    [Fact]
    public void EvalReportsTheLearnedModelBesideTheRoofline()
    {
        var r = Run("eval corpus/measurements/host-cpu.csv.gz --split test_family");
        Assert.True(r.Code == 0, r.Stderr);
        Assert.Contains("| learned:host-cpu |", r.Stdout);
        Assert.Contains("| roofline:host-cpu |", r.Stdout);
        Assert.Contains("## By op kind", r.Stdout);
        Assert.Contains("gpt2_small.mlir", r.Stdout);
    }

    [Fact]
    public void EvalFewShotCalibratesOnTheProxyDevice()
    {
        // The committed proxy device (the host's kernels compiled with -O1 -mcpu=x86-64): 10 samples per draw, both
        // calibrations beside the model as trained, and the element-type groups the offsets come from.
        var r = Run("eval corpus/measurements/proxy-O1-x86-64.csv.gz --few-shot 10 --trials 5");
        Assert.True(r.Code == 0, r.Stderr);
        Assert.Contains("## Few-shot adaptation (10 measured kernels of the new device, median of 5 random draws", r.Stdout);
        Assert.Contains("| as trained (no calibration) |", r.Stdout);
        Assert.Contains("| calibrated with 10 samples (roofline terms) |", r.Stdout);
        Assert.Contains("| calibrated with 10 samples (roofline terms + element-type offsets) |", r.Stdout);
        Assert.Matches(@"Element-type groups \(narrowest float type of the kernel\): f32 \d+, ", r.Stdout);
    }
}
