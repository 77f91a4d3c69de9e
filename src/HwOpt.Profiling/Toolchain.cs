using HwOpt.Diagnostics;

namespace HwOpt.Profiling;

/// <summary>
/// The MLIR 19 / LLVM 19 tools that produce ground truth: <c>mlir-opt</c> (lowering), <c>mlir-cpu-runner</c> (JIT and run),
/// <c>mlir-translate</c>, <c>opt</c>, <c>llc</c> (assembly for spills and instruction counts), <c>llvm-nm</c> (code size), and the
/// runner utility libraries (<c>libmlir_c_runner_utils</c>, <c>libmlir_runner_utils</c>, versioned <c>.so.19.1</c> names).
/// </summary>
/// <param name="BinDir">Folder of the LLVM tools (default <c>/usr/lib/llvm-19/bin</c>).</param>
/// <param name="LibDir">Folder of the runner libraries (default <c>/usr/lib/llvm-19/lib</c>).</param>
public sealed record Toolchain(string BinDir, string LibDir)
{
    /// <summary>The Debian layout of llvm-19 / mlir-19-tools.</summary>
    public static Toolchain Default { get; } = new(
        Environment.GetEnvironmentVariable("HWOPT_LLVM_BIN") ?? "/usr/lib/llvm-19/bin",
        Environment.GetEnvironmentVariable("HWOPT_LLVM_LIB") ?? "/usr/lib/llvm-19/lib");

    /// <summary>Path of <c>mlir-opt</c>.</summary>
    public string MlirOpt => Path.Combine(BinDir, "mlir-opt");
    /// <summary>Path of <c>mlir-cpu-runner</c>.</summary>
    public string MlirCpuRunner => Path.Combine(BinDir, "mlir-cpu-runner");
    /// <summary>Path of <c>mlir-translate</c>.</summary>
    public string MlirTranslate => Path.Combine(BinDir, "mlir-translate");
    /// <summary>Path of <c>opt</c>.</summary>
    public string Opt => Path.Combine(BinDir, "opt");
    /// <summary>Path of <c>llc</c>.</summary>
    public string Llc => Path.Combine(BinDir, "llc");
    /// <summary>The C compiler driver used as linker for ahead-of-time harnesses (<c>cc</c>, Debian package gcc).</summary>
    public string Linker => Environment.GetEnvironmentVariable("HWOPT_LINKER") ?? "/usr/bin/cc";
    /// <summary>Path of <c>llvm-mc</c>.</summary>
    public string LlvmMc => Path.Combine(BinDir, "llvm-mc");
    /// <summary>Path of <c>llvm-nm</c>.</summary>
    public string LlvmNm => Path.Combine(BinDir, "llvm-nm");
    /// <summary>Path of <c>libmlir_c_runner_utils.so.19.1</c>.</summary>
    public string CRunnerUtils => FindLib("libmlir_c_runner_utils.so");
    /// <summary>Path of <c>libmlir_runner_utils.so.19.1</c>.</summary>
    public string RunnerUtils => FindLib("libmlir_runner_utils.so");
    /// <summary>Path of <c>libmlir_float16_utils.so.19.1</c>: the f16/bf16 conversion helpers that code for CPUs without native conversions calls.</summary>
    public string Float16Utils => FindLib("libmlir_float16_utils.so");

    private string FindLib(string stem)
    {
        foreach (var candidate in new[] { stem + ".19.1", stem + ".19", stem })
        {
            var p = Path.Combine(LibDir, candidate);
            if (File.Exists(p)) return p;
        }
        return Path.Combine(LibDir, stem + ".19.1");
    }

    /// <summary>Checks that every tool and library exists; reports HW4007 naming the Debian package otherwise.</summary>
    /// <param name="diagnostics">Where to report.</param>
    /// <returns>True when everything is present.</returns>
    public bool Check(DiagnosticBag diagnostics)
    {
        bool ok = true;
        foreach (var (path, package) in new[]
                 {
                     (MlirOpt, "mlir-19-tools"), (MlirCpuRunner, "mlir-19-tools"), (MlirTranslate, "mlir-19-tools"),
                     (Opt, "llvm-19"), (Llc, "llvm-19"), (LlvmMc, "llvm-19"), (LlvmNm, "llvm-19"), (CRunnerUtils, "libmlir-19"), (RunnerUtils, "libmlir-19"), (Linker, "gcc"),
                 })
        {
            if (!File.Exists(path))
            {
                diagnostics.Report(DiagnosticIds.MissingToolchain, default,
                    $"'{path}' not found: install the Debian package '{package}' (scripts/setup.sh does it)");
                ok = false;
            }
        }
        return ok;
    }

    /// <summary>The LLVM version string (e.g. <c>19.1.7</c>) from <c>llc --version</c>, or "unknown".</summary>
    public string LlvmVersion()
    {
        try
        {
            var outcome = ProcessRunner.Run(Llc, ["--version"], TimeSpan.FromSeconds(20));
            foreach (var line in outcome.StdOut.Split('\n'))
            {
                int i = line.IndexOf("LLVM version", StringComparison.Ordinal);
                if (i >= 0) return line[(i + "LLVM version".Length)..].Trim();
            }
        }
        catch (System.ComponentModel.Win32Exception)
        {
        }
        return "unknown";
    }
}
