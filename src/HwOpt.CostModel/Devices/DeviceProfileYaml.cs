using System.Globalization;
using System.Numerics;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace HwOpt.CostModel.Devices;

/// <summary>
/// Reads and writes <see cref="DeviceProfile"/> YAML with YamlDotNet's node model and emitter, field by field, instead of
/// its reflection-based (de)serializer, which needs code generated at run time and does not work in the natively
/// compiled CLI. The fields are the profile's properties in snake_case (<c>peak_flops</c>, <c>kernel_overhead_ns</c>);
/// an unknown key, a value of the wrong kind or a number that does not parse is a <see cref="YamlException"/> at that
/// node, as the deserializer reported them.
/// </summary>
internal static class DeviceProfileYaml
{
    /// <summary>Reads a profile; null for an empty document.</summary>
    /// <exception cref="YamlException">Malformed YAML, an unknown key or a value of the wrong kind (with its position).</exception>
    public static DeviceProfile? Read(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        if (stream.Documents.Count == 0 || IsNull(stream.Documents[0].RootNode)) return null;
        var p = new DeviceProfile();
        foreach (var (key, value) in Map(stream.Documents[0].RootNode))
        {
            switch (key)
            {
                case "name": p.Name = Text(value); break;
                case "kind": p.Kind = Text(value); break;
                case "description": p.Description = Text(value); break;
                case "source": p.Source = Text(value); break;
                case "peak_flops":
                    foreach (var (type, peak) in Map(value)) p.PeakFlops[type] = Number(peak);
                    break;
                case "memory":
                    Fields(value, "memory",
                        ("bandwidth_bytes_per_s", v => p.Memory.BandwidthBytesPerS = Number(v)),
                        ("capacity_bytes", v => p.Memory.CapacityBytes = Number(v)));
                    break;
                case "caches":
                    foreach (var item in Sequence(value))
                    {
                        var cache = new CacheSpec();
                        Fields(item, "caches",
                            ("level", v => cache.Level = Integer<int>(v)),
                            ("bytes", v => cache.Bytes = Integer<long>(v)),
                            ("bandwidth_bytes_per_s", v => cache.BandwidthBytesPerS = IsNull(v) ? null : Number(v)));
                        p.Caches.Add(cache);
                    }
                    break;
                case "link":
                    Fields(value, "link",
                        ("name", v => p.Link.Name = Text(v)),
                        ("bandwidth_bytes_per_s", v => p.Link.BandwidthBytesPerS = Number(v)),
                        ("latency_ns", v => p.Link.LatencyNs = Number(v)));
                    break;
                case "kernel_overhead_ns": p.KernelOverheadNs = Number(value); break;
                case "power":
                    Fields(value, "power",
                        ("idle_watts", v => p.Power.IdleWatts = Number(v)),
                        ("peak_watts", v => p.Power.PeakWatts = Number(v)));
                    break;
                case "price_per_hour_usd": p.PricePerHourUsd = IsNull(value) ? null : Number(value); break;
                case "measured":
                    if (IsNull(value)) { p.Measured = null; break; }
                    p.Measured = new Dictionary<string, string>(StringComparer.Ordinal);
                    foreach (var (k, v) in Map(value)) p.Measured[k] = Text(v);
                    break;
                default: throw Unknown(value, "the profile", key);
            }
        }
        return p;
    }

    /// <summary>The profile as block-style YAML: fields in declaration order, null fields left out.</summary>
    public static string Write(DeviceProfile p)
    {
        var writer = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        var e = new Emitter(writer);
        e.Emit(new StreamStart());
        e.Emit(new DocumentStart(null, null, true));
        e.Emit(new MappingStart());
        Scalar(e, "name", p.Name);
        Scalar(e, "kind", p.Kind);
        Scalar(e, "description", p.Description);
        Scalar(e, "source", p.Source);
        Mapping(e, "peak_flops", p.PeakFlops.Select(f => (f.Key, Format(f.Value))));
        Mapping(e, "memory", [("bandwidth_bytes_per_s", Format(p.Memory.BandwidthBytesPerS)), ("capacity_bytes", Format(p.Memory.CapacityBytes))]);
        Key(e, "caches");
        e.Emit(new SequenceStart(null, null, true, SequenceStyle.Block));
        foreach (var c in p.Caches)
        {
            List<(string, string)> fields = [("level", c.Level.ToString(CultureInfo.InvariantCulture)), ("bytes", c.Bytes.ToString(CultureInfo.InvariantCulture))];
            if (c.BandwidthBytesPerS is { } bw) fields.Add(("bandwidth_bytes_per_s", Format(bw)));
            Mapping(e, fields);
        }
        e.Emit(new SequenceEnd());
        Mapping(e, "link",
            [("name", p.Link.Name), ("bandwidth_bytes_per_s", Format(p.Link.BandwidthBytesPerS)), ("latency_ns", Format(p.Link.LatencyNs))]);
        Scalar(e, "kernel_overhead_ns", Format(p.KernelOverheadNs));
        Mapping(e, "power", [("idle_watts", Format(p.Power.IdleWatts)), ("peak_watts", Format(p.Power.PeakWatts))]);
        if (p.PricePerHourUsd is { } price) Scalar(e, "price_per_hour_usd", Format(price));
        if (p.Measured is { } measured) Mapping(e, "measured", measured.Select(m => (m.Key, m.Value)));
        e.Emit(new MappingEnd());
        e.Emit(new DocumentEnd(true));
        e.Emit(new StreamEnd());
        return writer.ToString();
    }

