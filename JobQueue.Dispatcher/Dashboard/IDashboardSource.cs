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
    /// <param name="shown">The most busy lanes, waiting jobs and idle worker ids to list; counts are always whole.</param>
    ValueTask<DashboardState> ReadAsync(int shown, CancellationToken cancellationToken);
}
