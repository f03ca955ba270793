using JobQueue.Engine;
using JobQueue.Output;
using JobQueue.Queue;

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
    LatencyMs RunTimeMs,
    long JobLinesDropped)
{
    /// <param name="console">For the job lines that standard output did not take (JobConsole.DroppedLines).</param>
    public static JobQueueVars Read(IJobEngine engine, JobCounters counters, JobConsole console)
    {
        var counts = counters.Read();
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
            LatencyMs.From(counters.QueueWait),
            LatencyMs.From(counters.RunTime),
            console.DroppedLines);
    }
}

/// <summary>Percentiles of one latency in milliseconds, to three significant digits (bucketed); the max is exact. All zero until the first sample.</summary>
internal sealed record LatencyMs(double P50, double P90, double P99, double Max)
{
    public static LatencyMs From(LatencyHistogram histogram) => new(
        histogram.PercentileMilliseconds(0.50),
        histogram.PercentileMilliseconds(0.90),
        histogram.PercentileMilliseconds(0.99),
        histogram.Max.TotalMilliseconds);
}
