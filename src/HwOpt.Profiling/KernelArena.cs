using System.Reflection;
using System.Security.Cryptography;
using System.Text;

namespace HwOpt.Profiling;

/// <summary>
/// The deterministic heap of an ahead-of-time harness (<c>Native/kernel_arena.c</c>, compiled once per machine by
/// <c>cc</c> and linked with <c>-Wl,--wrap=malloc -Wl,--wrap=free</c>): the buffers that kernels allocate inside the
/// timed call sit at the same page offsets, and reuse the same pages, whatever ran before them in the process.
/// </summary>
/// <remarks>
/// Measured on this machine (2026-12-05): with glibc's allocator, kernels that allocate their result (tensor.pad,
/// expand_shape / collapse_shape, extract_slice outlined from models) agreed within +-10 % between two batch orders
/// for 0-57 % of them by op kind, because their result's offset within a page (4K aliasing against the argument
/// streams) and glibc's choice between a fresh mmap and the heap both depended on the allocation history.
/// The JIT runner (<see cref="HarnessRunner.Jit"/>) cannot wrap symbols and keeps glibc's allocator.
/// </remarks>
public static class KernelArena
{
    private const string ResourceName = "HwOpt.Profiling.Native.kernel_arena.c";
    private static readonly object Gate = new();

    /// <summary>The C source of the arena.</summary>
    public static string Source { get; } = ReadSource();

    /// <summary>Linker flags that route the harness object's <c>malloc</c> / <c>free</c> to the arena.</summary>
    public static IReadOnlyList<string> WrapFlags { get; } = ["-Wl,--wrap=malloc", "-Wl,--wrap=free"];

    /// <summary>Short hash of <see cref="Source"/> (recorded in the dataset provenance).</summary>
    public static string SourceHash { get; } = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Source)))[..12];

    /// <summary>
    /// The arena's object file, compiled with <paramref name="compiler"/> into a per-user cache folder under the temp
    /// directory (named by the source hash, so a changed source is compiled again).
    /// </summary>
    /// <param name="compiler">A C compiler driver (the toolchain's <c>cc</c>).</param>
    /// <param name="timeout">Time limit of the compile.</param>
    /// <returns>The object path, or the compiler's failure reason.</returns>
    public static (string? Object, string? Error) Compile(string compiler, TimeSpan timeout)
    {
        lock (Gate)
        {
            string dir = Path.Combine(Path.GetTempPath(), $"hwopt-arena-{Environment.UserName}-{SourceHash}");
            string obj = Path.Combine(dir, "kernel_arena.o");
            if (File.Exists(obj)) return (obj, null);
            Directory.CreateDirectory(dir);
            string unique = Guid.NewGuid().ToString("N");
            string c = Path.Combine(dir, $"kernel_arena.{unique}.c"), tmp = Path.Combine(dir, $"kernel_arena.{unique}.o");
            File.WriteAllText(c, Source);
            var run = ProcessRunner.Run(compiler, ["-O2", "-std=c11", "-D_DEFAULT_SOURCE", "-c", c, "-o", tmp], timeout);
            File.Delete(c);
            if (!run.Succeeded)
            {
                if (File.Exists(tmp)) File.Delete(tmp);
                return (null, "kernel arena: " + run.FailureReason());
            }
            File.Move(tmp, obj, overwrite: true);
            return (obj, null);
        }
    }

    private static string ReadSource()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException("missing embedded resource " + ResourceName);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
