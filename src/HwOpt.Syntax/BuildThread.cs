using System.Collections.Concurrent;
using System.Diagnostics;

namespace HwOpt.Syntax;

/// <summary>
/// Runs the IR builder's steps on a second thread, in the order they are posted, while the parser reads on: a
/// pipeline of two stages that share no mutable state (the parser hands over complete, detached subtrees). The queue
/// is short, so at most a few ops' trees wait. The thread has the parser's large stack, since building recurses
/// along bracket nesting like parsing does.
/// </summary>
internal sealed class BuildThread : IDisposable
{
    private const int StackBytes = 256 * 1024 * 1024;

    // Steps wait in one queue, in order; how many may wait depends on their size: at most 2 large ones (a whole op of
    // the module's body with its tree) and 4 small ones (a batch of 32 of a function body's ops), so that small steps
    // keep both threads busy without letting many trees pile up (4 batches of 32 ops: measured against 16 x 8, 64 x 32
    // and 128 x 4 on the parse benchmark, time and peak RSS), each besides the step being built.
    private const int LargeSteps = 2;
    private const int SmallSteps = 4;

    private readonly BlockingCollection<(Action Step, SemaphoreSlim Slot)> queue = new();
    private readonly SemaphoreSlim largeSlots = new(LargeSteps), smallSlots = new(SmallSteps);
    private readonly Thread thread;
    private volatile bool stopped;
    private Exception? failure;
    private long busyTicks;

    private readonly Action? afterStep;

    /// <summary>Starts the thread.</summary>
    /// <param name="afterStep">Called on the build thread after each step, if given.</param>
    public BuildThread(Action? afterStep = null)
    {
        this.afterStep = afterStep;
        thread = new Thread(Loop, StackBytes) { Name = "hwopt IR builder", IsBackground = true };
        thread.Start();
    }

    /// <summary>Time spent building, in ms (valid after <see cref="Finish"/>).</summary>
    public double BusyMs => Stopwatch.GetElapsedTime(0, busyTicks).TotalMilliseconds;

    /// <summary>Queues a step; false when the builder has stopped (a step failed), so the parse should stop too.</summary>
    /// <param name="step">The step.</param>
    /// <param name="small">True for a step that holds a small tree (a batch of a function body's ops): more of those may wait.</param>
    public bool Post(Action step, bool small = false)
    {
        if (stopped) return false;
        var slot = small ? smallSlots : largeSlots;
        slot.Wait();
        queue.Add((step, slot));
        return true;
    }

    /// <summary>Waits for every queued step. False when a step gave up (<see cref="StreamingAbort"/>).</summary>
    /// <exception cref="InvalidOperationException">A step failed with another exception (a bug, not an input problem).</exception>
    public bool Finish()
    {
        queue.CompleteAdding();
        thread.Join();
        if (failure is null) return true;
        if (failure is StreamingAbort) return false;
        throw new InvalidOperationException("internal error while building IR", failure);
    }

    private void Loop()
    {
        foreach (var (step, slot) in queue.GetConsumingEnumerable())
        {
            // The slot frees when the step leaves the queue, not when it is done: the parser may read the next one
            // meanwhile (2 large steps wait while a third is built, as with a bounded queue).
            slot.Release();
            if (stopped) continue;
            long t0 = Stopwatch.GetTimestamp();
            try
            {
                step();
                afterStep?.Invoke();
            }
            catch (Exception e)
            {
                failure = e;
                stopped = true;
            }
            busyTicks += Stopwatch.GetTimestamp() - t0;
        }
    }

    /// <summary>Stops the thread without waiting for queued steps (after the parse gave up).</summary>
    public void Dispose()
    {
        stopped = true;
        if (!queue.IsAddingCompleted) queue.CompleteAdding();
        thread.Join();
        queue.Dispose();
        largeSlots.Dispose();
        smallSlots.Dispose();
    }
}
