namespace JobQueue.Postgres;

/// <summary>How one node uses the shared queue: its name and size, and the cluster's rules it applies.</summary>
/// <param name="Node">--node: shown in GET /work/{id} and /debug/vars.</param>
/// <param name="Workers">--max-workers, published with the heartbeat.</param>
/// <param name="Capacity">--max-queue-size: queued rows across every node.</param>
/// <param name="RescueAfter">A node silent this long is dead and its running jobs go back to the queue.</param>
/// <param name="MaxAttempts">A job whose node died this many times ends failed instead.</param>
/// <param name="Retention">Finished rows older than this are deleted.</param>
internal sealed record PostgresQueueOptions(
    string Node,
    int Workers,
    int Capacity,
    TimeSpan RescueAfter,
    int MaxAttempts,
    TimeSpan Retention)
{
    /// <summary>How often a taker looks without being woken: only a fallback for a missed NOTIFY.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a DELETE waits for another node to confirm it stopped the job.</summary>
    public TimeSpan CancelConfirmation { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>A few heartbeats per --rescue-after, so one late beat never looks like a death.</summary>
    public TimeSpan HeartbeatInterval
    {
        get => _heartbeatInterval ?? TimeSpan.FromTicks(
            Math.Clamp(RescueAfter.Ticks / 4, TimeSpan.FromMilliseconds(50).Ticks, TimeSpan.FromSeconds(5).Ticks));
        init => _heartbeatInterval = value;
    }

    private readonly TimeSpan? _heartbeatInterval;

    /// <summary>Rows deleted per statement by retention: short transactions that never hold many locks.</summary>
    public int RetentionBatch { get; init; } = 1000;
}
