namespace JobQueue.Queue;

/// <summary>Where a job is in its life; the JSON of GET /work/{id} spells these in lower case.</summary>
internal enum JobStatus
{
    Queued,
    Running,
    Completed,
    Canceled,

    /// <summary>Only in a durable queue: its node died once too often (--max-attempts).</summary>
    Failed,
}

/// <summary>How a worker's run of a job ended, as it reports it to the queue.</summary>
internal enum JobOutcome
{
    /// <summary>The whole delay passed.</summary>
    Completed,

    /// <summary>DELETE /work/{id} cut the delay short.</summary>
    Canceled,

    /// <summary>Shutdown ran out of time: in memory the job ends canceled, a durable queue queues it again.</summary>
    CutOff,
}
