using System.Globalization;
using System.Text;
using System.Text.Json;

namespace HwOpt.Snapshots.Tests.Support;

/// <summary>
/// The plan report (JSON schemaVersion 1) as a line-oriented text that diffs well: top-level scalars as
/// <c>key: value</c>; each array of objects as a section with one line per object (<c>key=value ...</c>, number arrays
/// inline); string arrays inside an object (an op's <c>reasons</c>) as indented lines below it. Every field of the
/// report appears, in the report's order, so a new field shows up in the snapshots; numbers keep the report's text.
/// </summary>
internal static class DecisionList
{
    /// <summary>Renders a report.</summary>
    public static string FromJson(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var sb = new StringBuilder();
        foreach (var p in doc.RootElement.EnumerateObject())
        {
            if (p.Value.ValueKind == JsonValueKind.Array && p.Value.EnumerateArray().All(e => e.ValueKind == JsonValueKind.Object))
            {
                sb.Append('\n').Append(p.Name).Append(string.Create(CultureInfo.InvariantCulture, $" ({p.Value.GetArrayLength()})")).Append('\n');
                foreach (var item in p.Value.EnumerateArray()) Object(sb, item);
            }
            else
            {
                sb.Append(p.Name).Append(": ").Append(Scalar(p.Value, quote: false)).Append('\n');
            }
        }
        return sb.ToString();
    }

    private static void Object(StringBuilder sb, JsonElement item)
    {
        var lists = new List<JsonProperty>();
        sb.Append(' ');
        foreach (var f in item.EnumerateObject())
        {
            if (f.Value.ValueKind == JsonValueKind.Array && f.Value.EnumerateArray().Any(e => e.ValueKind == JsonValueKind.String)) lists.Add(f);
            else sb.Append(' ').Append(f.Name).Append('=').Append(Scalar(f.Value, quote: true));
        }
        sb.Append('\n');
        foreach (var list in lists)
        {
            foreach (var line in list.Value.EnumerateArray()) sb.Append("    ").Append(list.Name).Append(": ").Append(Scalar(line, quote: false)).Append('\n');
        }
    }

    private static string Scalar(JsonElement e, bool quote) => e.ValueKind switch
    {
        JsonValueKind.String when quote && (e.GetString()!.Length == 0 || e.GetString()!.Any(c => c is ' ' or '=' or '"')) => JsonSerializer.Serialize(e.GetString(), Unescaped),
        JsonValueKind.String => e.GetString()!,
        JsonValueKind.Array => "[" + string.Join(",", e.EnumerateArray().Select(x => Scalar(x, quote: true))) + "]",
        JsonValueKind.Null => "null",
        _ => e.GetRawText(),
    };

    private static readonly JsonSerializerOptions Unescaped = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
