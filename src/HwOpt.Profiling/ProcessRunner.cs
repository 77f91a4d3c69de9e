using System.Diagnostics;
using System.Text;

namespace HwOpt.Profiling;

/// <summary>The outcome of one child process.</summary>
/// <param name="ExitCode">Exit status; -1 when it was killed for running past its time limit.</param>
/// <param name="StdOut">Standard output.</param>
/// <param name="StdErr">Standard error.</param>
/// <param name="TimedOut">True when the time limit was reached and the process tree was killed.</param>
/// <param name="WallMs">Wall-clock time in milliseconds.</param>
public sealed record ProcessOutcome(int ExitCode, string StdOut, string StdErr, bool TimedOut, double WallMs)
{
    /// <summary>True when the process exited with status 0 within its limit.</summary>
    public bool Succeeded => ExitCode == 0 && !TimedOut;

    /// <summary>A one-line reason for a failure (first error line of stderr, or the signal/timeout).</summary>
    public string FailureReason()
    {
        if (TimedOut) return "timeout";
        var line = StdErr.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Contains("error", StringComparison.OrdinalIgnoreCase))
                   ?? StdErr.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0);
        string signal = ExitCode > 128 ? $"killed by signal {ExitCode - 128}" : $"exit {ExitCode}";
        return line is null ? signal : $"{signal}: {line}";
    }
}

/// <summary>
/// Runs a child process with a wall-clock limit, an optional address-space limit (<c>prlimit --as</c>) and an optional
/// CPU pin (<c>taskset -c</c>), so that code generated from user IR cannot stall or take down the profiler.
/// </summary>
public static class ProcessRunner
{
    /// <summary>Runs <paramref name="fileName"/> with <paramref name="arguments"/>.</summary>
    /// <param name="fileName">Executable path.</param>
    /// <param name="arguments">Arguments (passed without a shell).</param>
    /// <param name="timeout">Wall-clock limit; the process tree is killed when it is reached.</param>
    /// <param name="stdin">Text for standard input, or null.</param>
    /// <param name="memoryLimitBytes">Address-space limit applied with <c>prlimit</c>, or null.</param>
    /// <param name="cpu">CPU to pin to with <c>taskset</c>, or null.</param>
    /// <returns>The outcome; never throws for a failing child (only when the executable cannot be started).</returns>
    /// <exception cref="System.ComponentModel.Win32Exception">The executable cannot be started.</exception>
    public static ProcessOutcome Run(string fileName, IReadOnlyList<string> arguments, TimeSpan timeout, string? stdin = null,
        long? memoryLimitBytes = null, int? cpu = null)
    {
        var argv = new List<string>();
        if (cpu is { } c && File.Exists("/usr/bin/taskset")) argv.AddRange(["/usr/bin/taskset", "-c", c.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        if (memoryLimitBytes is { } m && File.Exists("/usr/bin/prlimit")) argv.AddRange(["/usr/bin/prlimit", $"--as={m}", "--"]);
        argv.Add(fileName);
        argv.AddRange(arguments);

        var psi = new ProcessStartInfo(argv[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = stdin is not null,
            UseShellExecute = false,
        };
        foreach (var a in argv.Skip(1)) psi.ArgumentList.Add(a);
        var watch = Stopwatch.StartNew();
        using var process = new Process { StartInfo = psi };
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (stdout) stdout.Append(e.Data).Append('\n'); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (stderr) stderr.Append(e.Data).Append('\n'); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (stdin is not null)
        {
            try
            {
                process.StandardInput.Write(stdin);
                process.StandardInput.Close();
            }
            catch (IOException)
            {
                // The child exited before reading its input; its exit status says why.
            }
        }
        bool timedOut = !process.WaitForExit((int)Math.Min(int.MaxValue, timeout.TotalMilliseconds));
        if (timedOut)
        {
            try { process.Kill(entireProcessTree: true); }
            catch (InvalidOperationException) { }
            process.WaitForExit();
        }
        else
        {
            process.WaitForExit(); // drain the asynchronous readers
        }
        string o, e2;
        lock (stdout) o = stdout.ToString();
        lock (stderr) e2 = stderr.ToString();
        return new ProcessOutcome(timedOut ? -1 : process.ExitCode, o, e2, timedOut, watch.Elapsed.TotalMilliseconds);
    }
}
