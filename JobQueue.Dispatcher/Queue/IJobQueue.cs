namespace JobQueue.Queue;

/// <summary>
/// The gist's global job queue: what POST /work pushes onto and what the Dispatcher (or each worker of
/// the refactored pool) pulls from. Two backends sit behind it: in memory (the default) and PostgreSQL,
/// shared by several nodes. Engines, endpoints and console lines use only this, so neither backend
/// needs a change anywhere else.
/// </summary>
/// <remarks>
/// The queue records states; it never prints and never counts for /debug/vars. Whoever sees an event
/// (the endpoint, the worker) prints its line and bumps its counter.
/// </remarks>
internal interface IJobQueue
{
    /// <summary>--max-queue-size: how many jobs may wait for a worker.</summary>
    int Capacity { get; }

    /// <summary>
    /// Accepts a job, or says why not. <paramref name="accepted"/> runs once the job is accepted and before
    /// any worker of this node starts it, so a line printed there comes before the job's "started" line.
    /// </summary>
    ValueTask<EnqueueResult> EnqueueAsync(string name, long delayNanoseconds, Action<Job>? accepted, CancellationToken cancellationToken);

    /// <summary>
    /// The next jobs for idle workers, waiting while there is none: fills <paramref name="jobs"/> (one place
    /// per worker idle now) with at least one job and returns how many; 0 once the queue hands out no more
    /// (shutdown). Each job taken is an idle worker's, so no job ever leaves the queue without a worker to
    /// run it. A shared queue claims them all in one round trip; in memory a take is cheap, and takes one.
    /// </summary>
    ValueTask<int> TakeAsync(Memory<Job> jobs, CancellationToken cancellationToken);

    /// <summary>
    /// The worker begins the job at <paramref name="now"/>; false when it was canceled (or handed back)
    /// after it was taken: it never runs. The worker reads the clock, so its run time and the job's
    /// recorded times are the same readings.
    /// </summary>
    ValueTask<bool> StartAsync(Job job, int worker, DateTimeOffset now);

    /// <summary>
    /// The job's run ended at <paramref name="now"/>; returns the state recorded (completed, canceled, or
    /// queued again when cut off in a durable queue).
    /// </summary>
    ValueTask<JobStatus> FinishAsync(Job job, JobOutcome outcome, DateTimeOffset now);

    /// <summary>The job's state now; null when no job has that id (or it left the history).</summary>
    ValueTask<JobSnapshot?> FindAsync(long id, CancellationToken cancellationToken);

    /// <summary>The job's state once it has ended or <paramref name="wait"/> has passed; null when there is no such job.</summary>
    ValueTask<JobSnapshot?> WaitAsync(long id, TimeSpan wait, CancellationToken cancellationToken);

    /// <summary>Cancels a job: a queued one never starts, a running one has its delay cut short.</summary>
    ValueTask<CancelResult> CancelAsync(long id, CancellationToken cancellationToken);

    /// <summary>Jobs in one state (all when null), newest first, at most <paramref name="limit"/>.</summary>
    ValueTask<IReadOnlyList<JobSnapshot>> ListAsync(JobStatus? status, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// The dashboard's reading: up to <paramref name="running"/> running jobs and the first
    /// <paramref name="waiting"/> waiting ones, and on a shared queue the whole count of those waiting.
    /// Read ten times a second, so it costs what it lists, not the size of the queue or of the history.
    /// </summary>
    ValueTask<QueueView> ViewAsync(int running, int waiting, CancellationToken cancellationToken);

    /// <summary>Shutdown has begun: every POST is refused from now on. A durable queue also stops handing out jobs.</summary>
    void StopAccepting();

    /// <summary>
    /// Completes once nothing this node must finish before it exits is left: in memory every accepted
    /// job, in a durable queue only the jobs this node runs. Call it after <see cref="StopAccepting"/>.
    /// </summary>
    Task WhenDrained();

    /// <summary>
    /// Shutdown ran out of time: <see cref="TakeAsync"/> hands out nothing more, and the jobs still waiting
    /// are settled. In memory they end canceled and are returned, for the summary's "never started";
    /// a durable queue keeps them queued for the next node and returns none.
    /// </summary>
    ValueTask<IReadOnlyList<Job>> StopTakingAsync();
}
