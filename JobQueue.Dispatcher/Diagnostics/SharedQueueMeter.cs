using System.Diagnostics.Metrics;
using JobQueue.Postgres;
using JobQueue.Queue;

namespace JobQueue.Diagnostics;

/// <summary>
/// The shared queue's levels on the <c>JobQueue.Dispatcher</c> meter, beside this node's counters: read
/// from what the last heartbeat saw, so collecting never waits for the database. Without --postgres it
/// adds nothing.
/// </summary>
internal sealed class SharedQueueMeter
{
    /// <summary>The meter of this host's shared queue; null in memory. Tests tell it from other hosts' meters of the same name.</summary>
    public Meter? Meter { get; }

    public SharedQueueMeter(IMeterFactory meterFactory, IJobQueue jobQueue)
    {
        if (jobQueue is not PostgresJobQueue shared)
        {
            return;
        }


        var meter = Meter = meterFactory.Create(JobQueueMeter.MeterName);
        meter.CreateObservableUpDownCounter("jobqueue.shared.queued", () => shared.Levels.Queued, "{job}", "Jobs waiting in the shared queue, all nodes");
        meter.CreateObservableUpDownCounter("jobqueue.shared.running", () => shared.Levels.Running, "{job}", "Jobs running on any node");
        meter.CreateObservableUpDownCounter("jobqueue.shared.nodes", () => shared.Levels.Nodes, "{node}", "Nodes whose heartbeat is younger than --rescue-after");
        meter.CreateObservableUpDownCounter("jobqueue.shared.workers", () => shared.Levels.Workers, "{worker}", "Workers of the live nodes");
    }
}
