namespace JobQueue.Engine;

/// <summary>
/// One reading of the job counters. Queued and busy are derived from monotonic counters, so
/// accepted = completed + canceled + queued + busy holds in every reading, not just at rest.
/// </summary>
internal sealed record JobCounts(
    long Accepted,
    long Rejected,
    long Started,
    long Completed,
    long Canceled,
    long NeverStarted,
    long Queued,
    long Busy);
