using System.Text.RegularExpressions;
using HwOpt.Profiling;

namespace HwOpt.Profiling.Tests;

/// <summary>Where a harness puts a kernel's arguments, and the code-layout flags of timed compiles.</summary>
public sealed class HarnessLayoutTests
{
    private const string Add = """
        func.func @add(%a: tensor<64x32xf32>, %b: tensor<32xf32>, %c: tensor<64x32xf32>) -> tensor<64x32xf32> {
          %0 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%a, %b : tensor<64x32xf32>, tensor<32xf32>) outs(%c : tensor<64x32xf32>) {
          ^bb0(%x: f32, %y: f32, %o: f32):
            %s = arith.addf %x, %y : f32
            linalg.yield %s : f32
          } -> tensor<64x32xf32>
          return %0 : tensor<64x32xf32>
        }
        """;

    [Fact]
    public void EachArgumentGetsItsOwnPageAlignedBufferAtAFixedStagger()
    {
        var kernel = KernelExtractor.FromModule(TestSupport.Parse(Add), "t.mlir", "other").Single().Kernel;
        string text = HarnessBuilder.Build([kernel], new TimingSettings());

        // 64x32 f32 = 8192 bytes, 32 f32 = 128 bytes; one page more for the shift.
        Assert.Contains("%raw0 = memref.alloc() {alignment = 4096 : i64} : memref<12288xi8>", text);
        Assert.Contains("%raw1 = memref.alloc() {alignment = 4096 : i64} : memref<4224xi8>", text);
        Assert.Contains("%m0 = memref.view %raw0[%shift0][] : memref<12288xi8> to memref<64x32xf32>", text);
        Assert.Contains("%m2 = memref.view %raw2[%shift2][] : memref<12288xi8> to memref<64x32xf32>", text);
        var shifts = Regex.Matches(text, @"%shift\d+ = arith.constant (\d+) : index").Select(m => long.Parse(m.Groups[1].Value)).ToList();
        Assert.Equal([0L, 640L, 1280L], shifts);
        Assert.DoesNotContain("alignment = 64 :", text);
    }

    [Fact]
    public void ArgumentShiftsAreDistinctModuloAPageAndKeepCacheLineAlignment()
    {
        var shifts = Enumerable.Range(0, 7).Select(HarnessBuilder.ArgumentShift).ToList();
        Assert.Equal(shifts.Count, shifts.Select(s => s % HarnessBuilder.PageBytes).Distinct().Count());
        Assert.All(shifts, s => Assert.Equal(0, s % 64));
        Assert.All(shifts, s => Assert.InRange(s, 0, HarnessBuilder.PageBytes - 1));
        // Any two of the first six arguments are at least 640 bytes apart modulo the page.
        for (int i = 0; i < 6; i++)
            for (int j = i + 1; j < 6; j++)
            {
                long d = Math.Abs(shifts[i] - shifts[j]) % HarnessBuilder.PageBytes;
                Assert.True(Math.Min(d, HarnessBuilder.PageBytes - d) >= 640, $"arguments {i} and {j}: {d} bytes apart");
            }
    }

    [Fact]
    public void TimedCompilesAlignFunctionsAndLoopsToCacheLines()
    {
        Assert.Equal(["-align-all-functions=6", "-align-loops=64"], CodeLayout.LlcFlags);
        Assert.Contains("-align-loops=64", Provenance.AotRunner());
    }

    [SkippableFact]
    public void TheLoweredKernelLoopStartsOnA64ByteBoundary()
    {
        Skip.IfNot(TestSupport.ToolchainPresent, "MLIR 19 tools not installed (scripts/setup.sh installs them)");
        using var scratch = new ScratchFolder("hwopt-layout-");
        string dir = scratch.Path;
        var kernel = KernelExtractor.FromModule(TestSupport.Parse(Add), "t.mlir", "other").Single().Kernel;
        var rows = new List<MeasurementRow>();
        new Profiler(Toolchain.Default, TestSupport.Pipeline, TestSupport.FastOptions(dir)).Measure([kernel], rows.AddRange);
        Assert.Equal("ok", rows.Single().Status);
        string asm = File.ReadAllText(Directory.GetFiles(dir, "*.s").OrderBy(f => f, StringComparer.Ordinal).Last());
        // The kernel function @k1 (index 0 is the reference kernel) and its loops are aligned to 2^6 bytes.
        int start = asm.IndexOf("\nk1:", StringComparison.Ordinal);
        Assert.True(start > 0, "kernel k1 not found in the assembly");
        string before = asm[Math.Max(0, start - 200)..start];
        Assert.Contains(".p2align\t6", before);
        int end = asm.IndexOf(".Lfunc_end", start, StringComparison.Ordinal);
        Assert.Contains(".p2align\t6", asm[start..end]);
    }
}
