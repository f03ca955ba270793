using System.Threading.Tasks.Sources;
using JobQueue.Queue;

namespace JobQueue.Original;

/// <summary>
/// A worker's private <c>jobQueue</c>: Go's unbuffered <c>chan Job</c> with one receiver. The protocol
/// keeps it one slot: a worker puts its channel into the <c>workerPool</c> only when it is about to
/// receive, and whoever takes it from there sends exactly once (a job, or the quit signal). So there is
/// never more than one pending receive, and one reusable completion serves.
/// </summary>
/// <remarks>
/// Why not a <c>Channel&lt;Job&gt;</c> per worker: --max-workers may be 100 000, and a channel per
/// worker is several times the size of this one object (BENCHMARKS.md, IdleWorkerBytes). The send runs
/// the worker's continuation inline, as Go's scheduler runs a woken receiver next: a hand-off costs no
/// thread-pool item.
/// </remarks>
internal sealed class JobChannel(int worker) : IValueTaskSource<Job?>
{
    private ManualResetValueTaskSourceCore<Job?> _core = new() { RunContinuationsAsynchronously = false };

    /// <summary>The worker whose channel this is: what the dashboard names it by.</summary>
    public int Worker { get; } = worker;

    /// <summary>Waits for the send; null is the quit signal (Go's <c>quitChan</c>).</summary>
    public ValueTask<Job?> ReceiveAsync() => new(this, _core.Version);

    /// <summary>Hands a job to the worker: <c>workerJobQueue &lt;- job</c>.</summary>
    public void Send(Job job) => _core.SetResult(job);

    /// <summary>Tells the idle worker to stop: Go's <c>w.quitChan &lt;- true</c>.</summary>
    public void Quit() => _core.SetResult(null);

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
