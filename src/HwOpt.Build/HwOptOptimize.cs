using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace HwOpt.Build;

/// <summary>
/// Runs <c>hwopt optimize</c> on one model (one <c>HwOpt</c> item) with <c>dotnet hwopt.dll</c>, as Grpc.Tools runs
/// protoc: the command line comes from the item's metadata (defaults from the <c>HwOpt*</c> properties, see
/// <c>build/HwOpt.Build.props</c>), and the CLI's diagnostics (<c>file:line:col: error: HW1005: message</c>) become
/// MSBuild errors and warnings with their <c>HWnnnn</c> code, file, line and column, so that <c>NoWarn</c> and
/// <c>WarningsAsErrors</c> work by code. Errors fail the build; so does a non-zero exit code (3: no feasible plan).
/// </summary>
public sealed class HwOptOptimize : ToolTask
{
    /// <summary>Metadata of an <c>HwOpt</c> item that map to a valued option of <c>hwopt optimize</c>.</summary>
    internal static readonly IReadOnlyList<(string Metadata, string Option)> ValuedOptions =
    [
        ("Devices", "--devices"), ("PassPipeline", "--pass-pipeline"), ("MaxBytes", "--max-bytes"),
        ("MaxLatencyNs", "--max-latency-ns"), ("MaxEnergyJ", "--max-energy-j"), ("MaxBops", "--max-bops"),
        ("TimeLimit", "--time-limit"), ("NodeLimit", "--node-limit"), ("Gap", "--gap"),
    ];

    /// <summary>Metadata that name a file or folder (resolved against <see cref="ProjectDirectory"/>).</summary>
    internal static readonly IReadOnlyList<(string Metadata, string Option)> PathOptions =
    [
        ("Model", "--model"), ("Pins", "--pins"), ("Sensitivity", "--sensitivity"),
    ];

    /// <summary>Boolean metadata (<c>true</c> adds the switch).</summary>
    internal static readonly IReadOnlyList<(string Metadata, string Option)> SwitchOptions =
    [
        ("Joint", "--joint"), ("Roofline", "--roofline"),
    ];

    private bool _lastWasLocated;

    /// <summary>The model: an <c>HwOpt</c> item with its metadata (<c>OutputFile</c> and <c>ReportFile</c> set by the targets).</summary>
    [Required]
    public ITaskItem Source { get; set; } = null!;

    /// <summary>Path of the hwopt CLI assembly (<c>hwopt.dll</c>), <c>$(HwOptToolPath)</c>; a relative one is relative to <see cref="ProjectDirectory"/>.</summary>
    [Required]
    public string CliPath { get; set; } = "";

    /// <summary>The <c>dotnet</c> host that runs the CLI; default <c>$(DOTNET_HOST_PATH)</c>, else <c>dotnet</c> on the PATH.</summary>
    public string? DotnetHostPath { get; set; }

    /// <summary>Folder that relative paths in metadata are relative to (<c>$(MSBuildProjectDirectory)</c>).</summary>
    [Required]
    public string ProjectDirectory { get; set; } = "";

    /// <inheritdoc />
    protected override string ToolName => "dotnet";

    /// <inheritdoc />
    protected override MessageImportance StandardErrorLoggingImportance => MessageImportance.Normal;

