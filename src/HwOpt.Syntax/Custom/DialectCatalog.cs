using System.Globalization;
using System.Reflection;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

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

/// <summary>
/// The op table read from the <c>dialects/*.yaml</c> files embedded in this assembly (read once). The files are read
/// with YamlDotNet's event parser into <see cref="OpEntry"/> directly: the reflection-based deserializer took about
/// 100 ms to set up and run, once per process, on the IR builder's critical path. Unknown keys are errors, as they
/// were for the deserializer.
/// </summary>
internal static class DialectCatalog
{
    private static readonly Lazy<IReadOnlyDictionary<string, OpEntry>> ops = new(Load);

    public static IReadOnlyDictionary<string, OpEntry> Ops => ops.Value;

    /// <summary>
    /// Starts loading the catalogue on a thread-pool thread (the parser calls it first thing): the IR builder needs it
    /// at the first op in custom syntax, and would otherwise read the YAML then, on its own critical path (about 60 ms).
    /// A load that fails fails again, the same way, where <see cref="Ops"/> is read.
    /// </summary>
    public static void Preload()
    {
        if (ops.IsValueCreated) return;
        ThreadPool.UnsafeQueueUserWorkItem(static _ =>
        {
            // An exception is cached by the Lazy and rethrown where Ops is read; on this thread it would end the process.
            try { _ = ops.Value; }
            catch (Exception) { }
        }, null);
    }

    private static IReadOnlyDictionary<string, OpEntry> Load()
    {
        var table = new Dictionary<string, OpEntry>(StringComparer.Ordinal);
        var asm = Assembly.GetExecutingAssembly();
        foreach (var resource in asm.GetManifestResourceNames().Where(n => n.StartsWith("dialects/", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var stream = asm.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            foreach (var (name, entry) in ReadFile(reader, resource)) table[name] = entry;
        }
        return table;
    }

    /// <summary>Reads one file: <c>dialect: name</c> and <c>ops: { op: entry, ... }</c>.</summary>
    internal static Dictionary<string, OpEntry> ReadFile(TextReader text, string fileName)
    {
        var parser = new Parser(text);
        var ops = new Dictionary<string, OpEntry>(StringComparer.Ordinal);
        parser.Consume<StreamStart>();
        if (parser.Accept<StreamEnd>(out _)) return ops;
        parser.Consume<DocumentStart>();
        Mapping(parser, fileName, key =>
        {
            switch (key)
            {
                case "dialect": ScalarValue(parser); break;
                case "ops": Mapping(parser, fileName, op => ops[op] = Entry(parser, fileName + ": " + op)); break;
                default: throw Unknown(fileName, key);
            }
        });
        parser.Consume<DocumentEnd>();
        return ops;
    }

    private static OpEntry Entry(IParser parser, string where)
    {
        var entry = new OpEntry();
        Mapping(parser, where, key =>
        {
            switch (key)
            {
                case "format": entry.Format = ScalarValue(parser); break;
                case "traits": entry.Traits = Sequence(parser); break;
                case "params": entry.Params = StringMap(parser, where); break;
                case "name": entry.Name = ScalarValue(parser); break;
                case "work": entry.Work = Work(parser, where + ": work"); break;
                default: throw Unknown(where, key);
            }
        });
        return entry;
    }

    private static WorkEntry Work(IParser parser, string where)
    {
        var work = new WorkEntry();
        Mapping(parser, where, key =>
        {
            switch (key)
            {
                case "kind": work.Kind = ScalarValue(parser); break;
                case "maps": work.Maps = Sequence(parser); break;
                case "iterators": work.Iterators = Sequence(parser); break;
                case "body": work.Body = Sequence(parser); break;
                case "flops": work.Flops = double.Parse(ScalarValue(parser), NumberStyles.Float, CultureInfo.InvariantCulture); break;
                case "class": work.Class = ScalarValue(parser); break;
                case "reduced": work.Reduced = ScalarValue(parser); break;
                case "moves": work.Moves = ScalarValue(parser); break;
                case "extents": work.Extents = StringMap(parser, where); break;
                default: throw Unknown(where, key);
            }
        });
        return work;
    }

    /// <summary>Reads a mapping with scalar keys, handing each key to <paramref name="value"/>, which reads its value.</summary>
    private static void Mapping(IParser parser, string where, Action<string> value)
    {
        if (!parser.TryConsume<MappingStart>(out _)) throw new InvalidDataException($"dialects: {where}: expected a mapping");
        while (!parser.TryConsume<MappingEnd>(out _)) value(ScalarValue(parser));
    }

    private static Dictionary<string, string> StringMap(IParser parser, string where)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        Mapping(parser, where, key => map[key] = ScalarValue(parser));
        return map;
    }

    private static List<string> Sequence(IParser parser)
    {
        var list = new List<string>();
        parser.Consume<SequenceStart>();
        while (!parser.TryConsume<SequenceEnd>(out _)) list.Add(ScalarValue(parser));
        return list;
    }

    private static string ScalarValue(IParser parser) => parser.Consume<Scalar>().Value;

    private static InvalidDataException Unknown(string where, string key) => new($"dialects: {where}: unknown key '{key}'");
}
