using System.Net;
using System.Net.Http.Headers;
using System.Text;
using JobQueue.Tests.Support;

namespace JobQueue.Tests.Http;

/// <summary>
/// POST /work answers as the Go original does, byte for byte, in both modes. Every expected body here
/// was produced by the Go reference (../shared/reference/go-original and go-refactored).
/// </summary>
[TestFixture("original")]
[TestFixture("refactored")]
public sealed class PostWorkTests(string mode)
{
    private TestServer _server = null!;

    [SetUp]
    public async Task StartAsync() => _server = await TestServer.StartAsync(TestServer.Settings(mode));

    [TearDown]
    public async Task StopAsync() => await _server.DisposeAsync();

    [TestCase(null, "Bad delay value: time: invalid duration \"\"")]
    [TestCase("", "Bad delay value: time: invalid duration \"\"")]
    [TestCase("5", "Bad delay value: time: missing unit in duration \"5\"")]
    [TestCase("5x", "Bad delay value: time: unknown unit \"x\" in duration \"5x\"")]
    [TestCase("1.5.5s", "Bad delay value: time: missing unit in duration \"1.5.5s\"")]
    [TestCase("-", "Bad delay value: time: invalid duration \"-\"")]
    [TestCase("s", "Bad delay value: time: invalid duration \"s\"")]
    [TestCase("2 s", "Bad delay value: time: unknown unit \" s\" in duration \"2 s\"")]
    [TestCase("5é", "Bad delay value: time: unknown unit \"\\xc3\\xa9\" in duration \"5\\xc3\\xa9\"")]
    [TestCase("\"5s\"", "Bad delay value: time: invalid duration \"\\\"5s\\\"\"")]
    [TestCase("9223372036854775808ns", "Bad delay value: time: invalid duration \"9223372036854775808ns\"")]
    [TestCase("11s", "The delay must be between 1 and 10 seconds, inclusively.")]
    [TestCase("999ms", "The delay must be between 1 and 10 seconds, inclusively.")]
    [TestCase("10.000000001s", "The delay must be between 1 and 10 seconds, inclusively.")]
    [TestCase("-2s", "The delay must be between 1 and 10 seconds, inclusively.")]
    [TestCase("0", "The delay must be between 1 and 10 seconds, inclusively.")]
    [TestCase("1h", "The delay must be between 1 and 10 seconds, inclusively.")]
    public async Task A_bad_delay_gets_gos_400(string? delay, string message)
    {
        var fields = new List<KeyValuePair<string, string>> { new("name", "job1") };
        if (delay is not null)
        {
            fields.Add(new("delay", delay));
        }

        using var response = await _server.Client.PostAsync("/work", new FormUrlEncodedContent(fields));

        await AssertGoErrorAsync(response, message);
        Assert.That(_server.Counters.Read().Accepted, Is.Zero);
    }

    [Test]
    public async Task A_delay_byte_that_is_not_utf8_is_quoted_as_go_quotes_it()
    {
        using var response = await _server.Client.PostAsync("/work", Form("name=a&delay=%ff"));

        await AssertGoErrorAsync(response, "Bad delay value: time: invalid duration \"\\xff\"");
    }

