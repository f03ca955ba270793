using JobQueue.Tests.Support;

namespace JobQueue.Tests.Lifecycle;

/// <summary>What the real program writes on standard error: plain lines, one per event, nothing from the framework's formatter.</summary>
public sealed class StandardErrorTests
{
    [Test]
    public async Task Shutdown_lines_carry_no_logger_prefix()
    {
        await using var server = ProgramProcess.Start(["-port", "0", "--quiet"]);
        await server.ListeningAsync();

        server.Signal(ProgramProcess.SigTerm);
        var exitCode = await server.ExitCodeAsync();

        Assert.That(exitCode, Is.Zero);
        Assert.That(server.Error.Lines.Skip(1), Is.EqualTo(new[]
        {
            "shutting down: no job is queued or running",
            "shutdown: 0 accepted, 0 completed, 0 canceled, 0 never started",
        }));
    }
}
