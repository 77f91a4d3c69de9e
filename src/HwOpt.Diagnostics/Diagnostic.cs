namespace HwOpt.Diagnostics;

/// <summary>Severity of a diagnostic, as MLIR and compilers print it.</summary>
public enum DiagnosticSeverity
{
    /// <summary>An error: the input is rejected (non-zero exit).</summary>
    Error,
    /// <summary>A warning: the input is accepted.</summary>
    Warning,
    /// <summary>A note attached to another diagnostic.</summary>
    Note,
    /// <summary>A remark: information about what the tool did.</summary>
    Remark,
}

/// <summary>A catalogue entry: stable id, default severity and a short title.</summary>
/// <param name="Id">Stable id such as <c>HW1001</c>.</param>
/// <param name="Severity">Default severity.</param>
/// <param name="Title">Short human title.</param>
public sealed record DiagnosticDescriptor(string Id, DiagnosticSeverity Severity, string Title);

/// <summary>One reported problem, located in a source file.</summary>
/// <param name="Descriptor">The catalogue entry.</param>
/// <param name="Span">Where in the source.</param>
/// <param name="Message">The full message (without the id).</param>
public sealed record Diagnostic(DiagnosticDescriptor Descriptor, SourceSpan Span, string Message)
{
    /// <summary>The stable id, e.g. <c>HW1001</c>.</summary>
    public string Id => Descriptor.Id;

    /// <summary>The severity.</summary>
    public DiagnosticSeverity Severity => Descriptor.Severity;

    /// <summary>True for errors.</summary>
    public bool IsError => Severity == DiagnosticSeverity.Error;
}
