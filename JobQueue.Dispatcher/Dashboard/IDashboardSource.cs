namespace JobQueue.Dashboard;

/// <summary>
/// Where the dashboard's reading comes from: the one thing it needs from the engines and the queue.
/// The feed calls it at most ten times a second, whatever the number of viewers, and never while no
/// one watches.
/// </summary>
internal interface IDashboardSource
{
    /// <summary>
    /// One reading; <see cref="DashboardState.PerSecond"/> is left at zero for the feed, which works the
    /// rates out from successive readings.
    /// </summary>
    /// <param name="shown">How much to list at most; counts are always whole.</param>
    ValueTask<DashboardState> ReadAsync(DashboardLimits shown, CancellationToken cancellationToken);
}

/// <summary>How much one reading lists: every viewer gets each reading, so its size is paid many times.</summary>
/// <param name="Lanes">Busy workers with their jobs, and idle worker ids in the pool.</param>
/// <param name="Waiting">Waiting jobs, from the head of the queue.</param>
internal sealed record DashboardLimits(int Lanes, int Waiting);
