namespace JobQueue.Engine;

/// <summary>Where a job is in its life; the JSON of GET /work/{id} spells these in lower case.</summary>
internal enum JobStatus
{
    Queued,
    Running,
    Completed,
    Canceled,
}
