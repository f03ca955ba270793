namespace JobQueue.Queue;

/// <summary>What the dashboard shows of the queue in one reading.</summary>
/// <param name="Running">Jobs running now (on a shared queue, on every node), capped.</param>
/// <param name="Waiting">The head of the queue, the next to run first, capped.</param>
/// <param name="WaitingCount">
/// On a shared queue, every job waiting, whichever node queued it. Null in memory, where this node's
/// own counters know the count: the queue records states, it does not count.
/// </param>
internal sealed record QueueView(IReadOnlyList<JobSnapshot> Running, IReadOnlyList<JobSnapshot> Waiting, long? WaitingCount);
