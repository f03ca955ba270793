using System.Globalization;
using Npgsql;

namespace JobQueue.Postgres;

/// <summary>
/// What a node does besides serving its workers: it listens for NOTIFY, heartbeats, and on each beat
/// records the runs the database missed, stops jobs a DELETE flagged, rescues the jobs of dead nodes
/// and deletes finished rows past --retention.
/// </summary>
internal sealed partial class PostgresJobQueue
{
    // Any constant, as long as nothing else in the database locks the same key (migrations use another).
    private const long RetentionLockKey = 0x4A6F62526574L;
    private const int RetentionBatchesPerBeat = 20;

    // The first successful beat after an outage; null while the database is unreachable.
    private DateTimeOffset? _healthySince;
    private bool _reportedUnreachable;
    private readonly Lock _beatLock = new();
    private TaskCompletionSource _beaten = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ClusterLevels _levels = ClusterLevels.None;

    /// <summary>The cluster as the last heartbeat saw it, for the meter.</summary>
    public ClusterLevels Levels
    {
        get
        {
            lock (_beatLock)
            {
                return _levels;
            }
        }
    }

    /// <summary>Completes when the heartbeat's next round (beat, rescue, retention) is over, done or failed.</summary>
    internal Task NextBeat
    {
        get
        {
            lock (_beatLock)
            {
                return _beaten.Task;
            }
        }
    }

    private async Task RegisterAsync(CancellationToken cancellationToken)
    {
        await using var register = _db.CreateCommand("INSERT INTO jobqueue.nodes (name, workers) VALUES ($1, $2) RETURNING id");
        register.Parameters.Add(new() { Value = _options.Node });
        register.Parameters.Add(new() { Value = _options.Workers });
        var nodeId = (long)(await register.ExecuteScalarAsync(cancellationToken))!;
        lock (_instances)
        {
            _instances.Add(nodeId);
        }

        Interlocked.Exchange(ref _nodeId, nodeId);
        _healthySince = _time.GetUtcNow();
    }

    private async Task ListenAsync(CancellationToken cancellationToken)
    {
        var backoff = Backoff.First;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await _db.OpenConnectionAsync(cancellationToken);
                connection.Notification += OnNotification;
                await using (var listen = new NpgsqlCommand("LISTEN jobqueue_queued; LISTEN jobqueue_cancel; LISTEN jobqueue_ended", connection))
                {
                    await listen.ExecuteNonQueryAsync(cancellationToken);
                }

                _listening.TrySetResult();
                backoff = Backoff.First;

                // What was sent while nobody listened is lost: everyone looks again.
                _queued.Signal();
                _ended.All();
                while (true)
                {
                    await connection.WaitAsync(cancellationToken);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (Failed(e))
            {
                ReportUnreachable(e);
                if (!await DelayAsync(backoff, cancellationToken))
                {
                    return;
                }

                backoff = Backoff.Next(backoff);
            }
        }
    }

    private void OnNotification(object sender, NpgsqlNotificationEventArgs e)
    {
        switch (e.Channel)
        {
            case "jobqueue_queued":
                _queued.Signal();
                break;
            case "jobqueue_ended" when long.TryParse(e.Payload, CultureInfo.InvariantCulture, out var id):
                _ended.Ended(id);
                break;
            case "jobqueue_cancel":
                var colon = e.Payload.IndexOf(':');
                if (colon > 0
                    && long.TryParse(e.Payload.AsSpan(0, colon), CultureInfo.InvariantCulture, out var node)
                    && long.TryParse(e.Payload.AsSpan(colon + 1), CultureInfo.InvariantCulture, out var job)
                    && node == Interlocked.Read(ref _nodeId))
                {
                    CancelHere(job);
                }

                break;
        }
    }

