using System.Collections.Concurrent;
using JobQueue.Queue;
using JobQueue.Threading;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace JobQueue.Postgres;

/// <summary>
/// The gist's global job queue as a PostgreSQL table shared by every node that points at it. A node
/// takes a job only for a worker idle now (FOR UPDATE SKIP LOCKED, lowest id first, one statement for
/// all of its idle workers, see PostgresJobQueue.Batches.cs), so no job
/// waits claimed on a busy node; a new job wakes idle nodes through LISTEN/NOTIFY.
/// </summary>
/// <remarks>
/// At least once: a node that stops heartbeating for --rescue-after is dead and its running jobs go back
/// to the queue (attempt + 1). Every change a node makes to a job it runs is fenced by (node instance,
/// attempt), so a node declared dead that wakes up cannot overwrite the job's new owner.
/// </remarks>
internal sealed partial class PostgresJobQueue : IJobQueue, IAsyncDisposable
{
    // A run the database missed, recorded by the heartbeat: fenced as every batch of finishes is.
    private const string FinishOneSql = """
        UPDATE jobqueue.jobs SET status = $4, finished_at = now()
        WHERE id = $1 AND node_id = $2 AND attempt = $3 AND status = 'running'
        """;

    // A run cut off by shutdown goes back for another node, unless a DELETE already asked to stop it.
    private const string RequeueSql = """
        UPDATE jobqueue.jobs SET status = 'queued', node_id = NULL, node = NULL, worker = 0, started_at = NULL
        WHERE id = $1 AND node_id = $2 AND attempt = $3 AND status = 'running'
        """;

    private readonly NpgsqlDataSource _db;
    private readonly PostgresDataSources _sources;
    private readonly PostgresQueueOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly string _server;
    private readonly WakeSignal _queued = new();
    private readonly JobEndWaiters _ended = new();
    private readonly ConcurrentDictionary<long, Claim> _claims = new();
    private readonly ConcurrentQueue<(Claim Claim, JobStatus Status)> _unrecorded = new();
    private readonly CancellationTokenSource _closing = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly QueuedNotifier _notifier;

    // Every instance this process registered as (a node declared dead joins again as a new one).
    private readonly List<long> _instances = [];
    private readonly Once _disposed = new();
    private int _busy;
    private long _nodeId;
    private Task _background = Task.CompletedTask;

    private PostgresJobQueue(PostgresDataSources db, string server, PostgresQueueOptions options, TimeProvider time, ILogger logger)
    {
        _sources = db;
        _db = db.Durable;
        _server = server;
        _options = options;
        _time = time;
        _logger = logger;
        _notifier = new QueuedNotifier(db.Relaxed);
        _posts = new(InsertAsync);
        _takers = new(ClaimForAsync);
        _starts = new(batch => WriteAsync(batch, _sources.Relaxed, StartSql, finish: false));
        _finishes = new(batch => WriteAsync(batch, _db, FinishSql, finish: true));
    }

    public int Capacity => _options.Capacity;

    /// <summary>This node's --node name.</summary>
    public string Node => _options.Node;

    /// <summary>
    /// Registers this node and starts its heartbeat and its LISTEN connection. Throws when the database
    /// cannot be reached: at start that is the operator's to fix, and the program exits.
    /// </summary>
    public static async Task<PostgresJobQueue> StartAsync(
        PostgresDataSources db,
        string server,
        PostgresQueueOptions options,
        TimeProvider? time = null,
        ILogger? logger = null,
        CancellationToken cancellationToken = default)
    {
        var queue = new PostgresJobQueue(db, server, options, time ?? TimeProvider.System, logger ?? NullLogger.Instance);
        await queue.RegisterAsync(cancellationToken);
        queue._background = Task.WhenAll(
            Task.Run(() => queue.ListenAsync(queue._closing.Token), CancellationToken.None),
            Task.Run(() => queue.HeartbeatAsync(queue._closing.Token), CancellationToken.None));

        // A node that took no notice of NOTIFY would wait a poll interval for its first job.
        await queue._listening.Task.WaitAsync(cancellationToken);
        return queue;
    }

