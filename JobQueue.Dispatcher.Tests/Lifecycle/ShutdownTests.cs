using System.Net;
using JobQueue.Tests.Support;

namespace JobQueue.Tests.Lifecycle;

/// <summary>
/// Graceful shutdown over the real host: no new job, the queue drains up to --shutdown-timeout, then
/// running jobs are cancelled; one summary line accounts for every job; each worker stops once.
/// </summary>
[TestFixture("original")]
[TestFixture("refactored")]
public sealed class ShutdownTests(string mode)
{
    private TestServer _server = null!;

    [SetUp]
    public async Task StartAsync() =>
        _server = await TestServer.StartAsync(TestServer.Settings(mode, workers: 2) with { ShutdownTimeout = TimeSpan.FromSeconds(3) });

    [TearDown]
    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Test]
    public async Task With_an_empty_queue_it_stops_at_once()
    {
        await _server.StopAsync();

        Assert.That(Summaries(), Is.EqualTo(new[] { "shutdown: 0 accepted, 0 completed, 0 canceled, 0 never started" }));
        AssertEachWorkerStoppedOnce();
    }

    [Test]
    public async Task The_drain_line_counts_the_jobs_as_a_person_would_write_them()
    {
        for (var i = 1; i <= 3; i++)
        {
            await PostAsync($"job{i}", "1s");
        }

        await _server.Time.WhenTimersCreated(2);
        var stopping = _server.StopAsync();
        await _server.Error.WhenLine(l => l.StartsWith("shutting down:", StringComparison.Ordinal));
        Assert.That(_server.Error.Lines, Does.Contain("shutting down: 1 queued job and 2 running jobs get up to 3s to finish"));

        await _server.Time.WhenTimersCreated(3); // the drain's deadline
        _server.Time.Advance(TimeSpan.FromSeconds(1));
        await _server.Time.WhenTimersCreated(4);
        _server.Time.Advance(TimeSpan.FromSeconds(1));
        await stopping;
        Assert.That(Summaries(), Is.EqualTo(new[] { "shutdown: 3 accepted, 3 completed, 0 canceled, 0 never started" }));
    }

    [Test]
    public async Task A_queue_that_drains_in_time_completes_every_job()
    {
        for (var i = 1; i <= 4; i++)
        {
            await PostAsync($"job{i}", "1s");
        }

        await _server.Time.WhenTimersCreated(2);
        var stopping = _server.StopAsync();
        await _server.Time.WhenTimersCreated(3); // the drain's deadline

        // Kestrel still serves while the queue drains: a new job is told why it is refused.
        using (var refused = await _server.PostAsync("late", "1s"))
        {
            await Http.PostWorkTests.AssertGoErrorAsync(refused, "The server is shutting down and accepts no new jobs.", HttpStatusCode.ServiceUnavailable);
        }

        Assert.That(_server.Counters.Read().Accepted, Is.EqualTo(4));

        _server.Time.Advance(TimeSpan.FromSeconds(1));
        await _server.Time.WhenTimersCreated(5);
        _server.Time.Advance(TimeSpan.FromSeconds(1));
        await stopping;

        Assert.That(Summaries(), Is.EqualTo(new[] { "shutdown: 4 accepted, 4 completed, 0 canceled, 0 never started" }));
        Assert.That(_server.Output.Lines.Count(l => l.Contains(": completed ", StringComparison.Ordinal)), Is.EqualTo(4));
        AssertEachWorkerStoppedOnce();
    }

    [Test]
    public async Task A_queue_cut_off_by_the_timeout_cancels_running_jobs_and_never_starts_the_rest()
    {
        for (var i = 1; i <= 6; i++)
        {
            await PostAsync($"job{i}", "5s");
        }

        await _server.Time.WhenTimersCreated(2);
        var stopping = _server.StopAsync();
        await _server.Time.WhenTimersCreated(3);
        _server.Time.Advance(TimeSpan.FromSeconds(3));
        await stopping;

        Assert.That(Summaries(), Is.EqualTo(new[] { "shutdown: 6 accepted, 0 completed, 2 canceled, 4 never started" }));
        var lines = _server.Output.Lines;
        Assert.That(lines.Count(l => l.Contains(": canceled ", StringComparison.Ordinal)), Is.EqualTo(2));
        Assert.That(lines.Count(l => l.EndsWith(" never started: the shutdown timeout passed", StringComparison.Ordinal)), Is.EqualTo(4));
        for (var i = 1; i <= 6; i++)
        {
            var ends = lines.Count(l => l.Contains($"canceled job{i}!", StringComparison.Ordinal) || l.Contains($"completed job{i}!", StringComparison.Ordinal)
                || l == $"job{i} never started: the shutdown timeout passed");
            Assert.That(ends, Is.EqualTo(1), $"job{i} ends exactly once, never both completed and canceled");
        }

        AssertEachWorkerStoppedOnce();
    }

    private async Task PostAsync(string name, string delay)
    {
        using var response = await _server.PostAsync(name, delay);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
    }

    private string[] Summaries() => _server.Error.Lines.Where(l => l.StartsWith("shutdown:", StringComparison.Ordinal)).ToArray();

    private void AssertEachWorkerStoppedOnce()
    {
        var stopping = _server.Output.Lines.Where(l => l.EndsWith(" stopping", StringComparison.Ordinal)).Order().ToArray();
        Assert.That(stopping, Is.EqualTo(mode == "original" ? new[] { "worker1 stopping", "worker2 stopping" } : Array.Empty<string>()));
    }
}
