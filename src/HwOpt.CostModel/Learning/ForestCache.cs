namespace HwOpt.CostModel.Learning;

/// <summary>
/// Compiled forests kept on disk between runs, each under the SHA-256 of the booster file it was compiled from, so that
/// a run reads the arrays back (tens of ms) instead of decompressing and parsing the XGBoost JSON again (about 3.4 s
/// for the shipped host-cpu bundle on the 2-core development machine). The files are derived data: a file that does not
/// read back exactly (see <see cref="CompiledForest.FromBinary"/>) is ignored and written again, and a folder that
/// cannot be written only costs the speed-up.
/// </summary>
/// <remarks>
/// Folder: <c>$HWOPT_CACHE_DIR</c>, else <c>$XDG_CACHE_HOME/hwopt</c>, else <c>~/.cache/hwopt</c>; the forests go to its
/// <c>forests/</c> subfolder. <c>HWOPT_CACHE_DIR=off</c> turns the cache off.
/// </remarks>
public static class ForestCache
{
    /// <summary>The folder of cached forests, or null when caching is off or no folder can be named.</summary>
    public static string? Folder
    {
        get
        {
            string? root = Environment.GetEnvironmentVariable("HWOPT_CACHE_DIR");
            if (root == "off") return null;
            if (string.IsNullOrEmpty(root))
            {
                string? xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
                string home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
                root = !string.IsNullOrEmpty(xdg) ? Path.Combine(xdg, "hwopt") : home.Length > 0 ? Path.Combine(home, ".cache", "hwopt") : null;
            }
            return root is null ? null : Path.Combine(root, "forests");
        }
    }

    /// <summary>The forest cached under <paramref name="sha256Hex"/>, else <paramref name="compile"/>'s, which is then cached.</summary>
    /// <param name="sha256Hex">SHA-256 of the booster file, lower-case hex (64 characters).</param>
    /// <param name="compile">Compiles the forest from the booster file.</param>
    /// <returns>The forest.</returns>
    /// <exception cref="InvalidDataException">From <paramref name="compile"/>.</exception>
    public static CompiledForest GetOrCompile(string sha256Hex, Func<CompiledForest> compile) => GetOrCompile(Folder, sha256Hex, compile);

    /// <summary>As <see cref="GetOrCompile(string, Func{CompiledForest})"/>, in the given folder (null: no cache).</summary>
    internal static CompiledForest GetOrCompile(string? folder, string sha256Hex, Func<CompiledForest> compile)
    {
        ArgumentNullException.ThrowIfNull(compile);
        if (folder is null || sha256Hex.Length != 64 || !sha256Hex.All(char.IsAsciiHexDigitLower)) return compile();
        string path = Path.Combine(folder, sha256Hex + ".forest");
        try
        {
            if (File.Exists(path) && CompiledForest.FromBinary(File.ReadAllBytes(path)) is { } cached) return cached;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Unreadable: compile instead.
        }
        var forest = compile();
        try
        {
            Directory.CreateDirectory(folder);
            // Written beside and renamed into place, so that a reader never sees half a file.
            string temp = Path.Combine(folder, $"{sha256Hex}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
            File.WriteAllBytes(temp, forest.ToBinary());
            File.Move(temp, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or PlatformNotSupportedException)
        {
            // Not writable: the next run compiles again.
        }
        return forest;
    }
}
