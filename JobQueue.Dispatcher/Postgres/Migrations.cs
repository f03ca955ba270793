using System.Globalization;
using Npgsql;

namespace JobQueue.Postgres;

/// <summary>
/// The shared queue's schema: the SQL files embedded from Postgres/Migrations, applied in the order of
/// their number, in one transaction, under an advisory lock, with a version table. Nodes that start at
/// once queue on the lock; the first applies what is missing and the others find nothing left to do.
/// </summary>
internal static class Migrations
{
    private const string ResourcePrefix = "JobQueue.Postgres.Migrations.";

    // Any constant will do, as long as nothing else in the database locks the same key.
    private const long LockKey = 0x4A6F62517565L;

    /// <summary>Applies what the database lacks; returns the versions applied (none when it was up to date).</summary>
    public static async Task<IReadOnlyList<int>> ApplyAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, $"SELECT pg_advisory_xact_lock({LockKey})", cancellationToken);
        await ExecuteAsync(connection, """
            CREATE SCHEMA IF NOT EXISTS jobqueue;
            CREATE TABLE IF NOT EXISTS jobqueue.migrations (
                version integer PRIMARY KEY,
                name text NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now()
            )
            """, cancellationToken);

        await using var current = new NpgsqlCommand("SELECT coalesce(max(version), 0) FROM jobqueue.migrations", connection);
        var applied = (int)(await current.ExecuteScalarAsync(cancellationToken))!;

        List<int> versions = [];
        foreach (var (version, name) in All().Where(m => m.Version > applied))
        {
            await ExecuteAsync(connection, Read(name), cancellationToken);
            await using var record = new NpgsqlCommand("INSERT INTO jobqueue.migrations (version, name) VALUES ($1, $2)", connection)
            {
                Parameters = { new() { Value = version }, new() { Value = name } },
            };
            await record.ExecuteNonQueryAsync(cancellationToken);
            versions.Add(version);
        }

        await transaction.CommitAsync(cancellationToken);
        return versions;
    }

    /// <summary>The embedded files as (version, name), "0001_jobs.sql" being version 1.</summary>
    public static IReadOnlyList<(int Version, string Name)> All() =>
        typeof(Migrations).Assembly.GetManifestResourceNames()
            .Where(resource => resource.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            .Select(resource => resource[ResourcePrefix.Length..])
            .Select(name => (int.Parse(name[..name.IndexOf('_')], CultureInfo.InvariantCulture), name))
            .OrderBy(m => m.Item1)
            .ToList();

    private static string Read(string name)
    {
        using var stream = typeof(Migrations).Assembly.GetManifestResourceStream(ResourcePrefix + name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
