using System.Threading.Tasks.Sources;

namespace JobQueue.Engine;

/// <summary>
/// Go's unbuffered <c>chan Job</c> with one receiver, its worker: in the original design a worker's
/// private <c>jobQueue</c>, in the refactored pool what a parked worker waits on. The protocol makes it
/// this small: a worker offers its channel (to the Dispatcher's <c>workerPool</c>, or to the pool's
/// parked workers) only when it is about to receive, and whoever takes it from there sends once. So
/// there is never more than one pending receive and one send per receive, and a single reusable
/// completion serves.
/// </summary>
/// <remarks>
/// Why not <c>Channel&lt;Job&gt;</c>: a bounded channel with its reader, writer, deques and waiter
/// objects is ~700 bytes; with 100000 idle workers that alone is 70 MB. This is one object of ~80.
/// The send runs the worker's continuation inline, as Go's scheduler runs a receiver next on the
/// sender's processor: the worker starts its job without a thread-pool hop.
/// </remarks>
internal sealed class JobChannel : IValueTaskSource<Job?>
{
    private ManualResetValueTaskSourceCore<Job?> _core = new() { RunContinuationsAsynchronously = false };

    /// <summary>Waits for the send; null means no job: quit (the original's <c>quitChan</c>), or in the pool, look again.</summary>
    public ValueTask<Job?> ReceiveAsync() => new(this, _core.Version);

    /// <summary>Hands a job to the worker: <c>workerJobQueue &lt;- job</c>.</summary>
    public void Send(Job job) => _core.SetResult(job);

    /// <summary>Tells the idle worker to stop: Go's <c>w.quitChan &lt;- true</c> in the original design.</summary>
    public void Quit() => _core.SetResult(null);

    /// <summary>Wakes a parked pool worker with no job: it looks at the buffer again, or leaves if the pool stopped.</summary>
    public void Wake() => _core.SetResult(null);

    Job? IValueTaskSource<Job?>.GetResult(short token)
    {
        var job = _core.GetResult(token);

        // Ready for the next receive before the worker goes back into the pool.
        _core.Reset();
        return job;
    }

    ValueTaskSourceStatus IValueTaskSource<Job?>.GetStatus(short token) => _core.GetStatus(token);

    void IValueTaskSource<Job?>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);
}
