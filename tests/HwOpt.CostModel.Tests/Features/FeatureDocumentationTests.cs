using HwOpt.CostModel.Features;

namespace HwOpt.CostModel.Tests.Features;

/// <summary>cost-models/FEATURES.md is generated from the schema; run with HWOPT_REGENERATE=1 to rewrite it.</summary>
public sealed class FeatureDocumentationTests
{
    [Fact]
    public void FeaturesFileIsInSyncWithTheSchema()
    {
        string path = Path.Combine(TestRepository.Root, "cost-models", "FEATURES.md");
        string expected = FeatureDocumentation.Render(Featurizer.Default.Schema);
        if (Environment.GetEnvironmentVariable("HWOPT_REGENERATE") == "1") File.WriteAllText(path, expected);
        Assert.True(File.Exists(path), path + " is missing: run the tests with HWOPT_REGENERATE=1");
        string actual = File.ReadAllText(path).ReplaceLineEndings("\n");
        Assert.True(actual == expected, "cost-models/FEATURES.md is out of date: run the tests with HWOPT_REGENERATE=1");
        foreach (string name in Featurizer.Default.Schema.Names.Where(n => !n.StartsWith("text_", StringComparison.Ordinal)))
        {
            Assert.Contains("`" + name + "`", actual);
        }
    }
}
