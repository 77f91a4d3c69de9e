using System.Globalization;

namespace HwOpt.Profiling.Validation;

/// <summary>Where building or running a variant failed.</summary>
public enum FailureStage
{
    /// <summary><c>mlir-opt</c> could not lower the module.</summary>
    Lowering,

    /// <summary><c>mlir-translate</c>, <c>opt</c>, <c>llc</c>, <c>llvm-mc</c> or the linker failed.</summary>
    Compile,

    /// <summary>The program crashed or printed nothing usable.</summary>
    Run,

    /// <summary>A tool or the program ran past its time limit.</summary>
    Timeout,
}

/// <summary>A failed step: where, and the tool's first error line.</summary>
/// <param name="Stage">The stage.</param>
/// <param name="Message">One line.</param>
public sealed record BuildFailure(FailureStage Stage, string Message);

/// <summary>
/// Lowers MLIR modules to native objects and links them, the ahead-of-time way of the profiler
/// (<see cref="HarnessRunner.Aot"/>): <c>mlir-opt</c> with a pass pipeline, <c>mlir-translate --mlir-to-llvmir</c>,
/// <c>opt -O3 -mcpu=native</c>, <c>llc -O3 -mcpu=native</c> with <see cref="CodeLayout.LlcFlags"/>, <c>llvm-mc</c>, and <c>cc</c> against the MLIR runner
/// utility libraries. Every step has the same time and address-space limits.
/// </summary>
internal sealed class NativeBuild(Toolchain tools, string directory, TimeSpan timeout, long memoryLimitBytes)
{
    /// <summary>Lowers <paramref name="mlirPath"/> with <paramref name="pipeline"/> and compiles it to an object file.</summary>
    /// <param name="mlirPath">The module.</param>
    /// <param name="pipeline">The mlir-opt pass pipeline.</param>
    /// <param name="helperPrefix">Prefix for the helper functions the lowering adds to every module (<c>dealloc_helper</c> of
    /// the buffer deallocation pipeline), so that two lowered modules link together; null keeps the names.</param>
    /// <returns>The object path, or the failure.</returns>
    public (string? Object, BuildFailure? Failure) Compile(string mlirPath, string pipeline, string? helperPrefix = null)
    {
        string stem = Path.Combine(directory, Path.GetFileNameWithoutExtension(mlirPath));
        string lowered = stem + ".llvm.mlir", ll = stem + ".ll", optimized = stem + ".opt.ll", asm = stem + ".s", obj = stem + ".o";
        var lower = ProcessRunner.Run(tools.MlirOpt, [mlirPath, "--pass-pipeline=" + pipeline, "-o", lowered], timeout, memoryLimitBytes: memoryLimitBytes);
        if (!lower.Succeeded) return (null, Failure(lower, FailureStage.Lowering, "mlir-opt"));
        Profiler.StripLeakedFastMath(lowered);
        if (helperPrefix is not null) File.WriteAllText(lowered, File.ReadAllText(lowered).Replace("@dealloc_helper", "@" + helperPrefix + "dealloc_helper", StringComparison.Ordinal));
        foreach (var (tool, args) in new (string, string[])[]
                 {
                     (tools.MlirTranslate, ["--mlir-to-llvmir", lowered, "-o", ll]),
                     (tools.Opt, ["-O3", "-mcpu=native", ll, "-S", "-o", optimized]),
                     (tools.Llc, ["-O3", "-mcpu=native", .. CodeLayout.LlcFlags, optimized, "-o", asm]),
                     (tools.LlvmMc, ["-filetype=obj", asm, "-o", obj]),
                 })
        {
            var step = ProcessRunner.Run(tool, args, timeout, memoryLimitBytes: memoryLimitBytes);
            if (!step.Succeeded) return (null, Failure(step, FailureStage.Compile, Path.GetFileName(tool)));
        }
        return (obj, null);
    }

    /// <summary>
    /// Loop nests the module becomes: its structured linalg ops (every one but <c>linalg.yield</c> / <c>linalg.index</c>)
    /// after <paramref name="prefix"/> (TOSA conversion, fusion), each lowered to one loop nest by <c>convert-linalg-to-loops</c>;
    /// null when mlir-opt fails (the compile reports why).
    /// </summary>
    public int? LoopNests(string mlirPath, string prefix)
    {
        var run = ProcessRunner.Run(tools.MlirOpt, [mlirPath, "--pass-pipeline=" + prefix], timeout, memoryLimitBytes: memoryLimitBytes);
        if (!run.Succeeded) return null;
        return LinalgOp.Matches(run.StdOut).Count;
    }

    private static readonly System.Text.RegularExpressions.Regex LinalgOp =
        new(@"^\s*(?:%\S+ = )?""?linalg\.(?!yield\b|index\b)[a-z_0-9]+", System.Text.RegularExpressions.RegexOptions.Multiline | System.Text.RegularExpressions.RegexOptions.Compiled);

    /// <summary>Links objects into an executable.</summary>
    public (string? Executable, BuildFailure? Failure) Link(IReadOnlyList<string> objects, string name)
    {
        string exe = Path.Combine(directory, name);
        var float16 = File.Exists(tools.Float16Utils) ? new[] { "-l:" + Path.GetFileName(tools.Float16Utils) } : [];
        var link = ProcessRunner.Run(tools.Linker,
            [.. objects, "-o", exe, "-L" + tools.LibDir, "-l:" + Path.GetFileName(tools.CRunnerUtils), "-l:" + Path.GetFileName(tools.RunnerUtils), .. float16, "-Wl,-rpath," + tools.LibDir, "-lm"],
            timeout);
        return link.Succeeded ? (exe, null) : (null, Failure(link, FailureStage.Compile, "link"));
    }

    /// <summary>Runs an executable, pinned to <paramref name="cpu"/> when given.</summary>
    public ProcessOutcome Run(string exe, int? cpu) => ProcessRunner.Run(exe, [], timeout, memoryLimitBytes: memoryLimitBytes, cpu: cpu);

    private BuildFailure Failure(ProcessOutcome outcome, FailureStage stage, string tool) =>
        outcome.TimedOut
            ? new BuildFailure(FailureStage.Timeout, $"{tool} ran past {timeout.TotalSeconds.ToString("0", CultureInfo.InvariantCulture)} s")
            : new BuildFailure(stage, tool + ": " + outcome.FailureReason().Replace(directory + Path.DirectorySeparatorChar, "", StringComparison.Ordinal));
}
