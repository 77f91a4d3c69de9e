using System.Text.Json;
using HwOpt.Syntax.Custom;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace HwOpt.Syntax.Tests;

/// <summary>
/// The catalogue reader (YamlDotNet's event parser, fields by hand) reads <c>dialects/*.yaml</c> exactly as YamlDotNet's
/// reflection-based deserializer reads them into the same classes.
/// </summary>
public sealed class DialectCatalogTests
{
    private sealed class DialectFile
    {
        public string Dialect { get; set; } = string.Empty;
        public Dictionary<string, OpEntry> Ops { get; set; } = new();
    }

    public static IEnumerable<object[]> Files =>
        Directory.GetFiles(Path.Combine(TestPaths.RepoRoot, "dialects"), "*.yaml").Order(StringComparer.Ordinal).Select(f => new object[] { Path.GetFileName(f) });

    [Theory]
    [MemberData(nameof(Files))]
    public void ReadsEachFileAsTheDeserializerDoes(string file)
    {
        string path = Path.Combine(TestPaths.RepoRoot, "dialects", file);
        var deserializer = new DeserializerBuilder().WithNamingConvention(UnderscoredNamingConvention.Instance).Build();
        using var expectedText = File.OpenText(path);
        var expected = deserializer.Deserialize<DialectFile>(expectedText).Ops;
        using var actualText = File.OpenText(path);
        var actual = DialectCatalog.ReadFile(actualText, file);
        Assert.NotEmpty(actual);
        Assert.Equal(JsonSerializer.Serialize(expected), JsonSerializer.Serialize(actual));
    }

    [Fact]
    public void RejectsUnknownKeys()
    {
        using var text = new StringReader("dialect: x\nops:\n  x.op: { format: values, trait: [opaque] }\n");
        Assert.Throws<InvalidDataException>(() => DialectCatalog.ReadFile(text, "x.yaml"));
    }
}
