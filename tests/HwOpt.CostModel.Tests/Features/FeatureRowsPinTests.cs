using System.Runtime.InteropServices;
using System.Security.Cryptography;
using HwOpt.CostModel.Features;
using HwOpt.Diagnostics;
using HwOpt.IR;
using HwOpt.Profiling;
using HwOpt.Syntax;

namespace HwOpt.CostModel.Tests.Features;

/// <summary>
/// The feature rows of every distinct kernel of corpus/models, bit for bit: the shipped boosters were trained on
/// these values, so a featurizer change (a faster hash, a cache) must leave them as they are. The pin is the SHA-256
/// of the rows as raw little-endian floats, kernels in the order 'hwopt-bench-cost dump' writes them.
/// </summary>
public sealed class FeatureRowsPinTests
{
    private const string RowsSha256 = "d1e0cfc420aaafc09a35369a371395584e8b4d642ffed098f858adefb9974efe";

    private static List<IReadOnlyList<Operation>> CorpusKernels()
    {
        var kernels = new List<IReadOnlyList<Operation>>();
        foreach (var file in Directory.GetFiles(Path.Combine(TestRepository.Root, "corpus", "models"), "*.mlir").Order(StringComparer.Ordinal))
        {
            var parsed = MlirParser.Parse(new SourceText(file, File.ReadAllText(file)));
            Assert.False(parsed.HasErrors, file);
            foreach (var k in KernelExtractor.FromModule(parsed.Module!, Path.GetFileName(file), "bench").Select(p => p.Kernel).DistinctBy(k => k.Id))
            {
                kernels.Add(Featurizer.KernelBody(k.Text));
            }
        }
        return kernels;
    }

    [Fact]
    public void CorpusRowsAreUnchangedInAnyOrderAndOnAnyThread()
    {
        var kernels = CorpusKernels();
        Assert.True(kernels.Count > 500, $"only {kernels.Count} kernels");
        int columns = Featurizer.Default.Schema.Count;
        var forward = new float[kernels.Count * columns];
        for (int i = 0; i < kernels.Count; i++) Featurizer.Default.Featurize(kernels[i], forward.AsSpan(i * columns, columns));
        Assert.Equal(RowsSha256, Convert.ToHexStringLower(SHA256.HashData(MemoryMarshal.AsBytes(forward.AsSpan()))));

        // The per-thread caches (text tokens) must not make a row depend on what was featurized before it.
        var backward = new float[forward.Length];
        for (int i = kernels.Count - 1; i >= 0; i--) Featurizer.Default.Featurize(kernels[i], backward.AsSpan(i * columns, columns));
        // Each kernel three times, concurrently, each time into a row of its own (Featurize accumulates into its
        // destination, so two threads must not share one).
        var parallel = new float[forward.Length * 3];
        Parallel.For(0, kernels.Count * 3, j => Featurizer.Default.Featurize(kernels[j % kernels.Count], parallel.AsSpan(j * columns, columns)));
        Assert.True(forward.AsSpan().SequenceEqual(backward), "rows differ when featurized in reverse order");
        for (int copy = 0; copy < 3; copy++)
        {
            Assert.True(forward.AsSpan().SequenceEqual(parallel.AsSpan(copy * forward.Length, forward.Length)), "rows differ when featurized in parallel");
        }
    }
}
