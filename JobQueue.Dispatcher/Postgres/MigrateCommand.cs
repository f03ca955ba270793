namespace JobQueue.Postgres;

/// <summary><c>migrate --postgres ...</c>: applies the shared queue's migrations and exits, for operators who change schemas apart from deploys.</summary>
internal static class MigrateCommand
{
    public static async Task<int> RunAsync(string? connection, TextWriter error, CancellationToken cancellationToken)
    {
        if (connection is null)
        {
            error.WriteLine($"--postgres: required (or {PostgresConnection.EnvironmentVariable})");
            return SharedQueueStartException.Usage;
        }

        try
        {
            var (dataSource, server) = SharedQueue.Connect(connection);
            await using (dataSource)
            {
                try
                {
                    var applied = await Migrations.ApplyAsync(dataSource.Durable, cancellationToken);
                    var latest = Migrations.All()[^1].Version;
                    error.WriteLine(applied.Count == 0
                        ? $"migrate: {server} is up to date (schema version {latest})"
                        : $"migrate: {server} now at schema version {latest} (applied {string.Join(", ", applied)})");
                    return 0;
                }
                catch (Exception e) when (DatabaseFailure.Is(e))
                {
                    error.WriteLine(SharedQueue.Unreachable(server, e));
                    return SharedQueueStartException.Failure;
                }
            }
        }
        catch (SharedQueueStartException e)
        {
            error.WriteLine(e.Message);
            return e.ExitCode;
        }
    }
}
