using System.Reflection;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace HwOpt.Syntax.Custom;

/// <summary>One op's entry in <c>dialects/*.yaml</c>.</summary>
internal sealed class OpEntry
{
    public string Format { get; set; } = string.Empty;
    public List<string> Traits { get; set; } = new();
    public Dictionary<string, string> Params { get; set; } = new();
    /// <summary>The canonical op name when the key is an older spelling (<c>func</c> for <c>func.func</c>).</summary>
    public string? Name { get; set; }
    /// <summary>The optional <c>work</c> entry: how much arithmetic and data traffic the op does (see <see cref="OpWorkSpec"/>).</summary>
    public WorkEntry? Work { get; set; }
}

/// <summary>The <c>work</c> field of an op as written in the YAML (validated into an <see cref="OpWorkSpec"/>).</summary>
internal sealed class WorkEntry
{
    public string? Kind { get; set; }
    public List<string> Maps { get; set; } = new();
    public List<string> Iterators { get; set; } = new();
    public List<string> Body { get; set; } = new();
    public double? Flops { get; set; }
    public string? Class { get; set; }
    public string? Reduced { get; set; }
    public string? Moves { get; set; }
    public Dictionary<string, string> Extents { get; set; } = new();
}

internal sealed class DialectFile
{
    public string Dialect { get; set; } = string.Empty;
    public Dictionary<string, OpEntry> Ops { get; set; } = new();
}

/// <summary>The op table read from the <c>dialects/*.yaml</c> files embedded in this assembly (read once).</summary>
internal static class DialectCatalog
{
    private static readonly Lazy<IReadOnlyDictionary<string, OpEntry>> ops = new(Load);

    public static IReadOnlyDictionary<string, OpEntry> Ops => ops.Value;

    private static IReadOnlyDictionary<string, OpEntry> Load()
    {
        var deserializer = new DeserializerBuilder().WithNamingConvention(UnderscoredNamingConvention.Instance).Build();
        var table = new Dictionary<string, OpEntry>(StringComparer.Ordinal);
        var asm = Assembly.GetExecutingAssembly();
        foreach (var resource in asm.GetManifestResourceNames().Where(n => n.StartsWith("dialects/", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var stream = asm.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            var file = deserializer.Deserialize<DialectFile>(reader);
            foreach (var (name, entry) in file.Ops) table[name] = entry;
        }
        return table;
    }
}
