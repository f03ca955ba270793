namespace JobQueue.Queue;

/// <summary>One consistent reading of a job, as GET and DELETE on /work/{id} answer it.</summary>
/// <param name="Worker">The worker that runs or ran it, 0 before it starts.</param>
/// <param name="Node">The node that runs or ran it: null in memory, where there is only one.</param>
/// <param name="Attempt">1 for the first run; a durable queue counts the runs its rescue restarted.</param>
internal sealed record JobSnapshot(
    long Id,
    string Name,
    long DelayNanoseconds,
    JobStatus Status,
    int Worker,
    DateTimeOffset EnqueuedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    string? Node = null,
    int Attempt = 1)
{
    public bool IsFinished => Status is JobStatus.Completed or JobStatus.Canceled or JobStatus.Failed;
}