    public async ValueTask<EnqueueResult> EnqueueAsync(string name, long delayNanoseconds, Action<Job>? accepted, CancellationToken cancellationToken)
    {
        if (_stopping.IsCancellationRequested)
        {
            return EnqueueResult.ShuttingDown;
        }

        // With the POSTs of this node in flight: one transaction, so one commit waits for the disk for all of them.
        var post = new Post(name, delayNanoseconds, accepted);
        _posts.Add(post);
        return await post.Result.Task;
    }

    public async ValueTask<int> TakeAsync(Memory<Job> jobs, CancellationToken cancellationToken)
    {
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stopping.Token);
        var wait = _options.PollInterval;
        while (true)
        {
            // Read before the look: jobs queued during it wake this taker, not only the next ones.
            var woken = _queued.Next;

            // Counted before the check, so StopAccepting either sees this take or this take sees it.
            Interlocked.Increment(ref _busy);
            if (_stopping.IsCancellationRequested)
            {
                Release();
                return 0;
            }

            List<Job> claimed = [];
            var reachable = true;
            try
            {
                claimed = await ClaimAsync(jobs.Length);
                wait = _options.PollInterval;
            }
            catch (Exception e) when (Failed(e))
            {
                // Waiting out the outage: the engine sees an idle worker, never an error.
                reachable = false;
                wait = wait == _options.PollInterval ? Backoff.First : Backoff.Next(wait);
            }
            finally
            {
                if (claimed.Count == 0)
                {
                    Release();
                }
            }

            if (claimed.Count > 0)
            {
                // One count per job taken: each job's finish releases its own.
                Interlocked.Add(ref _busy, claimed.Count - 1);
                claimed.CopyTo(jobs.Span);
                return claimed.Count;
            }

            try
            {
                // Polling only backs up a missed NOTIFY; during an outage it is the backoff.
                if (reachable)
                {
                    await WaitAnyAsync(woken, wait, stopping.Token);
                }
                else
                {
                    await DelayAsync(wait, stopping.Token);
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // StopAccepting: the next turn returns none.
            }
        }
    }

    public ValueTask<bool> StartAsync(Job job, int worker, DateTimeOffset now)
    {
        if (!_claims.TryGetValue(job.Id, out var claim) || !job.TryStart(worker, now))
        {
            return ValueTask.FromResult(false);
        }

        // A DELETE that reached this node between the take and the start stops the run at once.
        if (claim.CancelRequested)
        {
            job.RequestCancel();
        }

        claim.Worker = worker;
        RecordStart(claim, worker);
        return ValueTask.FromResult(true);
    }

    public async ValueTask<JobStatus> FinishAsync(Job job, JobOutcome outcome, DateTimeOffset now)
    {
        if (!_claims.TryRemove(job.Id, out var claim))
        {
            return job.Status;
        }

        var status = outcome switch
        {
            JobOutcome.Completed => JobStatus.Completed,
            JobOutcome.Canceled => JobStatus.Canceled,
            _ => claim.CancelRequested ? JobStatus.Canceled : JobStatus.Queued,
        };

        JobStatus recorded;
        try
        {
            // A refused fence means the cluster gave the job to another run: this one counts as handed back.
            var written = status == JobStatus.Queued
                ? await RecordAsync(claim, status, _closing.Token)
                : await RecordFinishAsync(claim, status, claim.Worker);
            recorded = written ? status : JobStatus.Queued;
        }
        catch (Exception e) when (Failed(e) || e is OperationCanceledException)
        {
            // The run is over here; the heartbeat records it once the database answers again.
            _unrecorded.Enqueue((claim, status));
            recorded = status;
        }

        job.TryFinish(JobStatus.Running, recorded, now);
        Release();
        return recorded;
    }

    public void StopAccepting()
    {
        _stopping.Cancel();
        if (Interlocked.CompareExchange(ref _busy, 0, 0) == 0)
        {
            _drained.TrySetResult();
        }
    }

    public Task WhenDrained() => _drained.Task;

    public ValueTask<IReadOnlyList<Job>> StopTakingAsync()
    {
        StopAccepting();
        return ValueTask.FromResult<IReadOnlyList<Job>>([]);
    }

