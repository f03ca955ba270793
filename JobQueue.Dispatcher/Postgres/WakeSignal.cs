namespace JobQueue.Postgres;

/// <summary>
/// Wakes one idle taker per signal: a new job, a NOTIFY, a rescue. A taker that gets a job signals
/// again, so a burst of jobs is passed from taker to taker, while one job wakes one worker, not every
/// idle worker of the node to race for it.
/// </summary>
/// <remarks>
/// At most one wake-up is kept for a taker not waiting yet: a signal between a taker's empty look and
/// its wait is never lost, and a flood of signals does not pile up.
/// </remarks>
internal sealed class WakeSignal
{
    private readonly SemaphoreSlim _wakeUps = new(0);

    public void Signal()
    {
        if (_wakeUps.CurrentCount == 0)
        {
            _wakeUps.Release();
        }
    }

    /// <summary>True when woken, false when <paramref name="timeout"/> passed first.</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _wakeUps.WaitAsync(timeout, cancellationToken);
}
