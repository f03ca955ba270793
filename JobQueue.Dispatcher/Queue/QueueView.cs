namespace JobQueue.Queue;

/// <summary>What the dashboard shows of the queue in one reading.</summary>
/// <param name="Running">Jobs running now (on a shared queue, on every node), capped.</param>
/// <param name="Waiting">The head of the queue, the next to run first, capped.</param>
/// <param name="WaitingCount">Every job waiting (on a shared queue, however many nodes put them there).</param>
internal sealed record QueueView(IReadOnlyList<JobSnapshot> Running, IReadOnlyList<JobSnapshot> Waiting, long WaitingCount);
