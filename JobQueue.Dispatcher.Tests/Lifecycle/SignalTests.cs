using System.Net;
using JobQueue.Hosting;
using JobQueue.Tests.Support;

namespace JobQueue.Tests.Lifecycle;

/// <summary>
/// The real program in its own process, stopped by real signals: SIGTERM drains and exits 0, a
/// second signal ends it at once with exit code 130; either way one summary accounts for every job.
/// </summary>
public sealed class SignalTests
{
    [Test]
    public async Task Sigterm_with_a_zero_timeout_cancels_the_running_job_and_exits_0()
    {
        await using var server = await StartServerAsync("--shutdown-timeout", "0s");

        server.Signal(ProgramProcess.SigTerm);
        var exitCode = await server.ExitCodeAsync();

        Assert.That(exitCode, Is.EqualTo(0));
        Assert.That(Summaries(server), Is.EqualTo(new[] { "shutdown: 3 accepted, 0 completed, 1 canceled, 2 never started" }));
    }

    [Test]
    public async Task A_second_signal_ends_the_drain_at_once_with_the_summary()
    {
        await using var server = await StartServerAsync("--shutdown-timeout", "60s");

        server.Signal(ProgramProcess.SigTerm);
        await server.Error.WhenLine(l => l.Contains("shutting down:", StringComparison.Ordinal));
        await Task.Delay(SignalLifetime.SameRequest + TimeSpan.FromMilliseconds(200)); // a second request, not the first one passed on
        server.Signal(ProgramProcess.SigTerm);
        var exitCode = await server.ExitCodeAsync();

        Assert.That(exitCode, Is.EqualTo(130));
        Assert.That(Summaries(server), Is.EqualTo(new[] { "shutdown: 3 accepted, 0 completed, 1 canceled, 2 never started" }));
    }

    [Test]
    public async Task A_sigterm_to_the_process_group_that_a_parent_passes_on_is_one_request_and_drains()
    {
        // sh stands for `dotnet run` or a supervisor: it passes the SIGTERM it gets on to the program,
        // which the signal to the group has reached already.
        await using var server = ProgramProcess.Start(
            ["-port", "0", "-max_workers", "1", "--quiet", "--shutdown-timeout", "30s"],
            shell: "\"$@\" & child=$!; trap 'kill -TERM $child' TERM; wait $child; wait $child",
            ownGroup: true);
        var client = await server.ListeningAsync();
        using var created = await client.PostAsync("/work", new FormUrlEncodedContent([new("name", "job1"), new("delay", "1s")]));
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created));

        server.SignalGroup(ProgramProcess.SigTerm);
        var exitCode = await server.ExitCodeAsync();

        Assert.That(exitCode, Is.Zero);
        Assert.That(Summaries(server), Is.EqualTo(new[] { "shutdown: 1 accepted, 1 completed, 0 canceled, 0 never started" }));
    }

    /// <summary>One worker on port 0, running job1 of 10 s while job2 and job3 wait behind it.</summary>
    private static async Task<ProgramProcess> StartServerAsync(params string[] flags)
    {
        var server = ProgramProcess.Start(["-port", "0", "-max_workers", "1", "--quiet", .. flags]);
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri(await server.WhenListeningAsync()), Timeout = TimeSpan.FromSeconds(30) };
            for (var i = 1; i <= 3; i++)
            {
                using var response = await client.PostAsync("/work", new FormUrlEncodedContent([new("name", $"job{i}"), new("delay", "10s")]));
                Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            }

            // The first job has started once GET says so.
            var attempts = 0;
            while (!(await client.GetStringAsync("/work/1?wait=0s")).Contains("\"running\"", StringComparison.Ordinal))
            {
                Assert.That(++attempts, Is.LessThan(1000), "job1 never started");
            }

            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    private static string[] Summaries(ProgramProcess server) =>
        [.. server.Error.Lines.Where(l => l.StartsWith("shutdown:", StringComparison.Ordinal))];
}
