using System.Text;
using System.Text.Json;
using HwOpt.Diagnostics;
using HwOpt.IR;
using HwOpt.Planning;

namespace HwOpt.Transforms.Pipeline;

/// <summary>
/// Reads user pins into <see cref="Pins"/>: attributes on ops in the input (<c>hwopt.pin.device = "gpu"</c>,
/// <c>hwopt.pin.precision = "i8"</c>, <c>hwopt.pin.fuse = false</c>) and a pin file (JSON:
/// <c>{"schemaVersion": 1, "pins": [{"op": 12 | "location": "model.mlir:40:10", "device": "gpu", "precision": "bf16", "fuse": false}]}</c>,
/// <c>op</c> being the node index printed in reports). A malformed pin is an HW3004 error at the attribute or at the
/// pin file's entry. Pins then become equality constraints in the planners.
/// </summary>
public static class PinReader
{
    /// <summary>The attribute names read.</summary>
    public const string DeviceAttr = "hwopt.pin.device", PrecisionAttr = "hwopt.pin.precision", FuseAttr = "hwopt.pin.fuse";

    /// <summary>Reads pins from the IR's attributes.</summary>
    /// <param name="graph">The graph.</param>
    /// <param name="pins">Receives pins.</param>
    /// <param name="diagnostics">Receives HW3004 errors.</param>
    public static void FromAttributes(PlanGraph graph, Pins pins, DiagnosticBag diagnostics)
    {
        for (int n = 0; n < graph.Count; n++)
        {
            var op = graph.Ops[n];
            foreach (var a in op.Attributes.Entries.Where(e => e.Name.StartsWith("hwopt.pin.", StringComparison.Ordinal)))
            {
                switch (a.Name)
                {
                    case DeviceAttr when a.Value is StringAttr s: pins.Device[n] = s.Value; break;
                    case PrecisionAttr when a.Value is StringAttr s: pins.Precision[n] = s.Value; break;
                    case FuseAttr when a.Value is BoolAttr b: if (!b.Value) pins.NoFuse.Add(n); break;
                    case DeviceAttr or PrecisionAttr:
                        diagnostics.Report(DiagnosticIds.InvalidPin, op.Span, $"'{a.Name}' must be a string, e.g. {a.Name} = \"{(a.Name == DeviceAttr ? "gpu" : "bf16")}\"");
                        break;
                    case FuseAttr:
                        diagnostics.Report(DiagnosticIds.InvalidPin, op.Span, $"'{FuseAttr}' must be true or false");
                        break;
                    default:
                        diagnostics.Report(DiagnosticIds.InvalidPin, op.Span, $"unknown pin '{a.Name}' (known: {DeviceAttr}, {PrecisionAttr}, {FuseAttr})");
                        break;
                }
                if (a.Name is DeviceAttr or PrecisionAttr or FuseAttr && !graph.IsKernel(n))
                {
                    diagnostics.Report(DiagnosticIds.InvalidPin, op.Span, $"'{a.Name}' on '{op.Name}', which is not planned ({graph.WhyNotKernel(n)})");
                }
            }
        }
    }