    /// <summary>
    /// How many of the jobs this node accepted no node has taken (or all took back), for the shutdown
    /// summary once the workers have stopped; null when the database does not answer in time.
    /// </summary>
    public async Task<long?> CountStillQueuedAsync()
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        try
        {
            await using var count = _db.CreateCommand("SELECT count(*) FROM jobqueue.jobs WHERE status = 'queued' AND accepted_by = ANY($1)");
            lock (_instances)
            {
                count.Parameters.Add(new() { Value = _instances.ToArray() });
            }

            return (long)(await count.ExecuteScalarAsync(deadline.Token))!;
        }
        catch (Exception e) when (Failed(e) || e is OperationCanceledException)
        {
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        // The host's container and the server's own shutdown may both dispose it.
        if (!_disposed.First())
        {
            return;
        }

        StopAccepting();
        await _closing.CancelAsync();
        await _background;
        await _notifier.DisposeAsync();

        // A last try for runs the database missed, then the node leaves: jobs it still held (none after
        // a clean shutdown) are rescued at once, without waiting for --rescue-after.
        using var lastTry = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        try
        {
            await RecordUnrecordedAsync(lastTry.Token);
            await using var leave = _db.CreateCommand("DELETE FROM jobqueue.nodes WHERE id = $1");
            leave.Parameters.Add(new() { Value = Interlocked.Read(ref _nodeId) });
            await leave.ExecuteNonQueryAsync(lastTry.Token);
        }
        catch (Exception e) when (Failed(e) || e is OperationCanceledException)
        {
            // The heartbeat stops with the process; the other nodes rescue what it held.
        }

        _closing.Dispose();
        _stopping.Dispose();
    }

    private async Task<bool> RecordAsync(Claim claim, JobStatus status, CancellationToken cancellationToken)
    {
        await using var command = _db.CreateCommand(status == JobStatus.Queued ? RequeueSql : FinishOneSql);
        AddFence(command, claim);
        if (status != JobStatus.Queued)
        {
            command.Parameters.Add(new() { Value = JobRows.Name(status) });
        }

        var changed = await command.ExecuteNonQueryAsync(cancellationToken) == 1;
        if (changed && status == JobStatus.Queued)
        {
            JobsWaiting();
        }

        return changed;
    }

    private static void AddFence(NpgsqlCommand command, Claim claim)
    {
        command.Parameters.Add(new() { Value = claim.Job.Id });
        command.Parameters.Add(new() { Value = claim.NodeId });
        command.Parameters.Add(new() { Value = claim.Job.Attempt });
    }

    /// <summary>Jobs were queued or put back: an idle taker here looks at once, and the other nodes hear of it.</summary>
    private void JobsWaiting()
    {
        _queued.Signal();
        _notifier.Notify();
    }

    private void Release()
    {
        if (Interlocked.Decrement(ref _busy) == 0 && _stopping.IsCancellationRequested)
        {
            _drained.TrySetResult();
        }
    }

    /// <summary>Waits for <paramref name="woken"/> or <paramref name="timeout"/>, whichever comes first.</summary>
    private async Task WaitAnyAsync(Task woken, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var poll = Task.Delay(timeout, _time, timer.Token);
        await Task.WhenAny(woken, poll);
        await timer.CancelAsync();
        cancellationToken.ThrowIfCancellationRequested();
    }

    /// <summary>
    /// True when <paramref name="e"/> says the database cannot be reached. Then the pool's idle
    /// connections go too: after a server restart every one of them is broken, and handing them out one
    /// by one would make the node look unreachable (and its heartbeat dead) long after the server is back.
    /// </summary>
    private bool Failed(Exception e)
    {
        if (!DatabaseFailure.Is(e))
        {
            return false;
        }

        _sources.Clear();
        return true;
    }

    // Follows "The job queue is unavailable: " in the 503's body.
    private string UnavailableReason(Exception e) =>
        $"its database at {_server} cannot be reached ({DatabaseFailure.Reason(e)})";

    /// <summary>A job this node took: the run, the node instance that took it, and whether a DELETE asked it to stop.</summary>
    private sealed class Claim(Job job, long nodeId)
    {
        private readonly Lock _lock = new();
        private bool _cancelRequested;

        public Job Job { get; } = job;

        public long NodeId { get; } = nodeId;

        /// <summary>The worker that runs it, once started.</summary>
        public int Worker { get; set; }

        public bool CancelRequested
        {
            get
            {
                lock (_lock)
                {
                    return _cancelRequested;
                }
            }

            set
            {
                lock (_lock)
                {
                    _cancelRequested = value;
                }
            }
        }
    }
}
