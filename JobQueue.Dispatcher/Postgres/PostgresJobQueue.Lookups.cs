using JobQueue.Queue;
using Npgsql;

namespace JobQueue.Postgres;

/// <summary>GET, ?wait= and DELETE on /work/{id}, and the list: the same answer on every node.</summary>
internal sealed partial class PostgresJobQueue
{
    private const string Columns = JobRows.SnapshotColumns;

    public async ValueTask<JobSnapshot?> FindAsync(long id, CancellationToken cancellationToken)
    {
        try
        {
            return await JobRows.FindAsync(_db, id, cancellationToken);
        }
        catch (Exception e) when (Failed(e))
        {
            // Most often a pooled connection a server restart broke: a read is safe to try once more.
        }

        try
        {
            return await JobRows.FindAsync(_db, id, cancellationToken);
        }
        catch (Exception e) when (Failed(e))
        {
            throw Unavailable(e);
        }
    }

    public async ValueTask<JobSnapshot?> WaitAsync(long id, TimeSpan wait, CancellationToken cancellationToken)
    {
        if (wait <= TimeSpan.Zero)
        {
            return await FindAsync(id, cancellationToken);
        }

        var deadline = _time.GetUtcNow() + wait;
        try
        {
            for (var first = true; ; first = false)
            {
                // Registered before the look, so an end between the look and the wait still wakes it.
                using var waiter = _ended.Register(id);
                var job = first ? await WatchAsync(id, cancellationToken) : await JobRows.FindAsync(_db, id, cancellationToken);
                var remaining = deadline - _time.GetUtcNow();
                if (job is null || job.IsFinished || remaining <= TimeSpan.Zero)
                {
                    return job;
                }

                // Polling only backs up a missed NOTIFY.
                await WaitAnyAsync(waiter.Ended, Min(remaining, _options.PollInterval), cancellationToken);
            }
        }
        catch (Exception e) when (Failed(e))
        {
            throw Unavailable(e);
        }
    }

    public async ValueTask<CancelResult> CancelAsync(long id, CancellationToken cancellationToken)
    {
        try
        {
            // A job rescued or handed back while we asked is queued again: cancel it as queued.
            for (var round = 0; ; round++)
            {
                using var waiter = _ended.Register(id);
                await using var queued = _db.CreateCommand(
                    $"UPDATE jobqueue.jobs SET status = 'canceled', finished_at = now() WHERE id = $1 AND status = 'queued' RETURNING {Columns}");
                queued.Parameters.Add(new() { Value = id });
                if (await JobRows.SingleAsync(queued, cancellationToken) is { } canceled)
                {
                    return new CancelResult(CancelOutcome.CanceledQueued, canceled);
                }

                var owner = await AskOwnerToStopAsync(id, cancellationToken);
                if (owner is null)
                {
                    var now = await JobRows.FindAsync(_db, id, cancellationToken);
                    if (now is null)
                    {
                        return new CancelResult(CancelOutcome.NotFound, null);
                    }

                    if (now.IsFinished || round == 2)
                    {
                        return new CancelResult(CancelOutcome.AlreadyEnded, now);
                    }

                    continue;
                }

                var ended = await WaitForEndAsync(id, waiter, _options.CancelConfirmation, cancellationToken);
                switch (ended?.Status)
                {
                    case null:
                        return new CancelResult(CancelOutcome.NotFound, null);
                    case JobStatus.Canceled:
                        return new CancelResult(CancelOutcome.CanceledRunning, ended);
                    case JobStatus.Running:
                        return new CancelResult(CancelOutcome.Unconfirmed, ended);
                    case JobStatus.Queued when round < 2:
                        continue;
                    default:
                        return new CancelResult(CancelOutcome.AlreadyEnded, ended);
                }
            }
        }
        catch (Exception e) when (Failed(e))
        {
            throw Unavailable(e);
        }
    }

    public async ValueTask<IReadOnlyList<JobSnapshot>> ListAsync(JobStatus? status, int limit, CancellationToken cancellationToken)
    {
        try
        {
            await using var command = _db.CreateCommand(status is null
                ? $"SELECT {Columns} FROM jobqueue.jobs ORDER BY id DESC LIMIT $1"
                : $"SELECT {Columns} FROM jobqueue.jobs WHERE status = $2 ORDER BY id DESC LIMIT $1");
            command.Parameters.Add(new() { Value = limit });
            if (status is { } wanted)
            {
                command.Parameters.Add(new() { Value = JobRows.Name(wanted) });
            }

            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            return await ReadSnapshotsAsync(reader, cancellationToken);
        }
        catch (Exception e) when (Failed(e))
        {
            throw Unavailable(e);
        }
    }

    /// <summary>
    /// The dashboard's reading in one round trip: running jobs of every node, the head of the queue
    /// through its partial index, and how many wait in the whole cluster, whichever node queued them.
    /// </summary>
    public async ValueTask<QueueView> ViewAsync(int running, int waiting, CancellationToken cancellationToken)
    {
        try
        {
            await using var batch = _db.CreateBatch();
            batch.BatchCommands.Add(new($"SELECT {Columns} FROM jobqueue.jobs WHERE status = 'running' ORDER BY id DESC LIMIT $1") { Parameters = { new() { Value = running } } });
            batch.BatchCommands.Add(new($"SELECT {Columns} FROM jobqueue.jobs WHERE status = 'queued' ORDER BY id LIMIT $1") { Parameters = { new() { Value = waiting } } });
            batch.BatchCommands.Add(new("SELECT count(*) FROM jobqueue.jobs WHERE status = 'queued'"));
            await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
            var runningJobs = await ReadSnapshotsAsync(reader, cancellationToken);
            await reader.NextResultAsync(cancellationToken);
            var waitingJobs = await ReadSnapshotsAsync(reader, cancellationToken);
            await reader.NextResultAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            return new QueueView(runningJobs, waitingJobs, reader.GetInt64(0));
        }
        catch (Exception e) when (Failed(e))
        {
            throw Unavailable(e);
        }
    }

