using System.Text.RegularExpressions;

namespace HwOpt.Snapshots.Tests.Support;

/// <summary>
/// What makes a snapshot differ between machines and runs, replaced by Verify's placeholders: the test project folder
/// (<c>{ProjectDirectory}</c>), the checkout (<c>{SolutionDirectory}</c>), the temp folder (<c>{TempPath}</c>), any other
/// absolute path (<c>{AbsolutePath}</c>), and solve times (<c>solve_time_s</c>, the only wall-clock figure in a plan
/// report) as <c>{Scrubbed}</c>. Line endings become LF.
/// </summary>
internal static partial class Scrubbers
{
    /// <summary>All scrubbers in order: line endings, known folders (longest first), other absolute paths, solve times.</summary>
    public static string Default(string text) => SolveTimes(AbsolutePaths(Folders(text.ReplaceLineEndings("\n"))));

    /// <summary>Replaces the test project folder, the checkout and the temp folder by their placeholders.</summary>
    public static string Folders(string text)
    {
        foreach (var (folder, token) in new[] { (TestFiles.ProjectDirectory, "{ProjectDirectory}"), (TestFiles.RepoRoot, "{SolutionDirectory}"), (Path.GetTempPath(), "{TempPath}") }
                     .Select(p => (p.Item1.TrimEnd(Path.DirectorySeparatorChar), p.Item2)).Where(p => p.Item1.Length > 1).OrderByDescending(p => p.Item1.Length))
        {
            text = text.Replace(folder, token, StringComparison.Ordinal);
        }
        return text;
    }

    /// <summary>Replaces absolute Unix paths with at least two parts (<c>/a/b</c>) not already under a placeholder by <c>{AbsolutePath}</c>.</summary>
    public static string AbsolutePaths(string text) => AbsolutePath().Replace(text, "{AbsolutePath}");

    /// <summary>Replaces the value of <c>solve_time_s</c> (JSON <c>"solve_time_s": 0.12</c> or text <c>solve_time_s=0.12</c>) by <c>{Scrubbed}</c>.</summary>
    public static string SolveTimes(string text) => SolveTime().Replace(text, "${key}{Scrubbed}");

    [GeneratedRegex(@"(?<![\w}\]).:/~-])/(?:[A-Za-z0-9._+-]+/)+[A-Za-z0-9._+-]*")]
    private static partial Regex AbsolutePath();

    [GeneratedRegex(@"(?<key>solve_time_s""?\s*[:=]\s*)-?(?:\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|NaN|null)")]
    private static partial Regex SolveTime();
}
