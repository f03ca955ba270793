using JobQueue.Queue;
using Npgsql;

namespace JobQueue.Postgres;

/// <summary>The jobs table as the queue reads it: one column list, one reader, the status spellings.</summary>
internal static class JobRows
{
    /// <summary>The columns of a <see cref="JobSnapshot"/>, in the order <see cref="ReadSnapshot"/> reads them.</summary>
    public const string SnapshotColumns = "id, name, delay_ns, status, worker, enqueued_at, started_at, finished_at, node, attempt";

    public static JobSnapshot ReadSnapshot(NpgsqlDataReader row) => new(
        row.GetInt64(0),
        row.GetString(1),
        row.GetInt64(2),
        ParseStatus(row.GetString(3)),
        row.GetInt32(4),
        Time(row.GetDateTime(5)),
        row.IsDBNull(6) ? null : Time(row.GetDateTime(6)),
        row.IsDBNull(7) ? null : Time(row.GetDateTime(7)),
        row.IsDBNull(8) ? null : row.GetString(8),
        row.GetInt32(9));

    public static DateTimeOffset Time(DateTime utc) => new(DateTime.SpecifyKind(utc, DateTimeKind.Utc));

    public static string Name(JobStatus status) => status switch
    {
        JobStatus.Queued => "queued",
        JobStatus.Running => "running",
        JobStatus.Completed => "completed",
        JobStatus.Canceled => "canceled",
        _ => "failed",
    };

    public static JobStatus ParseStatus(string text) => text switch
    {
        "queued" => JobStatus.Queued,
        "running" => JobStatus.Running,
        "completed" => JobStatus.Completed,
        "canceled" => JobStatus.Canceled,
        _ => JobStatus.Failed,
    };

    /// <summary>One job by id, or null.</summary>
    public static async Task<JobSnapshot?> FindAsync(NpgsqlDataSource dataSource, long id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {SnapshotColumns} FROM jobqueue.jobs WHERE id = $1");
        command.Parameters.Add(new() { Value = id });
        return await SingleAsync(command, cancellationToken);
    }

    /// <summary>The one row <paramref name="command"/> returns, or null.</summary>
    public static async Task<JobSnapshot?> SingleAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadSnapshot(reader) : null;
    }
}