    private static void Key(IEmitter e, string key) => e.Emit(new Scalar(key));

    /// <summary>A block mapping of scalars, under <paramref name="key"/>.</summary>
    private static void Mapping(IEmitter e, string key, IEnumerable<(string Key, string Value)> entries)
    {
        Key(e, key);
        Mapping(e, entries);
    }

    /// <summary>A block mapping of scalars.</summary>
    private static void Mapping(IEmitter e, IEnumerable<(string Key, string Value)> entries)
    {
        e.Emit(new MappingStart());
        foreach (var (k, v) in entries) Scalar(e, k, v);
        e.Emit(new MappingEnd());
    }

    private static void Scalar(IEmitter e, string key, string value)
    {
        Key(e, key);
        e.Emit(new Scalar(value));
    }

    /// <summary>A number as the shortest text that reads back to the same double.</summary>
    private static string Format(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    private static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any, Value: null or "" or "~" or "null" or "Null" or "NULL" };

    /// <summary>Reads a mapping whose keys are all among <paramref name="fields"/>, each value with its reader.</summary>
    /// <exception cref="YamlException">Not a mapping, or a key not among the fields.</exception>
    private static void Fields(YamlNode node, string where, params (string Key, Action<YamlNode> Read)[] fields)
    {
        foreach (var (key, value) in Map(node))
        {
            int i = Array.FindIndex(fields, f => f.Key == key);
            if (i < 0) throw Unknown(value, where, key);
            fields[i].Read(value);
        }
    }

    private static IEnumerable<(string Key, YamlNode Value)> Map(YamlNode node)
    {
        if (IsNull(node)) yield break;
        if (node is not YamlMappingNode map) throw new YamlException(node.Start, node.End, "expected a mapping");
        foreach (var (k, v) in map.Children) yield return (Text(k), v);
    }

    private static IEnumerable<YamlNode> Sequence(YamlNode node)
    {
        if (IsNull(node)) return [];
        return node as YamlSequenceNode ?? throw new YamlException(node.Start, node.End, "expected a sequence");
    }

    private static string Text(YamlNode node) =>
        node is YamlScalarNode scalar ? scalar.Value ?? "" : throw new YamlException(node.Start, node.End, "expected a scalar");

    /// <summary>A YAML number: decimal or exponent form, <c>.inf</c>, <c>-.inf</c>, <c>.nan</c>.</summary>
    private static double Number(YamlNode node)
    {
        string text = Text(node).Trim();
        switch (text)
        {
            case ".inf" or ".Inf" or ".INF" or "+.inf" or "+.Inf" or "+.INF": return double.PositiveInfinity;
            case "-.inf" or "-.Inf" or "-.INF": return double.NegativeInfinity;
            case ".nan" or ".NaN" or ".NAN": return double.NaN;
        }
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v)
            ? v
            : throw new YamlException(node.Start, node.End, $"'{text}' is not a number");
    }

    /// <summary>A YAML integer of type <typeparamref name="T"/>; one out of its range is not one.</summary>
    private static T Integer<T>(YamlNode node) where T : IBinaryInteger<T>
    {
        string text = Text(node).Trim();
        return T.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out T? v)
            ? v
            : throw new YamlException(node.Start, node.End, $"'{text}' is not an integer, or is out of range");
    }

    private static YamlException Unknown(YamlNode at, string where, string key) =>
        new(at.Start, at.End, $"unknown key '{key}' in {where}");
}
