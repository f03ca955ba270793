using System.Net;
using JobQueue.Tests.Support;

namespace JobQueue.Tests.Http;

/// <summary>GET /work?status=&amp;limit=: jobs as GET /work/{id} shows each, newest first; POST /work unchanged beside it.</summary>
[TestFixture("original")]
[TestFixture("refactored")]
public sealed class JobListTests(string mode)
{
    private TestServer _server = null!;

    [SetUp]
    public async Task StartAsync()
    {
        _server = await TestServer.StartAsync(TestServer.Settings(mode, workers: 1, queue: 5));
        foreach (var name in new[] { "a", "b", "c" })
        {
            using var posted = await _server.PostAsync(name, "10s");
            Assert.That(posted.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        }

        await _server.Time.WhenTimersCreated(1); // a has started
    }

    [TearDown]
    public async Task StopAsync() => await _server.DisposeAsync();

    [Test]
    public async Task Jobs_are_listed_by_status_newest_first()
    {
        const string at = "2026-11-27T12:00:00Z";
        Assert.That(await _server.Client.GetStringAsync("/work?status=queued"), Is.EqualTo(
            $$"""[{"id":3,"name":"c","delay":"10s","status":"queued","enqueuedAt":"{{at}}"},{"id":2,"name":"b","delay":"10s","status":"queued","enqueuedAt":"{{at}}"}]""" + "\n"));
        Assert.That(await _server.Client.GetStringAsync("/work?status=running"), Is.EqualTo(
            $$"""[{"id":1,"name":"a","delay":"10s","status":"running","worker":1,"enqueuedAt":"{{at}}","startedAt":"{{at}}"}]""" + "\n"));
        Assert.That(await _server.Client.GetStringAsync("/work?status=completed"), Is.EqualTo("[]\n"));
    }

    [Test]
    public async Task Limit_keeps_the_newest()
    {
        Assert.That(await _server.Client.GetStringAsync("/work?limit=2"), Does.StartWith("""[{"id":3,""").And.Contain("""{"id":2,""").And.Not.Contain("""{"id":1,"""));
        Assert.That(await _server.Client.GetStringAsync("/work"), Does.Contain("""{"id":1,"""));
    }

    [TestCase("status=done", "Bad status value: must be queued, running, completed, canceled or failed")]
    [TestCase("limit=0", "Bad limit value: must be an integer from 1 to 10000")]
    [TestCase("limit=10001", "Bad limit value: must be an integer from 1 to 10000")]
    [TestCase("limit=ten", "Bad limit value: must be an integer from 1 to 10000")]
    public async Task A_bad_query_is_a_400_with_one_line(string query, string line)
    {
        using var response = await _server.Client.GetAsync("/work?" + query);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo(line + "\n"));
    }

    [Test]
    public async Task Other_methods_get_the_gists_405_naming_get_and_post_and_post_still_queues()
    {
        using var put = await _server.Client.PutAsync("/work", new StringContent(""));
        using var post = await _server.PostAsync("d", "1s");

        Assert.That(put.StatusCode, Is.EqualTo(HttpStatusCode.MethodNotAllowed));
        Assert.That(put.Content.Headers.Allow, Is.EqualTo(new[] { "GET", "POST" }));
        Assert.That(post.StatusCode, Is.EqualTo(HttpStatusCode.Created));
    }
}
