using System.Globalization;
using System.Text;

namespace HwOpt.Snapshots.Tests.Support;

/// <summary>Snapshot file names as Verify makes them: <c>{Type}.{Method}_{name}={value}_...</c>, then <c>#{target}</c>, then <c>.verified.txt</c>.</summary>
internal static class SnapshotNaming
{
    /// <summary>The file name without target and suffix, e.g. <c>PassSnapshotTests.Plan_mode=fuse_input=lenet5</c>.</summary>
    public static string Stem(string type, string method, IReadOnlyList<(string Name, object? Value)>? parameters)
    {
        var sb = new StringBuilder(type).Append('.').Append(method);
        foreach (var (name, value) in parameters ?? [])
        {
            sb.Append('_').Append(name).Append('=').Append(Sanitize(Convert.ToString(value, CultureInfo.InvariantCulture) ?? "null"));
        }
        return sb.ToString();
    }

    /// <summary>The verified (or received) file name of one target.</summary>
    public static string FileName(string stem, string? target, bool received) =>
        stem + (target is null ? "" : "#" + target) + (received ? ".received.txt" : ".verified.txt");

    /// <summary>Keeps letters, digits and <c>_ . - + ,</c>; anything else (path separators, spaces, braces) becomes <c>-</c>.</summary>
    private static string Sanitize(string value) =>
        string.Concat(value.Select(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-' or '+' or ',' ? c : '-'));
}
