using System.Net;
using System.Text;
using JobQueue.Tests.Support;

namespace JobQueue.Tests.Http;

/// <summary>
/// The JSON answers read well where a user sees them: in a terminal after curl. Each ends with a
/// newline, as Go's json.Encoder writes it, and text comes back as UTF-8, not as \u escapes.
/// </summary>
public sealed class JsonBodyTests
{
    private TestServer _server = null!;

    [SetUp]
    public async Task StartAsync() => _server = await TestServer.StartAsync(TestServer.Settings("original"));

    [TearDown]
    public async Task StopAsync() => await _server.DisposeAsync();

    [Test]
    public async Task Every_json_answer_ends_with_one_newline()
    {
        using var created = await _server.PostAsync("job1", "2s");
        using var state = await _server.Client.GetAsync("/work/1");
        using var vars = await _server.Client.GetAsync("/debug/vars");

        foreach (var response in new[] { created, state, vars })
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.That(body, Does.EndWith("}\n").And.Not.EndWith("\n\n"), response.RequestMessage!.RequestUri!.AbsolutePath);
            Assert.That(response.Content.Headers.ContentLength, Is.EqualTo(Encoding.UTF8.GetByteCount(body)));
        }
    }

    [Test]
    public async Task Non_ascii_text_ampersands_and_emoji_come_back_as_utf8()
    {
        const string name = "日本語 & <b>'x'</b> é 😀";
        using var response = await _server.PostAsync(name, "2s");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(await response.Content.ReadAsByteArrayAsync(),
            Is.EqualTo(Encoding.UTF8.GetBytes($$"""{"id":1,"name":"{{name}}","delay":"2s","status":"queued"}""" + "\n")));
    }

    [Test]
    public async Task Quotes_backslashes_and_control_characters_are_still_escaped()
    {
        using var response = await _server.PostAsync("a\"b\\c\nd\u001be\u009bf\u2028g", "2s");

        Assert.That(await response.Content.ReadAsStringAsync(),
            Is.EqualTo("""{"id":1,"name":"a\"b\\c\nd\u001Be\u009Bf\u2028g","delay":"2s","status":"queued"}""" + "\n"));
    }
}
