namespace JobQueue.Compare;

/// <summary>
/// One accepted job's life, in time since its server's first POST: queued from <paramref name="Queued"/>,
/// run by worker <paramref name="Worker"/> from <paramref name="Started"/> to <paramref name="Finished"/>.
/// </summary>
/// <param name="Worker">0 when it never started.</param>
/// <param name="Started">Null when it never started (canceled while queued, or never reached a worker in time).</param>
/// <param name="Finished">Null when it had not ended by the time limit.</param>
internal sealed record TimedJob(
    string Name,
    TimeSpan Delay,
    int Worker,
    TimeSpan Queued,
    TimeSpan? Started,
    TimeSpan? Finished,
    string Status)
{
    public TimeSpan? QueueWait => Started - Queued;

    /// <summary>When it left the queue: on a worker, or canceled before it got one.</summary>
    public TimeSpan? LeftQueue => Started ?? Finished;
}
