using System.Net;
using System.Net.Sockets;
using JobQueue.Tests.Support;

namespace JobQueue.Tests.Lifecycle;

/// <summary>What the real program writes on standard error: plain lines, one per event, nothing from the framework's formatter.</summary>
public sealed class StandardErrorTests
{
    [Test]
    public async Task A_port_in_use_is_one_line_and_exit_1()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        await using var server = ProgramProcess.Start(["-port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--quiet"]);
        var exitCode = await server.ExitCodeAsync();

        Assert.That(exitCode, Is.EqualTo(1));
        Assert.That(server.Errors.Lines, Is.EqualTo(new[] { $"--port: {port} on 127.0.0.1 is already in use" }));
    }

    [Test]
    public async Task Shutdown_lines_carry_no_logger_prefix()
    {
        await using var server = ProgramProcess.Start(["-port", "0", "--quiet"]);
        await server.ListeningAsync();

        server.Signal(ProgramProcess.SigTerm);
        var exitCode = await server.ExitCodeAsync();

        Assert.That(exitCode, Is.Zero);
        Assert.That(server.Errors.Lines.Skip(1), Is.EqualTo(new[]
        {
            "shutting down: no job is queued or running",
            "shutdown: 0 accepted, 0 completed, 0 canceled, 0 never started",
        }));
    }
}
