using JobQueue.Postgres;
using JobQueue.Tests.Support;
using Npgsql;

namespace JobQueue.Tests.Postgres;

/// <summary>The embedded schema: applied once, whoever starts first, however many start at once.</summary>
public sealed class MigrationTests
{
    [Test]
    public async Task Three_nodes_migrating_at_once_apply_each_version_exactly_once()
    {
        var server = await PostgresCluster.GetAsync();
        var connectionString = await server.CreateDatabaseAsync();
        var sources = Enumerable.Range(0, 3).Select(_ => NpgsqlDataSource.Create(connectionString)).ToList();
        try
        {
            var runs = await Task.WhenAll(sources.Select(s => Task.Run(() => Migrations.ApplyAsync(s, CancellationToken.None))));

            var all = Migrations.All().Select(m => m.Version).ToList();
            Assert.That(all, Is.Not.Empty);
            Assert.That(runs.SelectMany(r => r), Is.EqualTo(all), "each version applied by exactly one of the three");
            Assert.That(runs.Count(r => r.Count == 0), Is.EqualTo(2), "the two that waited on the lock found nothing left to do");
            await using var count = sources[0].CreateCommand("SELECT count(*) FROM jobqueue.migrations");
            Assert.That(await count.ExecuteScalarAsync(), Is.EqualTo((long)all.Count));
        }
        finally
        {
            foreach (var source in sources)
            {
                await source.DisposeAsync();
            }
        }
    }

    [Test]
    public async Task A_migrated_database_is_left_as_it_is()
    {
        await using var cluster = await SharedQueueCluster.CreateAsync();

        var again = await Migrations.ApplyAsync(cluster.DataSource(), CancellationToken.None);

        Assert.That(again, Is.Empty);
    }
}
