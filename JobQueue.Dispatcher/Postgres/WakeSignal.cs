namespace JobQueue.Postgres;

/// <summary>
/// Wakes every idle taker of the node at once: a new job, a NOTIFY, a rescue. Waking them all costs
/// one statement, not one each: their looks are gathered into one claim (<see cref="Batches{T}"/>),
/// so a burst of jobs reaches every idle worker in one round trip.
/// </summary>
/// <remarks>
/// A taker reads <see cref="Next"/> before it looks, so a signal between its empty look and its wait
/// is never lost.
/// </remarks>
internal sealed class WakeSignal
{
    private readonly Lock _lock = new();
    private TaskCompletionSource _next = NewSignal();

    /// <summary>Completes at the next signal.</summary>
    public Task Next
    {
        get
        {
            lock (_lock)
            {
                return _next.Task;
            }
        }
    }

    public void Signal()
    {
        TaskCompletionSource woken;
        lock (_lock)
        {
            woken = _next;
            _next = NewSignal();
        }

        woken.TrySetResult();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
