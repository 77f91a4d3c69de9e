using System.Diagnostics;
using HwOpt.Diagnostics;
using HwOpt.IR;

namespace HwOpt.Syntax.Tests;

/// <summary>Where the repository, its corpus and the shared corpus are; how to run mlir-opt.</summary>
internal static class TestPaths
{
    public static string RepoRoot { get; } = FindRoot();

    public static string Corpus(string sub) => Path.Combine(RepoRoot, "corpus", sub);

    /// <summary>../shared/corpus beside the checkout (absent on some machines: tests using it skip).</summary>
    public static string SharedCorpus => Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "corpus"));

    public const string MlirOpt = "/usr/lib/llvm-19/bin/mlir-opt";

    public static IEnumerable<object[]> Files(string sub) =>
        Directory.Exists(Corpus(sub))
            ? Directory.GetFiles(Corpus(sub), "*.mlir").Order(StringComparer.Ordinal).Select(f => new object[] { Path.GetFileName(f) })
            : [];

    public static ParseResult ParseFile(string path) =>
        MlirParser.Parse(new SourceText(path, File.ReadAllText(path)));

    public static string Generic(ParseResult r) => GenericPrinter.Print(r.Module!);

    /// <summary>Runs mlir-opt with a time limit; returns exit code, stdout, stderr.</summary>
    public static (int Code, string Stdout, string Stderr) RunMlirOpt(string arguments, string? stdin = null)
    {
        var psi = new ProcessStartInfo(MlirOpt, arguments)
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        using var p = Process.Start(psi)!;
        var stdoutTask = p.StandardOutput.ReadToEndAsync();
        var stderrTask = p.StandardError.ReadToEndAsync();
        if (stdin is not null) p.StandardInput.Write(stdin);
        p.StandardInput.Close();
        if (!p.WaitForExit(60_000))
        {
            p.Kill(true);
            return (-1, string.Empty, "timeout");
        }
        return (p.ExitCode, stdoutTask.Result, stderrTask.Result);
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Compiler.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Compiler.sln not found above " + AppContext.BaseDirectory);
    }
}
