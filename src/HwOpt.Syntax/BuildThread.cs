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
    private const int QueueLength = 2;

    private readonly BlockingCollection<Action> queue = new(QueueLength);
    private readonly Thread thread;
    private volatile bool stopped;
    private Exception? failure;
    private long busyTicks;

    public BuildThread()
    {
        thread = new Thread(Loop, StackBytes) { Name = "hwopt IR builder", IsBackground = true };
        thread.Start();
    }

    /// <summary>Time spent building, in ms (valid after <see cref="Finish"/>).</summary>
    public double BusyMs => Stopwatch.GetElapsedTime(0, busyTicks).TotalMilliseconds;

    /// <summary>Queues a step; false when the builder has stopped (a step failed), so the parse should stop too.</summary>
    public bool Post(Action step)
    {
        if (stopped) return false;
        queue.Add(step);
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
        foreach (var step in queue.GetConsumingEnumerable())
        {
            if (stopped) continue;
            long t0 = Stopwatch.GetTimestamp();
            try
            {
                step();
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
    }
}
