using System.Globalization;
using HwOpt.Diagnostics;

namespace HwOpt.Transforms.Pipeline;

/// <summary>
/// Typed access to one pass's options with HW3001 diagnostics for unknown keys and malformed values. Each getter
/// marks its key as known; <see cref="ReportUnknown"/> then names the keys no getter asked for.
/// </summary>
public sealed class PassOptions(PassSpec spec, SourceText source, DiagnosticBag diagnostics)
{
    private readonly HashSet<string> _known = new(StringComparer.Ordinal);

    /// <summary>Pass name.</summary>
    public string PassName => spec.Name;

    private SourceSpan Span => new(source, source.OffsetOfChar(spec.Offset), System.Text.Encoding.UTF8.GetByteCount(spec.Name));

    /// <summary>A string option.</summary>
    public string? String(string key)
    {
        _known.Add(key);
        return spec.Options.FirstOrDefault(o => o.Key == key).Value;
    }

    /// <summary>A comma-separated list option.</summary>
    public IReadOnlyList<string>? List(string key) =>
        String(key)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>A device option (profile or short name), checked against the device catalogue: HW3002 when unknown.</summary>
    public string? Device(string key)
    {
        string? v = String(key);
        return v is null || KnownDevice(key, v) ? v : null;
    }

    /// <summary>A comma-separated list of devices, each checked as <see cref="Device"/> does; null when absent or after HW3002.</summary>
    public IReadOnlyList<string>? Devices(string key)
    {
        var list = List(key);
        if (list is null) return null;
        bool ok = true;
        foreach (var name in list) ok &= KnownDevice(key, name);
        return ok ? list : null;
    }

    private bool KnownDevice(string key, string name)
    {
        if (CostModel.Devices.DeviceCatalog.Names().Contains(DeviceNames.Resolve(name), StringComparer.Ordinal)) return true;
        diagnostics.Report(DiagnosticIds.UnknownDevice, Span,
            $"option '{key}' of '{spec.Name}': unknown device '{name}' (known: {string.Join(", ", CostModel.Devices.DeviceCatalog.Names())}; short names: {string.Join(", ", DeviceNames.Short.Select(p => p.Key + "=" + p.Value))})");
        return false;
    }

    /// <summary>An integer option ≥ <paramref name="min"/>.</summary>
    public int Int(string key, int fallback, int min = 1)
    {
        string? v = String(key);
        if (v is null) return fallback;
        if (int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out int x) && x >= min) return x;
        diagnostics.Report(DiagnosticIds.InvalidPassPipeline, Span, $"option '{key}' of '{spec.Name}' must be an integer ≥ {min}, not '{v}'");
        return fallback;
    }

    /// <summary>A non-negative number option; null when absent.</summary>
    public double? Number(string key)
    {
        string? v = String(key);
        if (v is null) return null;
        if (double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out double x) && double.IsFinite(x) && x >= 0) return x;
        diagnostics.Report(DiagnosticIds.InvalidPassPipeline, Span, $"option '{key}' of '{spec.Name}' must be a non-negative number, not '{v}'");
        return null;
    }

    /// <summary>An option restricted to <paramref name="allowed"/> values.</summary>
    public string Choice(string key, string fallback, params string[] allowed)
    {
        string? v = String(key);
        if (v is null) return fallback;
        if (allowed.Contains(v, StringComparer.Ordinal)) return v;
        diagnostics.Report(DiagnosticIds.InvalidPassPipeline, Span, $"option '{key}' of '{spec.Name}' must be one of {string.Join(", ", allowed)}, not '{v}'");
        return fallback;
    }

    /// <summary>Reports an HW3001 error about this pass (e.g. a value outside its vocabulary).</summary>
    public void ReportError(string message) => diagnostics.Report(DiagnosticIds.InvalidPassPipeline, Span, $"'{spec.Name}': {message}");

    /// <summary>Reports options that no getter asked for. Call after reading every option.</summary>
    /// <returns>True when every option is known.</returns>
    public bool ReportUnknown()
    {
        bool ok = true;
        foreach (var o in spec.Options.Where(o => !_known.Contains(o.Key)))
        {
            diagnostics.Report(DiagnosticIds.InvalidPassPipeline, Span, $"unknown option '{o.Key}' of '{spec.Name}' (known: {string.Join(", ", _known.Order(StringComparer.Ordinal))})");
            ok = false;
        }
        return ok;
    }
}
