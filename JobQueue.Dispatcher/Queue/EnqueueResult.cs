namespace JobQueue.Queue;

/// <summary>The answer to a POST: the job accepted, or why not.</summary>
internal readonly record struct EnqueueResult(Job? Job, EnqueueRefusal Refusal, string? Reason = null)
{
    public static EnqueueResult Accepted(Job job) => new(job, EnqueueRefusal.None);

    public static EnqueueResult Full { get; } = new(null, EnqueueRefusal.Full);

    public static EnqueueResult ShuttingDown { get; } = new(null, EnqueueRefusal.ShuttingDown);

    /// <summary>The queue cannot be reached (a durable queue's database is down); the reason is one line, with no secret in it.</summary>
    public static EnqueueResult Unavailable(string reason) => new(null, EnqueueRefusal.Unavailable, reason);
}

internal enum EnqueueRefusal
{
    None,
    Full,
    ShuttingDown,
    Unavailable,
}
