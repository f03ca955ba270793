using Npgsql;

namespace JobQueue.Postgres;

/// <summary>
/// The two ways a node writes. <see cref="Durable"/> waits for the commit to reach the disk: a 201, a
/// job's end, a cancel. <see cref="Relaxed"/> does not (synchronous_commit off): a claim, a worker
/// number, a heartbeat. A database crash may forget the last relaxed writes, which only puts a job
/// back in the queue, within the at-least-once promise; it never loses an accepted job or a recorded end.
/// </summary>
/// <remarks>
/// Every take waits for its claim, so a claim that waited for the disk would bound the whole
/// node at one disk flush per job.
/// </remarks>
internal sealed class PostgresDataSources(NpgsqlDataSource durable, NpgsqlDataSource relaxed) : IAsyncDisposable
{
    public NpgsqlDataSource Durable { get; } = durable;

    public NpgsqlDataSource Relaxed { get; } = relaxed;

    public static PostgresDataSources Create(NpgsqlConnectionStringBuilder builder)
    {
        var relaxed = new NpgsqlConnectionStringBuilder(builder.ConnectionString);
        relaxed.Options = $"{relaxed.Options} -c synchronous_commit=off".Trim();
        return new PostgresDataSources(PostgresConnection.CreateDataSource(builder), PostgresConnection.CreateDataSource(relaxed));
    }

    /// <summary>After a server restart every idle connection is broken: drop them all.</summary>
    public void Clear()
    {
        Durable.Clear();
        Relaxed.Clear();
    }

    public async ValueTask DisposeAsync()
    {
        await Durable.DisposeAsync();
        await Relaxed.DisposeAsync();
    }
}
