using System.Security.Cryptography;
using HwOpt.CostModel.Learning;

namespace HwOpt.CostModel.Tests.Learning;

/// <summary>The binary form of a compiled forest and the on-disk cache built on it.</summary>
public sealed class ForestCacheTests
{
    private static (CompiledForest Forest, float[] Rows, int Count) Trained(int seed)
    {
        var (x, y) = Synthetic.Make(800, seed: seed, noise: 0.2, missingFraction: 0.2);
        using var model = XgbRegressor.Train(x, y, null, null, Synthetic.Fast with { MaxRounds = 40 });
        var (probe, _) = Synthetic.Make(1000, seed: seed + 1, missingFraction: 0.3);
        return (CompiledForest.FromXgboostJson(model.SaveJson(), 40), probe.Data.ToArray(), 1000);
    }

    [Fact]
    public void BinaryFormReadsBackToTheSameTreesAndPredictions()
    {
        var (forest, rows, count) = Trained(21);
        var copy = CompiledForest.FromBinary(forest.ToBinary());
        Assert.NotNull(copy);
        Assert.True(forest.SameAs(copy!));
        var a = new float[count];
        var b = new float[count];
        forest.Predict(rows, count, a);
        copy!.Predict(rows, count, b);
        Assert.Equal(a.Select(BitConverter.SingleToInt32Bits), b.Select(BitConverter.SingleToInt32Bits));
    }

    [Fact]
    public void DamagedBytesAreRejected()
    {
        var bytes = Trained(31).Forest.ToBinary();
        Assert.Null(CompiledForest.FromBinary(bytes.AsSpan(0, bytes.Length - 1)));
        Assert.Null(CompiledForest.FromBinary(bytes.AsSpan(0, 40)));
        Assert.Null(CompiledForest.FromBinary([]));
        var rng = new Random(5);
        for (int k = 0; k < 50; k++)
        {
            var changed = (byte[])bytes.Clone();
            changed[rng.Next(changed.Length)] ^= (byte)(1 << rng.Next(8));
            Assert.Null(CompiledForest.FromBinary(changed));
        }
    }

    [Fact]
    public void CacheCompilesOnceThenReadsBackAndRecompilesADamagedFile()
    {
        var (forest, _, _) = Trained(41);
        string folder = Path.Combine(Path.GetTempPath(), "hwopt-forest-cache-" + Guid.NewGuid().ToString("N"));
        try
        {
            string sha = Convert.ToHexStringLower(SHA256.HashData(forest.ToBinary()));
            int compiled = 0;
            CompiledForest Compile()
            {
                compiled++;
                return forest;
            }
            var first = ForestCache.GetOrCompile(folder, sha, Compile);
            var second = ForestCache.GetOrCompile(folder, sha, Compile);
            Assert.Equal(1, compiled);
            Assert.True(first.SameAs(second));
            Assert.Single(Directory.GetFiles(folder));

            // A damaged cache file is not used: the forest is compiled again and the file replaced.
            string file = Directory.GetFiles(folder).Single();
            var bytes = File.ReadAllBytes(file);
            bytes[bytes.Length / 2] ^= 0x40;
            File.WriteAllBytes(file, bytes);
            var third = ForestCache.GetOrCompile(folder, sha, Compile);
            Assert.Equal(2, compiled);
            Assert.True(third.SameAs(forest));
            Assert.NotNull(CompiledForest.FromBinary(File.ReadAllBytes(file)));

            // No folder, or a key that is not a SHA-256: no cache, every call compiles.
            ForestCache.GetOrCompile(null, sha, Compile);
            ForestCache.GetOrCompile(folder, "../escape", Compile);
            Assert.Equal(4, compiled);
            Assert.Single(Directory.GetFiles(folder));
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }
}
