namespace HwOpt.Corpus.Tests;

/// <summary>The committed corpus/models folder and the zoo's default corpus as theory data.</summary>
internal static class CorpusFiles
{
    public static string ModelsDir { get; } = Path.Combine(FindRoot(), "corpus", "models");

    /// <summary>One row per committed file: index into <see cref="ModelZoo.DefaultCorpus"/> and the expected file name.</summary>
    public static IEnumerable<object[]> DefaultCorpus() =>
        ModelZoo.DefaultCorpus.Select((e, i) => new object[] { i, ModelZoo.Generate(e.Model, e.Options).FileName });

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Compiler.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Compiler.sln not found above " + AppContext.BaseDirectory);
    }
}
