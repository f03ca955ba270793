namespace JobQueue.Postgres;

/// <summary>
/// The server's shared queue from start to exit: the connection, the migrations, this node's
/// registration. A problem at start is one line and an exit code, never a stack trace.
/// </summary>
internal sealed class SharedQueue : IAsyncDisposable
{
    private readonly PostgresDataSources _dataSource;

    private SharedQueue(PostgresDataSources dataSource, PostgresJobQueue queue, string server)
    {
        _dataSource = dataSource;
        Queue = queue;
        Server = server;
    }

    public PostgresJobQueue Queue { get; }

    /// <summary>host:port, for the "listening on" line.</summary>
    public string Server { get; }

    /// <summary>
    /// Connects, migrates and registers this node. Throws <see cref="SharedQueueStartException"/> with the
    /// line to print: exit 2 for a bad JOBQUEUE_POSTGRES, 1 for a server that cannot be reached.
    /// </summary>
    public static async Task<SharedQueue> StartAsync(string connection, PostgresQueueOptions options, ILogger logger, CancellationToken cancellationToken)
    {
        var (dataSource, server) = Connect(connection);
        try
        {
            await Migrations.ApplyAsync(dataSource.Durable, cancellationToken);
            var queue = await PostgresJobQueue.StartAsync(dataSource, server, options, logger: logger, cancellationToken: cancellationToken);
            return new SharedQueue(dataSource, queue, server);
        }
        catch (Exception e) when (DatabaseFailure.Is(e))
        {
            await dataSource.DisposeAsync();
            throw new SharedQueueStartException(Unreachable(server, e), SharedQueueStartException.Failure);
        }
    }

    /// <summary>The data source for a connection chosen by --postgres or JOBQUEUE_POSTGRES, or the one-line reason it is unusable.</summary>
    public static (PostgresDataSources DataSource, string Server) Connect(string connection)
    {
        // --postgres was checked by its parser; only the environment's value can still be wrong here.
        if (!PostgresConnection.TryParse(connection, Environment.GetEnvironmentVariable, out var builder, out var error))
        {
            throw new SharedQueueStartException(
                $"{PostgresConnection.EnvironmentVariable}: not a usable connection string or postgres:// URL: {error}", SharedQueueStartException.Usage);
        }

        return (PostgresDataSources.Create(builder), PostgresConnection.Describe(builder));
    }

    public static string Unreachable(string server, Exception e) =>
        $"--postgres: cannot use PostgreSQL at {server}: {DatabaseFailure.Reason(e)}";

    public async ValueTask DisposeAsync()
    {
        await Queue.DisposeAsync();
        await _dataSource.DisposeAsync();
    }
}

/// <summary>The shared queue could not start: <see cref="Exception.Message"/> is the one line to print.</summary>
internal sealed class SharedQueueStartException(string message, int exitCode) : Exception(message)
{
    /// <summary>The connection given cannot work: the exit code of a bad flag.</summary>
    public const int Usage = 2;

    /// <summary>The server cannot be reached or refused us.</summary>
    public const int Failure = 1;

    public int ExitCode { get; } = exitCode;
}
