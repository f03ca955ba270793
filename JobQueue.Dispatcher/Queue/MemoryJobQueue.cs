using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace JobQueue.Queue;

/// <summary>
/// The global queue in this process's memory, the default: Go's buffered <c>jobQueue</c> with a real
/// bound, plus the record of jobs behind GET /work/{id}.
/// </summary>
/// <remarks>
/// The order of jobs is a <see cref="Channel{T}"/>; the bound is a count of places left. A job leaves
/// the line once, when a worker takes it or a DELETE cancels it (<see cref="Job.TryLeaveQueue"/>), so a
/// DELETE frees a waiting job's place at once, and a job canceled while it waits is passed over by the
/// next take instead of being handed to a worker.
/// </remarks>
internal sealed partial class MemoryJobQueue : IJobQueue
{
    // A job written for a waiting taker runs that taker at once, on the writer's thread, before the
    // write returns (Go's scheduler goes half as far: it puts a woken receiver next in line on the
    // sender's processor). No thread-pool item per job. Nothing is locked while a job is written, so
    // what the taker does first (start the job, print its line) never waits on the writer.
    // A null is written only by StopTakingAsync: it tells one waiting taker that no more jobs come.
    private readonly Channel<Job?> _jobs = Channel.CreateUnbounded<Job?>(new UnboundedChannelOptions { AllowSynchronousContinuations = true });

    // Canceled as the queue stops handing out jobs: a take that reads a job from then on leaves it where
    // StopTakingAsync finds it and settles it as never started. Only read, never waited on.
    private readonly CancellationTokenSource _stopTaking = new();
    private readonly Lock _lock = new();
    private readonly ConcurrentDictionary<long, Job> _record = new();
    private readonly ConcurrentQueue<long> _ended = new();
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TimeProvider _time;
    private readonly int _history;
    private long _lastId;
    private long _unfinished;
    private int _endedKept;

    // Places left: Capacity, plus the takers waiting for a job (a job sent to a waiting receiver skips
    // Go's buffer), less the jobs waiting for a taker. A taker that takes a job changes neither side.
    private int _room;
    private bool _accepting = true;

    public MemoryJobQueue(int capacity, int history, TimeProvider time)
    {
        Capacity = capacity;
        _room = capacity;
        _history = history;
        _time = time;
    }

    public int Capacity { get; }

    public ValueTask<EnqueueResult> EnqueueAsync(string name, long delayNanoseconds, Action<Job>? accepted, CancellationToken cancellationToken)
    {
        Job job;

        // One lock for the bound and the shutdown flag: once StopAccepting returns, no job is half in.
        // Only this lock takes places, so two POSTs never both take the last one.
        lock (_lock)
        {
            if (!_accepting)
            {
                return ValueTask.FromResult(EnqueueResult.ShuttingDown);
            }

            // A job for an idle worker that is already waiting to take one does not wait in the queue,
            // as Go's send to a waiting receiver skips the channel's buffer.
            if (_room <= 0)
            {
                return ValueTask.FromResult(EnqueueResult.Full);
            }

            job = new Job(++_lastId, name, delayNanoseconds, _time.GetUtcNow());
            Interlocked.Decrement(ref _room);
            _record[job.Id] = job;
            Interlocked.Increment(ref _unfinished);

            // Before the write: from then on a worker may take the job and print its "started" line.
            accepted?.Invoke(job);
        }

        _jobs.Writer.TryWrite(job);
        return ValueTask.FromResult(EnqueueResult.Accepted(job));
    }

