namespace HwOpt.Transforms.Reports;

/// <summary>
/// The external programs that draw the report's pictures: graphviz <c>dot</c> and <c>gnuplot</c> (Debian packages
/// <c>graphviz</c> and <c>gnuplot</c>). A null path means "not available": the report degrades (DOT text instead of
/// the graph's SVG, a sentence instead of a plot) with an HW4015 warning.
/// </summary>
/// <param name="Dot">Path of <c>dot</c>, or null.</param>
/// <param name="Gnuplot">Path of <c>gnuplot</c>, or null.</param>
/// <param name="Timeout">Wall-clock limit per run; a run past it is killed and counts as a failure.</param>
public sealed record ReportTools(string? Dot, string? Gnuplot, TimeSpan Timeout)
{
    /// <summary>Default limit per tool run.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The tools found on <c>PATH</c>; the environment variables <c>HWOPT_DOT</c> and <c>HWOPT_GNUPLOT</c> override the
    /// paths (an empty value disables the tool).
    /// </summary>
    public static ReportTools FromEnvironment() =>
        new(Resolve("HWOPT_DOT", "dot"), Resolve("HWOPT_GNUPLOT", "gnuplot"), DefaultTimeout);

    /// <summary>No tools: every picture degrades.</summary>
    public static ReportTools None { get; } = new(null, null, DefaultTimeout);

    private static string? Resolve(string variable, string program)
    {
        if (Environment.GetEnvironmentVariable(variable) is { } overridden) return overridden.Length == 0 ? null : overridden;
        foreach (string dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            string candidate = Path.Combine(dir, program);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }
}
