namespace JobQueue.Engine;

/// <summary>One consistent reading of a job, as GET and DELETE on /work/{id} answer it.</summary>
internal sealed record JobSnapshot(
    long Id,
    string Name,
    string Delay,
    JobStatus Status,
    int Worker,
    DateTimeOffset EnqueuedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt);
