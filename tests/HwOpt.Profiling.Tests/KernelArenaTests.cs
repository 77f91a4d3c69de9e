using System.Globalization;
using System.Text.RegularExpressions;
using HwOpt.Profiling;

namespace HwOpt.Profiling.Tests;

/// <summary>The deterministic heap of ahead-of-time harnesses (Native/kernel_arena.c) and the sweep of multi-op bodies.</summary>
public sealed class KernelArenaTests
{
    // A program linked like a harness (--wrap=malloc/free with the arena object): prints the page offset of each
    // block and whether the arena served the same address again.
    private const string Probe = """
        #include <stdio.h>
        #include <stdlib.h>
        #include <string.h>
        #include <stdint.h>
        static unsigned off(void *p) { return (unsigned)((uintptr_t)p % 4096); }
        int main(void)
        {
            char *a = malloc(100), *b = malloc(5000), *c = malloc(1);
            printf("offsets %u %u %u\n", off(a), off(b), off(c));
            free(c);
            char *c2 = malloc(1);
            printf("lifo %d\n", c2 == c);
            free(a);
            char *a2 = malloc(3000);
            printf("first-fit %d\n", a2 == a);
            char *big = malloc(1u << 24);
            memset(big, 1, 1u << 24);
            free(big); free(c2); free(b); free(a2);
            char *again = malloc(100);
            printf("empty %d\n", again == a);
            free(again);
            char *libc = strdup("from glibc"); /* allocated inside libc: glibc's heap, freed through the wrapper */
            free(libc);
            free(NULL);
            printf("done\n");
            return 0;
        }
        """;

    [SkippableFact]
    public void TheArenaServesPageOffsetsAtTheStaggerAndTheSameAddressesAgain()
    {
        Skip.IfNot(TestSupport.ToolchainPresent, "MLIR 19 tools and cc not installed (scripts/setup.sh installs them)");
        var (arena, error) = KernelArena.Compile(Toolchain.Default.Linker, TimeSpan.FromSeconds(60));
        Assert.True(arena is not null, error);
        using var scratch = new ScratchFolder("hwopt-arena-test-");
        string dir = scratch.Path;
        string c = Path.Combine(dir, "probe.c"), exe = Path.Combine(dir, "probe");
        File.WriteAllText(c, Probe);
        var link = ProcessRunner.Run(Toolchain.Default.Linker, ["-O1", c, arena!, .. KernelArena.WrapFlags, "-o", exe], TimeSpan.FromSeconds(60));
        Assert.True(link.Succeeded, link.StdErr);
        var run = ProcessRunner.Run(exe, [], TimeSpan.FromSeconds(30), memoryLimitBytes: 4L << 30);
        Assert.True(run.Succeeded, run.StdErr);
        var lines = run.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        // Block i starts at (i * 640) mod 4096 in its page, like the harness's arguments.
        Assert.Equal($"offsets 0 {HarnessBuilder.ArgumentStaggerBytes} {2 * HarnessBuilder.ArgumentStaggerBytes}", lines[0]);
        Assert.Equal(["lifo 1", "first-fit 1", "empty 1", "done"], lines[1..]);
    }

    [SkippableFact]
    public void KernelsThatAllocateTheirResultRunOnTheArena()
    {
        Skip.IfNot(TestSupport.ToolchainPresent, "MLIR 19 tools and cc not installed (scripts/setup.sh installs them)");
        const string pad = """
            func.func @pad(%a: tensor<8x30x30xf32>) -> tensor<8x32x32xf32> {
              %cst = arith.constant 0.000000e+00 : f32
              %0 = tensor.pad %a low[0, 1, 1] high[0, 1, 1] {
              ^bb0(%i: index, %j: index, %k: index):
                tensor.yield %cst : f32
              } : tensor<8x30x30xf32> to tensor<8x32x32xf32>
              return %0 : tensor<8x32x32xf32>
            }
            """;
        using var scratch = new ScratchFolder("hwopt-arena-pad-");
        string dir = scratch.Path;
        var kernel = KernelExtractor.FromModule(TestSupport.Parse(pad), "t.mlir", "other").Single(p => p.Kernel.OpNames[0] == "tensor.pad").Kernel;
        var rows = new List<MeasurementRow>();
        new Profiler(Toolchain.Default, TestSupport.Pipeline, TestSupport.FastOptions(dir)).Measure([kernel], rows.AddRange);
        Assert.Equal("ok", rows.Single().Status);
        string exe = Directory.GetFiles(dir, "*.exe").OrderBy(f => f, StringComparer.Ordinal).Last();
        var nm = ProcessRunner.Run(Toolchain.Default.LlvmNm, ["--defined-only", exe], TimeSpan.FromSeconds(30));
        Assert.Contains("__wrap_malloc", nm.StdOut);
        // The kernel itself calls malloc for its result (which the link routes to the arena).
        string asm = File.ReadAllText(Directory.GetFiles(dir, "*.s").OrderBy(f => f, StringComparer.Ordinal).Last());
        int start = asm.IndexOf("\nk1:", StringComparison.Ordinal);
        int end = asm.IndexOf(".Lfunc_end", start, StringComparison.Ordinal);
        Assert.Contains("malloc", asm[start..end]);
        Assert.Contains(KernelArena.SourceHash, Provenance.AotRunner());
    }

    [Fact]
    public void FusedElementwiseBodiesUseEveryInputAndEveryValue()
    {
        var kernels = KernelSweeps.Generate("fused-elementwise", 80, 11);
        Assert.True(kernels.Count >= 70, $"{kernels.Count} kernels");
        int broadcastUnitDims = 0, multiOp = 0;
        foreach (var k in kernels)
        {
            Assert.Equal(["linalg.generic"], k.OpNames);
            string body = k.Body;
            int region = body.IndexOf("^bb0(%arg", StringComparison.Ordinal);
            Assert.True(region > 0, body);
            string scalar = body[region..];
            // Every scalar value defined in the region is used later (no dead op for the compiler to drop).
            var defined = Regex.Matches(scalar, @"(%\d+) = ").Select(m => m.Groups[1].Value).ToList();
            foreach (var v in defined)
            {
                Assert.Matches(new Regex(Regex.Escape(v) + @"[,)]"), scalar);
            }
            // Every input block argument is used; the last one (the output's element) may not be.
            int args = Regex.Matches(scalar[..scalar.IndexOf('\n')], @"%arg\d+:").Count;
            for (int a = 0; a < args - 1; a++) Assert.Matches(new Regex("\\(%arg" + a.ToString(CultureInfo.InvariantCulture) + "[,)]|, %arg" + a.ToString(CultureInfo.InvariantCulture) + "\\)"), scalar);
            if (Regex.IsMatch(body, @"affine_map<\([^)]*\) -> \([^)]*\b0[,)]")) broadcastUnitDims++;
            if (defined.Count >= 3) multiOp++;
        }
        Assert.True(broadcastUnitDims > 5, $"{broadcastUnitDims} kernels with unit-dimension broadcasts");
        Assert.True(multiOp > kernels.Count / 2, $"{multiOp} kernels with 3 or more scalar ops");
    }
}
