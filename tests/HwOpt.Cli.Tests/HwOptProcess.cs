using System.Diagnostics;

namespace HwOpt.Cli.Tests;

/// <summary>
/// Runs the built hwopt CLI as a child process in the repository root, as a user would: <c>dotnet hwopt.dll</c> from
/// this test's build, or, where the environment variable <c>HWOPT_CLI</c> names an executable (the natively compiled
/// CLI that <c>scripts/build-cli.sh</c> publishes; <c>scripts/test.sh</c> runs this project again with it), that one.
/// </summary>
internal static class HwOptProcess
{
    private static readonly string Dll = Path.Combine(AppContext.BaseDirectory, "hwopt.dll");
    private static readonly string? Native = Environment.GetEnvironmentVariable("HWOPT_CLI") is { Length: > 0 } cli ? Path.GetFullPath(cli) : null;

    /// <summary>The repository root (the folder holding Compiler.sln).</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>Runs <c>hwopt ARGS</c> with optional stdin; fails the test after <paramref name="timeoutMs"/>.</summary>
    public static (int Code, string Stdout, string Stderr) Run(string args, string? stdin = null, int timeoutMs = 300_000)
    {
        var psi = Native is not null ? new ProcessStartInfo(Native, args) : new ProcessStartInfo("dotnet", $"\"{Dll}\" {args}");
        psi.RedirectStandardInput = psi.RedirectStandardOutput = psi.RedirectStandardError = true;
        psi.UseShellExecute = false;
        psi.WorkingDirectory = Root;
        using var p = Process.Start(psi)!;
        var o = p.StandardOutput.ReadToEndAsync();
        var e = p.StandardError.ReadToEndAsync();
        try
        {
            if (stdin is not null) p.StandardInput.Write(stdin);
            p.StandardInput.Close();
        }
        catch (IOException)
        {
            // The CLI exited without reading its input (a usage error): the pipe is closed. Its exit code and output tell.
        }
        Assert.True(p.WaitForExit(timeoutMs), "hwopt did not finish");
        return (p.ExitCode, o.Result, e.Result);
    }

    /// <summary>Asserts that <c>mlir-opt-19 --allow-unregistered-dialect</c> accepts a file; does nothing where MLIR 19 is not installed.</summary>
    public static void AssertMlirOptAccepts(string path)
    {
        const string mlirOpt = "/usr/lib/llvm-19/bin/mlir-opt";
        if (!File.Exists(mlirOpt)) return;
        var psi = new ProcessStartInfo(mlirOpt, $"--allow-unregistered-dialect {path} -o /dev/null") { RedirectStandardError = true, UseShellExecute = false };
        using var p = Process.Start(psi)!;
        string err = p.StandardError.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, err);
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Compiler.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("repository root not found");
    }
}
