using System.Net;
using System.Text.Json;
using JobQueue.Tests.Support;

namespace JobQueue.Tests.Lifecycle;

/// <summary>Follow and cancel a job over real HTTP: ids, GET /work/{id}, ?wait=, DELETE, history.</summary>
[TestFixture("original")]
[TestFixture("refactored")]
public sealed class JobLifecycleTests(string mode)
{
    private TestServer _server = null!;

    [SetUp]
    public async Task StartAsync() => _server = await TestServer.StartAsync(TestServer.Settings(mode, workers: 1) with { History = 3 });

    [TearDown]
    public async Task StopAsync() => await _server.DisposeAsync();

    [Test]
    public async Task A_job_goes_from_queued_to_running_to_completed()
    {
        await PostAsync("first", "2s");
        await PostAsync("second", "2s");
        await _server.Time.WhenTimersCreated(1);

        var first = await GetAsync("/work/1");
        Assert.That(first.GetProperty("status").GetString(), Is.EqualTo("running"));
        Assert.That(first.GetProperty("worker").GetInt32(), Is.EqualTo(1));
        Assert.That(first.GetProperty("startedAt").GetString(), Is.EqualTo("2026-11-27T12:00:00Z"));
        Assert.That(first.TryGetProperty("finishedAt", out _), Is.False);

        var second = await GetAsync("/work/2");
        Assert.That(second.GetProperty("status").GetString(), Is.EqualTo("queued"));
        Assert.That(second.TryGetProperty("worker", out _), Is.False);
        Assert.That(second.GetProperty("enqueuedAt").GetString(), Is.EqualTo("2026-11-27T12:00:00Z"));

        _server.Time.Advance(TimeSpan.FromSeconds(2));
        first = await GetAsync("/work/1?wait=10s");
        Assert.That(first.GetProperty("status").GetString(), Is.EqualTo("completed"));
        Assert.That(first.GetProperty("finishedAt").GetString(), Is.EqualTo("2026-11-27T12:00:02Z"));
        Assert.That(first.GetProperty("delay").GetString(), Is.EqualTo("2s"));
        Assert.That(first.GetProperty("name").GetString(), Is.EqualTo("first"));
    }

    [Test]
    public async Task Wait_answers_as_soon_as_the_job_ends()
    {
        await PostAsync("job", "3s");
        await _server.Time.WhenTimersCreated(1);

        var waiting = GetAsync("/work/1?wait=10s");
        await _server.Time.WhenTimersCreated(2); // the wait's own timer
        Assert.That(waiting.IsCompleted, Is.False);
        _server.Time.Advance(TimeSpan.FromSeconds(3));

        Assert.That((await waiting).GetProperty("status").GetString(), Is.EqualTo("completed"));
    }

    [Test]
    public async Task Wait_answers_the_current_state_when_the_wait_passes_first()
    {
        await PostAsync("job", "9s");
        await _server.Time.WhenTimersCreated(1);

        var waiting = GetAsync("/work/1?wait=5s");
        await _server.Time.WhenTimersCreated(2);
        _server.Time.Advance(TimeSpan.FromSeconds(5));

        Assert.That((await waiting).GetProperty("status").GetString(), Is.EqualTo("running"));
    }

    [Test]
    public async Task Wait_is_capped_at_sixty_seconds()
    {
        await PostAsync("job", "10s");
        await PostAsync("queued", "10s");
        await _server.Time.WhenTimersCreated(1);

        // Job 2 cannot end before t = 20 s; a wait of an hour must still answer at t = 60 s, unfinished.
        var waiting = GetAsync("/work/2?wait=1h");
        await _server.Time.WhenTimersCreated(2);
        _server.Time.Advance(TimeSpan.FromSeconds(60) - TimeSpan.FromTicks(1));
        Assert.That(waiting.IsCompleted, Is.False);
        _server.Time.Advance(TimeSpan.FromTicks(1));

        Assert.That((await waiting).GetProperty("status").GetString(), Is.AnyOf("queued", "running"));
    }

    [Test]
    public async Task A_client_that_leaves_frees_its_wait_at_once()
    {
        await PostAsync("job", "10s");
        await _server.Time.WhenTimersCreated(1);

        using var leave = new CancellationTokenSource();
        var waiting = _server.Client.GetAsync("/work/1?wait=60s", leave.Token);
        await _server.Time.WhenTimersCreated(2); // the wait's own timer
        await leave.CancelAsync();

        Assert.That(async () => await waiting, Throws.InstanceOf<OperationCanceledException>());

        // The server drops the wait's timer without the clock moving: nothing is held for 60 s.
        await _server.Time.WhenTimersDisposed(1);
        Assert.That((await GetAsync("/work/1")).GetProperty("status").GetString(), Is.EqualTo("running"));
    }

    [TestCase("abc", "Bad wait value: time: invalid duration \"abc\"")]
    [TestCase("-1s", "Bad wait value: must not be negative")]
    public async Task A_bad_wait_gets_a_400(string wait, string message)
    {
        await PostAsync("job", "2s");

        using var response = await _server.Client.GetAsync($"/work/1?wait={wait}");

        await Http.PostWorkTests.AssertGoErrorAsync(response, message);
    }

