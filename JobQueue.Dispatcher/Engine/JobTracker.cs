using JobQueue.Dispatcher.Output;

namespace JobQueue.Dispatcher.Engine;

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
    private readonly Job?[] _running;
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _nextId;
    private long _accepted;
    private long _rejected;
    private long _started;
    private long _completed;
    private long _canceledQueued;
    private long _canceledRunning;
    private long _neverStarted;
    private volatile bool _draining;
    private volatile bool _cutOff;

    public JobTracker(TimeProvider time, JobConsole console, StartedLine startedLine, int workers, int history)
    {
        _time = time;
        _console = console;
        _startedLine = startedLine;
        _running = new Job?[workers];
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
        new(Interlocked.Increment(ref _nextId), name, delayNanoseconds, _time.GetUtcNow());

    /// <summary>
    /// Offers a job to an engine's queue. It is counted before the offer so that a worker who starts it
    /// at once never sees more started than accepted; a refused job is taken back out.
    /// </summary>
    public bool TryAccept(Job job, Func<Job, bool> enqueue)
    {
        Interlocked.Increment(ref _accepted);
        Store.Add(job);
        if (enqueue(job))
        {
            return true;
        }

        Store.Remove(job);
        Interlocked.Decrement(ref _accepted);
        Interlocked.Increment(ref _rejected);
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

        // Exchange, not a plain write: a full fence, so either CutOff sees this job or this reads its flag.
        Interlocked.Exchange(ref _running[worker - 1], job);
        if (_cutOff)
        {
            job.RequestCancel();
        }

        Interlocked.Increment(ref _started);
        QueueWait.Record(now - job.EnqueuedAt);
        _console.WriteLine((_startedLine, worker, job), static s => GoLines.Started(s._startedLine, s.worker, s.job));
        return true;
    }

    public void Finish(int worker, Job job, bool canceled)
    {
        var now = _time.GetUtcNow();
        job.FinishRun(canceled ? JobStatus.Canceled : JobStatus.Completed, now);
        Volatile.Write(ref _running[worker - 1], null);
        RunTime.Record(now - job.StartedAt!.Value);
        Interlocked.Increment(ref canceled ? ref _canceledRunning : ref _completed);
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

        Interlocked.Increment(ref _canceledQueued);
        if (atShutdown)
        {
            Interlocked.Increment(ref _neverStarted);
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
        for (var i = 0; i < _running.Length; i++)
        {
            Volatile.Read(ref _running[i])?.RequestCancel();
        }
    }

    /// <summary>Completes once no accepted job is queued or running; call after the engine stops accepting.</summary>
    public Task WhenDrained()
    {
        _draining = true;
        CheckDrained();
        return _drained.Task;
    }

    public JobCounts Counts()
    {
        // Read in the reverse order of a job's life, so queued and busy are never negative.
        var neverStarted = Interlocked.Read(ref _neverStarted);
        var completed = Interlocked.Read(ref _completed);
        var canceledRunning = Interlocked.Read(ref _canceledRunning);
        var started = Interlocked.Read(ref _started);
        var canceledQueued = Interlocked.Read(ref _canceledQueued);
        var accepted = Interlocked.Read(ref _accepted);
        var rejected = Interlocked.Read(ref _rejected);
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
        if (_draining)
        {
            var counts = Counts();
            if (counts.Queued + counts.Busy == 0)
            {
                _drained.TrySetResult();
            }
        }
    }
}
