using JobQueue.Diagnostics;
using JobQueue.Engine;
using JobQueue.GoFormat;
using JobQueue.Output;
using JobQueue.Postgres;
using JobQueue.Queue;

namespace JobQueue.Dashboard;

/// <summary>
/// The dashboard's reading of this process: running and waiting jobs from the queue's record, counts
/// and latencies from the counters, the tail of the console.
/// </summary>
/// <remarks>
/// The Dispatcher does not show its pool, so the pool is read off its protocol: an idle worker's channel
/// is in workerPool, except the one the Dispatcher takes first and holds while the queue is empty.
/// </remarks>
internal sealed class MemoryDashboardSource(IJobQueue jobQueue, IJobEngine engine, JobCounters counters, JobConsole console, TimeProvider time)
    : IDashboardSource
{
    // Beyond this many workers the idle ones are counted, not listed: the page stays small.
    private const int ListIdleUpTo = 1000;

    // The queue's record can only be read whole (ListAsync sorts every job it keeps): past this many
    // waiting jobs they are counted, not listed, so that a long queue costs one pass over it, not two.
    private const int ListWaitingUpTo = 1000;

    public async ValueTask<DashboardState> ReadAsync(DashboardLimits shown, CancellationToken cancellationToken)
    {
        var counts = counters.Read();
        var workers = engine.Workers;
        // A shared queue lists the running jobs of every node: room for this node's and the others' lanes.
        var running = await jobQueue.ListAsync(JobStatus.Running, (workers <= ListIdleUpTo ? workers : shown.Lanes) + shown.Lanes, cancellationToken).ConfigureAwait(false);
        var listWaiting = counts.Queued <= ListWaitingUpTo;
        var waiting = listWaiting
            ? await jobQueue.ListAsync(JobStatus.Queued, ListWaitingUpTo, cancellationToken).ConfigureAwait(false)
            : [];

        // Worker ids are per node: each node's lanes are its own. This node knows its workers and its pool;
        // of another it knows only the jobs it runs.
        var thisNode = (jobQueue as PostgresJobQueue)?.Node;
        var byNode = running.Where(j => j.Worker > 0).GroupBy(j => j.Node ?? thisNode).ToDictionary(g => g.Key ?? "", g => g.OrderBy(j => j.Worker).ToArray());
        var busy = byNode.GetValueOrDefault(thisNode ?? "", []);
        var idleCount = Math.Max(0, workers - counts.Busy);
        var pool = engine.Mode == EngineMode.Original ? Pool(busy, workers, idleCount, counts.Queued, shown.Lanes) : null;
        List<NodeView> nodes = [new(thisNode, workers, Lanes(busy, shown), counts.Busy, idleCount, pool)];
        foreach (var (name, jobs) in byNode.Where(n => n.Key != (thisNode ?? "")).OrderBy(n => n.Key, StringComparer.Ordinal))
        {
            nodes.Add(new NodeView(name, 0, Lanes(jobs, shown), jobs.Length, 0, null));
        }

        return new DashboardState(
            time.GetUtcNow(),
            engine.Mode.Name(),
            jobQueue.Capacity,
            nodes,
            waiting.OrderBy(j => j.Id).Take(shown.Waiting).Select(View).ToArray(),
            listWaiting ? waiting.Count : counts.Queued,
            new JobTotals(counts.Accepted, counts.Rejected, counts.Completed, counts.Canceled),
            new JobTotals(0, 0, 0, 0),
            Latency(counters.QueueWait),
            Latency(counters.RunTime),
            console.Recent());
    }

    private static Lane[] Lanes(JobSnapshot[] busy, DashboardLimits shown) =>
        busy.Take(shown.Lanes).Select(j => new Lane(j.Worker, View(j) with { EnqueuedAt = null })).ToArray();

    private static WorkerPoolView Pool(JobSnapshot[] busy, int workers, long idleCount, long queued, int shown)
    {
        var holdsOne = idleCount > 0 && queued == 0;
        IReadOnlyList<int> idle = workers <= ListIdleUpTo
            ? Enumerable.Range(1, workers).Except(busy.Select(j => j.Worker)).Take(shown).ToArray()
            : [];
        return new WorkerPoolView(idle, idleCount - (holdsOne ? 1 : 0), holdsOne);
    }

    private static JobView View(JobSnapshot job) => new(
        job.Id,
        job.Name,
        GoDuration.Format(job.DelayNanoseconds),
        job.DelayNanoseconds / 1e6,
        job.EnqueuedAt,
        job.StartedAt);

    private static LatencyView Latency(LatencyHistogram histogram)
    {
        var ms = LatencyMs.From(histogram);
        return new LatencyView(ms.P50, ms.P90, ms.P99, ms.Max);
    }
}
