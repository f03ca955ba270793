using System.Net;
using System.Text.Json;
using JobQueue.Tests.Support;

namespace JobQueue.Tests.Dashboard;

/// <summary>
/// GET /work/events, the dashboard's feed and a public stream for scripts: Server-Sent Events, one
/// "state" event of JSON per update. And GET /, the page itself.
/// </summary>
public sealed class EventsTests
{
    [Test]
    public async Task The_stream_sends_workers_pool_queue_and_totals_as_json_state_events()
    {
        await using var server = await TestServer.StartAsync(TestServer.Settings("original", workers: 1, queue: 2));
        (await server.PostAsync("a", "10s")).Dispose();
        (await server.PostAsync("b", "10s")).Dispose();
        await server.Time.WhenTimersCreated(1); // a has started
        await server.Console.FlushAsync();

        using var response = await server.Client.GetAsync("/work/events", HttpCompletionOption.ResponseHeadersRead);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/event-stream"));
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());

        var (type, id, data) = await NextEventAsync(reader);

        Assert.That((type, id), Is.EqualTo(("state", "1")));
        var state = JsonDocument.Parse(data).RootElement;
        var node = state.GetProperty("nodes")[0];
        using (Assert.EnterMultipleScope())
        {
            Assert.That(state.GetProperty("mode").GetString(), Is.EqualTo("original"));
            Assert.That(state.GetProperty("queueCapacity").GetInt32(), Is.EqualTo(2));
            Assert.That(node.GetProperty("workers").GetInt32(), Is.EqualTo(1));
            Assert.That(node.GetProperty("busy")[0].GetProperty("worker").GetInt32(), Is.EqualTo(1));
            Assert.That(node.GetProperty("busy")[0].GetProperty("job").GetProperty("name").GetString(), Is.EqualTo("a"));
            Assert.That(node.GetProperty("busy")[0].GetProperty("job").GetProperty("delayMs").GetDouble(), Is.EqualTo(10000));
            Assert.That(node.GetProperty("workerPool").GetRawText(), Is.EqualTo("""{"channels":[],"inPool":0}"""), "no idle worker, so no channel, and the Dispatcher waits on the pool");
            Assert.That(state.GetProperty("queued").GetArrayLength(), Is.EqualTo(1));
            Assert.That(state.GetProperty("queued")[0].GetProperty("name").GetString(), Is.EqualTo("b"));
            Assert.That(state.GetProperty("queuedCount").GetInt32(), Is.EqualTo(1));
            Assert.That(state.GetProperty("totals").GetRawText(), Is.EqualTo("""{"accepted":2,"rejected":0,"completed":0,"canceled":0}"""));
            Assert.That(state.GetProperty("console").EnumerateArray().Select(l => l.GetString()), Does.Contain("worker1: started a, blocking for 10.000000 seconds"));
        }
    }

    [Test]
    public async Task An_idle_dispatcher_holds_the_first_workers_channel_and_the_rest_wait_in_the_pool()
    {
        await using var server = await TestServer.StartAsync(TestServer.Settings("original", workers: 3, queue: 2));

        var state = await FirstStateAsync(server);

        Assert.That(state.GetProperty("nodes")[0].GetProperty("workerPool").GetRawText(), Is.EqualTo("""{"channels":[2,3],"inPool":2,"holding":1}"""));
    }

    [Test]
    public async Task Once_a_job_takes_the_held_channel_the_dispatcher_holds_the_next_one_from_the_pool()
    {
        // The real clock: the Dispatcher takes the next channel just after the job starts, and the
        // feed's next reading shows it.
        await using var server = await LiveServer.StartAsync("original", workers: 3, queue: 2);
        (await server.PostAsync("a", "10s")).Dispose();

        // The pool is first in, first out: worker2's channel went in before worker3's.
        var state = await EventStream.StateWhereAsync(server.Client, s => s.GetProperty("nodes")[0].GetProperty("workerPool").TryGetProperty("holding", out var h) && h.GetInt32() != 1);

        var node = state.GetProperty("nodes")[0];
        Assert.That(node.GetProperty("workerPool").GetRawText(), Is.EqualTo("""{"channels":[3],"inPool":1,"holding":2}"""));
        Assert.That(node.GetProperty("busy")[0].GetProperty("worker").GetInt32(), Is.EqualTo(1));
    }

    [Test]
    public async Task The_queue_shows_its_head_in_order_and_counts_every_waiting_job()
    {
        await using var server = await TestServer.StartAsync(TestServer.Settings("original", workers: 1, queue: 30));
        for (var i = 1; i <= 26; i++)
        {
            (await server.PostAsync($"job{i}", "10s")).Dispose();
        }

        using (await server.Client.DeleteAsync("/work/3"))
        {
        }

        await server.Time.WhenTimersCreated(1); // job1 runs

        var state = await FirstStateAsync(server);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(state.GetProperty("queuedCount").GetInt32(), Is.EqualTo(24), "26 accepted, one running, one canceled");
            Assert.That(state.GetProperty("queued").EnumerateArray().Select(j => j.GetProperty("name").GetString()),
                Is.EqualTo(new[] { 2 }.Concat(Enumerable.Range(4, 19)).Select(i => $"job{i}")), "the first 20, next to run first");
            Assert.That(state.GetProperty("nodes")[0].GetProperty("busy")[0].GetProperty("job").GetProperty("name").GetString(), Is.EqualTo("job1"));
        }
    }

    [Test]
    public async Task The_refactored_pool_has_no_dispatcher_pool_to_show()
    {
        await using var server = await TestServer.StartAsync(TestServer.Settings("refactored", workers: 3, queue: 2));

        var node = (await FirstStateAsync(server)).GetProperty("nodes")[0];

        Assert.That(node.TryGetProperty("workerPool", out _), Is.False);
        Assert.That(node.GetProperty("idleCount").GetInt32(), Is.EqualTo(3));
    }

    [TestCase("/WORK/EVENTS")]
    [TestCase("/work/events/")]
    [TestCase("/Work")]
    [TestCase("/work/")]
    public async Task Paths_match_exactly_as_in_go(string path)
    {
        await using var server = await TestServer.StartAsync();

        using var response = await server.Client.GetAsync(path);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("404 page not found\n"));
    }

    [Test]
    public async Task Other_methods_on_the_stream_get_405()
    {
        await using var server = await TestServer.StartAsync();

        using var response = await server.Client.PostAsync("/work/events", new StringContent(""));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.MethodNotAllowed));
        Assert.That(response.Content.Headers.Allow, Is.EqualTo(new[] { "GET" }));
    }

    [Test]
    public async Task The_page_at_root_is_self_contained_html()
    {
        await using var server = await TestServer.StartAsync();

        using var response = await server.Client.GetAsync("/");
        var html = await response.Content.ReadAsStringAsync();
        using var post = await server.Client.PostAsync("/", new StringContent(""));
        using var other = await server.Client.GetAsync("/dashboard");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(response.Content.Headers.ContentType?.ToString(), Is.EqualTo("text/html; charset=utf-8"));
            Assert.That(html, Does.Contain("<title>JobQueue.Dispatcher</title>").And.Contain("fetch(\"/work/events\""));
            Assert.That(html, Does.Not.Contain("http://").And.Not.Contain("https://").And.Not.Contain("src="), "nothing fetched from elsewhere");
            Assert.That(response.Headers.GetValues("Content-Security-Policy").Single(), Does.StartWith("default-src 'none';"));
            Assert.That(post.StatusCode, Is.EqualTo(HttpStatusCode.MethodNotAllowed));
            Assert.That(other.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(await other.Content.ReadAsStringAsync(), Is.EqualTo("404 page not found\n"));
        }
    }

    private static async Task<JsonElement> FirstStateAsync(TestServer server)
    {
        using var response = await server.Client.GetAsync("/work/events", HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var (_, _, data) = await NextEventAsync(reader);
        return JsonDocument.Parse(data).RootElement.Clone();
    }

    // One event: its fields up to the blank line that ends it.
    private static async Task<(string? Type, string? Id, string Data)> NextEventAsync(StreamReader reader)
    {
        string? type = null;
        string? id = null;
        var data = "";
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (await reader.ReadLineAsync(limit.Token) is { } line)
        {
            if (line.Length == 0 && data.Length > 0)
            {
                break;
            }

            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                type = line["event: ".Length..];
            }
            else if (line.StartsWith("id: ", StringComparison.Ordinal))
            {
                id = line["id: ".Length..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                data += line["data: ".Length..];
            }
        }

        return (type, id, data);
    }
}
