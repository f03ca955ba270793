using System.Net;
using System.Net.Sockets;
using System.Text;
using JobQueue.Hosting;
using JobQueue.Tests.Support;

namespace JobQueue.Tests.Hosting;

/// <summary>
/// --max-connections: a connection beyond the limit waits to be accepted, holding no descriptor of
/// the server's, and is served as soon as a place is free.
/// </summary>
public sealed class ConnectionLimitTests
{
    private const string Request = "GET /debug/vars HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";

    [Test]
    public async Task A_connection_beyond_the_limit_is_served_once_another_goes()
    {
        await using var server = await TestServer.StartAsync(TestServer.Settings("original") with { MaxConnections = 2 });
        var port = server.Client.BaseAddress!.Port;
        using var first = await ConnectAsync(port, "GET /debug/vars HTTP/1.1\r\n");
        using var second = await ConnectAsync(port, "GET /debug/vars HTTP/1.1\r\n");
        using var third = await ConnectAsync(port, Request);

        var waiting = ReadAnswerAsync(third);
        var early = await Task.WhenAny(waiting, Task.Delay(TimeSpan.FromMilliseconds(500)));
        first.Dispose();
        var answer = await waiting.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.That(early, Is.Not.SameAs(waiting), "answered while two connections held both places");
        Assert.That(answer, Does.StartWith("HTTP/1.1 200 OK\r\n"));
    }

    [Test]
    public void Without_the_flag_the_limit_is_the_open_file_limit_less_headroom()
    {
        var files = OpenFileLimit.Raise();

        Assert.That(files, Is.Not.Null);
        Assert.That(OpenFileLimit.MaxConnections(null), Is.EqualTo(files - OpenFileLimit.Headroom));
        Assert.That(OpenFileLimit.MaxConnections(50), Is.EqualTo(50));
    }

    private static async Task<Socket> ConnectAsync(int port, string text)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(IPAddress.Loopback, port);
        await socket.SendAsync(Encoding.ASCII.GetBytes(text));
        return socket;
    }

    private static async Task<string> ReadAnswerAsync(Socket socket)
    {
        var received = new MemoryStream();
        var buffer = new byte[4096];
        int n;
        while ((n = await socket.ReceiveAsync(buffer)) > 0)
        {
            received.Write(buffer, 0, n);
        }

        return Encoding.ASCII.GetString(received.ToArray());
    }
}
