using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace HwOpt.CostModel.Learning;

/// <summary>
/// Finds and loads <c>libxgboost</c> (XGBoost 1.7, Debian package <c>libxgboost-dev</c>) for <see cref="XgbNative"/>.
/// The file names <see cref="CandidateNames"/> are tried in order with the system's dynamic loader; when none
/// loads, <see cref="NativeLibraryMissingException"/> (HW4010) says which package to install.
/// </summary>
public static class XgbLibrary
{
    /// <summary>The file names tried, in order.</summary>
    internal static readonly IReadOnlyList<string> CandidateNames = ["libxgboost.so", "libxgboost.so.0"];

    /// <summary>The Debian package that installs the library.</summary>
    internal const string DebianPackage = "libxgboost-dev";

    private static readonly Lock Gate = new();
    private static nint s_handle;

    /// <summary>Loads the library now (once per process) so that later calls cannot fail for that reason.</summary>
    /// <exception cref="NativeLibraryMissingException">The library cannot be loaded (HW4010).</exception>
    public static void EnsureAvailable()
    {
        _ = Handle;
        RuntimeHelpers.RunClassConstructor(typeof(XgbNative).TypeHandle);
    }

    /// <summary>The loaded library's version as <c>major.minor.patch</c>, from <c>XGBoostVersion</c> (e.g. <c>1.7.4</c>).</summary>
    /// <exception cref="NativeLibraryMissingException">The library cannot be loaded (HW4010).</exception>
    public static string Version
    {
        get
        {
            EnsureAvailable();
            XgbNative.XGBoostVersion(out int major, out int minor, out int patch);
            return FormattableString.Invariant($"{major}.{minor}.{patch}");
        }
    }

    /// <summary>The process-wide library handle, loaded on first use.</summary>
    /// <exception cref="NativeLibraryMissingException">The library cannot be loaded.</exception>
    internal static nint Handle
    {
        get
        {
            lock (Gate)
            {
                if (s_handle == 0) s_handle = Load(CandidateNames);
                return s_handle;
            }
        }
    }

    /// <summary>Loads the first of <paramref name="fileNames"/> that the dynamic loader accepts.</summary>
    /// <param name="fileNames">File names or paths, tried in order.</param>
    /// <returns>The OS library handle (never released: the library stays loaded for the process).</returns>
    /// <exception cref="NativeLibraryMissingException">None of them loads (HW4010).</exception>
    internal static nint Load(IReadOnlyList<string> fileNames)
    {
        foreach (string name in fileNames)
        {
            if (NativeLibrary.TryLoad(name, out nint handle)) return handle;
        }
        throw new NativeLibraryMissingException("libxgboost", fileNames, DebianPackage);
    }

    /// <summary>
    /// Registers the resolver that maps <see cref="XgbNative.LibraryName"/> to <see cref="Handle"/>; other names
    /// fall through to the default search. An assembly can have one resolver only: this is the one for HwOpt.CostModel.
    /// </summary>
    internal static void RegisterResolver(Assembly assembly) =>
        NativeLibrary.SetDllImportResolver(assembly, static (name, _, _) => Resolve(name));

    /// <summary>The resolver: <see cref="Handle"/> for <see cref="XgbNative.LibraryName"/>, 0 (default search) otherwise.</summary>
    /// <exception cref="NativeLibraryMissingException">The name is XGBoost's and the library cannot be loaded.</exception>
    internal static nint Resolve(string libraryName) => libraryName == XgbNative.LibraryName ? Handle : 0;
}
