namespace JobQueue.Queue;

/// <summary>
/// The gist's <c>Job</c> (a name and a delay) plus what the Go original could not tell a client: an id,
/// its status, which worker ran it and when. The status moves only forward, under the job's lock, so a
/// job starts at most once and ends exactly once.
/// </summary>
/// <remarks>
/// In memory this one object is the job, from the POST to GET /work/{id} after its end, and the record
/// keeps up to <c>--history</c> of them after their end: its times are kept as UTC ticks, where each
/// <see cref="DateTimeOffset"/>? would take three times the room. A durable queue makes one when a
/// worker of this node takes the job, for the length of that run.
/// </remarks>
internal sealed class Job(long id, string name, long delayNanoseconds, DateTimeOffset enqueuedAt, int attempt = 1)
{
    private readonly Lock _lock = new();
    private readonly long _enqueuedAt = enqueuedAt.UtcTicks;
    private TaskCompletionSource? _finished;
    private JobStatus _status = JobStatus.Queued;
    private bool _cancelRequested;
    private bool _leftQueue;
    private CancellationTokenSource? _run;
    private int _worker;
    private long _startedAt;
    private long _finishedAt;

    public long Id { get; } = id;

    public string Name { get; } = name;

    /// <summary>Go's <c>time.Duration</c>: nanoseconds, kept exact for the console's <c>%s</c> and <c>%f</c>.</summary>
    public long DelayNanoseconds { get; } = delayNanoseconds;

    public TimeSpan Delay => TimeSpan.FromTicks(DelayNanoseconds / 100);

    public DateTimeOffset EnqueuedAt => new(_enqueuedAt, TimeSpan.Zero);

    public int Attempt { get; } = attempt;

    public JobStatus Status
    {
        get
        {
            lock (_lock)
            {
                return _status;
            }
        }
    }

    /// <summary>Completes when the job ends, whoever ends it. Made on first use: most jobs are never waited on.</summary>
    public Task Finished
    {
        get
        {
            lock (_lock)
            {
                _finished ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                if (_finishedAt != 0)
                {
                    _finished.TrySetResult();
                }

                return _finished.Task;
            }
        }
    }

    /// <summary>True once a DELETE asked for the job to stop: its run ends canceled, not cut off.</summary>
    public bool CancelRequested
    {
        get
        {
            lock (_lock)
            {
                return _cancelRequested;
            }
        }
    }

    /// <summary>
    /// The job leaves the in-memory queue's line, once: taken by a worker or canceled by a DELETE, whichever
    /// comes first. True for that one, which frees the job's place in the queue.
    /// </summary>
    public bool TryLeaveQueue()
    {
        lock (_lock)
        {
            if (_leftQueue)
            {
                return false;
            }

            _leftQueue = true;
            return true;
        }
    }

    /// <summary>Queued to running on <paramref name="worker"/>; false when the job was canceled first.</summary>
    public bool TryStart(int worker, DateTimeOffset now)
    {
        lock (_lock)
        {
            if (_status != JobStatus.Queued)
            {
                return false;
            }

            _status = JobStatus.Running;
            _worker = worker;
            _startedAt = now.UtcTicks;
            return true;
        }
    }

    /// <summary>
    /// The token the worker's delay waits on: canceled by a DELETE, or by <paramref name="cutOff"/> when
    /// shutdown runs out of time. A DELETE that came between the start and this call still counts.
    /// </summary>
    public CancellationToken BeginRun(CancellationToken cutOff)
    {
        lock (_lock)
        {
            _run = CancellationTokenSource.CreateLinkedTokenSource(cutOff);
            if (_cancelRequested)
            {
                _run.Cancel();
            }

            return _run.Token;
        }
    }

    /// <summary>Cuts a running job's delay short; false when it is not running.</summary>
    public bool RequestCancel()
    {
        CancellationTokenSource? run;
        lock (_lock)
        {
            if (_status != JobStatus.Running)
            {
                return false;
            }

            _cancelRequested = true;
            run = _run;
        }

        // Outside the lock: Cancel runs the delay's continuation, which may end the job under the same lock.
        run?.Cancel();
        return true;
    }

    /// <summary>Moves the job from <paramref name="from"/> to an end state; false when it was not in <paramref name="from"/>.</summary>
    public bool TryFinish(JobStatus from, JobStatus to, DateTimeOffset now)
    {
        CancellationTokenSource? run;
        TaskCompletionSource? waiters;
        lock (_lock)
        {
            if (_status != from)
            {
                return false;
            }

            _status = to;
            _finishedAt = now.UtcTicks;
            run = _run;
            _run = null;
            waiters = _finished;
        }

        // Unhooks the run from the engine's cut-off token, which outlives every job.
        run?.Dispose();
        waiters?.TrySetResult();
        return true;
    }

    /// <summary>A consistent copy for GET /work/{id}: the status with the times that go with it.</summary>
    public JobSnapshot Snapshot()
    {
        lock (_lock)
        {
            return new JobSnapshot(Id, Name, DelayNanoseconds, _status, _worker, EnqueuedAt, Time(_startedAt), Time(_finishedAt), Node: null, Attempt);
        }
    }

    private static DateTimeOffset? Time(long utcTicks) => utcTicks == 0 ? null : new DateTimeOffset(utcTicks, TimeSpan.Zero);
}
