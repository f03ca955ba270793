using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using JobQueue.Hosting;
using JobQueue.Tests.Support;

namespace JobQueue.Tests.Http;

/// <summary>
/// Input that used to throw inside the server (a 500 and a stack on standard error) gets a 400
/// with a one-line reason, queues nothing, and writes nothing to standard error.
/// </summary>
public sealed class BadInputTests
{
    private TestServer _server = null!;

    [SetUp]
    public async Task StartAsync() => _server = await TestServer.StartAsync(TestServer.Settings("original"));

    [TearDown]
    public async Task StopAsync() => await _server.DisposeAsync();

    [TestCase("""{"name":"\ud800","delay":"1s"}""")]
    [TestCase("""{"name":"a\udc00b","delay":"1s"}""")]
    [TestCase("""{"\ud800":"x","name":"a","delay":"1s"}""")]
    public async Task A_lone_surrogate_in_json_gets_a_400(string json)
    {
        using var response = await PostJsonAsync(Encoding.UTF8.GetBytes(json));

        await AssertRefusedQuietlyAsync(response, "Bad JSON body: a string is not valid Unicode (invalid UTF-8 or a lone surrogate).");
    }

    [Test]
    public async Task An_invalid_utf8_key_in_json_gets_a_400()
    {
        byte[] json = [(byte)'{', (byte)'"', 0xff, .. "\":\"x\",\"name\":\"a\",\"delay\":\"1s\"}"u8];

        using var response = await PostJsonAsync(json);

        await AssertRefusedQuietlyAsync(response, "Bad JSON body: a string is not valid Unicode (invalid UTF-8 or a lone surrogate).");
    }

    [TestCase(4088)]
    [TestCase(4089)]
    [TestCase(5000)]
    public async Task A_long_multipart_boundary_is_read_as_go_reads_it(int length)
    {
        var boundary = new string('a', length);
        var body = $"--{boundary}\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nlong\r\n" +
                   $"--{boundary}\r\nContent-Disposition: form-data; name=\"delay\"\r\n\r\n2s\r\n--{boundary}--\r\n";

        using var response = await PostMultipartAsync(boundary, body);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(_server.Error.Text, Is.Empty);
    }

    [TestCase(4088)]
    [TestCase(4089)]
    public async Task A_long_multipart_boundary_with_no_parts_gets_gos_400(int length)
    {
        var boundary = new string('a', length);

        using var response = await PostMultipartAsync(boundary, "--" + boundary);

        await AssertRefusedQuietlyAsync(response, "Bad delay value: time: invalid duration \"\"");
    }

    [Test]
    public async Task Boundaries_full_of_terminal_escapes_write_nothing_to_standard_error()
    {
        var boundary = "\"\u001b]0;owned\u0007\u001b[2J" + new string('\u001b', 30_000) + "\"";
        for (var i = 0; i < 20; i++)
        {
            using var response = await PostMultipartAsync(boundary, "--" + boundary);
            await PostWorkTests.AssertGoErrorAsync(response, "Bad delay value: time: invalid duration \"\"");
        }

        Assert.That(_server.Error.Text, Is.Empty);
    }

    [TestCase("ffffffffffffffffffff")]
    [TestCase("zz")]
    public async Task A_chunk_size_that_is_not_a_number_gets_a_400(string chunkSize)
    {
        var address = new Uri(WorkServer.Address(_server.App));
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, address.Port);
        var stream = client.GetStream();
        var request = "POST /work HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n" +
                      $"Transfer-Encoding: chunked\r\n\r\n{chunkSize}\r\nname=a\r\n0\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));

        var answer = await ReadAnswerAsync(stream);

        Assert.That(answer, Does.StartWith("HTTP/1.1 400 Bad Request\r\n"));
        Assert.That(answer, Does.EndWith("\r\n\r\nBad request body: Bad chunk size data.\n"));
        Assert.That(_server.Counters.Read().Accepted, Is.Zero);
        Assert.That(_server.Error.Text, Is.Empty);
    }

    private Task<HttpResponseMessage> PostJsonAsync(byte[] json)
    {
        var content = new ByteArrayContent(json);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return _server.Client.PostAsync("/work", content);
    }

    private Task<HttpResponseMessage> PostMultipartAsync(string boundary, string body)
    {
        var content = new ByteArrayContent(Encoding.ASCII.GetBytes(body));
        content.Headers.TryAddWithoutValidation("Content-Type", $"multipart/form-data; boundary={boundary}");
        return _server.Client.PostAsync("/work", content);
    }

    private async Task AssertRefusedQuietlyAsync(HttpResponseMessage response, string message)
    {
        await PostWorkTests.AssertGoErrorAsync(response, message);
        Assert.That(_server.Counters.Read().Accepted, Is.Zero);
        Assert.That(_server.Error.Text, Is.Empty);
    }

    // The whole answer: headers and the Content-Length bytes of body that follow them.
    private static async Task<string> ReadAnswerAsync(NetworkStream stream)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        var received = new List<byte>();
        var buffer = new byte[4096];
        while (true)
        {
            var text = Encoding.ASCII.GetString(received.ToArray());
            var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            if (end >= 0)
            {
                var length = text[..end].Split("\r\n").Select(h => h.Split(": ", 2))
                    .Where(h => h[0].Equals("Content-Length", StringComparison.OrdinalIgnoreCase)).Select(h => int.Parse(h[1])).Single();
                if (received.Count >= end + 4 + length)
                {
                    return text;
                }
            }

            var n = await stream.ReadAsync(buffer, timeout.Token);
            if (n == 0)
            {
                return text;
            }

            received.AddRange(buffer.AsSpan(0, n));
        }
    }
}