    [TestCase("/work/99")]
    [TestCase("/work/abc")]
    [TestCase("/work/-1")]
    public async Task An_unknown_id_is_a_404(string path)
    {
        using var response = await _server.Client.GetAsync(path);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [TestCase("POST")]
    [TestCase("PUT")]
    public async Task Other_methods_on_a_job_get_405(string method)
    {
        await PostAsync("job", "2s");

        using var response = await _server.Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), "/work/1"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.MethodNotAllowed));
        Assert.That(response.Content.Headers.Allow, Is.EquivalentTo(new[] { "GET", "DELETE" }));
    }

    [Test]
    public async Task Cancel_a_queued_job_and_it_never_starts()
    {
        await PostAsync("running", "2s");
        await PostAsync("victim", "2s");
        await PostAsync("next", "2s");
        await _server.Time.WhenTimersCreated(1);

        var (status, state) = await DeleteAsync("/work/2");
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(state.GetProperty("status").GetString(), Is.EqualTo("canceled"));
        Assert.That(state.TryGetProperty("startedAt", out _), Is.False);

        await FinishAsync("running", "next");
        Assert.That(_server.Output.Lines, Does.Contain("canceled victim before it started"));
        Assert.That(_server.Output.Lines.Any(l => l.Contains("started victim", StringComparison.Ordinal)), Is.False);
        Assert.That((await GetAsync("/work/3")).GetProperty("status").GetString(), Is.EqualTo("completed"));
        AssertCountsAddUp(accepted: 3, completed: 2, canceled: 1);
    }

    [Test]
    public async Task Cancel_a_running_job_and_its_delay_stops_at_once()
    {
        await PostAsync("long", "10s");
        await PostAsync("next", "1s");
        await _server.Time.WhenTimersCreated(1);

        var (status, state) = await DeleteAsync("/work/1");

        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(state.GetProperty("status").GetString(), Is.EqualTo("canceled"));
        Assert.That(state.GetProperty("finishedAt").GetString(), Is.EqualTo("2026-11-27T12:00:00Z"), "no time passed");
        await FinishAsync("next");
        Assert.That(_server.Output.Lines, Does.Contain("worker1: canceled long!"));
        Assert.That(_server.Output.Lines.Any(l => l.Contains("completed long", StringComparison.Ordinal)), Is.False);
        AssertCountsAddUp(accepted: 2, completed: 1, canceled: 1);
    }

    [Test]
    public async Task Cancel_an_ended_job_is_a_409()
    {
        await PostAsync("done", "1s");
        await FinishAsync("done");

        var (status, state) = await DeleteAsync("/work/1");

        Assert.That(status, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That(state.GetProperty("status").GetString(), Is.EqualTo("completed"));
        var (again, _) = await DeleteAsync("/work/1");
        Assert.That(again, Is.EqualTo(HttpStatusCode.Conflict));
    }

    [Test]
    public async Task Finished_jobs_beyond_the_history_are_forgotten_oldest_first()
    {
        for (var i = 1; i <= 5; i++)
        {
            await PostAsync($"job{i}", "1s");
        }

        await FinishAsync("job1", "job2", "job3", "job4", "job5");

        using var forgotten = await _server.Client.GetAsync("/work/2");
        Assert.That(forgotten.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await GetAsync("/work/3")).GetProperty("status").GetString(), Is.EqualTo("completed"));
        Assert.That((await GetAsync("/work/5")).GetProperty("status").GetString(), Is.EqualTo("completed"));
    }

    private async Task PostAsync(string name, string delay)
    {
        using var response = await _server.PostAsync(name, delay);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
    }

    private async Task<JsonElement> GetAsync(string path)
    {
        using var response = await _server.Client.GetAsync(path);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    private async Task<(HttpStatusCode Status, JsonElement State)> DeleteAsync(string path)
    {
        using var response = await _server.Client.DeleteAsync(path);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement);
    }

    /// <summary>
    /// Runs the one worker's jobs to their end, in order: for each, await its "started" line and the
    /// timer of its delay (one per job started so far), then move the clock past any delay.
    /// </summary>
    private async Task FinishAsync(params string[] names)
    {
        foreach (var name in names)
        {
            await _server.Output.WhenLine(l => l.StartsWith($"worker1: started {name},", StringComparison.Ordinal));
            await _server.Time.WhenTimersCreated(_server.Output.Lines.Count(l => l.Contains(": started ", StringComparison.Ordinal)));
            _server.Time.Advance(TimeSpan.FromSeconds(10));
            await _server.Output.WhenLine($"worker1: completed {name}!");
        }
    }

    private void AssertCountsAddUp(long accepted, long completed, long canceled)
    {
        var counts = _server.Counters.Read();
        Assert.That((counts.Accepted, counts.Completed, counts.Canceled, counts.Queued, counts.Busy), Is.EqualTo((accepted, completed, canceled, 0L, 0L)));
    }
}
