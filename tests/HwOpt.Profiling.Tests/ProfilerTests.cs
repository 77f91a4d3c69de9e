using HwOpt.Profiling;

namespace HwOpt.Profiling.Tests;

/// <summary>End-to-end: lowering with mlir-opt-19, running with mlir-cpu-runner-19, llc-19 metrics. Skipped when the toolchain is absent.</summary>
public sealed class ProfilerTests
{
    private const string Models = """
        func.func @ok(%a: tensor<32x48xf32>, %b: tensor<48x16xf32>, %c: tensor<32x16xf32>) -> tensor<32x16xf32> {
          %0 = linalg.matmul ins(%a, %b : tensor<32x48xf32>, tensor<48x16xf32>) outs(%c : tensor<32x16xf32>) -> tensor<32x16xf32>
          return %0 : tensor<32x16xf32>
        }
        func.func @bad(%a: tensor<8xf32>) -> tensor<8xf32> {
          %0 = "nosuchdialect.op"(%a) : (tensor<8xf32>) -> tensor<8xf32>
          return %0 : tensor<8xf32>
        }
        func.func @spills(%x: tensor<1x16x65x65xf16>, %w: tensor<16x3x3xf16>, %o: tensor<1x16x32x32xf16>) -> tensor<1x16x32x32xf16> {
          %0 = linalg.depthwise_conv_2d_nchw_chw {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>} ins(%x, %w : tensor<1x16x65x65xf16>, tensor<16x3x3xf16>) outs(%o : tensor<1x16x32x32xf16>) -> tensor<1x16x32x32xf16>
          return %0 : tensor<1x16x32x32xf16>
        }
        """;

    private static List<MeasurementRow> Profile(IReadOnlyList<Kernel> kernels)
    {
        var profiler = new Profiler(Toolchain.Default, TestSupport.Pipeline, TestSupport.FastOptions());
        var rows = new List<MeasurementRow>();
        profiler.Measure(kernels, rows.AddRange);
        Assert.NotEmpty(profiler.Drift);
        return rows;
    }

    [SkippableFact]
    public void ABadKernelIsRecordedWithItsDiagnosticAndTheOthersAreMeasured()
    {
        Skip.IfNot(TestSupport.ToolchainPresent, "MLIR 19 tools not installed (scripts/setup.sh installs them)");
        var kernels = KernelExtractor.FromModule(TestSupport.Parse(Models), "t.mlir", "other").Select(p => p.Kernel).ToList();
        var rows = Profile(kernels).ToDictionary(r => r.OpNames);

        var bad = rows["nosuchdialect.op"];
        Assert.Equal("lowering-failed", bad.Status);
        Assert.Contains("unregistered dialect", bad.Error);
        Assert.Null(bad.LatencyMedianNs);

        var ok = rows["linalg.matmul"];
        Assert.Equal("ok", ok.Status);
        Assert.InRange(ok.LatencyMedianNs!.Value, 100, 1e8); // 24,576 MACs: microseconds, not nanoseconds or seconds
        Assert.True(ok.LatencyMinNs <= ok.LatencyMedianNs);
        Assert.True(ok.StaticInstructions > 5);
        Assert.True(ok.CodeSizeBytes > 0);

        // f16 depthwise convolution: LLVM computes f16 in f32 registers with conversions, and spills (9 spills and
        // 10 reloads on the development machine, an AMD EPYC; the exact count depends on -mcpu=native).
        var spills = rows["linalg.depthwise_conv_2d_nchw_chw"];
        Assert.Equal("ok", spills.Status);
        Assert.True(spills.Spills + spills.Reloads > 0, "expected the f16 depthwise convolution to spill");
    }

    [SkippableFact]
    public void AKernelThatRunsPastItsTimeLimitIsRecordedAndDoesNotStopTheRun()
    {
        Skip.IfNot(TestSupport.ToolchainPresent, "MLIR 19 tools not installed (scripts/setup.sh installs them)");
        // A 4096^3 matmul runs for minutes per call with the naive-loop pipeline: far past a 10 s limit, while the copy
        // kernel beside it needs well under a second to compile and run even on a loaded machine.
        var module = TestSupport.Parse("""
            func.func @slow(%a: tensor<4096x4096xf32>, %b: tensor<4096x4096xf32>, %c: tensor<4096x4096xf32>) -> tensor<4096x4096xf32> {
              %0 = linalg.matmul ins(%a, %b : tensor<4096x4096xf32>, tensor<4096x4096xf32>) outs(%c : tensor<4096x4096xf32>) -> tensor<4096x4096xf32>
              return %0 : tensor<4096x4096xf32>
            }
            func.func @fine(%a: tensor<64xf32>, %o: tensor<64xf32>) -> tensor<64xf32> {
              %0 = linalg.copy ins(%a : tensor<64xf32>) outs(%o : tensor<64xf32>) -> tensor<64xf32>
              return %0 : tensor<64xf32>
            }
            """);
        var kernels = KernelExtractor.FromModule(module, "t.mlir", "other").Select(p => p.Kernel).ToList();
        var options = TestSupport.FastOptions() with { KernelTimeout = TimeSpan.FromSeconds(10) };
        var profiler = new Profiler(Toolchain.Default, TestSupport.Pipeline, options);
        var rows = new List<MeasurementRow>();
        profiler.Measure(kernels, rows.AddRange);
        Assert.Contains(rows, r => r.OpNames == "linalg.copy" && r.Status == "ok");
        Assert.Contains(rows, r => r.OpNames == "linalg.matmul" && r.Status == "timeout");
    }
}
