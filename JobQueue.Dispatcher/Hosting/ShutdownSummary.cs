using JobQueue.Postgres;
using JobQueue.Queue;
using JobQueue.Threading;

namespace JobQueue.Hosting;

/// <summary>
/// The one line that accounts for every accepted job when the server ends, gracefully or not:
/// <c>shutdown: A accepted, C completed, X canceled, D never started</c>, with A = C + X + D. On a
/// shared queue, jobs left waiting are not lost but stay in PostgreSQL, and the line says so.
/// </summary>
internal sealed class ShutdownSummary(JobCounters counters, TextWriter error, PostgresJobQueue? shared = null)
{
    private readonly Once _written = new();

    /// <summary>
    /// Writes the line once; a forced exit after a graceful one has begun does not print a second. A
    /// forced exit does not wait for the database: the line then says where waiting jobs are, not how many.
    /// </summary>
    public void Write() => Write(stillQueued: null);

    /// <summary>At the end of a graceful stop: a shared queue is first asked how many of this node's jobs still wait.</summary>
    public async Task WriteAsync() => Write(shared is null ? null : await shared.CountStillQueuedAsync().ConfigureAwait(false));

    private void Write(long? stillQueued)
    {
        // Once decides, the write happens outside it: standard error may be a full pipe, and a forced
        // exit (a second Ctrl+C) must not wait behind a graceful line stuck in it.
        if (!_written.First())
        {
            return;
        }

        error.WriteLine(shared is null ? Format(counters.Read()) : FormatShared(counters.Read(), stillQueued));
        error.Flush();
    }

    /// <summary>
    /// After a graceful stop nothing is queued or busy. After a forced one, a running job was cut off
    /// (canceled) and a queued one never started. A durable queue's jobs handed back at shutdown wait
    /// for the next node, and are said to.
    /// </summary>
    public static string Format(JobCounts counts)
    {
        var neverStarted = counts.NeverStarted + counts.Queued;
        var canceled = counts.Canceled + counts.Busy;
        var line = $"shutdown: {counts.Accepted} accepted, {counts.Completed} completed, {canceled} canceled, {neverStarted} never started";
        return counts.Returned == 0 ? line : $"{line}, {counts.Returned} returned to the queue";
    }

    /// <summary>
    /// A node of a shared queue: the jobs it accepted (A = still queued + taken by some node or canceled)
    /// and the runs it ran (R = completed + canceled + returned, + still running after a forced exit).
    /// Nodes take each other's jobs, so the two sets overlap and each is summed on its own. Nothing
    /// waiting is canceled at shutdown: it stays queued for the next node.
    /// </summary>
    /// <param name="stillQueued">This node's accepted jobs queued at the end; null when the database did not say.</param>
    public static string FormatShared(JobCounts counts, long? stillQueued)
    {
        var accepted = stillQueued is { } queued
            ? $"{counts.Accepted} accepted: {queued} still queued in PostgreSQL (durable, for the next node), {counts.Accepted - queued} taken or canceled"
            : $"{counts.Accepted} accepted, kept in PostgreSQL until a node takes them (durable)";
        var canceled = counts.Started - counts.Completed - counts.Returned - counts.Busy;
        var ran = $"{counts.Started} run here: {counts.Completed} completed, {canceled} canceled, {counts.Returned} returned to the queue";
        var running = counts.Busy == 0 ? "" : $", {counts.Busy} still running (another node rescues them)";
        return $"shutdown: {accepted}; {ran}{running}";
    }
}
