namespace JobQueue.Queue;

/// <summary>
/// What this node did with jobs, for /debug/vars, the meter and the shutdown summary: counters that only
/// grow, and the queue-wait and run-time latencies. Whoever sees an event bumps its counter: the
/// endpoint for accepted, rejected and a queued job canceled, the worker for started and ended.
/// </summary>
internal sealed class JobCounters
{
    private long _accepted;
    private long _rejected;
    private long _started;
    private long _completed;
    private long _canceledQueued;
    private long _canceledRunning;
    private long _neverStarted;
    private long _returned;

    public LatencyHistogram QueueWait { get; } = new();

    public LatencyHistogram RunTime { get; } = new();

    public void Accepted() => Interlocked.Increment(ref _accepted);

    public void Rejected() => Interlocked.Increment(ref _rejected);

    public void Started(TimeSpan queueWait)
    {
        QueueWait.Record(queueWait);
        Interlocked.Increment(ref _started);
    }

    /// <summary>A run ended with <paramref name="status"/>: completed, canceled, or queued again (a durable queue at shutdown).</summary>
    public void Ended(JobStatus status, TimeSpan runTime)
    {
        RunTime.Record(runTime);
        switch (status)
        {
            case JobStatus.Completed:
                Interlocked.Increment(ref _completed);
                break;
            case JobStatus.Queued:
                Interlocked.Increment(ref _returned);
                break;
            default:
                Interlocked.Increment(ref _canceledRunning);
                break;
        }
    }

    /// <summary>A DELETE canceled a job before any worker started it.</summary>
    public void CanceledQueued() => Interlocked.Increment(ref _canceledQueued);

    /// <summary>Shutdown ran out of time before a worker got to the job.</summary>
    public void NeverStarted() => Interlocked.Increment(ref _neverStarted);

    /// <summary>
    /// One reading. The counters are read in the reverse order of a job's life, so a job moving while
    /// they are read is seen in its earlier state and queued and busy never go negative.
    /// </summary>
    public JobCounts Read()
    {
        var neverStarted = Interlocked.Read(ref _neverStarted);
        var returned = Interlocked.Read(ref _returned);
        var completed = Interlocked.Read(ref _completed);
        var canceledRunning = Interlocked.Read(ref _canceledRunning);
        var started = Interlocked.Read(ref _started);
        var canceledQueued = Interlocked.Read(ref _canceledQueued);
        var rejected = Interlocked.Read(ref _rejected);
        var accepted = Interlocked.Read(ref _accepted);
        return new JobCounts(
            accepted,
            rejected,
            started,
            completed,
            Canceled: canceledQueued + canceledRunning,
            neverStarted,
            returned,
            Queued: Math.Max(0, accepted - started - canceledQueued - neverStarted),
            Busy: started - completed - canceledRunning - returned);
    }
}
