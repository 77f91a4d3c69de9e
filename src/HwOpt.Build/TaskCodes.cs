namespace HwOpt.Build;

/// <summary>
/// The diagnostic ids the task logs itself (the task does not load HwOpt.Diagnostics; a test checks these against
/// <c>DiagnosticIds</c>).
/// </summary>
internal static class TaskCodes
{
    /// <summary><c>HwOptToolPath</c> names no file (<c>DiagnosticIds.HwOptToolNotFound</c>).</summary>
    public const string ToolNotFound = "HW4020";

    /// <summary>The CLI failed without a diagnostic of its own, e.g. on a malformed option value (<c>DiagnosticIds.Usage</c>).</summary>
    public const string Usage = "HW4006";
}
