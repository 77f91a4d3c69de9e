using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using HwOpt.CostModel.Learning;

namespace HwOpt.Planning.Cbc;

/// <summary>
/// Finds and loads COIN-OR CBC's C interface library (<c>libCbcSolver</c>, Debian <c>coinor-libcbc-dev</c>).
/// When none of <see cref="CandidateNames"/> loads, <see cref="NativeLibraryMissingException"/> (HW4010) names the
/// package to install.
/// </summary>
public static class CbcLibrary
{
    /// <summary>The file names tried, in order.</summary>
    internal static readonly IReadOnlyList<string> CandidateNames = ["libCbcSolver.so.3", "libCbcSolver.so"];

    /// <summary>The Debian package that installs the library.</summary>
    internal const string DebianPackage = "coinor-libcbc-dev";

    private static readonly Lock Gate = new();
    private static nint s_handle;

    /// <summary>Loads the library now (once per process).</summary>
    /// <exception cref="NativeLibraryMissingException">The library cannot be loaded (HW4010).</exception>
    public static void EnsureAvailable()
    {
        _ = Handle;
        RuntimeHelpers.RunClassConstructor(typeof(CbcNative).TypeHandle);
    }

    /// <summary>The library's version string (e.g. <c>2.10.8</c>).</summary>
    /// <exception cref="NativeLibraryMissingException">The library cannot be loaded (HW4010).</exception>
    public static string Version
    {
        get
        {
            EnsureAvailable();
            return Marshal.PtrToStringUTF8(CbcNative.Cbc_getVersion()) ?? "?";
        }
    }

    private static nint Handle
    {
        get
        {
            lock (Gate)
            {
                if (s_handle != 0) return s_handle;
                foreach (string name in CandidateNames)
                {
                    if (NativeLibrary.TryLoad(name, out nint handle)) return s_handle = handle;
                }
                throw new NativeLibraryMissingException("libCbcSolver", CandidateNames, DebianPackage);
            }
        }
    }

    /// <summary>Maps <see cref="CbcNative.LibraryName"/> to the loaded handle; other names use the default search.</summary>
    internal static void RegisterResolver(Assembly assembly) =>
        NativeLibrary.SetDllImportResolver(assembly, static (name, _, _) => name switch
        {
            CbcNative.LibraryName => Handle,
            "libc" => NativeLibrary.TryLoad("libc.so.6", out nint libc) ? libc : 0,
            _ => 0,
        });
}
