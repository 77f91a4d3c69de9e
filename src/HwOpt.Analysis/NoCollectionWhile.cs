using System.Runtime;

namespace HwOpt.Analysis;

/// <summary>
/// A stretch of code that allocates a known amount of long-lived memory with no collection in between
/// (<see cref="GC.TryStartNoGCRegion(long, bool)"/>): the dataflow graph's arrays, built right after a parse, when the
/// heap holds the whole IR. Most of them are large objects, and without this their allocation sets off a full blocking
/// collection of that heap (the large-object budget is spent): on the 8 MB benchmark input (53,595 nodes) the graph
/// took 61-78 ms with that collection and 27-34 ms in a region (bench/README.md, 2026-12-06, fourth night). The
/// runtime may collect the young generations to make room when the region starts, never the whole heap
/// (<c>disallowFullBlockingGC</c>).
/// </summary>
/// <remarks>
/// The runtime has one such region per process: this one is entered by one thread at a time, and skipped (code runs
/// as usual) when another thread holds it, when the runtime declines (no room without a full collection) or when the
/// size is out of its range. If the code allocates more than reserved, the runtime collects and the region ends early;
/// disposing then does nothing.
/// </remarks>
internal sealed class NoCollectionWhile : IDisposable
{
    // The most a region reserves, in bytes: above it a graph is built with collections as usual.
    private const long MaxBytes = 256L << 20;

    private static int held;
    private bool entered;

    private NoCollectionWhile()
    {
    }

    /// <summary>Enters a region for <paramref name="bytes"/> of allocation (when <paramref name="worthIt"/>); dispose to leave it.</summary>
    /// <param name="bytes">The allocation to make room for, in bytes (capped at 256 MiB).</param>
    /// <param name="worthIt">False: no region (small work, where a collection costs little).</param>
    /// <returns>The region; never null, whether or not it was entered.</returns>
    public static NoCollectionWhile Allocating(long bytes, bool worthIt)
    {
        var region = new NoCollectionWhile();
        if (!worthIt || bytes <= 0 || bytes > MaxBytes || Interlocked.CompareExchange(ref held, 1, 0) != 0) return region;
        try
        {
            region.entered = GC.TryStartNoGCRegion(bytes, disallowFullBlockingGC: true);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentOutOfRangeException)
        {
            // Another region (not ours) is in progress, or the size is more than the runtime allows.
        }
        if (!region.entered) Volatile.Write(ref held, 0);
        return region;
    }

    /// <summary>Whether the region was entered (and not left yet).</summary>
    public bool Entered => entered;

    /// <summary>Leaves the region, unless the runtime has ended it already (more was allocated than reserved).</summary>
    public void Dispose()
    {
        if (!entered) return;
        entered = false;
        try
        {
            if (GCSettings.LatencyMode == GCLatencyMode.NoGCRegion) GC.EndNoGCRegion();
        }
        catch (InvalidOperationException)
        {
            // Ended by a collection between the check and the call.
        }
        finally
        {
            Volatile.Write(ref held, 0);
        }
    }
}
