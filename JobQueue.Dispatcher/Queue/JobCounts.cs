namespace JobQueue.Queue;

/// <summary>
/// One reading of a node's job counters. In memory, accepted = completed + canceled + never started +
/// queued + busy holds in every reading, not just at rest.
/// </summary>
/// <param name="Returned">Runs cut off at shutdown that a durable queue put back for another node.</param>
internal sealed record JobCounts(
    long Accepted,
    long Rejected,
    long Started,
    long Completed,
    long Canceled,
    long NeverStarted,
    long Returned,
    long Queued,
    long Busy);
