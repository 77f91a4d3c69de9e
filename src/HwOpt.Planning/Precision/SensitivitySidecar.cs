using System.Globalization;
using System.Text.Json;
using HwOpt.Diagnostics;
using HwOpt.IR;

namespace HwOpt.Planning.Precision;

/// <summary>One entry of a sensitivity sidecar.</summary>
/// <param name="Location">Source position of the op, <c>file:line:col</c>, <c>line:col</c> or <c>line</c> (the file part is ignored); null when matched by name.</param>
/// <param name="Name">Name of the op's result (<c>%12</c> or <c>12</c>) or of its weight (<c>%fc1_weight</c> or <c>fc1_weight</c>); null when matched by location.</param>
/// <param name="HessianTrace">Tr(H) of the loss with respect to the op's weights (HAWQ-V3); null when not given.</param>
/// <param name="Sensitivity">Ω per format name (<c>int8</c>, <c>bf16</c>, ...), used as is; formats not listed are computed.</param>
public sealed record SidecarEntry(string? Location, string? Name, double? HessianTrace, IReadOnlyDictionary<string, double> Sensitivity);

/// <summary>
/// Per-layer sensitivities measured outside hwopt (e.g. by PyHessian or a calibration run), read from a JSON file:
/// <code>
/// {"schemaVersion": 1,
///  "ops": [{"name": "fc1_weight", "hessian_trace": 12.5, "sensitivity": {"int8": 0.02, "int4": 0.9}},
///          {"location": "resnet50.mlir:40:5", "hessian_trace": 3.1}]}
/// </code>
/// Each entry names its op by <c>location</c> or <c>name</c> (see <see cref="SidecarEntry"/>); <c>hessian_trace</c>
/// (≥ 0) scales the quantization error as Ω = Tr(H)/n · ‖Q(W) − W‖² (HAWQ-V3, Yao et al. 2021); <c>sensitivity</c>
/// gives Ω directly per format (≥ 0, finite). Unknown fields are errors, so typos do not pass silently.
/// </summary>
public sealed class SensitivitySidecar
{
    /// <summary>The file read.</summary>
    public string Path { get; }

    /// <summary>Entries in file order.</summary>
    public IReadOnlyList<SidecarEntry> Entries { get; }

    private SensitivitySidecar(string path, IReadOnlyList<SidecarEntry> entries)
    {
        Path = path;
        Entries = entries;
    }

    /// <summary>Reads a sidecar.</summary>
    /// <param name="path">The JSON file.</param>
    /// <param name="diagnostics">Receives HW3201 naming the file and the problem.</param>
    /// <returns>The sidecar, or null when the file cannot be read or is malformed.</returns>
    public static SensitivitySidecar? Load(string path, DiagnosticBag diagnostics)
    {
        string text;
        try { text = File.ReadAllText(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            diagnostics.Report(DiagnosticIds.InvalidSensitivitySidecar, default, $"{path}: cannot read the sensitivity sidecar: {e.Message}");
            return null;
        }
        return Parse(path, text, diagnostics);
    }

    /// <summary>Reads sidecar text (see <see cref="Load"/>).</summary>
    public static SensitivitySidecar? Parse(string path, string text, DiagnosticBag diagnostics)
    {
        var source = new SourceText(path, text);
        void Fail(string message) => diagnostics.Report(DiagnosticIds.InvalidSensitivitySidecar, new SourceSpan(source, 0, 0), $"{path}: {message}");
        JsonDocument doc;
        try { doc = JsonDocument.Parse(text); }
        catch (JsonException e)
        {
            Fail($"not valid JSON (line {e.LineNumber + 1}): {e.Message}");
            return null;
        }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) { Fail("the top level must be an object"); return null; }
            if (!root.TryGetProperty("schemaVersion", out var version) || version.ValueKind != JsonValueKind.Number || version.GetDouble() != 1)
            {
                Fail("\"schemaVersion\": 1 is required");
                return null;
            }
            if (!root.TryGetProperty("ops", out var ops) || ops.ValueKind != JsonValueKind.Array) { Fail("\"ops\" must be an array"); return null; }
            var entries = new List<SidecarEntry>();
            int index = 0;
            foreach (var e in ops.EnumerateArray())
            {
                string where = $"ops[{index++}]";
                if (e.ValueKind != JsonValueKind.Object) { Fail($"{where} must be an object"); return null; }
                string? location = null, name = null;
                double? trace = null;
                var sens = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
                foreach (var p in e.EnumerateObject())
                {
                    switch (p.Name)
                    {
                        case "location" when p.Value.ValueKind == JsonValueKind.String: location = p.Value.GetString(); break;
                        case "name" when p.Value.ValueKind == JsonValueKind.String: name = p.Value.GetString(); break;
                        case "hessian_trace" when p.Value.ValueKind == JsonValueKind.Number && p.Value.GetDouble() is var t && double.IsFinite(t) && t >= 0: trace = t; break;
                        case "sensitivity" when p.Value.ValueKind == JsonValueKind.Object:
                            foreach (var s in p.Value.EnumerateObject())
                            {
                                if (NumericFormat.Find(s.Name) is null) { Fail($"{where}.sensitivity: unknown format \"{s.Name}\" (known: {string.Join(", ", NumericFormat.All)})"); return null; }
                                if (s.Value.ValueKind != JsonValueKind.Number || !double.IsFinite(s.Value.GetDouble()) || s.Value.GetDouble() < 0)
                                {
                                    Fail($"{where}.sensitivity.{s.Name} must be a finite number ≥ 0");
                                    return null;
                                }
                                sens[s.Name] = s.Value.GetDouble();
                            }
                            break;
                        default:
                            Fail($"{where}.{p.Name}: unknown field or wrong value type (fields: location or name (strings), hessian_trace (number ≥ 0), sensitivity (object of numbers))");
                            return null;
                    }
                }
                if (location is null && name is null) { Fail($"{where} needs \"location\" or \"name\""); return null; }
                entries.Add(new SidecarEntry(location, name, trace, sens));
            }
            return new SensitivitySidecar(path, entries);
        }
    }

    /// <summary>The entry for an op (by location, then by name), or null.</summary>
    /// <param name="op">The op.</param>
    /// <param name="weight">Its weight value, if any (for names of weight arguments).</param>
    public SidecarEntry? Find(Operation op, Value? weight)
    {
        foreach (var e in Entries)
        {
            if (e.Location is { } loc && MatchesLocation(op, loc)) return e;
            if (e.Name is { } n && (SameName(op.Results.FirstOrDefault()?.SourceName, n) || SameName(weight?.SourceName, n))) return e;
        }
        return null;
    }

    private static bool SameName(string? sourceName, string name) =>
        sourceName is not null && string.Equals(sourceName.TrimStart('%'), name.TrimStart('%'), StringComparison.Ordinal);

    private static bool MatchesLocation(Operation op, string location)
    {
        if (op.Span.Source is null) return false;
        var (line, col) = op.Span.Source.GetLineColumn(op.Span.Start);
        var parts = location.Split(':');
        var numbers = parts.Reverse().TakeWhile(p => int.TryParse(p, NumberStyles.Integer, CultureInfo.InvariantCulture, out _)).Reverse()
            .Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToList();
        return numbers.Count switch
        {
            1 => numbers[0] == line,
            >= 2 => numbers[^2] == line && numbers[^1] == col,
            _ => false,
        };
    }
}