    /// <summary><see cref="DotnetHostPath"/>, else the first <c>dotnet</c> on the PATH, else <c>dotnet</c>.</summary>
    protected override string GenerateFullPathToTool()
    {
        if (!string.IsNullOrEmpty(DotnetHostPath)) return DotnetHostPath!;
        string exe = OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet";
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            string candidate = Path.Combine(dir, exe);
            if (File.Exists(candidate)) return candidate;
        }
        return exe;
    }

    /// <summary>
    /// The CLI runs in its own folder, so that it uses the <c>cost-models/</c> it ships with (the ones among the target's
    /// inputs), not one that happens to lie above the project; every path on its command line is absolute.
    /// </summary>
    protected override string? GetWorkingDirectory() => Path.GetDirectoryName(Resolve(CliPath));

    /// <inheritdoc />
    protected override bool ValidateParameters()
    {
        if (File.Exists(Resolve(CliPath))) return base.ValidateParameters();
        Log.LogError(null, TaskCodes.ToolNotFound, null, BuildEngine?.ProjectFileOfTaskNode, 0, 0, 0, 0,
            "hwopt CLI not found at '{0}': set HwOptToolPath to hwopt.dll (the HwOpt.Build package ships it in tools/hwopt/)", CliPath);
        return false;
    }

    /// <inheritdoc />
    protected override string GenerateCommandLineCommands() => BuildCommandLine().ToString();

    /// <summary>The arguments after the host: <c>hwopt.dll optimize MODEL -o OUT [--report R] [options from metadata] [ExtraArgs]</c>.</summary>
    internal CommandLineBuilder BuildCommandLine()
    {
        var b = new CommandLineBuilder();
        b.AppendFileNameIfNotNull(Resolve(CliPath));
        b.AppendSwitch("optimize");
        b.AppendFileNameIfNotNull(Resolve(Source.ItemSpec));
        b.AppendSwitchIfNotNull("-o ", Resolve(Source.GetMetadata("OutputFile")));
        string report = Source.GetMetadata("ReportFile");
        if (report.Length > 0) b.AppendSwitchIfNotNull("--report ", Resolve(report));
        foreach (var (metadata, option) in ValuedOptions)
        {
            string value = Source.GetMetadata(metadata);
            if (value.Length > 0) b.AppendSwitchIfNotNull(option + " ", value);
        }
        foreach (var (metadata, option) in PathOptions)
        {
            string value = Source.GetMetadata(metadata);
            if (value.Length > 0) b.AppendSwitchIfNotNull(option + " ", Resolve(value));
        }
        foreach (var (metadata, option) in SwitchOptions)
        {
            if (string.Equals(Source.GetMetadata(metadata), "true", StringComparison.OrdinalIgnoreCase)) b.AppendSwitch(option);
        }
        string extra = Source.GetMetadata("ExtraArgs");
        if (extra.Length > 0) b.AppendTextUnquoted(" " + extra);
        return b;
    }

    private string Resolve(string path) => Path.GetFullPath(Path.Combine(ProjectDirectory, path));

    /// <summary>
    /// Each line of the CLI's output: a diagnostic becomes an MSBuild error, warning or message with its code and location
    /// (unlocated ones point at the model); the source line and caret under a located one are low-importance messages.
    /// </summary>
    protected override void LogEventsFromTextOutput(string singleLine, MessageImportance messageImportance)
    {
        var d = CliDiagnostic.TryParse(singleLine);
        if (d is null)
        {
            Log.LogMessage(_lastWasLocated ? MessageImportance.Low : messageImportance, "{0}", singleLine);
            return;
        }
        _lastWasLocated = d.File is not null;
        string file = d.File ?? Source.ItemSpec;
        switch (d.Severity)
        {
            case "error":
                Log.LogError(null, d.Code, null, file, d.Line, d.Column, 0, 0, "{0}", d.Message);
                break;
            case "warning":
                Log.LogWarning(null, d.Code, null, file, d.Line, d.Column, 0, 0, "{0}", d.Message);
                break;
            default:
                Log.LogMessage(null, d.Code, null, file, d.Line, d.Column, 0, 0, MessageImportance.Normal, "{0}", d.Message);
                break;
        }
    }

    /// <summary>A failure the CLI gave no diagnostic for (e.g. a malformed option value) still fails with a code.</summary>
    protected override bool HandleTaskExecutionErrors()
    {
        if (!Log.HasLoggedErrors)
        {
            Log.LogError(null, TaskCodes.Usage, null, Source.ItemSpec, 0, 0, 0, 0,
                "hwopt optimize exited with code {0} without a diagnostic (see the output above)", ExitCode);
        }
        return false;
    }
}
