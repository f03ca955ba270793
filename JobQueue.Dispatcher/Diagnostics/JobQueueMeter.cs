using System.Diagnostics.Metrics;
using JobQueue.Engine;
using JobQueue.Queue;

namespace JobQueue.Diagnostics;

/// <summary>
/// The figures of /debug/vars as the <c>JobQueue.Dispatcher</c> meter, for
/// <c>dotnet-counters monitor -n JobQueue.Dispatcher --counters JobQueue.Dispatcher</c>.
/// </summary>
/// <remarks>
/// Every instrument is observable: nothing is recorded per job, each is read from the counters when a
/// listener collects. Each reads the counters on its own, so two instruments of one collection may be
/// a job apart; /debug/vars is the page whose counters always add up. The meter comes from the host's
/// <see cref="IMeterFactory"/>, which disposes it with the host.
/// </remarks>
internal sealed class JobQueueMeter
{
    public const string MeterName = "JobQueue.Dispatcher";

    public JobQueueMeter(IMeterFactory meterFactory, IJobEngine engine, JobCounters counters)
    {
        Meter = meterFactory.Create(MeterName);

        // Monotonic: dotnet-counters shows how many per refresh.
        Meter.CreateObservableCounter("jobqueue.jobs.accepted", () => counters.Read().Accepted, "{job}", "Jobs accepted onto the queue (201)");
        Meter.CreateObservableCounter("jobqueue.jobs.rejected", () => counters.Read().Rejected, "{job}", "Jobs refused because the queue was full or the server stopping (503)");
        Meter.CreateObservableCounter("jobqueue.jobs.started", () => counters.Read().Started, "{job}", "Jobs a worker started");
        Meter.CreateObservableCounter("jobqueue.jobs.completed", () => counters.Read().Completed, "{job}", "Jobs that ran their whole delay");
        Meter.CreateObservableCounter("jobqueue.jobs.canceled", () => counters.Read().Canceled, "{job}", "Jobs canceled, queued or running");
        Meter.CreateObservableCounter("jobqueue.jobs.never_started", () => counters.Read().NeverStarted, "{job}", "Jobs still queued when shutdown ran out of time");

        // Levels: how many right now.
        Meter.CreateObservableUpDownCounter("jobqueue.jobs.queued", () => counters.Read().Queued, "{job}", "Jobs accepted and not yet started");
        Meter.CreateObservableUpDownCounter("jobqueue.jobs.busy", () => counters.Read().Busy, "{job}", "Jobs running on a worker");
        Meter.CreateObservableUpDownCounter("jobqueue.workers", () => (long)engine.Workers, "{worker}", "Workers in the pool (--max-workers)");

        AddLatency("jobqueue.jobs.queue_wait", counters.QueueWait, "Time from accepted to started");
        AddLatency("jobqueue.jobs.run_time", counters.RunTime, "Time from started to completed or canceled");
    }

    /// <summary>The meter of this host; tests tell it from other hosts' meters of the same name.</summary>
    public Meter Meter { get; }

    private void AddLatency(string name, LatencyHistogram histogram, string description)
    {
        Meter.CreateObservableGauge(name + ".p50", () => histogram.PercentileMilliseconds(0.50), "ms", description + ", median");
        Meter.CreateObservableGauge(name + ".p90", () => histogram.PercentileMilliseconds(0.90), "ms", description + ", 90th percentile");
        Meter.CreateObservableGauge(name + ".p99", () => histogram.PercentileMilliseconds(0.99), "ms", description + ", 99th percentile");
        Meter.CreateObservableGauge(name + ".max", () => histogram.Max.TotalMilliseconds, "ms", description + ", longest");
    }
}
