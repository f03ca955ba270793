using JobQueue.Engine;

namespace JobQueue.Diagnostics;

/// <summary>
/// The <c>jobqueue</c> object of /debug/vars. The counters come from one reading, so on every page
/// accepted = completed + canceled + queued + busy, even while jobs move.
/// </summary>
internal sealed record JobQueueVars(
    string Mode,
    int Workers,
    long Busy,
    long Queued,
    long Accepted,
    long Rejected,
    long Started,
    long Completed,
    long Canceled,
    long NeverStarted,
    LatencyMs QueueWaitMs,
    LatencyMs RunTimeMs)
{
    public static JobQueueVars Read(IJobEngine engine, JobTracker tracker)
    {
        var counts = tracker.Counts();
        return new JobQueueVars(
            engine.Mode.Name(),
            engine.Workers,
            counts.Busy,
            counts.Queued,
            counts.Accepted,
            counts.Rejected,
            counts.Started,
            counts.Completed,
            counts.Canceled,
            counts.NeverStarted,
            LatencyMs.From(tracker.QueueWait),
            LatencyMs.From(tracker.RunTime));
    }
}

/// <summary>Percentiles of one latency, in milliseconds; all zero until the first sample.</summary>
internal sealed record LatencyMs(double P50, double P90, double P99, double Max)
{
    public static LatencyMs From(LatencyHistogram histogram) => new(
        histogram.Percentile(0.50).TotalMilliseconds,
        histogram.Percentile(0.90).TotalMilliseconds,
        histogram.Percentile(0.99).TotalMilliseconds,
        histogram.Max.TotalMilliseconds);
}
