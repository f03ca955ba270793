using System.Threading.Tasks.Sources;
using JobQueue.Dispatcher.Engine;

namespace JobQueue.Dispatcher.Refactored;

/// <summary>
/// What a pool worker waits on while the <c>jobs</c> buffer is empty: one reusable completion per
/// worker, woken at most once per park, with a job sent straight to it or with null (look at the
/// buffer again, or leave if the pool is stopping). The wake runs the worker inline on the sender's
/// thread, as Go's scheduler runs a readied receiver next on the sender's processor, so a job sent to
/// an idle pool starts without a thread-pool hop and without crossing to another core.
/// </summary>
internal sealed class ParkedWorker : IValueTaskSource<Job?>
{
    private ManualResetValueTaskSourceCore<Job?> _core = new() { RunContinuationsAsynchronously = false };

    public ValueTask<Job?> WaitAsync() => new(this, _core.Version);

    public void Wake(Job? job) => _core.SetResult(job);

    Job? IValueTaskSource<Job?>.GetResult(short token)
    {
        var job = _core.GetResult(token);

        // Ready for the next park before the worker can park again.
        _core.Reset();
        return job;
    }

    ValueTaskSourceStatus IValueTaskSource<Job?>.GetStatus(short token) => _core.GetStatus(token);

    void IValueTaskSource<Job?>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);
}
