using JobQueue.Queue;
using Npgsql;

namespace JobQueue.Postgres;

/// <summary>
/// The writes of a job's life on this node, each gathered into one statement across the node's POSTs
/// or workers: the enqueue, the claim (for every taker waiting now, at most one job each), the worker
/// number at the start, and the fenced finish. A node's round trips per second then bound its batches,
/// not its jobs.
/// </summary>
internal sealed partial class PostgresJobQueue
{
    // The bound: ids are handed out in order and taken first come first served, so the queued rows lie
    // between the oldest queued id and the newest id. While that span is below --max-queue-size, two
    // index lookups prove there is room; only near the bound are the queued entries counted, at most
    // --max-queue-size of them. Concurrent POSTs may each see room for one more, so the bound is
    // exceeded by at most the POSTs in flight. A batch goes in whole or not at all; its rows take ids in
    // the order of its POSTs.
    private const string EnqueueSql = """
        INSERT INTO jobqueue.jobs (name, delay_ns, accepted_by)
        SELECT p.name, p.delay_ns, $4
        FROM unnest($1::text[], $2::bigint[]) WITH ORDINALITY AS p(name, delay_ns, ord)
        WHERE CASE
            WHEN coalesce((SELECT max(id) FROM jobqueue.jobs)
                          - (SELECT min(id) FROM jobqueue.jobs WHERE status = 'queued') + 1, 0) < $3 THEN true
            ELSE (SELECT count(*) FROM (SELECT FROM jobqueue.jobs WHERE status = 'queued' LIMIT $3) AS waiting) < $3
        END
        ORDER BY p.ord
        RETURNING id, enqueued_at
        """;

    // Lowest ids first, rows another node is claiming skipped; marked running in the same statement.
    // The ids as an array, not a join: whatever the table's statistics say, the update then finds
    // each row by its id instead of joining the claimed ids to every queued row.
    private const string ClaimSql = """
        UPDATE jobqueue.jobs SET status = 'running', node_id = $1, node = $2, worker = 0, started_at = now()
        WHERE id = ANY (ARRAY(
            SELECT id FROM jobqueue.jobs WHERE status = 'queued' ORDER BY id LIMIT $3 FOR UPDATE SKIP LOCKED))
          AND status = 'queued'
        RETURNING id, name, delay_ns, enqueued_at, attempt
        """;

    private const string StartSql = """
        UPDATE jobqueue.jobs AS j SET worker = s.worker
        FROM unnest($1::bigint[], $2::bigint[], $3::integer[], $4::integer[]) AS s(id, node_id, attempt, worker)
        WHERE j.id = s.id AND j.node_id = s.node_id AND j.attempt = s.attempt AND j.status = 'running'
        """;

    // Only the run that owns the row may end it: the fence. The ids returned are the runs recorded.
    private const string FinishSql = """
        UPDATE jobqueue.jobs AS j SET status = f.status, worker = f.worker, finished_at = now()
        FROM unnest($1::bigint[], $2::bigint[], $3::integer[], $4::text[], $5::integer[]) AS f(id, node_id, attempt, status, worker)
        WHERE j.id = f.id AND j.node_id = f.node_id AND j.attempt = f.attempt AND j.status = 'running'
        RETURNING j.id
        """;

    private readonly Batches<Post> _posts;
    private readonly Batches<Taker> _takers;
    private readonly Batches<Write> _starts;
    private readonly Batches<Write> _finishes;

    // The POST batch in flight, if any. Its rows are committed before this node reads them back and
    // prints their "added" lines; a claim that saw them in between waits for it, so no job's "started"
    // line comes before its "added" line.
    private Task _inserting = Task.CompletedTask;

    /// <summary>Jobs for up to <paramref name="wanted"/> workers, claimed with those of every other taker waiting now.</summary>
    private Task<List<Job>> ClaimAsync(int wanted)
    {
        var taker = new Taker(wanted);
        _takers.Add(taker);
        return taker.Claimed.Task;
    }

    /// <summary>
    /// Records the worker that starts a run, without waiting: only GET's "worker" field reads it, and the
    /// finish records it again, so the run never waits a round trip for it.
    /// </summary>
    private void RecordStart(Claim claim, int worker) => _starts.Add(new Write(claim, JobStatus.Running, worker, recorded: null));

    /// <summary>Records a run's end, completed or canceled; false when the fence refused it.</summary>
    private Task<bool> RecordFinishAsync(Claim claim, JobStatus status, int worker)
    {
        var recorded = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        _finishes.Add(new Write(claim, status, worker, recorded));
        return recorded.Task;
    }

    private async Task InsertAsync(List<Post> posts)
    {
        var inserted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _inserting = inserted.Task;
        try
        {
            await InsertBatchAsync(posts);
        }
        finally
        {
            inserted.SetResult();
        }
    }