    private async Task HeartbeatAsync(CancellationToken cancellationToken)
    {
        while (await DelayAsync(_options.HeartbeatInterval, cancellationToken))
        {
            try
            {
                await RecordUnrecordedAsync(cancellationToken);
                await BeatAsync(cancellationToken);
                if (_healthySince is null)
                {
                    _healthySince = _time.GetUtcNow();
                    _reportedUnreachable = false;
                    PostgresLog.Reachable(_logger, _server);
                }

                await StopFlaggedAsync(cancellationToken);
                await HandBackOrphansAsync(cancellationToken);

                // After an outage every node looks silent: give them all a full --rescue-after to beat
                // again before declaring any of them dead.
                if (_time.GetUtcNow() - _healthySince >= _options.RescueAfter)
                {
                    await RescueAsync(cancellationToken);
                }

                await RetainAsync(cancellationToken);
                await ReadLevelsAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (Failed(e))
            {
                _healthySince = null;
                ReportUnreachable(e);
            }

            TaskCompletionSource beaten;
            lock (_beatLock)
            {
                beaten = _beaten;
                _beaten = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            beaten.TrySetResult();
        }
    }

    /// <summary>Runs that ended while the database was down, recorded now, oldest first.</summary>
    private async Task RecordUnrecordedAsync(CancellationToken cancellationToken)
    {
        while (_unrecorded.TryPeek(out var run))
        {
            await RecordAsync(run.Claim, run.Status, cancellationToken);
            _unrecorded.TryDequeue(out _);
        }
    }

    /// <summary>
    /// The heartbeat. No row to update means the cluster declared this node dead and gave its jobs to
    /// others: its runs stop (their finish would be refused anyway) and it joins again as a new instance.
    /// </summary>
    private async Task BeatAsync(CancellationToken cancellationToken)
    {
        await using var beat = _sources.Relaxed.CreateCommand("UPDATE jobqueue.nodes SET heartbeat_at = now(), workers = $2 WHERE id = $1");
        beat.Parameters.Add(new() { Value = Interlocked.Read(ref _nodeId) });
        beat.Parameters.Add(new() { Value = _options.Workers });
        if (await beat.ExecuteNonQueryAsync(cancellationToken) == 1)
        {
            return;
        }

        var lost = _claims.Values.ToList();
        PostgresLog.DeclaredDead(_logger, _options.Node, lost.Count);
        foreach (var claim in lost)
        {
            // A job taken but not yet started never starts; a running one stops.
            claim.CancelRequested = true;
            claim.Job.RequestCancel();
        }

        await RegisterAsync(cancellationToken);
    }

    /// <summary>The backstop for a cancel NOTIFY this node missed: the flag on the row.</summary>
    private async Task StopFlaggedAsync(CancellationToken cancellationToken)
    {
        await using var flagged = _db.CreateCommand(
            "SELECT id FROM jobqueue.jobs WHERE node_id = $1 AND status = 'running' AND cancel_requested");
        flagged.Parameters.Add(new() { Value = Interlocked.Read(ref _nodeId) });
        await using var reader = await flagged.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            CancelHere(reader.GetInt64(0));
        }
    }

    /// <summary>
    /// Rows this live node holds as running but runs no worker for: a claim whose answer was lost with
    /// the connection. Back to the queue, or they would wait forever for an owner that is alive.
    /// </summary>
    private async Task HandBackOrphansAsync(CancellationToken cancellationToken)
    {
        var mine = _claims.Keys.Concat(_unrecorded.Select(r => r.Claim.Job.Id)).ToArray();
        await using var orphans = _db.CreateCommand("""
            UPDATE jobqueue.jobs SET status = 'queued', node_id = NULL, node = NULL, worker = 0, started_at = NULL
            WHERE node_id = $1 AND status = 'running' AND NOT (id = ANY($2))
              AND started_at < now() - make_interval(secs => $3)
            """);
        orphans.Parameters.Add(new() { Value = Interlocked.Read(ref _nodeId) });
        orphans.Parameters.Add(new() { Value = mine });
        // Old enough that no claim of ours can still be on its way back to us.
        orphans.Parameters.Add(new() { Value = _options.RescueAfter.TotalSeconds });
        var handedBack = await orphans.ExecuteNonQueryAsync(cancellationToken);
        if (handedBack > 0)
        {
            PostgresLog.Orphans(_logger, handedBack);
            JobsWaiting();
        }
    }

    /// <summary>
    /// Rescue by dead owner, never by a job's age: the running jobs of every node silent for
    /// --rescue-after go back to the queue with attempt + 1, end failed after --max-attempts, or end
    /// canceled when a DELETE had asked for it. The dead node's row goes in the same statement.
    /// </summary>
    private async Task RescueAsync(CancellationToken cancellationToken)
    {
        await using var rescue = _db.CreateCommand("""
            WITH dead AS (
                DELETE FROM jobqueue.nodes WHERE heartbeat_at < now() - make_interval(secs => $1)
            )
            UPDATE jobqueue.jobs AS j SET
                status = CASE WHEN j.cancel_requested THEN 'canceled' WHEN j.attempt >= $2 THEN 'failed' ELSE 'queued' END,
                attempt = CASE WHEN j.cancel_requested OR j.attempt >= $2 THEN j.attempt ELSE j.attempt + 1 END,
                finished_at = CASE WHEN j.cancel_requested OR j.attempt >= $2 THEN now() END,
                node_id = CASE WHEN j.cancel_requested OR j.attempt >= $2 THEN j.node_id END,
                node = CASE WHEN j.cancel_requested OR j.attempt >= $2 THEN j.node END,
                worker = CASE WHEN j.cancel_requested OR j.attempt >= $2 THEN j.worker ELSE 0 END,
                started_at = CASE WHEN j.cancel_requested OR j.attempt >= $2 THEN j.started_at END
            WHERE j.status = 'running'
              AND NOT EXISTS (
                  SELECT FROM jobqueue.nodes AS n
                  WHERE n.id = j.node_id AND n.heartbeat_at >= now() - make_interval(secs => $1))
            """);
        rescue.Parameters.Add(new() { Value = _options.RescueAfter.TotalSeconds });
        rescue.Parameters.Add(new() { Value = _options.MaxAttempts });
        var rescued = await rescue.ExecuteNonQueryAsync(cancellationToken);
        if (rescued > 0)
        {
            PostgresLog.Rescued(_logger, rescued);
            JobsWaiting();
        }
    }

    /// <summary>Finished rows past --retention, in small batches, by one node at a time (an advisory lock).</summary>
    private async Task RetainAsync(CancellationToken cancellationToken)
    {
        var deleted = 0;
        for (var batch = 0; batch < RetentionBatchesPerBeat; batch++)
        {
            await using var retain = _db.CreateCommand("""
                WITH gate AS (SELECT pg_try_advisory_xact_lock($3) AS mine)
                DELETE FROM jobqueue.jobs
                WHERE id IN (
                    SELECT id FROM jobqueue.jobs
                    WHERE finished_at < now() - make_interval(secs => $1)
                    ORDER BY finished_at LIMIT $2)
                  AND (SELECT mine FROM gate)
                """);
            retain.Parameters.Add(new() { Value = _options.Retention.TotalSeconds });
            retain.Parameters.Add(new() { Value = _options.RetentionBatch });
            retain.Parameters.Add(new() { Value = RetentionLockKey });
            var rows = await retain.ExecuteNonQueryAsync(cancellationToken);
            deleted += rows;
            if (rows < _options.RetentionBatch)
            {
                break;
            }
        }

        if (deleted > 0)
        {
            PostgresLog.Retained(_logger, deleted);
        }
    }

    /// <summary>Each count walks an index that holds only its state's rows: bounded by the queue's size and the workers.</summary>
    private async Task ReadLevelsAsync(CancellationToken cancellationToken)
    {
        await using var levels = _db.CreateCommand("""
            SELECT (SELECT count(*) FROM jobqueue.jobs WHERE status = 'queued'),
                   (SELECT count(*) FROM jobqueue.jobs WHERE status = 'running'),
                   count(*), coalesce(sum(workers), 0)
            FROM jobqueue.nodes WHERE heartbeat_at >= now() - make_interval(secs => $1)
            """);
        levels.Parameters.Add(new() { Value = _options.RescueAfter.TotalSeconds });
        await using var row = await levels.ExecuteReaderAsync(cancellationToken);
        await row.ReadAsync(cancellationToken);
        _levels = new ClusterLevels(row.GetInt64(0), row.GetInt64(1), row.GetInt64(2), row.GetInt64(3));
    }

    private void ReportUnreachable(Exception e)
    {
        if (!_reportedUnreachable)
        {
            _reportedUnreachable = true;
            PostgresLog.Unreachable(_logger, _server, DatabaseFailure.Reason(e));
        }
    }

    /// <summary>False when the node is closing.</summary>
    private async Task<bool> DelayAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, _time, cancellationToken);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
