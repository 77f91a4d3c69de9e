using HwOpt.Diagnostics;

namespace HwOpt.CostModel.Learning;

/// <summary>
/// A native library the cost model needs cannot be loaded (diagnostic <c>HW4010</c>). The message names the
/// library file names tried and the Debian package that provides them, without the id (take it from <see cref="Descriptor"/>).
/// </summary>
public sealed class NativeLibraryMissingException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="library">A short name of the library, e.g. <c>libxgboost</c>.</param>
    /// <param name="fileNamesTried">The file names given to the dynamic loader, in order.</param>
    /// <param name="debianPackage">The Debian package that installs the library, e.g. <c>libxgboost-dev</c>.</param>
    public NativeLibraryMissingException(string library, IReadOnlyList<string> fileNamesTried, string debianPackage)
        // The message carries no id prefix: whoever reports it as a diagnostic adds HW4010 from Descriptor.
        : base($"cannot load {library} (tried {string.Join(", ", fileNamesTried)}): " +
               $"install the Debian package '{debianPackage}' (scripts/setup.sh does it)")
    {
        Library = library;
        FileNamesTried = fileNamesTried;
        DebianPackage = debianPackage;
    }

    /// <summary>The catalogue entry, <see cref="DiagnosticIds.MissingNativeLibrary"/>.</summary>
    public DiagnosticDescriptor Descriptor => DiagnosticIds.MissingNativeLibrary;

    /// <summary>The stable diagnostic id, <c>HW4010</c>.</summary>
    public string Id => Descriptor.Id;

    /// <summary>The short name of the library.</summary>
    public string Library { get; }

    /// <summary>The file names given to the dynamic loader, in order.</summary>
    public IReadOnlyList<string> FileNamesTried { get; }

    /// <summary>The Debian package that installs the library.</summary>
    public string DebianPackage { get; }
}
