namespace HwOpt.Profiling;

/// <summary>
/// Locates files of the <c>cost-models/</c> folder: searched from the current folder upwards (a checkout), then from the
/// program's folder upwards (the CLI's build output and the packed tool carry a copy).
/// </summary>
public static class CostModelFiles
{
    /// <summary>The path of <c>cost-models/RELATIVE</c>, or null when no such file or folder is found.</summary>
    /// <param name="relative">Path below <c>cost-models/</c>, e.g. <c>devices/h200.yaml</c>.</param>
    public static string? Find(string relative)
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "cost-models", relative);
                if (File.Exists(candidate) || Directory.Exists(candidate)) return candidate;
            }
        }
        return null;
    }
}
