using System.Text.Json;
using JobQueue.Hosting;
using JobQueue.Output;
using JobQueue.Tests.Support;

namespace JobQueue.Tests.Postgres;

/// <summary>
/// The dashboard of a node of a shared queue shows every live node's running jobs in lanes of their
/// own, and the queue as the cluster has it.
/// </summary>
public sealed class SharedQueueDashboardTests
{
    [Test]
    public async Task A_job_another_node_runs_shows_in_that_nodes_lanes_not_in_this_nodes()
    {
        await using var cluster = await SharedQueueCluster.CreateAsync();
        var a = await cluster.StartNodeAsync("a");
        var b = await cluster.StartNodeAsync("b");
        await a.EnqueueAsync("elsewhere", 10_000_000_000, null, CancellationToken.None);
        await a.TakeAndStartAsync(worker: 1);

        await using var console = new JobConsole(new LineRecorder());
        var settings = ServerSettings.Default with { Port = 0, MaxWorkers = 2, Node = "b", Postgres = cluster.ConnectionString, ShutdownTimeout = TimeSpan.Zero };
        await using var app = WorkServer.Build(settings, console, new LineRecorder(), TimeProvider.System, jobQueue: b);
        await app.StartAsync();
        using var client = new HttpClient { BaseAddress = new Uri(WorkServer.Address(app)) };

        using var response = await client.GetAsync("/work/events", HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        string? data = null;
        while (data is null && await reader.ReadLineAsync() is { } line)
        {
            data = line.StartsWith("data: ", StringComparison.Ordinal) ? line["data: ".Length..] : null;
        }

        var nodes = JsonDocument.Parse(data!).RootElement.GetProperty("nodes");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(nodes.GetArrayLength(), Is.EqualTo(2));
            Assert.That(nodes[0].GetProperty("name").GetString(), Is.EqualTo("b"));
            Assert.That(nodes[0].GetProperty("workers").GetInt32(), Is.EqualTo(2));
            Assert.That(nodes[0].GetProperty("busy").GetArrayLength(), Is.Zero);
            Assert.That(nodes[1].GetProperty("name").GetString(), Is.EqualTo("a"));
            Assert.That(nodes[1].GetProperty("busy")[0].GetProperty("worker").GetInt32(), Is.EqualTo(1));
            Assert.That(nodes[1].GetProperty("busy")[0].GetProperty("job").GetProperty("name").GetString(), Is.EqualTo("elsewhere"));
        }
    }

    [Test]
    public async Task The_queue_is_the_clusters_with_the_jobs_another_node_queued()
    {
        await using var cluster = await SharedQueueCluster.CreateAsync();
        var a = await cluster.StartNodeAsync("a");
        var b = await cluster.StartNodeAsync("b");
        for (var i = 1; i <= 4; i++)
        {
            await a.EnqueueAsync($"from-a{i}", seconds: 10);
        }

        // b runs one of them on its only worker; the rest wait, though b queued none of them.
        await using var console = new JobConsole(new LineRecorder());
        var settings = ServerSettings.Default with { Port = 0, MaxWorkers = 1, Node = "b", Postgres = cluster.ConnectionString, ShutdownTimeout = TimeSpan.Zero };
        await using var app = WorkServer.Build(settings, console, new LineRecorder(), TimeProvider.System, jobQueue: b);
        await app.StartAsync();
        using var client = new HttpClient { BaseAddress = new Uri(WorkServer.Address(app)) };

        var state = await EventStream.StateWhereAsync(client, s => s.GetProperty("nodes")[0].GetProperty("busy").GetArrayLength() == 1);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(state.GetProperty("totals").GetProperty("accepted").GetInt32(), Is.Zero, "b's own counters");
            Assert.That(state.GetProperty("queuedCount").GetInt32(), Is.EqualTo(3));
            Assert.That(state.GetProperty("queued").EnumerateArray().Select(j => j.GetProperty("name").GetString()), Is.EqualTo(new[] { "from-a2", "from-a3", "from-a4" }));
        }
    }
}
