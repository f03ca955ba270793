using JobQueue.Postgres;

namespace JobQueue.Hosting;

/// <summary>The server with --postgres: the shared queue started before the host, so a database that cannot be reached ends the run in one line.</summary>
internal static class SharedQueueHosting
{
    public static PostgresQueueOptions Options(ServerSettings settings) =>
        new(settings.Node, settings.MaxWorkers, settings.MaxQueueSize, settings.RescueAfter, settings.MaxAttempts, settings.Retention);

    /// <summary>The shared queue, or none when the settings keep the queue in memory; an exit code when it cannot start.</summary>
    public static async Task<(SharedQueue? Queue, int? ExitCode)> StartAsync(ServerSettings settings, TextWriter error, CancellationToken cancellationToken)
    {
        if (settings.Postgres is null)
        {
            return (null, null);
        }

        try
        {
            var logger = new StandardErrorLoggerProvider(error).CreateLogger("JobQueue.Postgres");
            return (await SharedQueue.StartAsync(settings.Postgres, Options(settings), logger, cancellationToken), null);
        }
        catch (SharedQueueStartException e)
        {
            error.WriteLine(e.Message);
            return (null, e.ExitCode);
        }
    }
}