    /// <summary>Reads a pin file.</summary>
    /// <param name="path">The file.</param>
    /// <param name="graph">The graph (node indices and locations).</param>
    /// <param name="pins">Receives pins.</param>
    /// <param name="diagnostics">Receives HW3004 / HW4004 errors located in the file.</param>
    public static void FromFile(string path, PlanGraph graph, Pins pins, DiagnosticBag diagnostics)
    {
        string text;
        try { text = File.ReadAllText(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            diagnostics.Report(DiagnosticIds.CannotReadInput, default, $"cannot read pin file '{path}': {e.Message}");
            return;
        }
        var source = new SourceText(path, text);
        JsonDocument doc;
        try { doc = JsonDocument.Parse(text); }
        catch (JsonException e)
        {
            diagnostics.Report(DiagnosticIds.InvalidPin, At(source, (int)(e.LineNumber ?? 0), (int)(e.BytePositionInLine ?? 0)), "pin file is not valid JSON: " + e.Message);
            return;
        }
        using (doc)
        {
            var starts = EntryOffsets(text);
            if (doc.RootElement.ValueKind != JsonValueKind.Object || !doc.RootElement.TryGetProperty("pins", out var list) || list.ValueKind != JsonValueKind.Array)
            {
                diagnostics.Report(DiagnosticIds.InvalidPin, new SourceSpan(source, 0, 1), "pin file must be an object with an array 'pins'");
                return;
            }
            var byLocation = new Dictionary<string, int>(StringComparer.Ordinal);
            for (int n = 0; n < graph.Count; n++) byLocation.TryAdd(PlanReport.LocationOf(graph.Ops[n]), n);
            int i = 0;
            foreach (var e in list.EnumerateArray())
            {
                var span = new SourceSpan(source, i < starts.Count ? source.OffsetOfChar(starts[i]) : 0, 1);
                i++;
                if (e.ValueKind != JsonValueKind.Object) { diagnostics.Report(DiagnosticIds.InvalidPin, span, "a pin must be an object"); continue; }
                int node = -1;
                if (e.TryGetProperty("op", out var op))
                {
                    if (op.ValueKind != JsonValueKind.Number || !op.TryGetInt32(out node) || node < 0 || node >= graph.Count)
                    {
                        diagnostics.Report(DiagnosticIds.InvalidPin, span, $"'op' must be a node index from 0 to {graph.Count - 1}");
                        continue;
                    }
                }
                else if (e.TryGetProperty("location", out var loc) && loc.ValueKind == JsonValueKind.String)
                {
                    if (!byLocation.TryGetValue(loc.GetString()!, out node))
                    {
                        diagnostics.Report(DiagnosticIds.InvalidPin, span, $"no op at location '{loc.GetString()}'");
                        continue;
                    }
                }
                else
                {
                    diagnostics.Report(DiagnosticIds.InvalidPin, span, "a pin needs 'op' (node index) or 'location' (file:line:col)");
                    continue;
                }
                if (!graph.IsKernel(node))
                {
                    diagnostics.Report(DiagnosticIds.InvalidPin, span, $"op {node} ('{graph.Ops[node].Name}') is not planned ({graph.WhyNotKernel(node)})");
                    continue;
                }
                foreach (var p in e.EnumerateObject())
                {
                    switch (p.Name)
                    {
                        case "op" or "location": break;
                        case "device" when p.Value.ValueKind == JsonValueKind.String: pins.Device[node] = p.Value.GetString()!; break;
                        case "precision" when p.Value.ValueKind == JsonValueKind.String: pins.Precision[node] = p.Value.GetString()!; break;
                        case "fuse" when p.Value.ValueKind is JsonValueKind.False: pins.NoFuse.Add(node); break;
                        case "fuse" when p.Value.ValueKind is JsonValueKind.True: break;
                        default: diagnostics.Report(DiagnosticIds.InvalidPin, span, $"unknown or malformed pin field '{p.Name}' (device: string, precision: string, fuse: bool)"); break;
                    }
                }
            }
        }
    }

    private static SourceSpan At(SourceText source, int line0, int col0)
    {
        var lines = source.Text.Split('\n');
        int offset = 0;
        for (int l = 0; l < Math.Min(line0, lines.Length); l++) offset += lines[l].Length + 1;
        return new SourceSpan(source, source.OffsetOfChar(Math.Min(offset + col0, source.Text.Length)), 1);
    }

    /// <summary>Character offsets of the elements of the top-level <c>pins</c> array.</summary>
    private static List<int> EntryOffsets(string text)
    {
        var offsets = new List<int>();
        var bytes = Encoding.UTF8.GetBytes(text);
        var reader = new Utf8JsonReader(bytes);
        int depth = 0, arrayDepth = -1;
        bool nextIsPins = false;
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName: nextIsPins = depth == 1 && reader.ValueTextEquals("pins"); break;
                    case JsonTokenType.StartArray:
                        if (nextIsPins) arrayDepth = depth + 1;
                        else if (depth == arrayDepth) offsets.Add(Encoding.UTF8.GetCharCount(bytes, 0, (int)reader.TokenStartIndex));
                        depth++;
                        nextIsPins = false;
                        break;
                    case JsonTokenType.StartObject:
                        if (depth == arrayDepth) offsets.Add(Encoding.UTF8.GetCharCount(bytes, 0, (int)reader.TokenStartIndex));
                        depth++;
                        break;
                    case JsonTokenType.EndArray or JsonTokenType.EndObject: depth--; break;
                    default:
                        if (depth == arrayDepth) offsets.Add(Encoding.UTF8.GetCharCount(bytes, 0, (int)reader.TokenStartIndex));
                        break;
                }
            }
        }
        catch (JsonException) { }
        return offsets;
    }
}
