using JobQueue.Queue;
using JobQueue.Tests.Support;

namespace JobQueue.Tests.Postgres;

/// <summary>PostgreSQL stopped or restarted under running nodes: refusals are quick and nothing run is lost.</summary>
[NonParallelizable]
public sealed class DatabaseOutageTests
{
    [Test]
    public async Task While_the_database_is_down_a_post_is_refused_in_one_line_and_the_running_jobs_end_is_recorded_once_it_is_back()
    {
        await using var cluster = await SharedQueueCluster.CreateAsync();
        var a = await cluster.StartNodeAsync("a");
        var b = await cluster.StartNodeAsync("b");
        var job = await a.EnqueueAsync("job1");
        var running = await a.TakeAndStartAsync();

        await cluster.Server.StopAsync();
        EnqueueResult refused;
        JobStatus finished;
        try
        {
            refused = await b.EnqueueAsync("job2", 1_000_000_000, _ => Assert.Fail("nothing is accepted while the database is down"), CancellationToken.None);
            finished = await a.FinishAsync(running, JobOutcome.Completed);
        }
        finally
        {
            await cluster.Server.StartAgainAsync();
        }

        var recorded = await b.WaitAsync(job.Id, TimeSpan.FromSeconds(30), CancellationToken.None);
        var after = await b.EnqueueAsync("job3", 1_000_000_000, null, CancellationToken.None);

        Assert.That(refused.Refusal, Is.EqualTo(EnqueueRefusal.Unavailable));
        Assert.That(refused.Reason, Does.StartWith($"its database at 127.0.0.1:{cluster.Server.Port} cannot be reached ("));
        Assert.That(refused.Reason, Does.Not.Contain("\n"));
        Assert.That(finished, Is.EqualTo(JobStatus.Completed), "the worker's run ended as it ran");
        Assert.That((recorded!.Status, recorded.Node), Is.EqualTo((JobStatus.Completed, "a")));
        Assert.That(after.Refusal, Is.EqualTo(EnqueueRefusal.None), "the node serves again without a restart");
    }

    [Test]
    public async Task A_restart_in_the_middle_of_a_run_loses_nothing_and_idle_nodes_take_jobs_again()
    {
        await using var cluster = await SharedQueueCluster.CreateAsync();
        var a = await cluster.StartNodeAsync("a");
        var b = await cluster.StartNodeAsync("b");
        var first = await a.EnqueueAsync("job1");
        var running = await a.TakeAndStartAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var idle = b.TakeOneAsync(timeout.Token);

        await cluster.Server.RestartAsync();
        var second = await a.EnqueueAsync("job2");
        var taken = await idle;
        await a.FinishAsync(running, JobOutcome.Completed);
        await b.FinishAsync(taken!, JobOutcome.Completed);

        Assert.That(taken!.Id, Is.EqualTo(second.Id));
        Assert.That((await b.WaitAsync(first.Id, TimeSpan.FromSeconds(30), CancellationToken.None))!.Status, Is.EqualTo(JobStatus.Completed));
        Assert.That((await a.WaitAsync(second.Id, TimeSpan.FromSeconds(30), CancellationToken.None))!.Status, Is.EqualTo(JobStatus.Completed));
    }

    [Test]
    public async Task A_node_answers_503_in_one_line_while_the_database_is_down_and_serves_again_once_it_is_back()
    {
        var server = await PostgresCluster.GetAsync();
        await using var node = await NodeProcess.StartAsync(await server.CreateDatabaseAsync(), "a");
        var id = await node.PostAsync("job1", "1s");

        await server.StopAsync();
        HttpResponseMessage post, get;
        try
        {
            post = await node.Client.PostAsync("/work", new FormUrlEncodedContent([new("name", "job2"), new("delay", "1s")]));
            get = await node.Client.GetAsync($"/work/{id}");
        }
        finally
        {
            await server.StartAgainAsync();
        }

        var expected = $"The job queue is unavailable: its database at 127.0.0.1:{server.Port} cannot be reached (Connection refused)\n";
        foreach (var response in new[] { post, get })
        {
            using (response)
            {
                Assert.That(response.StatusCode, Is.EqualTo(System.Net.HttpStatusCode.ServiceUnavailable));
                Assert.That(response.Headers.RetryAfter?.Delta, Is.EqualTo(TimeSpan.FromSeconds(1)));
                Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo(expected));
            }
        }

        await node.PostAsync("job3", "1s");
        Assert.That(await node.GetAsync(id, "30s"), Does.Contain("\"status\":\"completed\""));
    }
}
