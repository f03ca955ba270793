using System.Threading.Tasks.Sources;

namespace JobQueue.Dispatcher.Refactored;

/// <summary>
/// What a pool worker waits on while the <c>jobs</c> buffer is empty: one reusable completion per
/// worker, woken at most once per park. The wake runs the worker inline on the sender's thread, as
/// Go's scheduler runs a readied receiver next on the sender's processor, so a job sent to an idle
/// pool starts without a thread-pool hop and without crossing to another core.
/// </summary>
internal sealed class ParkedWorker : IValueTaskSource
{
    private ManualResetValueTaskSourceCore<bool> _core = new() { RunContinuationsAsynchronously = false };

    public ValueTask WaitAsync() => new(this, _core.Version);

    public void Wake() => _core.SetResult(true);

    void IValueTaskSource.GetResult(short token)
    {
        _core.GetResult(token);

        // Ready for the next park before the worker can park again.
        _core.Reset();
    }

    ValueTaskSourceStatus IValueTaskSource.GetStatus(short token) => _core.GetStatus(token);

    void IValueTaskSource.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);
}
