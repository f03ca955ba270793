using System.Diagnostics;
using System.Net;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using JobQueue.Tests.Support;

namespace JobQueue.Tests.Lifecycle;

/// <summary>
/// The real program in its own process, stopped by real signals: SIGTERM drains and exits 0, a
/// second signal ends it at once with exit code 130; either way one summary accounts for every job.
/// </summary>
public sealed partial class SignalTests
{
    private const int SigTerm = 15;

    [Test]
    public async Task Sigterm_with_a_zero_timeout_cancels_the_running_job_and_exits_0()
    {
        await using var server = await ServerProcess.StartAsync("--shutdown-timeout", "0s");
        await server.PostJobsAsync(3);

        server.Signal(SigTerm);
        var exitCode = await server.ExitCodeAsync();

        Assert.That(exitCode, Is.EqualTo(0));
        Assert.That(server.Summaries(), Is.EqualTo(new[] { "shutdown: 3 accepted, 0 completed, 1 canceled, 2 never started" }));
    }

    [Test]
    public async Task A_second_signal_ends_the_drain_at_once_with_the_summary()
    {
        await using var server = await ServerProcess.StartAsync("--shutdown-timeout", "60s");
        await server.PostJobsAsync(3);

        server.Signal(SigTerm);
        await server.ErrorLine(l => l.Contains("shutting down:", StringComparison.Ordinal));
        server.Signal(SigTerm);
        var exitCode = await server.ExitCodeAsync();

        Assert.That(exitCode, Is.EqualTo(130));
        Assert.That(server.Summaries(), Is.EqualTo(new[] { "shutdown: 3 accepted, 0 completed, 1 canceled, 2 never started" }));
    }

    // .NET can send SIGKILL (Process.Kill) but not SIGTERM; libc's kill(2) can.
    [DllImport("libc", EntryPoint = "kill")]
    private static extern int Kill(int pid, int signal);

    [GeneratedRegex(@"^listening on (http://\S+)")]
    private static partial Regex Listening();

    /// <summary>The program as a user starts it: <c>dotnet JobQueue.Dispatcher.dll</c>, one worker, port 0.</summary>
    private sealed class ServerProcess : IAsyncDisposable
    {
        private readonly Process _process;
        private readonly LineRecorder _errors = new();

        private ServerProcess(Process process) => _process = process;

        public HttpClient Client { get; private set; } = null!;

        public static async Task<ServerProcess> StartAsync(params string[] flags)
        {
            var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true };
            start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "JobQueue.Dispatcher.dll"));
            foreach (var flag in (string[])["-port", "0", "-max_workers", "1", "--quiet", .. flags])
            {
                start.ArgumentList.Add(flag);
            }

            var server = new ServerProcess(Process.Start(start)!);
            server._process.ErrorDataReceived += (_, e) =>
            {
                if (e.Data is not null)
                {
                    server._errors.Write(e.Data + "\n");
                }
            };
            server._process.OutputDataReceived += (_, _) => { };
            server._process.BeginErrorReadLine();
            server._process.BeginOutputReadLine();
            await server._errors.WhenLine(l => Listening().IsMatch(l));
            var listening = server._errors.Lines.First(l => Listening().IsMatch(l));
            server.Client = new HttpClient { BaseAddress = new Uri(Listening().Match(listening).Groups[1].Value), Timeout = TimeSpan.FromSeconds(30) };
            return server;
        }

        public async Task PostJobsAsync(int count)
        {
            for (var i = 1; i <= count; i++)
            {
                using var response = await Client.PostAsync("/work", new FormUrlEncodedContent([new("name", $"job{i}"), new("delay", "10s")]));
                Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            }

            // The first job has started once GET says so; the other two wait behind it.
            for (var attempt = 0; attempt < 1000; attempt++)
            {
                if ((await Client.GetStringAsync("/work/1?wait=0s")).Contains("\"running\"", StringComparison.Ordinal))
                {
                    return;
                }
            }

            Assert.Fail("job1 never started");
        }

        public void Signal(int signal) => Assert.That(Kill(_process.Id, signal), Is.Zero);

        public async Task<int> ExitCodeAsync()
        {
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
            return _process.ExitCode;
        }

        public string[] Summaries() => _errors.Lines.Where(l => l.StartsWith("shutdown:", StringComparison.Ordinal)).ToArray();

        public Task ErrorLine(Func<string, bool> matches) => _errors.WhenLine(matches);

        public async ValueTask DisposeAsync()
        {
            Client?.Dispose();
            if (!_process.HasExited)
            {
                _process.Kill();
                await _process.WaitForExitAsync();
            }

            _process.Dispose();
        }
    }
}
