using System.Text;

namespace HwOpt.Snapshots.Tests.Support;

/// <summary>The outcome of comparing a test's targets with their verified files.</summary>
/// <param name="Passed">All targets equal their verified files (or were accepted).</param>
/// <param name="Message">Why not: per target, the files and a unified diff; empty when passed.</param>
internal sealed record SnapshotResult(bool Passed, string Message);

/// <summary>Reads verified files, writes received files on mismatch, and (only when accepting) writes verified files.</summary>
internal static class SnapshotFiles
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Compares each target with <c>{folder}/{stem}[#name].verified.txt</c>.</summary>
    /// <param name="targets">Scrubbed texts.</param>
    /// <param name="folder">Folder of the snapshot files.</param>
    /// <param name="stem">File name stem (<see cref="SnapshotNaming.Stem"/>).</param>
    /// <param name="accept">Write differing or new snapshots as verified instead of failing.</param>
    public static SnapshotResult Check(IReadOnlyList<SnapshotTarget> targets, string folder, string stem, bool accept)
    {
        if (targets.Select(t => t.Name).Distinct().Count() != targets.Count) throw new ArgumentException("target names must differ", nameof(targets));
        var failures = new StringBuilder();
        foreach (var target in targets)
        {
            string verified = Path.Combine(folder, SnapshotNaming.FileName(stem, target.Name, received: false));
            string received = Path.Combine(folder, SnapshotNaming.FileName(stem, target.Name, received: true));
            string actual = Normalize(target.Text);
            string? expected = File.Exists(verified) ? Normalize(File.ReadAllText(verified, Encoding.UTF8)) : null;
            if (expected == actual)
            {
                File.Delete(received);
                continue;
            }
            if (accept)
            {
                Directory.CreateDirectory(folder);
                File.WriteAllText(verified, actual, Utf8NoBom);
                File.Delete(received);
                continue;
            }
            Directory.CreateDirectory(folder);
            File.WriteAllText(received, actual, Utf8NoBom);
            failures.Append(expected is null ? "New snapshot" : "Snapshot differs").Append(": ").Append(received).Append('\n');
            failures.Append(expected is null
                ? $"  no {Path.GetFileName(verified)} yet: review the received file and rename it, or rerun with {Snapshot.AcceptVariable}=1\n"
                : $"  accept with: mv '{received}' '{verified}'  (or rerun with {Snapshot.AcceptVariable}=1)\n");
            failures.Append(UnifiedDiff.FirstHunk(expected ?? "", actual, Path.GetFileName(verified), Path.GetFileName(received))).Append('\n');
        }
        return new SnapshotResult(failures.Length == 0, failures.ToString());
    }

    /// <summary>LF line endings, no BOM, exactly one final newline (an empty text stays empty).</summary>
    public static string Normalize(string text)
    {
        text = text.TrimStart('\uFEFF').ReplaceLineEndings("\n");
        return text.Length == 0 ? text : text.TrimEnd('\n') + "\n";
    }
}
