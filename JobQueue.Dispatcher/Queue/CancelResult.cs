namespace JobQueue.Queue;

/// <summary>The answer to DELETE /work/{id}, with the job's state after it.</summary>
internal readonly record struct CancelResult(CancelOutcome Outcome, JobSnapshot? Job);

internal enum CancelOutcome
{
    NotFound,

    /// <summary>It was waiting: it will never start.</summary>
    CanceledQueued,

    /// <summary>It was running: its worker cut the delay short and recorded it canceled.</summary>
    CanceledRunning,

    /// <summary>It had ended before the DELETE: nothing to cancel (409).</summary>
    AlreadyEnded,

    /// <summary>A durable queue asked the node that runs it, which did not confirm in time.</summary>
    Unconfirmed,
}
