using System.Net;
using System.Net.Sockets;
using JobQueue.Tests.Support;

namespace JobQueue.Tests.Lifecycle;

/// <summary>
/// More connections than the process may open files: the server takes what it can hold with room to
/// spare for itself, refuses the rest, and answers again once they go.
/// </summary>
public sealed class OpenFileLimitTests
{
    private const int Connections = 1100;

    [Test]
    public async Task Eleven_hundred_slow_connections_under_a_limit_of_1024_files_leave_the_server_answering()
    {
        await using var server = ProgramProcess.Start(["-port", "0", "--quiet"], shell: "ulimit -n 1024; exec \"$@\"");
        var port = (await server.ListeningAsync()).BaseAddress!.Port;

        var slow = new List<Socket>();
        try
        {
            // Each sends the start of a request and nothing more, as a slowloris client does.
            for (var i = 0; i < Connections; i++)
            {
                slow.Add(await OpenSlowConnectionAsync(port));
            }

            // What used to abort the process ("Out of memory.", SIGABRT) or break it for good happens
            // while the server accepts them; give it that time with all of them open.
            await Task.Delay(TimeSpan.FromSeconds(2));
        }
        finally
        {
            slow.ForEach(s => s.Dispose());
        }

        var status = await PostUntilAnsweredAsync(server.Client);

        Assert.That(status, Is.EqualTo(HttpStatusCode.Created), server.Error.Text);
        Assert.That(server.Error.Text, Does.Not.Contain("Out of memory"));
    }

    [Test]
    public async Task The_soft_open_file_limit_is_raised_to_the_hard_one_as_gos_runtime_does()
    {
        await using var server = ProgramProcess.Start(["-port", "0", "--quiet"], shell: "ulimit -S -n 512; exec \"$@\"");
        await server.ListeningAsync();

        var limits = File.ReadAllLines($"/proc/{server.Id}/limits").Single(l => l.StartsWith("Max open files", StringComparison.Ordinal));
        var values = limits["Max open files".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);

        Assert.That(values[0], Is.Not.EqualTo("512").And.EqualTo(values[1]));
    }

    private static async Task<Socket> OpenSlowConnectionAsync(int port)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await socket.ConnectAsync(IPAddress.Loopback, port, timeout.Token);
            await socket.SendAsync("POST /work HTTP/1.1\r\nHost: 127.0.0.1\r\n"u8.ToArray(), timeout.Token);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            // Refused beyond the server's limit: that is the point.
        }

        return socket;
    }

    // The server notices the closed connections a moment after they go; a few tries, not a sleep.
    private static async Task<HttpStatusCode> PostUntilAnsweredAsync(HttpClient client)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                using var response = await client.PostAsync("/work", new FormUrlEncodedContent([new("name", "after"), new("delay", "1s")]), timeout.Token);
                return response.StatusCode;
            }
            catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
            {
                if (DateTime.UtcNow >= deadline)
                {
                    Assert.Fail($"no answer to POST once the connections were gone: {e.GetType().Name}: {e.Message}");
                }

                await Task.Delay(100);
            }
        }
    }
}
