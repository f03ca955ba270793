using System.CommandLine;
using System.CommandLine.Parsing;
using JobQueue.Compare;

namespace JobQueue.Cli;

/// <summary>
/// <c>compare</c>: run-load.sh --compare's options, parsed and checked here so that a bad value is one
/// line naming the flag, as for the server's own flags.
/// </summary>
internal static class CompareCommand
{
    public static Command Create(Func<CompareSettings, CancellationToken, Task<int>> runCompare)
    {
        var d = CompareSettings.Default;
        var jobs = CommandLine.Define("-n", ["--jobs"], "n", "jobs POSTed to each server, job1..jobN", Parsers.IntBetween(1, 10000), d.Jobs);
        var senders = CommandLine.Define("--parallel", [], "c",
            "concurrent senders, each POSTing its share one after the other over one connection", Parsers.IntBetween(1, 64), d.Senders);
        var rate = CommandLine.Define("--rate", [], "per-second",
            "POSTs per second, all senders together; 0: each as soon as its sender has the last answer", Parsers.Rate, d.Rate);
        var delay = CommandLine.Define("--delay", [], "duration|gist",
            "the same delay for every job, 1s to 10s; gist: the gist's i % 9 + 1 seconds", GistOrDelay, d.Delay ?? GistDelays);
        var workers = CommandLine.Define("--workers", ["--max-workers", "-max_workers", "--max_workers"], "n",
            "-max_workers of every server", Parsers.IntBetween(1, 10000), d.Workers);
        var queue = CommandLine.Define("--queue", ["--max-queue-size", "-max_queue_size", "--max_queue_size"], "n",
            "-max_queue_size of every server", Parsers.IntBetween(1, 1000000), d.QueueSize);
        var quiet = new Option<bool>("--quiet") { Description = "--quiet for this program's servers (no per-job lines)" };
        var shutdownTimeout = CommandLine.Define<TimeSpan?>("--shutdown-timeout", [], "duration",
            "--shutdown-timeout of this program's servers", r => Parsers.Duration(allowZero: true)(r), d.ShutdownTimeout);
        var concurrent = new Option<bool>("--concurrent") { Description = "load every server at the same time (faster; they share the CPU)" };
        var output = CommandLine.Define("--out", [], "file", "the Markdown report; the picture goes beside it as .html", Parsers.FileName, d.Out);
        var withGo = new Option<bool>("--with-go") { Description = "also the Go originals, built with go build (needs go on PATH)" };
        var goSource = CommandLine.Define("--go-source", [], "dir", "where the Go originals are", Parsers.FileName, d.GoSource);
        var timeLimit = CommandLine.Define<TimeSpan?>("--time-limit", [], "seconds",
            "how long after its first POST a server may take to run its jobs (default: enough for the load)",
            r => TimeSpan.FromSeconds(Parsers.IntBetween(1, 86400)(r)), d.TimeLimit);
        Argument<string[]> serverArgs = new("server-flags")
        {
            Description = "after --: further flags for this program's servers, passed as they are",
            Arity = ArgumentArity.ZeroOrMore,
        };

        var compare = new Command("compare",
            "both designs (and the Go originals) under the gist's load, side by side: compare.md and a timeline in compare.html")
        {
            jobs, senders, rate, delay, workers, queue, quiet, shutdownTimeout, concurrent, output, withGo, goSource, timeLimit, serverArgs,
        };
        compare.SetAction((result, cancellationToken) =>
        {
            // The argument takes any token it is given; only those after "--" are meant for the servers.
            var passed = result.Tokens.SkipWhile(t => t.Type != TokenType.DoubleDash).Skip(1).Select(t => t.Value).ToArray();
            if (result.GetResult(serverArgs)?.Tokens.FirstOrDefault(t => !passed.Contains(t.Value)) is { } stray)
            {
                result.InvocationConfiguration.Error.WriteLine($"Unrecognized command or argument '{stray.Value}'.");
                return Task.FromResult(CommandLine.UsageExitCode);
            }

            return runCompare(
                new CompareSettings(
                    result.GetValue(jobs), result.GetValue(senders), result.GetValue(rate), DelayOrGist(result.GetValue(delay)), result.GetValue(workers),
                    result.GetValue(queue), result.GetValue(quiet), result.GetValue(shutdownTimeout), result.GetValue(concurrent),
                    result.GetRequiredValue(output), result.GetValue(withGo), result.GetRequiredValue(goSource), result.GetValue(timeLimit), passed),
                cancellationToken);
        });
        return compare;
    }

    // "gist" stands for no one delay, which an option's parser cannot return as null.
    private static readonly TimeSpan GistDelays = TimeSpan.Zero;

    private static TimeSpan GistOrDelay(ArgumentResult result) =>
        result.Tokens[^1].Value == "gist" ? GistDelays : Parsers.JobDelay(result);

    private static TimeSpan? DelayOrGist(TimeSpan delay) => delay == GistDelays ? null : delay;
}
