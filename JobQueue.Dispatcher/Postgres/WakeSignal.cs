namespace JobQueue.Postgres;

/// <summary>
/// Wakes every waiter at once, and never loses a wake-up: a waiter takes <see cref="Next"/> before it
/// looks for work, so a signal that comes while it looks completes the task it is about to await.
/// </summary>
internal sealed class WakeSignal
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Next => Volatile.Read(ref _next).Task;

    public void Signal() =>
        Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
