using System.Globalization;
using System.IO.Compression;
using CsvHelper;
using CsvHelper.Configuration;
using HwOpt.Analysis.Work;
using HwOpt.CostModel.Features;

namespace HwOpt.CostModel.Tests.Features;

/// <summary>A sample of the committed dataset (every 100th row and the first row of each op combination) featurizes.</summary>
public sealed class DatasetFeaturizationTests
{
    private const int Stride = 100;

    private static List<(string Op, string Kernel)> Sample()
    {
        string path = Path.Combine(TestRepository.Root, "corpus", "measurements", "host-cpu.csv.gz");
        using var file = File.OpenRead(path);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture));
        csv.Read();
        csv.ReadHeader();
        var sample = new List<(string, string)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int row = 0; csv.Read(); row++)
        {
            string op = csv.GetField("op")!;
            if (row % Stride == 0 || seen.Add(op))
            {
                seen.Add(op);
                sample.Add((op, csv.GetField("kernel_mlir")!));
            }
        }
        return sample;
    }

    [Fact]
    public void SampledKernelsFeaturizeAndLinalgWorkIsKnown()
    {
        var sample = Sample();
        Assert.True(sample.Count >= 200, $"only {sample.Count} rows sampled");
        var f = Featurizer.Default;
        var buffer = new float[f.Schema.Count];
        var unknown = new List<string>();
        foreach (var (op, kernel) in sample)
        {
            var body = Featurizer.KernelBody(kernel);
            Assert.NotEmpty(body);
            f.Featurize(body, buffer);
            Assert.All(buffer.AsSpan(0, 512).ToArray(), x => Assert.False(float.IsNaN(x)));
            bool linalgOnly = op.Split(' ').All(n => n.StartsWith("linalg.", StringComparison.Ordinal) || n == "tensor.empty");
            if (linalgOnly && !WorkEstimator.EstimateGroup(body).Known) unknown.Add(op);
        }
        Assert.Empty(unknown);
    }
}
