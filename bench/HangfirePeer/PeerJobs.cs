namespace JobQueue.HangfirePeer;

/// <summary>The jobs Hangfire runs: public and static, so that it can call them by name.</summary>
public static class PeerJobs
{
    private static TaskCompletionSource<long> _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>A no-op job, as the shared queue's drain runs (delay 0).</summary>
    public static void Noop()
    {
    }

    /// <summary>Completes with the timestamp at which the next <see cref="Mark"/> job begins.</summary>
    public static Task<long> NextStart()
    {
        _started = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        return _started.Task;
    }

    public static void Mark() => _started.TrySetResult(System.Diagnostics.Stopwatch.GetTimestamp());
}
