using JobQueue.GoFormat;

namespace JobQueue.Engine;

/// <summary>
/// The gist's <c>Job</c> (a name and a delay) plus what the Go original could not tell a client:
/// an id, its status, which worker ran it and when. Status moves only forward, under the job's own
/// lock, so a job is started at most once and ends exactly once, as completed or as canceled.
/// </summary>
/// <remarks>
/// The lock is the job object itself (a thin lock in its header), not a <c>Lock</c> field: a job is
/// internal, nothing else locks it, and a separate lock object was one more allocation per job.
/// </remarks>
internal sealed class Job(long id, string name, long delayNanoseconds, DateTimeOffset enqueuedAt)
{
    private int _status = (int)JobStatus.Queued;
    private TaskCompletionSource? _finished;
    private CancellationTokenSource? _run;

    public long Id { get; } = id;

    public string Name { get; } = name;

    /// <summary>Go's <c>time.Duration</c>: nanoseconds, kept exact for the console's <c>%s</c> and <c>%f</c>.</summary>
    public long DelayNanoseconds { get; } = delayNanoseconds;

    public TimeSpan Delay => TimeSpan.FromTicks(DelayNanoseconds / 100);

    public JobStatus Status => (JobStatus)Volatile.Read(ref _status);

    public int Worker { get; private set; }

    public DateTimeOffset EnqueuedAt { get; } = enqueuedAt;

    public DateTimeOffset? StartedAt { get; private set; }

    public DateTimeOffset? FinishedAt { get; private set; }

    public bool IsFinished => Status is JobStatus.Completed or JobStatus.Canceled;

    public string DelayText => GoDuration.Format(DelayNanoseconds);

    /// <summary>Completes when the job ends. Created on first use: most jobs are never waited on.</summary>
    public Task Finished
    {
        get
        {
            lock (this)
            {
                _finished ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                if (IsFinished)
                {
                    _finished.TrySetResult();
                }

                return _finished.Task;
            }
        }
    }

    /// <summary>Queued to running; false when the job was canceled before a worker got to it.</summary>
    public bool TryStart(int worker, DateTimeOffset now)
    {
        lock (this)
        {
            if (Status != JobStatus.Queued)
            {
                return false;
            }

            Worker = worker;
            StartedAt = now;

            // Only a job that waits can be cut short; a zero-length job (the benchmarks') needs no source.
            _run = DelayNanoseconds > 0 ? new CancellationTokenSource() : null;
            Volatile.Write(ref _status, (int)JobStatus.Running);
            return true;
        }
    }

    /// <summary>Queued to canceled: the job will never start, wherever it is waiting.</summary>
    public bool TryCancelQueued(DateTimeOffset now) => TryFinish(JobStatus.Queued, JobStatus.Canceled, now);

    /// <summary>
    /// Takes back a job the engine refused, so that no DELETE can cancel it any more; false when one
    /// already has. The job leaves the store at once, so its end time is never shown.
    /// </summary>
    public bool TryWithdraw() => TryFinish(JobStatus.Queued, JobStatus.Canceled, EnqueuedAt);

    /// <summary>Cancels the delay of a running job, for DELETE or a shutdown that ran out of time.</summary>
    public CancellationToken RunToken => _run?.Token ?? CancellationToken.None;

    /// <summary>Cuts a running job's delay short; false when the job is not running.</summary>
    public bool RequestCancel()
    {
        CancellationTokenSource? run;
        lock (this)
        {
            if (Status != JobStatus.Running)
            {
                return false;
            }

            run = _run;
        }

        // Outside the lock: Cancel runs the delay's continuation, which ends the job under the same lock.
        // The source is the job's own, so a late Cancel can never reach the worker's next job.
        run?.Cancel();
        return true;
    }

    /// <summary>Running to completed or canceled; only the worker that started the job calls it.</summary>
    public void FinishRun(JobStatus outcome, DateTimeOffset now) => TryFinish(JobStatus.Running, outcome, now);

    private bool TryFinish(JobStatus from, JobStatus to, DateTimeOffset now)
    {
        TaskCompletionSource? waiters;

        // A lock, not a compare-and-swap: FinishedAt and the status must change together for readers
        // of GET /work/{id}, and the lock is uncontended but for the rare DELETE racing a worker.
        lock (this)
        {
            if (Status != from)
            {
                return false;
            }

            FinishedAt = now;
            Volatile.Write(ref _status, (int)to);
            waiters = _finished;
        }

        waiters?.TrySetResult();
        return true;
    }

    /// <summary>A consistent copy for GET /work/{id}: the status with the times that go with it.</summary>
    public JobSnapshot Snapshot()
    {
        lock (this)
        {
            return new JobSnapshot(Id, Name, DelayText, Status, Worker, EnqueuedAt, StartedAt, FinishedAt);
        }
    }
}
