using System.Security.Cryptography;
using HwOpt.CostModel.Features;
using HwOpt.CostModel.Model;

namespace HwOpt.CostModel.Tests.Model;

/// <summary>The model shipped in cost-models/host-cpu is the one trained on the committed dataset, with this build's features.</summary>
public sealed class ShippedModelTests
{
    private static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Compiler.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("repository root not found");
    }

    [Fact]
    public void TheCardNamesTheCommittedDatasetByItsHash()
    {
        string root = Root();
        var card = ModelCard.FromJson(File.ReadAllText(Path.Combine(root, "cost-models/host-cpu/model-card.json")));
        string dataset = Path.Combine(root, "corpus/measurements/host-cpu.csv.gz");
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(dataset))), card.DatasetSha256);
        Assert.Equal(Featurizer.Default.Schema.Version, card.FeatureVersion);
        Assert.Equal(Featurizer.Default.Schema.Count, card.FeatureCount);
        foreach (var t in card.Targets)
        {
            for (int i = 0; i < t.Files.Count; i++)
            {
                byte[] bytes = File.ReadAllBytes(Path.Combine(root, "cost-models/host-cpu", t.Files[i]));
                Assert.Equal(t.Sha256[i], Convert.ToHexStringLower(SHA256.HashData(bytes)));
                Assert.True(bytes.Length < 50_000_000, $"{t.Files[i]} is {bytes.Length} bytes");
            }
        }
    }
}
