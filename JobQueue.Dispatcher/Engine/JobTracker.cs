using JobQueue.Output;

namespace JobQueue.Engine;

/// <summary>
/// Every job's bookkeeping, whichever engine runs it: ids, status changes, counters, latencies, the
/// per-job console lines and the store GET /work/{id} reads. Both engines report here, so the
/// counters mean the same in either mode.
/// </summary>
internal sealed class JobTracker
{
    private readonly TimeProvider _time;
    private readonly JobConsole _console;
    private readonly StartedLine _startedLine;
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);

    // Every counter only grows, accepted included (offered minus rejected), so a reading of them all
    // adds up; they are striped because every worker bumps them on every job.
    private readonly StripedCounters _counters = new(Counter.Count);
    private PaddedLong _lastId;
    private volatile bool _draining;
    private volatile bool _watchingDrain;
    private volatile bool _cutOff;

    public JobTracker(TimeProvider time, JobConsole console, StartedLine startedLine, int history)
    {
        _time = time;
        _console = console;
        _startedLine = startedLine;
        Store = new JobStore(history);
    }

    public JobStore Store { get; }

    /// <summary>True once shutdown has begun: a refused job was refused for that, not for a full queue.</summary>
    public bool IsDraining => _draining;

    public JobConsole Console => _console;

    public TimeProvider Time => _time;

    public LatencyHistogram QueueWait { get; } = new();

    public LatencyHistogram RunTime { get; } = new();

    public Job NewJob(string name, long delayNanoseconds) =>
        new(Interlocked.Increment(ref _lastId.Value), name, delayNanoseconds, _time.GetUtcNow());

    /// <summary>
    /// Offers a job to an engine's queue. It is counted before the offer so that a worker who starts it
    /// at once never sees more started than accepted; a refused job is taken back out and is done
    /// with: a retry is a new job, as a client's next POST is.
    /// </summary>
    public bool TryAccept(Job job, Func<Job, bool> enqueue)
    {
        _counters.Increment(Counter.Offered);
        Store.Add(job);
        if (enqueue(job))
        {
            return true;
        }

        if (!job.TryWithdraw())
        {
            // A DELETE found the job in the store in the moment before the refusal and canceled it:
            // it was accepted and canceled, and answering 503 now would count it twice.
            return true;
        }

        Store.Remove(job);
        _counters.Increment(Counter.Rejected);

        // While it was offered it counted as queued: a drain watched meanwhile may end with it.
        CheckDrained();
        return false;
    }

    /// <summary>Queued to running on worker <paramref name="worker"/>; false when the job was canceled first.</summary>
    public bool TryStart(int worker, Job job)
    {
        if (_cutOff)
        {
            // Shutdown is over: a job that reached a worker too late never starts.
            TryCancelQueued(job, atShutdown: true);
            return false;
        }

        var now = _time.GetUtcNow();
        if (!job.TryStart(worker, now))
        {
            return false;
        }

        // The fence pairs with CutOff's: either CutOff finds this job running or this reads its flag.
        Interlocked.MemoryBarrier();
        if (_cutOff)
        {
            job.RequestCancel();
        }

        _counters.Increment(Counter.Started);
        QueueWait.Record(now - job.EnqueuedAt);
        _console.WriteLine((_startedLine, worker, job), static s => GoLines.Started(s._startedLine, s.worker, s.job));
        return true;
    }

    public void Finish(int worker, Job job, bool canceled)
    {
        var now = _time.GetUtcNow();
        job.FinishRun(canceled ? JobStatus.Canceled : JobStatus.Completed, now);
        RunTime.Record(now - job.StartedAt!.Value);
        _counters.Increment(canceled ? Counter.CanceledRunning : Counter.Completed);
        _console.WriteLine((canceled, worker, job), static s => s.canceled ? GoLines.Canceled(s.worker, s.job) : GoLines.Completed(s.worker, s.job));
        Retire(job);
    }

    /// <summary>Ends a job that has not started: by DELETE, or because shutdown ran out of time.</summary>
    public bool TryCancelQueued(Job job, bool atShutdown = false)
    {
        if (!job.TryCancelQueued(_time.GetUtcNow()))
        {
            return false;
        }

        _counters.Increment(Counter.CanceledQueued);
        if (atShutdown)
        {
            _counters.Increment(Counter.NeverStarted);
        }

        _console.WriteLine(job, GoLines.CanceledQueued);
        Retire(job);
        return true;
    }

    /// <summary>
    /// Shutdown ran out of time: no job starts from now on, and every running job's delay is cut
    /// short, so each worker ends its job as canceled.
    /// </summary>
    public void CutOff()
    {
        _cutOff = true;
        Interlocked.MemoryBarrier();

        // Every job in flight is in the store; RequestCancel passes over the ones not running.
        foreach (var job in Store.Jobs)
        {
            job.RequestCancel();
        }
    }

    /// <summary>Shutdown has begun: from now on a refused job is refused for that, not for a full queue.</summary>
    public void BeginDraining() => _draining = true;

    /// <summary>
    /// Completes once no accepted job is queued or running. Call it after the engine stops accepting:
    /// called before, it could complete on an idle server just before one more job is accepted.
    /// </summary>
    public Task WhenDrained()
    {
        _watchingDrain = true;

        // A full fence after the engine's StopAccepting, before the counters are read: a TryAccept either
        // counted its offer before this reads it or finds the engine closed.
        Interlocked.MemoryBarrier();
        CheckDrained();
        return _drained.Task;
    }

    public JobCounts Counts()
    {
        // Read in the reverse order of a job's life, so queued and busy are never negative.
        // Rejected before offered, so that a job being offered counts as accepted, never as less.
        var neverStarted = _counters.Read(Counter.NeverStarted);
        var completed = _counters.Read(Counter.Completed);
        var canceledRunning = _counters.Read(Counter.CanceledRunning);
        var started = _counters.Read(Counter.Started);
        var canceledQueued = _counters.Read(Counter.CanceledQueued);
        var rejected = _counters.Read(Counter.Rejected);
        var accepted = _counters.Read(Counter.Offered) - rejected;
        return new JobCounts(
            accepted,
            rejected,
            started,
            completed,
            Canceled: canceledQueued + canceledRunning,
            neverStarted,
            Queued: accepted - started - canceledQueued,
            Busy: started - completed - canceledRunning);
    }

    private void Retire(Job job)
    {
        Store.Retire(job);
        CheckDrained();
    }

    private void CheckDrained()
    {
        if (_watchingDrain)
        {
            var counts = Counts();
            if (counts.Queued + counts.Busy == 0)
            {
                _drained.TrySetResult();
            }
        }
    }

    private static class Counter
    {
        public const int Offered = 0;
        public const int Rejected = 1;
        public const int Started = 2;
        public const int Completed = 3;
        public const int CanceledQueued = 4;
        public const int CanceledRunning = 5;
        public const int NeverStarted = 6;
        public const int Count = 7;
    }
}
