using HwOpt.Diagnostics;
using HwOpt.IR;
using HwOpt.Profiling;
using HwOpt.Syntax;

// Profiling tests time real kernels: run them one at a time so that they do not slow each other past their limits.
[assembly: Xunit.CollectionBehavior(DisableTestParallelization = true)]

namespace HwOpt.Profiling.Tests;

internal static class TestSupport
{
    public static string RepoRoot { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Compiler.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("repository root not found");
    }

    public static ModuleIR Parse(string text)
    {
        var result = MlirParser.Parse(new SourceText("test.mlir", text));
        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics.Select(d => d.Message)));
        return result.Module!;
    }

    public static LoweringPipeline Pipeline => LoweringPipeline.Load(Path.Combine(RepoRoot, "cost-models", "pipelines", "cpu-loops.pipeline"));

    /// <summary>True when the MLIR 19 / LLVM 19 tools are installed (scripts/setup.sh installs them; CI has them).</summary>
    public static bool ToolchainPresent => Toolchain.Default.Check(new DiagnosticBag());

    /// <summary>Fast settings for tests: few samples, small budget.</summary>
    public static ProfileOptions FastOptions(string? workDir = null) => ProfileOptions.Default with
    {
        Timing = new TimingSettings(Samples: 5, MinSamples: 3, SampleTargetNs: 20_000, BudgetNs: 20_000_000, WarmupCalls: 1),
        KernelTimeout = TimeSpan.FromSeconds(60),
        Cpu = null,
        MaxAttempts = 1,
        WorkDirectory = workDir,
    };
}

/// <summary>A new folder under the temp directory (<see cref="Directory.CreateTempSubdirectory"/>), deleted with its contents on dispose.</summary>
internal sealed class ScratchFolder(string prefix) : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory(prefix).FullName;

    public void Dispose()
    {
        if (Directory.Exists(Path)) Directory.Delete(Path, recursive: true);
    }
}
