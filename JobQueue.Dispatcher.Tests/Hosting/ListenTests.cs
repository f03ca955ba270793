using System.Globalization;
using System.Net;
using System.Net.Sockets;
using JobQueue.Tests.Support;

namespace JobQueue.Tests.Hosting;

/// <summary>Where the real program listens, and what it says on standard error when it cannot or should not.</summary>
public sealed class ListenTests
{
    [Test]
    public async Task A_port_in_use_exits_1_with_one_line_that_names_it()
    {
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var port = ((IPEndPoint)holder.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture);

        await using var program = ProgramProcess.Start("-port", port);
        var exitCode = await program.ExitCodeAsync();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(exitCode, Is.EqualTo(1));
            Assert.That(program.Error.Lines, Is.EqualTo(new[] { $"--port: {port} on 127.0.0.1 is already in use" }));
            Assert.That(program.Output.Lines, Is.Empty);
        }
    }

    [TestCase("0.0.0.0", true)]
    [TestCase("127.0.0.1", false)]
    public async Task Listening_on_every_interface_warns_on_standard_error(string host, bool warns)
    {
        const string Warning = "warning: listening on every interface without --token; anyone who can reach it can submit and cancel jobs";
        await using var program = ProgramProcess.Start("--host", host, "-port", "0");

        var address = await program.WhenListeningAsync();
        program.Signal(ProgramProcess.SigTerm);
        var exitCode = await program.ExitCodeAsync();

        var errors = program.Error.Lines;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(exitCode, Is.Zero);
            Assert.That(address, Does.StartWith($"http://{host}:"));
            Assert.That(errors[0], Does.StartWith($"listening on {address} "));
            Assert.That(errors.Count(l => l == Warning), Is.EqualTo(warns ? 1 : 0));
            if (warns)
            {
                Assert.That(errors[1], Is.EqualTo(Warning), "right after the address it warns about");
            }
        }
    }

    [TestCase("1", "1 worker")]
    [TestCase("3", "3 workers")]
    public async Task The_listening_line_reads_as_a_person_would_write_it(string workers, string words)
    {
        await using var program = ProgramProcess.Start("-max_workers", workers, "-max_queue_size", "7", "-port", "0");

        var address = await program.WhenListeningAsync();
        program.Signal(ProgramProcess.SigTerm);
        await program.ExitCodeAsync();

        Assert.That(program.Error.Lines[0], Is.EqualTo($"listening on {address} (original mode, {words}, queue of 7)"));
    }
}
