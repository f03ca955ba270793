using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace JobQueue.Tests.Support;

/// <summary>
/// A throwaway PostgreSQL cluster for the whole test run: initdb in a temp directory, a free port on
/// 127.0.0.1, fsync off. Started by the first test that asks for a database, stopped by
/// <see cref="PostgresSetUp"/> after the run. Each test gets a database of its own.
/// </summary>
/// <remarks>
/// Without PostgreSQL on the machine the tests that need it are skipped, except under CI=true, where
/// a missing PostgreSQL fails them: a green CI must mean the shared queue was tested.
/// </remarks>
internal sealed class PostgresCluster
{
    private static readonly Lock Gate = new();
    private static Task<PostgresCluster>? _started;
    private static int _databases;

    private readonly string _bin;
    private readonly string _directory;
    private readonly bool _asPostgresUser;

    private PostgresCluster(string bin, string directory, int port, bool asPostgresUser)
    {
        _bin = bin;
        _directory = directory;
        Port = port;
        _asPostgresUser = asPostgresUser;
    }

    public int Port { get; }

    private string DataDirectory => Path.Combine(_directory, "data");

    /// <summary>The cluster, started on first use.</summary>
    public static Task<PostgresCluster> GetAsync()
    {
        lock (Gate)
        {
            return _started ??= Task.Run(StartAsync);
        }
    }

    /// <summary>Stops the cluster if a test started it, and removes its files.</summary>
    public static async Task StopIfStartedAsync()
    {
        Task<PostgresCluster>? started;
        lock (Gate)
        {
            started = _started;
            _started = null;
        }

        if (started is { IsCompletedSuccessfully: true })
        {
            var cluster = await started;
            await cluster.PgCtlAsync("stop", "-m", "immediate");
            Directory.Delete(cluster._directory, recursive: true);
        }
    }

    /// <summary>A new empty database for one test; its connection string has no password (trust authentication).</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"test_{Environment.ProcessId}_{Interlocked.Increment(ref _databases)}";
        await using var connection = new NpgsqlConnection(ConnectionString("postgres") + ";Pooling=false");
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await create.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = Port,
            Username = "postgres",
            Database = database,
        }.ConnectionString;

    /// <summary>Stops and starts the server, as an operator's restart would: every open connection breaks.</summary>
    public Task RestartAsync() => PgCtlAsync("restart", "-m", "fast");

    public Task StopAsync() => PgCtlAsync("stop", "-m", "fast");

    public Task StartAgainAsync() => PgCtlAsync("start");

    private static async Task<PostgresCluster> StartAsync()
    {
        var bin = FindBin();
        if (bin is null)
        {
            const string missing = "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb); apt-get install postgresql";
            if (Environment.GetEnvironmentVariable("CI") == "true")
            {
                Assert.Fail(missing);
            }

            Assert.Ignore(missing);
        }

        var asPostgresUser = Environment.UserName == "root";
        var directory = Directory.CreateTempSubdirectory("jobqueue-pg-").FullName;
        var cluster = new PostgresCluster(bin!, directory, FreePort(), asPostgresUser);
        if (asPostgresUser)
        {
            // initdb refuses to run as root; the postgres user must own the directory it writes.
            await RunAsync("chown", ["postgres:postgres", directory], asPostgresUser: false);
        }

        await cluster.RunToolAsync("initdb", "-D", cluster.DataDirectory, "-U", "postgres", "--auth=trust", "--no-sync", "-E", "UTF8");
        // In postgresql.conf rather than on pg_ctl's command line, so a restart keeps them.
        await File.AppendAllTextAsync(Path.Combine(cluster.DataDirectory, "postgresql.conf"), $"""

            port = {cluster.Port}
            listen_addresses = '127.0.0.1'
            unix_socket_directories = '{directory}'
            fsync = off
            full_page_writes = off
            max_connections = 300
            """);
        await cluster.PgCtlAsync("start");
        return cluster;
    }

    private Task PgCtlAsync(params string[] arguments) =>
        RunToolAsync("pg_ctl", ["-D", DataDirectory, "-l", Path.Combine(_directory, "server.log"), "-w", .. arguments]);

    private Task RunToolAsync(string tool, params string[] arguments) =>
        RunAsync(Path.Combine(_bin, tool), arguments, _asPostgresUser);

    private static async Task RunAsync(string program, string[] arguments, bool asPostgresUser)
    {
        var start = new ProcessStartInfo(asPostgresUser ? "runuser" : program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        if (asPostgresUser)
        {
            foreach (var prefix in (string[])["-u", "postgres", "--", program])
            {
                start.ArgumentList.Add(prefix);
            }
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(program)} exited {process.ExitCode}: {await error}{await output}");
        }
    }

    private static string? FindBin() =>
        Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(version => Path.Combine(version, "bin"))
                .Where(bin => File.Exists(Path.Combine(bin, "initdb")))
                .OrderByDescending(bin => int.TryParse(Path.GetFileName(Path.GetDirectoryName(bin)), out var v) ? v : 0)
                .FirstOrDefault()
            : null;

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
