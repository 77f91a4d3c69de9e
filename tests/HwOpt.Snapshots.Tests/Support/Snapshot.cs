using System.Runtime.CompilerServices;

namespace HwOpt.Snapshots.Tests.Support;

/// <summary>One text compared against its own <c>.verified.txt</c>; <paramref name="Name"/> becomes the <c>#name</c> suffix (null: none).</summary>
/// <param name="Name">Target name, e.g. <c>ir</c>; null for a test's only target.</param>
/// <param name="Text">The text (scrubbed by the settings' scrubber before comparison).</param>
internal sealed record SnapshotTarget(string? Name, string Text);

/// <summary>
/// Where a snapshot lives and how its name is made, following Verify's conventions so that a switch to Verify.Xunit is
/// mechanical: <c>{Directory}/{TypeName}.{MethodName}_{name}={value}_...#{target}.verified.txt</c>.
/// </summary>
/// <param name="Directory">Folder relative to the test source file's folder (Verify's <c>UseDirectory</c>); null: that folder.</param>
/// <param name="TypeName">Test class name (Verify's <c>UseTypeName</c>); null: the test source file's name, which is the class name by convention.</param>
/// <param name="Parameters">Name and value of each test parameter (Verify's <c>UseParameters</c>), in order.</param>
/// <param name="Scrubber">Applied to each target before comparison; null: <see cref="Scrubbers.Default"/>.</param>
internal sealed record SnapshotSettings(
    string? Directory = null, string? TypeName = null, IReadOnlyList<(string Name, object? Value)>? Parameters = null, Func<string, string>? Scrubber = null);

/// <summary>
/// A small stand-in for Verify.Xunit (whose dependency <c>Verify</c> 19.6.0 the registry copy does not serve): compares
/// scrubbed text with the committed <c>*.verified.txt</c> next to the test source; on a mismatch or a new snapshot writes
/// <c>*.received.txt</c> beside it and fails with a unified diff of the first differing lines. A <c>.verified.txt</c>
/// is written only when the environment variable <see cref="AcceptVariable"/> is <c>1</c> (then the test passes).
/// Line endings are normalized to LF and files are UTF-8 without BOM (a BOM in a verified file is ignored).
/// </summary>
internal static class Snapshot
{
    /// <summary>Set to <c>1</c> to write every differing or new snapshot as verified (review the git diff afterwards).</summary>
    public const string AcceptVariable = "HWOPT_ACCEPT_SNAPSHOTS";

    /// <summary>Verifies one text as <c>{Type}.{Method}_{params}.verified.txt</c>.</summary>
    public static void Verify(string text, SnapshotSettings? settings = null, [CallerFilePath] string sourceFile = "", [CallerMemberName] string method = "") =>
        Verify([new SnapshotTarget(null, text)], settings, sourceFile, method);

    /// <summary>Verifies several texts of one test, each as <c>{Type}.{Method}_{params}#{name}.verified.txt</c> (Verify's named targets).</summary>
    public static void Verify(IReadOnlyList<SnapshotTarget> targets, SnapshotSettings? settings = null, [CallerFilePath] string sourceFile = "", [CallerMemberName] string method = "")
    {
        settings ??= new SnapshotSettings();
        string folder = Path.GetDirectoryName(sourceFile) ?? throw new InvalidOperationException("no caller file path");
        // The compiler's path of the test source; a build with PathMap (ContinuousIntegrationBuild) maps it to /_/.
        if (!Directory.Exists(folder)) Assert.Fail($"the test source folder '{folder}' does not exist here: snapshots are read next to the test sources, so build without PathMap");
        if (settings.Directory is not null) folder = Path.Combine(folder, settings.Directory);
        string type = settings.TypeName ?? Path.GetFileNameWithoutExtension(sourceFile);
        string stem = SnapshotNaming.Stem(type, method, settings.Parameters);
        var scrub = settings.Scrubber ?? Scrubbers.Default;
        var scrubbed = targets.Select(t => t with { Text = scrub(t.Text) }).ToList();
        var result = SnapshotFiles.Check(scrubbed, folder, stem, Environment.GetEnvironmentVariable(AcceptVariable) == "1");
        if (!result.Passed) Assert.Fail(result.Message);
    }
}
