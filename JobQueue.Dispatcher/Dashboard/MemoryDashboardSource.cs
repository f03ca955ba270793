using JobQueue.Diagnostics;
using JobQueue.Engine;
using JobQueue.GoFormat;
using JobQueue.Original;
using JobQueue.Output;
using JobQueue.Postgres;
using JobQueue.Queue;

namespace JobQueue.Dashboard;

/// <summary>
/// The dashboard's reading of this process: running and waiting jobs from the queue, counts and
/// latencies from the counters, the Dispatcher's pool from the Dispatcher, the tail of the console.
/// </summary>
internal sealed class MemoryDashboardSource(IJobQueue jobQueue, IJobEngine engine, JobCounters counters, JobConsole console, TimeProvider time)
    : IDashboardSource
{
    // Beyond this many workers the idle ones are counted, not listed: the page stays small.
    private const int ListIdleUpTo = 1000;

    public async ValueTask<DashboardState> ReadAsync(DashboardLimits shown, CancellationToken cancellationToken)
    {
        var counts = counters.Read();
        var workers = engine.Workers;
        var pool = (engine as Dispatcher)?.WorkerPool;

        // A shared queue lists the running jobs of every node: room for this node's and the others' lanes.
        var queue = await jobQueue.ViewAsync((workers <= ListIdleUpTo ? workers : shown.Lanes) + shown.Lanes, shown.Waiting, cancellationToken).ConfigureAwait(false);

        // Worker ids are per node: each node's lanes are its own. This node knows its workers and its pool;
        // of another it knows only the jobs it runs.
        var thisNode = (jobQueue as PostgresJobQueue)?.Node;
        var byNode = queue.Running.Where(j => j.Worker > 0).GroupBy(j => j.Node ?? thisNode).ToDictionary(g => g.Key ?? "", g => g.OrderBy(j => j.Worker).ToArray());
        var busy = byNode.GetValueOrDefault(thisNode ?? "", []);
        var idleCount = Math.Max(0, workers - counts.Busy);
        var poolView = pool is { } snapshot ? Pool(snapshot, busy, workers, shown.Lanes) : null;
        List<NodeView> nodes = [new(thisNode, workers, Lanes(busy, shown), counts.Busy, idleCount, poolView)];
        foreach (var (name, jobs) in byNode.Where(n => n.Key != (thisNode ?? "")).OrderBy(n => n.Key, StringComparer.Ordinal))
        {
            nodes.Add(new NodeView(name, 0, Lanes(jobs, shown), jobs.Length, 0, null));
        }

        return new DashboardState(
            time.GetUtcNow(),
            engine.Mode.Name(),
            jobQueue.Capacity,
            nodes,
            queue.Waiting.Select(View).ToArray(),
            queue.WaitingCount ?? counts.Queued,
            new JobTotals(counts.Accepted, counts.Rejected, counts.Completed, counts.Canceled),
            new JobTotals(0, 0, 0, 0),
            Latency(counters.QueueWait),
            Latency(counters.RunTime),
            console.Recent());
    }

    private static Lane[] Lanes(JobSnapshot[] busy, DashboardLimits shown) =>
        busy.Take(shown.Lanes).Select(j => new Lane(j.Worker, View(j) with { EnqueuedAt = null })).ToArray();

    /// <summary>
    /// The channels in the pool are the idle workers' but the one the Dispatcher holds. Which workers are
    /// idle comes from the running jobs read a moment apart from the pool, so a worker between its job's
    /// end and putting its channel back may be listed a reading early.
    /// </summary>
    private static WorkerPoolView Pool(WorkerPoolSnapshot pool, JobSnapshot[] busy, int workers, int shown)
    {
        IReadOnlyList<int> inPool = workers <= ListIdleUpTo
            ? Enumerable.Range(1, workers).Except(busy.Select(j => j.Worker)).Where(w => w != pool.Holding).Take(shown).ToArray()
            : [];
        return new WorkerPoolView(inPool, pool.InPool, pool.Holding);
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
