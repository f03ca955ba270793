using JobQueue.Queue;

namespace JobQueue.Hosting;

/// <summary>
/// The one line that accounts for every accepted job when the server ends, gracefully or not:
/// <c>shutdown: A accepted, C completed, X canceled, D never started</c>, with A = C + X + D.
/// </summary>
internal sealed class ShutdownSummary(JobCounters counters, TextWriter error)
{
    private int _written;

    /// <summary>Writes the line once; a forced exit after a graceful one has begun does not print a second.</summary>
    public void Write()
    {
        if (Interlocked.Exchange(ref _written, 1) == 0)
        {
            error.WriteLine(Format(counters.Read()));
            error.Flush();
        }
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
}
