using System.Net;
using System.Text.Json.Nodes;
using JobQueue.Tests.Support;

namespace JobQueue.Tests.Lifecycle;

/// <summary>
/// The real program with a standard output that nobody reads, that is full, or that is closed: it
/// keeps answering, keeps logging, and stops on SIGTERM with its summary, as if stdout were fine.
/// </summary>
public sealed class StandardOutputTests
{
    private const string DroppingWarning =
        "warning: standard output is not keeping up: job lines are dropped and counted (jobLinesDropped in /debug/vars)";

    [Test]
    public async Task Nobody_reading_stdout_never_stops_the_server_or_its_standard_error()
    {
        // As `JobQueue.Dispatcher | sleep 30`: standard output is a pipe that fills and is never read.
        await using var server = ProgramProcess.Start(["-port", "0", "--max-workers", "1000", "--max-queue-size", "1000"], readOutput: false);
        await server.ListeningAsync();

        // Three lines of about 1 KB per job at once, a fourth when it completes: 600 jobs are far more
        // than the 64 KiB pipe and the 1 MiB buffer behind it hold.
        var name = new string('n', 1000);
        var statuses = new List<HttpStatusCode>();
        await Parallel.ForEachAsync(Enumerable.Range(1, 600), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, cancellationToken) =>
        {
            using var response = await server.Client.PostAsync("/work", Form(name + i, "1s"), cancellationToken);
            lock (statuses)
            {
                statuses.Add(response.StatusCode);
            }
        });
        await server.Error.WhenLine(DroppingWarning);
        var dropped = await JobLinesDroppedAsync(server);

        server.Signal(ProgramProcess.SigTerm);
        var exitCode = await server.ExitCodeAsync(TimeSpan.FromSeconds(20));

        Assert.That(statuses, Has.Count.EqualTo(600).And.All.EqualTo(HttpStatusCode.Created));
        Assert.That(dropped, Is.GreaterThan(0));
        Assert.That(exitCode, Is.Zero);
        Assert.That(server.ErrorLines("warning: standard output"), Has.Length.EqualTo(1));
        Assert.That(server.ErrorLines("shutdown:"), Is.EqualTo(new[] { "shutdown: 600 accepted, 600 completed, 0 canceled, 0 never started" }));
    }

    [TestCase(">/dev/full", "warning: job lines stopped: cannot write to standard output (IOException: No space left on device)")]
    [TestCase(">&-", "warning: job lines stopped: standard output is closed")]
    public async Task A_stdout_that_cannot_be_written_stops_the_job_lines_with_one_warning_and_nothing_else(string redirection, string warning)
    {
        await using var server = ProgramProcess.Start(["-port", "0"], shell: $"exec \"$@\" {redirection}");
        await server.ListeningAsync();

        for (var i = 1; i <= 3; i++)
        {
            using var response = await server.Client.PostAsync("/work", Form($"job{i}", "1s"));
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        }

        await server.Error.WhenLine(warning);
        var dropped = await JobLinesDroppedAsync(server);
        server.Signal(ProgramProcess.SigTerm);
        var exitCode = await server.ExitCodeAsync(TimeSpan.FromSeconds(20));

        Assert.That(dropped, Is.GreaterThan(0));
        Assert.That(exitCode, Is.Zero);
        Assert.That(server.ErrorLines("warning:"), Is.EqualTo(new[] { warning }));
        Assert.That(server.ErrorLines("shutdown:"), Is.EqualTo(new[] { "shutdown: 3 accepted, 3 completed, 0 canceled, 0 never started" }));
    }

    private static async Task<long> JobLinesDroppedAsync(ProgramProcess server)
    {
        var vars = JsonNode.Parse(await server.Client.GetStringAsync("/debug/vars"))!;
        return vars["jobqueue"]!["jobLinesDropped"]!.GetValue<long>();
    }

    private static FormUrlEncodedContent Form(string name, string delay) => new([new("name", name), new("delay", delay)]);
}