    private async Task InsertBatchAsync(List<Post> posts)
    {
        // One statement, committed as it returns: one round trip per batch. A pooled connection broken
        // by a server restart fails at its first use with the server's own error, and a statement that
        // got an error committed nothing: one retry, with the pool emptied, serves the POSTs on a new
        // connection. A connection lost without an answer may have committed the rows, so those POSTs
        // get a 503 rather than a second copy of their jobs.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                List<(long Id, DateTime EnqueuedAt)> rows = [];
                await using (var insert = _db.CreateCommand(EnqueueSql))
                {
                    insert.Parameters.Add(new() { Value = posts.Select(p => p.Name).ToArray() });
                    insert.Parameters.Add(new() { Value = posts.Select(p => p.DelayNanoseconds).ToArray() });
                    insert.Parameters.Add(new() { Value = (long)_options.Capacity });
                    insert.Parameters.Add(new() { Value = Interlocked.Read(ref _nodeId) });
                    await using var row = await insert.ExecuteReaderAsync();
                    while (await row.ReadAsync())
                    {
                        rows.Add((row.GetInt64(0), row.GetDateTime(1)));
                    }
                }

                if (rows.Count == 0)
                {
                    Answer(posts, _ => EnqueueResult.Full);
                    return;
                }

                rows.Sort((x, y) => x.Id.CompareTo(y.Id));
                var jobs = posts.Select((p, i) => new Job(rows[i].Id, p.Name, p.DelayNanoseconds, JobRows.Time(rows[i].EnqueuedAt))).ToList();
                for (var i = 0; i < posts.Count; i++)
                {
                    posts[i].Accepted?.Invoke(jobs[i]);
                }

                JobsWaiting();
                Answer(posts, i => EnqueueResult.Accepted(jobs[i]));
                return;
            }
            catch (Exception e) when (Failed(e))
            {
                if (e is not PostgresException || attempt == 2)
                {
                    var unavailable = EnqueueResult.Unavailable(UnavailableReason(e));
                    Answer(posts, _ => unavailable);
                    return;
                }
            }
            catch (Exception e)
            {
                foreach (var post in posts)
                {
                    post.Result.TrySetException(e);
                }

                return;
            }
        }
    }

    private static void Answer(List<Post> posts, Func<int, EnqueueResult> result)
    {
        for (var i = 0; i < posts.Count; i++)
        {
            posts[i].Result.TrySetResult(result(i));
        }
    }

    private async Task ClaimForAsync(List<Taker> takers)
    {
        List<Job> jobs = [];
        try
        {
            var nodeId = Interlocked.Read(ref _nodeId);
            await using var command = _sources.Relaxed.CreateCommand(ClaimSql);
            command.Parameters.Add(new() { Value = nodeId });
            command.Parameters.Add(new() { Value = _options.Node });
            command.Parameters.Add(new() { Value = takers.Sum(t => t.Wanted) });
            await using var row = await command.ExecuteReaderAsync();
            while (await row.ReadAsync())
            {
                var job = new Job(row.GetInt64(0), row.GetString(1), row.GetInt64(2), JobRows.Time(row.GetDateTime(3)), row.GetInt32(4));
                _claims[job.Id] = new Claim(job, nodeId);
                jobs.Add(job);
            }
        }
        catch (Exception e)
        {
            // Rows claimed before the error stay running under this node: the hand-back of orphans returns them.
            foreach (var job in jobs)
            {
                _claims.TryRemove(job.Id, out _);
            }

            foreach (var taker in takers)
            {
                taker.Claimed.TrySetException(e);
            }

            return;
        }

        if (jobs.Count > 0)
        {
            await _inserting;
        }

        // First come, first served: the takers waiting longest get the oldest jobs.
        jobs.Sort((x, y) => x.Id.CompareTo(y.Id));
        var next = 0;
        foreach (var taker in takers)
        {
            var count = Math.Min(taker.Wanted, jobs.Count - next);
            taker.Claimed.TrySetResult(jobs.GetRange(next, count));
            next += count;
        }
    }

    private static async Task WriteAsync(List<Write> writes, NpgsqlDataSource db, string sql, bool finish)
    {
        try
        {
            await using var command = db.CreateCommand(sql);
            command.Parameters.Add(new() { Value = writes.Select(w => w.Claim.Job.Id).ToArray() });
            command.Parameters.Add(new() { Value = writes.Select(w => w.Claim.NodeId).ToArray() });
            command.Parameters.Add(new() { Value = writes.Select(w => w.Claim.Job.Attempt).ToArray() });
            if (finish)
            {
                command.Parameters.Add(new() { Value = writes.Select(w => JobRows.Name(w.Status)).ToArray() });
            }

            command.Parameters.Add(new() { Value = writes.Select(w => w.Worker).ToArray() });
            HashSet<long>? recorded = null;
            if (finish)
            {
                recorded = [];
                await using var row = await command.ExecuteReaderAsync();
                while (await row.ReadAsync())
                {
                    recorded.Add(row.GetInt64(0));
                }
            }
            else
            {
                await command.ExecuteNonQueryAsync();
            }

            foreach (var write in writes)
            {
                write.Recorded?.TrySetResult(recorded?.Contains(write.Claim.Job.Id) ?? true);
            }
        }
        catch (Exception e)
        {
            // A start that missed the database is recorded by its finish; a finish's caller decides.
            foreach (var write in writes)
            {
                write.Recorded?.TrySetException(e);
            }
        }
    }

    /// <summary>A POST's job, waiting for the transaction that accepts it or says why not.</summary>
    private sealed class Post(string name, long delayNanoseconds, Action<Job>? accepted)
    {
        public string Name { get; } = name;

        public long DelayNanoseconds { get; } = delayNanoseconds;

        public Action<Job>? Accepted { get; } = accepted;

        public TaskCompletionSource<EnqueueResult> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>An idle taker's request: jobs for up to <see cref="Wanted"/> workers, possibly none.</summary>
    private sealed class Taker(int wanted)
    {
        public int Wanted { get; } = wanted;

        public TaskCompletionSource<List<Job>> Claimed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>One run's start or end, fenced by its claim; <see cref="Recorded"/> says whether the fence let it through.</summary>
    private sealed class Write(Claim claim, JobStatus status, int worker, TaskCompletionSource<bool>? recorded)
    {
        public Claim Claim { get; } = claim;

        public JobStatus Status { get; } = status;

        public int Worker { get; } = worker;

        public TaskCompletionSource<bool>? Recorded { get; } = recorded;
    }
}
