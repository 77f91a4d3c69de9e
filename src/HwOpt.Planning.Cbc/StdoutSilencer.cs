using System.Runtime.InteropServices;

namespace HwOpt.Planning.Cbc;

/// <summary>
/// Points file descriptor 1 at <c>/dev/null</c> while CBC runs (CBC's driver prints banners and statistics with
/// <c>printf</c> even at log level 0) and restores it afterwards. .NET's <see cref="Console.Out"/> is flushed first.
/// Linux/glibc only (the project's platform); elsewhere it does nothing.
/// </summary>
internal sealed partial class StdoutSilencer : IDisposable
{
    private readonly int _saved;

    private StdoutSilencer(int saved) => _saved = saved;

    /// <summary>Starts silencing; null when the descriptors cannot be duplicated.</summary>
    public static StdoutSilencer? Start()
    {
        if (!OperatingSystem.IsLinux()) return null;
        CbcLibrary.EnsureAvailable();
        Console.Out.Flush();
        fflush(0);
        int saved = dup(1);
        if (saved < 0) return null;
        int devNull = open("/dev/null", 1);
        if (devNull < 0)
        {
            close(saved);
            return null;
        }
        dup2(devNull, 1);
        close(devNull);
        return new StdoutSilencer(saved);
    }

    /// <summary>Restores stdout.</summary>
    public void Dispose()
    {
        fflush(0);
        dup2(_saved, 1);
        close(_saved);
    }

    [LibraryImport("libc", SetLastError = true)] private static partial int dup(int fd);
    [LibraryImport("libc", SetLastError = true)] private static partial int dup2(int fd, int fd2);
    [LibraryImport("libc", SetLastError = true)] private static partial int close(int fd);
    [LibraryImport("libc")] private static partial int fflush(nint stream);
    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)] private static partial int open(string path, int flags);
}
