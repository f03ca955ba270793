namespace JobQueue.Postgres;

/// <summary>What the shared queue tells the operator, on standard error. Never a password.</summary>
internal static partial class PostgresLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "shared queue: {Server} unreachable, retrying: {Reason}")]
    public static partial void Unreachable(ILogger logger, string server, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "shared queue: {Server} reachable again")]
    public static partial void Reachable(ILogger logger, string server);

    [LoggerMessage(Level = LogLevel.Warning, Message = "shared queue: node {Node} was declared dead by the cluster; its {Count} running jobs belong to others now")]
    public static partial void DeclaredDead(ILogger logger, string node, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "shared queue: {Count} jobs of dead nodes back in the queue or failed")]
    public static partial void Rescued(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "shared queue: {Count} jobs this node held without running them (a claim whose answer was lost) back in the queue")]
    public static partial void Orphans(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "shared queue: {Count} finished jobs older than --retention deleted")]
    public static partial void Retained(ILogger logger, int count);
}
