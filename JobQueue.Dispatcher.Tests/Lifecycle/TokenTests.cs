using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using JobQueue.Tests.Support;

namespace JobQueue.Tests.Lifecycle;

/// <summary>The token as a user gives it to the real program: in JOBQUEUE_TOKEN, or --token, which /debug/vars never shows.</summary>
public sealed class TokenTests
{
    [Test]
    public async Task The_token_in_jobqueue_token_guards_the_server()
    {
        await using var server = ProgramProcess.Start(["-port", "0", "--quiet"], environment: new Dictionary<string, string> { ["JOBQUEUE_TOKEN"] = "from-env" });
        var client = await server.ListeningAsync();

        using var without = await client.PostAsync("/work", Form());
        using var request = Authorized(HttpMethod.Post, "/work", "from-env", Form());
        using var with = await client.SendAsync(request);

        Assert.That(without.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(with.StatusCode, Is.EqualTo(HttpStatusCode.Created));
    }

    [Test]
    public async Task The_token_on_the_command_line_is_hidden_in_debug_vars()
    {
        await using var server = ProgramProcess.Start(["-port", "0", "--quiet", "--token", "on-the-line"]);
        var client = await server.ListeningAsync();

        using var request = Authorized(HttpMethod.Get, "/debug/vars", "on-the-line");
        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        var cmdline = JsonNode.Parse(body)!["cmdline"]!.AsArray().Select(a => a!.GetValue<string>()).ToArray();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(cmdline[^2..], Is.EqualTo(new[] { "--token", "********" }));
        Assert.That(body, Does.Not.Contain("on-the-line"));
    }

    private static HttpRequestMessage Authorized(HttpMethod method, string path, string token, HttpContent? content = null) =>
        new(method, path) { Content = content, Headers = { Authorization = new AuthenticationHeaderValue("Bearer", token) } };

    private static FormUrlEncodedContent Form() => new([new("name", "job1"), new("delay", "1s")]);
}