    /// <summary>
    /// The cluster for /debug/vars: jobs by state (each state read through its own index or the whole
    /// table for the finished ones) and the live nodes. While the database is down, the page still
    /// answers, with the reason.
    /// </summary>
    public async Task<SharedQueueVars> ReadVarsAsync(CancellationToken cancellationToken)
    {
        try
        {
            Dictionary<string, long> jobs = new()
            {
                ["queued"] = 0,
                ["running"] = 0,
                ["completed"] = 0,
                ["canceled"] = 0,
                ["failed"] = 0,
            };
            await using (var byState = _db.CreateCommand("SELECT status, count(*) FROM jobqueue.jobs GROUP BY status"))
            await using (var reader = await byState.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    jobs[reader.GetString(0)] = reader.GetInt64(1);
                }
            }

            List<NodeVars> nodes = [];
            await using (var live = _db.CreateCommand("""
                SELECT name, workers, extract(epoch FROM now() - heartbeat_at) * 1000 FROM jobqueue.nodes
                WHERE heartbeat_at >= now() - make_interval(secs => $1) ORDER BY name, id
                """))
            {
                live.Parameters.Add(new() { Value = _options.RescueAfter.TotalSeconds });
                await using var reader = await live.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    nodes.Add(new NodeVars(reader.GetString(0), reader.GetInt32(1), Math.Round((double)reader.GetDecimal(2), 1)));
                }
            }

            return new SharedQueueVars(_options.Node, jobs, nodes);
        }
        catch (Exception e) when (Failed(e))
        {
            return new SharedQueueVars(_options.Node, new Dictionary<string, long>(), [], UnavailableReason(e));
        }
    }

    /// <summary>
    /// Marks the job watched, so its end sends a NOTIFY, and reads it. The update sees the row's newest
    /// version, so a job that ended meanwhile is read as ended, never waited for in vain.
    /// </summary>
    private async Task<JobSnapshot?> WatchAsync(long id, CancellationToken cancellationToken)
    {
        await using var watch = _db.CreateCommand(
            $"UPDATE jobqueue.jobs SET watched = true WHERE id = $1 AND NOT watched AND status IN ('queued', 'running') RETURNING {Columns}");
        watch.Parameters.Add(new() { Value = id });
        return await JobRows.SingleAsync(watch, cancellationToken) ?? await JobRows.FindAsync(_db, id, cancellationToken);
    }

    /// <summary>
    /// Flags a running job for cancel and tells its node (NOTIFY; its heartbeat reads the flag too).
    /// Returns the owner's node instance, or null when the job was not running.
    /// </summary>
    private async Task<long?> AskOwnerToStopAsync(long id, CancellationToken cancellationToken)
    {
        await using var ask = _db.CreateCommand(
            "UPDATE jobqueue.jobs SET cancel_requested = true, watched = true WHERE id = $1 AND status = 'running' RETURNING node_id");
        ask.Parameters.Add(new() { Value = id });
        if (await ask.ExecuteScalarAsync(cancellationToken) is not long owner)
        {
            return null;
        }

        if (owner == Interlocked.Read(ref _nodeId))
        {
            CancelHere(id);
        }
        else
        {
            await using var notify = _db.CreateCommand("SELECT pg_notify('jobqueue_cancel', $1)");
            notify.Parameters.Add(new() { Value = $"{owner}:{id}" });
            await notify.ExecuteNonQueryAsync(cancellationToken);
        }

        return owner;
    }

    private async Task<JobSnapshot?> WaitForEndAsync(long id, JobEndWaiters.Waiter first, TimeSpan wait, CancellationToken cancellationToken)
    {
        var deadline = _time.GetUtcNow() + wait;
        var waiter = first;
        try
        {
            while (true)
            {
                var remaining = deadline - _time.GetUtcNow();
                if (remaining > TimeSpan.Zero)
                {
                    await WaitAnyAsync(waiter.Ended, Min(remaining, _options.PollInterval), cancellationToken);
                }

                if (!ReferenceEquals(waiter, first))
                {
                    waiter.Dispose();
                }

                waiter = _ended.Register(id);
                var job = await JobRows.FindAsync(_db, id, cancellationToken);
                if (job is not { Status: JobStatus.Running } || _time.GetUtcNow() >= deadline)
                {
                    return job;
                }
            }
        }
        finally
        {
            if (!ReferenceEquals(waiter, first))
            {
                waiter.Dispose();
            }
        }
    }

    /// <summary>A DELETE for a job this node runs: its worker cuts the delay short and records it canceled.</summary>
    private void CancelHere(long id)
    {
        if (_claims.TryGetValue(id, out var claim))
        {
            claim.CancelRequested = true;
            claim.Job.RequestCancel();
        }
    }

    private static async Task<List<JobSnapshot>> ReadSnapshotsAsync(NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        List<JobSnapshot> jobs = [];
        while (await reader.ReadAsync(cancellationToken))
        {
            jobs.Add(JobRows.ReadSnapshot(reader));
        }

        return jobs;
    }

    private QueueUnavailableException Unavailable(Exception e) => new(UnavailableReason(e), e);

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
