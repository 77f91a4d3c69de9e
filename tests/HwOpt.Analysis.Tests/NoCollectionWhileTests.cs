using System.Runtime;

namespace HwOpt.Analysis.Tests;

/// <summary>A no-collection region is one per process: these tests run alone, so that no other test's allocation ends it.</summary>
[CollectionDefinition(nameof(NoCollectionWhileTests), DisableParallelization = true)]
public sealed class NoCollectionWhileCollection;

[Collection(nameof(NoCollectionWhileTests))]
public sealed class NoCollectionWhileTests
{
    [Fact]
    public void ARegionIsEnteredOnceAndLeftOnDispose()
    {
        using (var region = NoCollectionWhile.Allocating(8L << 20, worthIt: true))
        {
            Assert.True(region.Entered);
            Assert.Equal(GCLatencyMode.NoGCRegion, GCSettings.LatencyMode);
            int before = GC.CollectionCount(0);
            var arrays = new List<int[]>();
            for (int i = 0; i < 8; i++) arrays.Add(new int[100_000]);
            Assert.Equal(before, GC.CollectionCount(0));
            // A second region while one is held is not entered (the runtime has one per process), and does not throw.
            using var nested = NoCollectionWhile.Allocating(1L << 20, worthIt: true);
            Assert.False(nested.Entered);
            Assert.Equal(GCLatencyMode.NoGCRegion, GCSettings.LatencyMode);
            GC.KeepAlive(arrays);
        }
        Assert.NotEqual(GCLatencyMode.NoGCRegion, GCSettings.LatencyMode);
        // Held no longer: the next one is entered.
        using var again = NoCollectionWhile.Allocating(1L << 20, worthIt: true);
        Assert.True(again.Entered);
    }

    [Theory]
    [InlineData(1L << 20, false)]
    [InlineData(0L, true)]
    [InlineData(300L << 20, true)]
    public void SmallWorkNoBytesAndMoreThanTheCapAreNotRegions(long bytes, bool worthIt)
    {
        using var region = NoCollectionWhile.Allocating(bytes, worthIt);
        Assert.False(region.Entered);
        Assert.NotEqual(GCLatencyMode.NoGCRegion, GCSettings.LatencyMode);
    }

    [Fact]
    public void AllocatingMoreThanReservedEndsTheRegionAndDisposeStillSucceeds()
    {
        var region = NoCollectionWhile.Allocating(1L << 20, worthIt: true);
        Assert.True(region.Entered);
        var arrays = new List<byte[]>();
        for (int i = 0; i < 64; i++) arrays.Add(new byte[1 << 20]);
        GC.KeepAlive(arrays);
        Assert.NotEqual(GCLatencyMode.NoGCRegion, GCSettings.LatencyMode);
        region.Dispose();
        Assert.False(region.Entered);
        using var next = NoCollectionWhile.Allocating(1L << 20, worthIt: true);
        Assert.True(next.Entered);
    }
}