    [TestCase("1.5s", "1.5s")]
    [TestCase("1500ms", "1.5s")]
    [TestCase("1.s", "1s")]
    [TestCase("+2s", "2s")]
    [TestCase("1s500ms", "1.5s")]
    [TestCase("10s", "10s")]
    [TestCase("1s", "1s")]
    [TestCase("0.0027777h", "9.99972s")]
    public async Task A_good_delay_is_created(string delay, string normalized)
    {
        using var response = await _server.PostAsync("job1", delay);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(response.Headers.Location?.OriginalString, Is.EqualTo("/work/1"));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo($$"""{"id":1,"name":"job1","delay":"{{normalized}}","status":"queued"}""" + "\n"));
        Assert.That(_server.Counters.Read().Accepted, Is.EqualTo(1));
    }

    [Test]
    public async Task The_delay_is_checked_before_the_name()
    {
        using var response = await _server.Client.PostAsync("/work", Form("delay=abc"));

        await AssertGoErrorAsync(response, "Bad delay value: time: invalid duration \"abc\"");
    }

    [TestCase("delay=2s")]
    [TestCase("delay=2s&name=")]
    public async Task A_missing_name_gets_gos_400(string body)
    {
        using var response = await _server.Client.PostAsync("/work", Form(body));

        await AssertGoErrorAsync(response, "You must specify a name.");
    }

    [Test]
    public async Task A_name_of_1024_bytes_is_accepted()
    {
        using var response = await _server.PostAsync(new string('é', 512), "2s");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
    }

    [TestCase(1025)]
    [TestCase(1 << 19)]
    public async Task A_longer_name_gets_a_400_and_queues_nothing(int bytes)
    {
        using var response = await _server.Client.PostAsync("/work", Form("delay=2s&name=" + new string('n', bytes)));

        await AssertGoErrorAsync(response, "The name must be at most 1024 bytes long.");
        Assert.That(_server.Counters.Read().Accepted, Is.Zero);
    }

    [Test]
    public async Task The_name_length_is_checked_after_the_delay_as_the_name_is()
    {
        using var response = await _server.Client.PostAsync("/work", Form("delay=abc&name=" + new string('n', 2000)));

        await AssertGoErrorAsync(response, "Bad delay value: time: invalid duration \"abc\"");
    }

    [TestCase("PUT")]
    [TestCase("DELETE")]
    [TestCase("PATCH")]
    [TestCase("OPTIONS")]
    [TestCase("HEAD")]
    public async Task Any_other_method_gets_405_with_allow_get_post_and_no_body(string method)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), "/work?name=a&delay=2s");
        using var response = await _server.Client.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.MethodNotAllowed));
        Assert.That(response.Content.Headers.Allow, Is.EqualTo(new[] { "GET", "POST" }));
        Assert.That(await response.Content.ReadAsByteArrayAsync(), Is.Empty);
        Assert.That(_server.Counters.Read().Accepted, Is.Zero);
    }

    [Test]
    public async Task The_first_value_of_a_repeated_field_wins_and_the_body_comes_before_the_query()
    {
        using var response = await _server.Client.PostAsync("/work?delay=3s&name=query", Form("name=body&name=second&delay=2s&delay=9s"));

        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("""{"id":1,"name":"body","delay":"2s","status":"queued"}""" + "\n"));
    }

    [Test]
    public async Task The_query_string_alone_is_enough()
    {
        using var response = await _server.Client.PostAsync("/work?name=q&delay=4s", null);

        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("""{"id":1,"name":"q","delay":"4s","status":"queued"}""" + "\n"));
    }

    [Test]
    public async Task Pairs_with_semicolons_or_bad_escapes_are_skipped_as_in_go()
    {
        using var response = await _server.Client.PostAsync("/work?delay=2s", Form("name=a;b&name=c&delay=%zz&delay=5y"));

        await AssertGoErrorAsync(response, "Bad delay value: time: unknown unit \"y\" in duration \"5y\"");
    }

    [Test]
    public async Task A_multipart_body_is_read_after_the_query_as_go_appends_it()
    {
        using var content = new MultipartFormDataContent { { new StringContent("m"), "name" }, { new StringContent("3x"), "delay" } };
        using var response = await _server.Client.PostAsync("/work?name=q&delay=2s", content);

        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("""{"id":1,"name":"q","delay":"2s","status":"queued"}""" + "\n"));
    }

    [Test]
    public async Task A_multipart_body_alone_is_enough()
    {
        using var content = new MultipartFormDataContent { { new StringContent("m"), "name" }, { new StringContent("7s"), "delay" } };
        using var response = await _server.Client.PostAsync("/work", content);

        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("""{"id":1,"name":"m","delay":"7s","status":"queued"}""" + "\n"));
    }

    [Test]
    public async Task A_json_body_is_accepted()
    {
        using var response = await _server.Client.PostAsync("/work", new StringContent("""{"name":"job1","delay":"2s"}""", Encoding.UTF8, "application/json"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("""{"id":1,"name":"job1","delay":"2s","status":"queued"}""" + "\n"));
    }

    [TestCase("""{"name":"job1","delay":2}""")]
    [TestCase("""["job1","2s"]""")]
    [TestCase("""{"name":"job1",""")]
    public async Task A_json_body_that_is_not_an_object_of_strings_gets_a_400(string json)
    {
        using var response = await _server.Client.PostAsync("/work", new StringContent(json, Encoding.UTF8, "application/json"));

        await AssertGoErrorAsync(response, """Bad JSON body: expected an object of strings, e.g. {"name":"job1","delay":"2s"}.""");
        Assert.That(_server.Counters.Read().Accepted, Is.Zero);
    }

    [Test]
    public async Task A_body_over_the_limit_gets_413_and_queues_nothing()
    {
        var body = "name=a&delay=2s&pad=" + new string('x', 1 << 20);
        using var response = await _server.Client.PostAsync("/work", Form(body));

        await AssertGoErrorAsync(response, "Request body too large: the limit is 1048576 bytes.", HttpStatusCode.RequestEntityTooLarge);
        Assert.That(_server.Counters.Read().Accepted, Is.Zero);
    }

    [Test]
    public async Task A_chunked_body_over_the_limit_gets_413_too()
    {
        using var content = new StreamContent(new MemoryStream(Encoding.ASCII.GetBytes("name=a&delay=2s&pad=" + new string('x', 1 << 20))));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/work") { Content = content };
        request.Headers.TransferEncodingChunked = true;
        using var response = await _server.Client.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
    }

    [TestCase("/work/")]
    [TestCase("/work/1/")]
    [TestCase("/works")]
    public async Task Other_paths_get_gos_404(string path)
    {
        using var response = await _server.Client.GetAsync(path);

        await AssertGoErrorAsync(response, "404 page not found", HttpStatusCode.NotFound);
    }

    [Test]
    public async Task No_server_header_is_sent_as_in_go()
    {
        using var response = await _server.PostAsync("a", "2s");

        Assert.That(response.Headers.Server, Is.Empty);
    }

    internal static async Task AssertGoErrorAsync(HttpResponseMessage response, string message, HttpStatusCode status = HttpStatusCode.BadRequest)
    {
        Assert.That(response.StatusCode, Is.EqualTo(status));
        Assert.That(response.Content.Headers.ContentType?.ToString(), Is.EqualTo("text/plain; charset=utf-8"));
        Assert.That(response.Headers.GetValues("X-Content-Type-Options"), Is.EqualTo(new[] { "nosniff" }));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo(message + "\n"));
    }

    private static StringContent Form(string body) => new(body, Encoding.UTF8, "application/x-www-form-urlencoded");
}
