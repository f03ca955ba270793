using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace JobQueue.Compare;

/// <summary>
/// The <c>compare</c> subcommand: starts both designs of this program (and the Go originals with
/// --with-go) as child processes on free loopback ports, sends each the gist's load over HTTP, follows
/// every job to its end, stops them with SIGTERM, and writes compare.md and compare.html.
/// </summary>
internal static partial class CompareRun
{
    /// <summary>The subcommand: Ctrl+C or SIGTERM stops the run and every server it started, and exits 130.</summary>
    public static async Task<int> RunAsync(CompareSettings settings, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.Cancel();
        }

        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        try
        {
            return (await RunAsync(settings, Console.Out, Console.Error, TimeProvider.System, stop.Token)).ExitCode;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync("compare: stopped; every server it started is stopped too");
            return 130;
        }
    }

    /// <summary>The run, with the report it wrote; the exit code is 1 when a server failed the load.</summary>
    public static async Task<(int ExitCode, Report Report)> RunAsync(
        CompareSettings settings, TextWriter output, TextWriter error, TimeProvider time, CancellationToken cancellationToken)
    {
        var scratch = Directory.CreateTempSubdirectory("jobqueue-compare-");
        try
        {
            var contenders = await ContendersAsync(settings, scratch.FullName, error, cancellationToken);
            var results = await RunServersAsync(contenders, settings, error, time, cancellationToken);
            var report = Report.Of(results, settings, "JobQueue.Dispatcher compare " + string.Join(' ', settings.ToArguments()), time.GetUtcNow());
            await File.WriteAllTextAsync(settings.Out, MarkdownReport.Write(report), cancellationToken);
            await File.WriteAllTextAsync(settings.HtmlOut, HtmlReport.Write(report), cancellationToken);

            await output.WriteLineAsync($"\n{report.Load}\n");
            foreach (var sentence in report.Sentences)
            {
                await output.WriteLineAsync($"- {sentence}");
            }

            await output.WriteLineAsync($"\n{report.Table.ToMarkdown()}");
            await output.WriteLineAsync($"table written to {settings.Out}, timeline to {settings.HtmlOut}");
            return (Failure(results) is { } failure ? Fail(error, failure) : 0, report);
        }
        finally
        {
            scratch.Delete(recursive: true);
        }
    }

    private static async Task<IReadOnlyList<Contender>> ContendersAsync(CompareSettings settings, string scratch, TextWriter error, CancellationToken cancellationToken)
    {
        List<Contender> contenders = [Contender.Mode("original", settings), Contender.Mode("refactored", settings)];
        if (settings.WithGo)
        {
            if (!GoOriginals.GoOnPath())
            {
                throw new InvalidOperationException("--with-go: no go on PATH (apt-get install golang-go)");
            }

            await error.WriteLineAsync($"compare: building the Go originals from {settings.GoSource}");
            foreach (var (name, program) in await GoOriginals.BuildAsync(settings.GoSource, scratch, cancellationToken))
            {
                contenders.Add(Contender.Go(name, program, FreePort(), settings));
            }
        }

        return contenders;
    }

    private static async Task<IReadOnlyList<ContenderResult>> RunServersAsync(
        IReadOnlyList<Contender> contenders, CompareSettings settings, TextWriter error, TimeProvider time, CancellationToken cancellationToken)
    {
        List<Server> servers = [];
        try
        {
            foreach (var contender in contenders)
            {
                servers.Add(Server.Start(contender, time));
            }

            foreach (var server in servers)
            {
                await server.ListenAsync(time, cancellationToken);
                await error.WriteLineAsync($"compare: {server.Contender.Name}: pid {server.Child.Id}, {server.Address}");
            }

            ContenderResult[] results;
            await using (Progress progress = new(error, time))
            {
                var counts = servers.Select(s => progress.Track(s.Contender.Name, settings.Jobs)).ToArray();
                Task<ContenderResult> Measure(int i) => LoadRun.MeasureAsync(servers[i], settings, time, counts[i], cancellationToken);
                if (settings.Concurrent)
                {
                    results = await Task.WhenAll(servers.Select((_, i) => Measure(i)));
                }
                else
                {
                    results = new ContenderResult[servers.Count];
                    for (var i = 0; i < servers.Count; i++)
                    {
                        results[i] = await Measure(i);
                    }
                }
            }

            // SIGTERM as Ctrl+C would: this program drains and prints its summary, a Go original just dies.
            var grace = (settings.ShutdownTimeout ?? TimeSpan.FromSeconds(30)) + TimeSpan.FromSeconds(10);
            var exitCodes = await Task.WhenAll(servers.Select(s => s.Child.StopAsync(grace)));
            return results.Select((r, i) => r with
            {
                ExitCode = exitCodes[i],
                Summary = SummaryOf(servers[i].Child.ErrorLines),
                CompletedLines = servers[i].Lines.CompletedCount,
            }).ToArray();
        }
        finally
        {
            foreach (var server in servers)
            {
                await server.DisposeAsync();
            }
        }
    }

    /// <summary>Why the run failed, or null: a POST unanswered, a server that did not drain, or one that did not stop cleanly.</summary>
    private static string? Failure(IReadOnlyList<ContenderResult> results)
    {
        foreach (var result in results)
        {
            if (result.Answers.FirstOrDefault(a => a.Status == 0) is { } unanswered)
            {
                return $"{result.Name}: {unanswered.Name} got no HTTP answer ({unanswered.Problem})";
            }

            if (!result.Drained)
            {
                return $"{result.Name}: {result.Jobs.Count(j => j.Finished is null)} accepted jobs had not ended within the time limit";
            }

            if (!result.IsGo && result.ExitCode != 0)
            {
                return $"{result.Name}: exit code {result.ExitCode} after SIGTERM, not 0";
            }
        }

        return null;
    }

    private static int Fail(TextWriter error, string reason)
    {
        error.WriteLine($"compare: {reason}");
        return 1;
    }

    // "shutdown: 9 accepted, 9 completed, 0 canceled, 0 never started" becomes 9/9/0/0.
    private static string? SummaryOf(IReadOnlyList<string> errorLines) =>
        errorLines.Select(l => Summary().Match(l)).LastOrDefault(m => m.Success) is { } m
            ? $"{m.Groups[1].Value}/{m.Groups[2].Value}/{m.Groups[3].Value}/{m.Groups[4].Value}"
            : null;

    // A Go original takes a port number only; the port is free now and very likely still free when it binds.
    private static int FreePort()
    {
        using TcpListener probe = new(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    [GeneratedRegex(@"^shutdown: (\d+) accepted, (\d+) completed, (\d+) canceled, (\d+) never started$")]
    private static partial Regex Summary();
}
