using JobQueue.Hosting;
using JobQueue.Postgres;
using JobQueue.Queue;
using Npgsql;

namespace JobQueue.Tests.Support;

/// <summary>
/// One test's shared queue: a fresh database in the throwaway cluster, migrated, and as many queue
/// instances (nodes) on it as the test starts. Disposing closes every node and its data source.
/// </summary>
internal sealed class SharedQueueCluster : IAsyncDisposable
{
    private readonly List<PostgresJobQueue> _nodes = [];
    private readonly List<IAsyncDisposable> _sources = [];

    private SharedQueueCluster(PostgresCluster server, string connectionString)
    {
        Server = server;
        ConnectionString = connectionString;
    }

    public PostgresCluster Server { get; }

    public string ConnectionString { get; }

    public static async Task<SharedQueueCluster> CreateAsync()
    {
        var server = await PostgresCluster.GetAsync();
        var cluster = new SharedQueueCluster(server, await server.CreateDatabaseAsync());
        await Migrations.ApplyAsync(cluster.DataSource(), CancellationToken.None);
        return cluster;
    }

    /// <summary>Options for a test node: quick rescue and heartbeat, a poll so slow that only NOTIFY wakes anything in time.</summary>
    public static PostgresQueueOptions Options(string node, int capacity = 100) =>
        new(node, Workers: 1, capacity, RescueAfter: TimeSpan.FromSeconds(2), MaxAttempts: 3, Retention: TimeSpan.FromHours(1))
        {
            PollInterval = TimeSpan.FromMinutes(5),
        };

    public NpgsqlDataSource DataSource()
    {
        var source = PostgresConnection.CreateDataSource(new NpgsqlConnectionStringBuilder(ConnectionString) { Timeout = 3, CommandTimeout = 5 });
        _sources.Add(source);
        return source;
    }

    public async Task<PostgresJobQueue> StartNodeAsync(PostgresQueueOptions options)
    {
        // The nodes' log lines (outages, rescues) go to the test's output, for a failure's story.
        var logger = new StandardErrorLoggerProvider(TestContext.Progress).CreateLogger("node " + options.Node);
        var sources = PostgresDataSources.Create(new NpgsqlConnectionStringBuilder(ConnectionString) { Timeout = 3, CommandTimeout = 5 });
        _sources.Add(sources);
        var node = await PostgresJobQueue.StartAsync(sources, "127.0.0.1:" + Server.Port, options, logger: logger);
        _nodes.Add(node);
        return node;
    }

    public Task<PostgresJobQueue> StartNodeAsync(string name) => StartNodeAsync(Options(name));

    /// <summary>Runs one SQL statement, for a test that sets the stage (a silent node) or reads a row as it is.</summary>
    public async Task<object?> ScalarAsync(string sql)
    {
        // Unpooled: a connection a server restart broke is never handed to the next test.
        await using var connection = new NpgsqlConnection(ConnectionString + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    /// <summary>A node that stopped heartbeating long ago, as if frozen or killed.</summary>
    public Task SilenceAsync(string node) =>
        ScalarAsync($"UPDATE jobqueue.nodes SET heartbeat_at = now() - interval '1 hour' WHERE name = '{node}'");

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }

        foreach (var source in _sources)
        {
            await source.DisposeAsync();
        }
    }
}

/// <summary>What a worker does with a job, in the engines' order, for tests that drive the queue directly.</summary>
internal static class QueueWorker
{
    /// <summary>One job for one idle worker, as a worker of the refactored pool takes it; null once the queue hands out no more.</summary>
    public static async Task<Job?> TakeOneAsync(this IJobQueue queue, CancellationToken cancellationToken)
    {
        var one = new Job[1];
        return await queue.TakeAsync(one, cancellationToken) == 1 ? one[0] : null;
    }

    public static async Task<Job> TakeAndStartAsync(this IJobQueue queue, int worker = 1)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var job = await queue.TakeOneAsync(timeout.Token) ?? throw new AssertionException("the queue handed out no job");
        Assert.That(await queue.StartAsync(job, worker, TimeProvider.System.GetUtcNow()), Is.True);
        return job;
    }

    /// <summary>The run ended now, as a worker reports it.</summary>
    public static ValueTask<JobStatus> FinishAsync(this IJobQueue queue, Job job, JobOutcome outcome) =>
        queue.FinishAsync(job, outcome, TimeProvider.System.GetUtcNow());

    public static async Task<Job> EnqueueAsync(this IJobQueue queue, string name, int seconds = 1)
    {
        var result = await queue.EnqueueAsync(name, seconds * 1_000_000_000L, null, CancellationToken.None);
        Assert.That(result.Refusal, Is.EqualTo(EnqueueRefusal.None), result.Reason);
        return result.Job!;
    }
}