    // One job a take, as Go's dispatch() receives one job at a time. Pooled: an idle worker (or the
    // Dispatcher) waits here for each job, and each wait would otherwise cost a new state machine.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<int> TakeAsync(Memory<Job> jobs, CancellationToken cancellationToken)
    {
        // Once the stop has begun a take waits for nothing: it would only use up a wake-up meant for another.
        if (_stopTaking.IsCancellationRequested)
        {
            return 0;
        }

        Interlocked.Increment(ref _room);
        var taken = false;
        try
        {
            while (true)
            {
                // ReadAsync, not WaitToReadAsync: a new job wakes one waiting taker, not every idle worker.
                Job? job;
                try
                {
                    job = await _jobs.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (ChannelClosedException)
                {
                    return 0; // StopTakingAsync closed the channel
                }

                // A null: StopTakingAsync woke this taker. A job read as the stop began (after the check
                // above) stays queued in the record, where the stop settles it as never started.
                if (job is null || _stopTaking.IsCancellationRequested)
                {
                    return 0;
                }

                // Otherwise a DELETE canceled it while it waited, and its place is already free.
                if (job.TryLeaveQueue())
                {
                    taken = true;
                    jobs.Span[0] = job;
                    return 1;
                }
            }
        }
        finally
        {
            if (!taken)
            {
                Interlocked.Decrement(ref _room);
            }
        }
    }

    public ValueTask<bool> StartAsync(Job job, int worker, DateTimeOffset now) => ValueTask.FromResult(job.TryStart(worker, now));

    public ValueTask<JobStatus> FinishAsync(Job job, JobOutcome outcome, DateTimeOffset now)
    {
        var status = outcome == JobOutcome.Completed ? JobStatus.Completed : JobStatus.Canceled;
        if (job.TryFinish(JobStatus.Running, status, now))
        {
            Retire(job);
        }

        return ValueTask.FromResult(status);
    }

    public ValueTask<JobSnapshot?> FindAsync(long id, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_record.TryGetValue(id, out var job) ? job.Snapshot() : null);

    public async ValueTask<JobSnapshot?> WaitAsync(long id, TimeSpan wait, CancellationToken cancellationToken)
    {
        if (!_record.TryGetValue(id, out var job))
        {
            return null;
        }

        try
        {
            await job.Finished.WaitAsync(wait, _time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // The wait passed first: answer with the state now.
        }

        return job.Snapshot();
    }

    public async ValueTask<CancelResult> CancelAsync(long id, CancellationToken cancellationToken)
    {
        if (!_record.TryGetValue(id, out var job))
        {
            return new CancelResult(CancelOutcome.NotFound, null);
        }

        if (TryCancelQueued(job))
        {
            return new CancelResult(CancelOutcome.CanceledQueued, job.Snapshot());
        }

        if (job.RequestCancel())
        {
            // Its worker ends it as soon as the delay is canceled. If the delay ran out first, the job
            // completed and there was nothing left to cancel.
            await job.Finished.WaitAsync(cancellationToken).ConfigureAwait(false);
            var snapshot = job.Snapshot();
            return new CancelResult(snapshot.Status == JobStatus.Canceled ? CancelOutcome.CanceledRunning : CancelOutcome.AlreadyEnded, snapshot);
        }

        return new CancelResult(CancelOutcome.AlreadyEnded, job.Snapshot());
    }

    public ValueTask<IReadOnlyList<JobSnapshot>> ListAsync(JobStatus? status, int limit, CancellationToken cancellationToken)
    {
        // Sorted by id first, so that only the jobs up to the limit are copied under their locks.
        IReadOnlyList<JobSnapshot> jobs = _record.Values
            .OrderByDescending(job => job.Id)
            .Select(job => job.Snapshot())
            .Where(job => status is null || job.Status == status)
            .Take(limit)
            .ToList();
        return ValueTask.FromResult(jobs);
    }

    public void StopAccepting()
    {
        lock (_lock)
        {
            _accepting = false;
        }

        CheckDrained();
    }

    public Task WhenDrained() => _drained.Task;

    public ValueTask<IReadOnlyList<Job>> StopTakingAsync()
    {
        // From now on a take hands out nothing, even a job still in the channel: they are settled below.
        _stopTaking.Cancel();

        // Each taker waiting now is woken with a null of its own, run at once on this thread; a null left
        // in the channel means none is left waiting, and once the channel is closed a second stop writes
        // none. Closing the channel alone would hand them all one shared ChannelClosedException, and each
        // rethrow of it lengthens the stack trace the next one copies: a stop's cost grew with the square
        // of the idle workers (BENCHMARKS.md).
        while (_jobs.Writer.TryWrite(null) && _jobs.Reader.Count == 0)
        {
        }

        // No job comes in once the channel is closed: it would be written nowhere and never settled.
        StopAccepting();
        _jobs.Writer.TryComplete();
        while (_jobs.Reader.TryRead(out _))
        {
        }

        // Every job not yet started, including one a worker took and has not started yet: it never will.
        var neverStarted = _record.Values.Where(TryCancelQueued).OrderBy(job => job.Id).ToList();
        return ValueTask.FromResult<IReadOnlyList<Job>>(neverStarted);
    }

    private bool TryCancelQueued(Job job)
    {
        // Out of the line first, so that its place is free even if a worker took it and has not started it.
        if (job.TryLeaveQueue())
        {
            Interlocked.Increment(ref _room);
        }

        if (!job.TryFinish(JobStatus.Queued, JobStatus.Canceled, _time.GetUtcNow()))
        {
            return false;
        }

        Retire(job);
        return true;
    }

    /// <summary>An ended job stays in the record for GET /work/{id} until <c>--history</c> newer ones have ended.</summary>
    private void Retire(Job job)
    {
        // One in, one out once the history is full. Counted here, since ConcurrentQueue.Count has to
        // take a consistent reading of the queue's segments, where this is one increment.
        _ended.Enqueue(job.Id);
        if (Interlocked.Increment(ref _endedKept) > _history && _ended.TryDequeue(out var old))
        {
            Interlocked.Decrement(ref _endedKept);
            _record.TryRemove(old, out _);
        }

        // Only the last job can end the drain, so the lock is taken for that one alone.
        if (Interlocked.Decrement(ref _unfinished) == 0)
        {
            CheckDrained();
        }
    }

    private void CheckDrained()
    {
        lock (_lock)
        {
            if (!_accepting && Interlocked.Read(ref _unfinished) == 0)
            {
                _drained.TrySetResult();
            }
        }
    }
}
