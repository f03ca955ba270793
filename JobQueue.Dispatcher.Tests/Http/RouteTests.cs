using System.Net;
using JobQueue.Tests.Support;

namespace JobQueue.Tests.Http;

/// <summary>Paths match exactly and case-sensitively, as Go's ServeMux does; anything else is Go's 404 and queues nothing.</summary>
public sealed class RouteTests
{
    private TestServer _server = null!;

    [SetUp]
    public async Task StartAsync() => _server = await TestServer.StartAsync(TestServer.Settings("original"));

    [TearDown]
    public async Task StopAsync() => await _server.DisposeAsync();

    [TestCase("/WORK")]
    [TestCase("/Work")]
    [TestCase("/work/")]
    public async Task A_post_to_a_path_that_differs_from_work_gets_gos_404_and_queues_nothing(string path)
    {
        using var response = await _server.Client.PostAsync(path, new FormUrlEncodedContent([new("name", "a"), new("delay", "2s")]));

        await PostWorkTests.AssertGoErrorAsync(response, "404 page not found", HttpStatusCode.NotFound);
        Assert.That(_server.Counters.Read().Accepted, Is.Zero);
    }

    [TestCase("/debug/vars/")]
    [TestCase("/DEBUG/VARS")]
    [TestCase("/Debug/vars")]
    [TestCase("/WORK/1")]
    [TestCase("/work/1/")]
    [TestCase("/work/1/events")]
    public async Task A_get_of_a_path_that_differs_from_a_route_gets_gos_404(string path)
    {
        using var created = await _server.PostAsync("job1", "2s");

        using var response = await _server.Client.GetAsync(path);

        await PostWorkTests.AssertGoErrorAsync(response, "404 page not found", HttpStatusCode.NotFound);
    }

    [TestCase("GET", "/favicon.ico")]
    [TestCase("GET", "/index.html")]
    [TestCase("GET", "/debug/vars.json")]
    [TestCase("GET", "/static/app.js")]
    [TestCase("GET", "/nothing")]
    [TestCase("POST", "/work.php")]
    [TestCase("DELETE", "/a/b/c.txt")]
    public async Task An_unknown_path_gets_gos_404_whether_or_not_it_looks_like_a_file(string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        using var response = await _server.Client.SendAsync(request);

        await PostWorkTests.AssertGoErrorAsync(response, "404 page not found", HttpStatusCode.NotFound);
        Assert.That(_server.Counters.Read().Accepted, Is.Zero);
    }

    [TestCase("/work/1")]
    [TestCase("/debug/vars")]
    public async Task The_exact_paths_still_answer(string path)
    {
        using var created = await _server.PostAsync("job1", "2s");

        using var response = await _server.Client.GetAsync(path);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }
}
