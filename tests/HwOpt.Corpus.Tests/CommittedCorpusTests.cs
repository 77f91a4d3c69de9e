using HwOpt.Diagnostics;
using HwOpt.Syntax;

namespace HwOpt.Corpus.Tests;

/// <summary>The committed files are what the generator writes today, and hwopt's parser understands every op in them.</summary>
public sealed class CommittedCorpusTests
{
    public static IEnumerable<object[]> Files => CorpusFiles.DefaultCorpus();

    [Theory]
    [MemberData(nameof(Files))]
    public void CommittedFileIsFreshAndDeterministic(int index, string file)
    {
        var (model, options) = ModelZoo.DefaultCorpus[index];
        var first = ModelZoo.Generate(model, options);
        var second = ModelZoo.Generate(model, options);
        Assert.Equal(first.Text, second.Text);
        string path = Path.Combine(CorpusFiles.ModelsDir, file);
        Assert.True(File.Exists(path), $"corpus/models/{file} is missing: run `hwopt corpus generate`");
        Assert.True(File.ReadAllText(path) == first.Text, $"corpus/models/{file} is stale: run `hwopt corpus generate`");
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void GeneratedModelParsesWithNoOpaqueOps(int index, string file)
    {
        var (model, options) = ModelZoo.DefaultCorpus[index];
        var m = ModelZoo.Generate(model, options);
        var result = MlirParser.Parse(new SourceText(file, m.Text));
        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics.Take(5).Select(d => d.Message)));
        Assert.NotNull(result.Module);
        Assert.Equal(0, result.Stats.OpaqueOps);
        // module + func + return + the @forward body ops (region bodies add more).
        Assert.True(result.Stats.Operations >= m.OpCount + 3, $"{result.Stats.Operations} ops parsed, generator wrote {m.OpCount}");
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void HeaderCitesThePaperAndTheConfig(int index, string file)
    {
        var (model, options) = ModelZoo.DefaultCorpus[index];
        var m = ModelZoo.Generate(model, options);
        var header = m.Text.Split('\n').TakeWhile(l => l.StartsWith("//", StringComparison.Ordinal)).ToList();
        Assert.StartsWith($"// {file}: ", header[0]);
        Assert.Contains(header, l => l.Contains(m.Citation.Title, StringComparison.Ordinal) && l.Contains(m.Citation.Year.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
        Assert.Contains(header, l => l.StartsWith("// Config: ", StringComparison.Ordinal) && l.Contains("dtype=" + m.Config.Element.Mlir(), StringComparison.Ordinal));
    }

    [Fact]
    public void ReadmeListsEveryCommittedFile()
    {
        string readme = File.ReadAllText(Path.Combine(CorpusFiles.ModelsDir, "README.md"));
        foreach (var (model, options) in ModelZoo.DefaultCorpus)
        {
            Assert.Contains($"| `{ModelZoo.Generate(model, options).FileName}` |", readme);
        }
    }
}
