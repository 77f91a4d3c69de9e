namespace HwOpt.Snapshots.Tests.Support;

/// <summary>Where the checkout and this test project are (found from the test binaries upwards).</summary>
internal static class TestFiles
{
    /// <summary>The folder holding <c>Compiler.sln</c>.</summary>
    public static string RepoRoot { get; } = FindRoot();

    /// <summary><c>tests/HwOpt.Snapshots.Tests</c>, absolute.</summary>
    public static string ProjectDirectory { get; } = Path.Combine(RepoRoot, "tests", "HwOpt.Snapshots.Tests");

    /// <summary>An absolute path for a path relative to the checkout.</summary>
    public static string InRepo(string relative) => Path.Combine(RepoRoot, relative);

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Compiler.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Compiler.sln not found above " + AppContext.BaseDirectory);
    }
}
