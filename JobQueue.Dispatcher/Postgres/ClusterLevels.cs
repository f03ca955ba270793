namespace JobQueue.Postgres;

/// <summary>The shared queue's levels as the last heartbeat read them: queued and running jobs of every node, the live nodes and their workers.</summary>
internal sealed record ClusterLevels(long Queued, long Running, long Nodes, long Workers)
{
    public static ClusterLevels None { get; } = new(0, 0, 0, 0);
}
