namespace JobQueue.Dashboard;

/// <summary>
/// Everything the dashboard shows, in one reading: what GET /work/events sends, as JSON, at most ten
/// times a second. Lists are capped so that the page stays small with 100 000 workers or a long queue;
/// each list comes with the full count.
/// </summary>
/// <param name="At">The server's time of the reading: the page draws a running job's progress from it.</param>
/// <param name="Mode">original or refactored.</param>
/// <param name="QueueCapacity">--max-queue-size.</param>
/// <param name="Nodes">This node's workers; with a shared queue, every live node's.</param>
/// <param name="Queued">The first jobs waiting, oldest (next to run) first.</param>
/// <param name="QueuedCount">Every job waiting.</param>
/// <param name="Console">The last per-job console lines, oldest first; none with --quiet.</param>
internal sealed record DashboardState(
    DateTimeOffset At,
    string Mode,
    int QueueCapacity,
    IReadOnlyList<NodeView> Nodes,
    IReadOnlyList<JobView> Queued,
    long QueuedCount,
    JobTotals Totals,
    JobTotals PerSecond,
    LatencyView QueueWaitMs,
    LatencyView RunTimeMs,
    IReadOnlyList<string> Console);

/// <summary>One node's workers: the busy ones with their jobs, how many are idle, and in original mode its Dispatcher's pool.</summary>
/// <param name="Name">Null for the only node of an in-memory queue; with a shared queue, the node's --node name.</param>
/// <param name="Workers">0 for another node of a shared queue: of it only its running jobs are known.</param>
/// <param name="Busy">Lanes of busy workers, by worker id; capped, see <paramref name="BusyCount"/>.</param>
internal sealed record NodeView(string? Name, int Workers, IReadOnlyList<Lane> Busy, long BusyCount, long IdleCount, WorkerPoolView? WorkerPool);

/// <summary>A busy worker and the job it runs.</summary>
internal sealed record Lane(int Worker, JobView Job);

/// <summary>A job as the dashboard draws it; the delay in milliseconds for the progress bar, and as Go prints it.</summary>
/// <param name="EnqueuedAt">For a waiting job; a lane's job has its start instead.</param>
internal sealed record JobView(long Id, string Name, string Delay, double DelayMs, DateTimeOffset? EnqueuedAt, DateTimeOffset? StartedAt);

/// <summary>
/// The Dispatcher's <c>workerPool</c>, the channel of channels. Each idle worker's private channel is
/// either in the pool or, one at a time, in the Dispatcher's hands while it waits on the queue for a job.
/// </summary>
/// <param name="Channels">The workers whose channels are in the pool, by id (capped; empty when too many workers to list).</param>
/// <param name="InPool">How many channels are in the pool, as the pool itself counts them.</param>
/// <param name="Holding">The worker whose channel the Dispatcher holds while the queue is empty; none while it hands out jobs.</param>
internal sealed record WorkerPoolView(IReadOnlyList<int> Channels, long InPool, int? Holding);

/// <summary>Totals since start, or the same per second over the last second or so.</summary>
internal sealed record JobTotals(double Accepted, double Rejected, double Completed, double Canceled);

/// <summary>Percentiles of a latency in milliseconds, to three significant digits (bucketed); the max is exact.</summary>
internal sealed record LatencyView(double P50, double P90, double P99, double Max);
