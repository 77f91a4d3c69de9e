namespace HwOpt.Diagnostics;

/// <summary>Collects diagnostics in report order; a cap keeps a broken file from flooding the output.</summary>
public sealed class DiagnosticBag
{
    private readonly List<Diagnostic> items = new();
    private readonly Dictionary<string, int> countById = new(StringComparer.Ordinal);
    private int storedErrors;

    /// <summary>Creates a bag that keeps at most <paramref name="maxErrors"/> errors.</summary>
    public DiagnosticBag(int maxErrors = 200) => MaxErrors = maxErrors;

    /// <summary>Errors beyond this count are counted but not stored.</summary>
    public int MaxErrors { get; }

    /// <summary>Errors that were dropped because of <see cref="MaxErrors"/>.</summary>
    public int DroppedErrors { get; private set; }

    /// <summary>The diagnostics, in report order.</summary>
    public IReadOnlyList<Diagnostic> Items => items;

    /// <summary>True when an error was reported (stored or dropped).</summary>
    public bool HasErrors => DroppedErrors > 0 || storedErrors > 0;

    /// <summary>Number of errors reported.</summary>
    public int ErrorCount => DroppedErrors + storedErrors;

    /// <summary>Reports a diagnostic.</summary>
    public void Report(DiagnosticDescriptor descriptor, SourceSpan span, string message)
    {
        if (descriptor.Severity == DiagnosticSeverity.Error && storedErrors >= MaxErrors)
        {
            DroppedErrors++;
            return;
        }
        int sameId = countById.GetValueOrDefault(descriptor.Id);
        if (descriptor.Severity == DiagnosticSeverity.Remark && sameId >= MaxRemarksPerId) return;
        countById[descriptor.Id] = sameId + 1;
        if (descriptor.Severity == DiagnosticSeverity.Error) storedErrors++;
        items.Add(new Diagnostic(descriptor, span, message));
    }

    /// <summary>Remarks of one id beyond this count are dropped (they describe, they do not fail).</summary>
    public int MaxRemarksPerId { get; init; } = 20;

    /// <summary>Adds all diagnostics of another bag.</summary>
    public void AddRange(IEnumerable<Diagnostic> diagnostics)
    {
        foreach (var d in diagnostics) Report(d.Descriptor, d.Span, d.Message);
    }
}
