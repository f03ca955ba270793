using System.Net;
using System.Text.Json;
using JobQueue.Queue;
using JobQueue.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace JobQueue.Tests.Http;

/// <summary>
/// --max-queue-size bounds exactly what waits for a worker, in both modes: a full queue answers 503 with
/// Retry-After: 1 and queues nothing, and a place freed by a DELETE is free at once.
/// </summary>
[TestFixture("original")]
[TestFixture("refactored")]
public sealed class FullQueueTests(string mode)
{
    private TestServer _server = null!;

    [SetUp]
    public async Task StartAsync() => _server = await TestServer.StartAsync(TestServer.Settings(mode, workers: 1, queue: 1));

    [TearDown]
    public async Task StopAsync() => await _server.DisposeAsync();

    [Test]
    public async Task With_one_worker_and_a_queue_of_one_the_third_quick_post_is_a_503_with_retry_after_and_nothing_queued()
    {
        using var first = await _server.PostAsync("job1", "10s");
        using var second = await _server.PostAsync("job2", "10s");
        using var third = await _server.PostAsync("job3", "10s");

        Assert.That((first.StatusCode, second.StatusCode), Is.EqualTo((HttpStatusCode.Created, HttpStatusCode.Created)));
        Assert.That(third.Headers.RetryAfter?.Delta, Is.EqualTo(TimeSpan.FromSeconds(1)));
        await PostWorkTests.AssertGoErrorAsync(third, "The job queue is full; retry later.", HttpStatusCode.ServiceUnavailable);

        var counts = _server.Counters.Read();
        Assert.That((counts.Accepted, counts.Rejected), Is.EqualTo((2, 1)));
        using var refused = await _server.Client.GetAsync("/work/3");
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "a refused job gets no id");
        await _server.Time.WhenTimersCreated(1); // job1 runs
        var queued = await _server.App.Services.GetRequiredService<IJobQueue>().ListAsync(JobStatus.Queued, 10, CancellationToken.None);
        Assert.That(queued.Select(j => j.Name), Is.EqualTo(new[] { "job2" }), "only job2 waits");
        await _server.Console.FlushAsync();
        Assert.That(_server.Output.Lines.Any(l => l.Contains("job3", StringComparison.Ordinal)), Is.False, "no line for a refused job");
    }

    [Test]
    public async Task A_deleted_queued_job_frees_its_place_for_the_next_post()
    {
        using var running = await _server.PostAsync("job1", "10s");
        using var waiting = await _server.PostAsync("job2", "10s");
        using var refused = await _server.PostAsync("job3", "10s");
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));

        using var deleted = await _server.Client.DeleteAsync("/work/2");
        using var body = JsonDocument.Parse(await deleted.Content.ReadAsStringAsync());
        Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(body.RootElement.GetProperty("status").GetString(), Is.EqualTo("canceled"));

        using var instead = await _server.PostAsync("job4", "10s");
        Assert.That(instead.StatusCode, Is.EqualTo(HttpStatusCode.Created));
    }
}
