using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Parsing;
using System.Text;
using JobQueue.Compare;
using JobQueue.Hosting;
using JobQueue.Http;
using JobQueue.Postgres;
using JobQueue.Standalone;

namespace JobQueue.Cli;

/// <summary>
/// The Go programs' flags as one command line: no subcommand runs the HTTP server
/// (worker_original.go / worker_refactored.go), <c>standalone</c> runs worker_standalone.go, <c>compare</c>
/// runs both designs under the same load side by side.
/// Every option has a kebab-case name and the Go spellings as aliases.
/// </summary>
internal static class CommandLine
{
    /// <summary>Go's flag package exits 2 on a bad flag; scripts written for the Go program expect it.</summary>
    public const int UsageExitCode = 2;

    /// <summary>
    /// Each worker costs memory and start-up time, and far fewer than this already keep a machine busy:
    /// a mistyped "10000000" would otherwise take gigabytes and seconds before the first request. An idle
    /// worker is small enough that this many fit in the memory an idle Go server uses (BENCHMARKS.md).
    /// </summary>
    public const int MaxWorkersLimit = 100_000;

    /// <summary>
    /// Jobs last at most 10 s; a day is far beyond any sensible drain, and the runtime's timers end
    /// at about 49 days, past which a stop would fail instead of drain.
    /// </summary>
    public static readonly TimeSpan MaxShutdownTimeout = TimeSpan.FromHours(24);

    /// <summary>The exit code of a run that failed for a reason other than its flags.</summary>
    public const int FailureExitCode = 1;

    public static RootCommand Create(
        Func<ServerSettings, CancellationToken, Task<int>> runServer,
        Func<StandaloneSettings, CancellationToken, Task<int>> runStandalone,
        Func<CompareSettings, CancellationToken, Task<int>>? runCompare = null)
    {
        var server = ServerSettings.Default;
        var mode = Define("--mode", ["-mode"], "original|refactored",
            "original = worker_original.go (Dispatcher), refactored = worker_refactored.go",
            Parsers.Mode, server.Mode);
        var maxWorkers = MaxWorkers(server.MaxWorkers);
        var maxQueueSize = Define("--max-queue-size", ["-max_queue_size", "--max_queue_size"], "n",
            "jobs that may wait for a worker; a full queue answers 503", Parsers.IntAtLeast(1), server.MaxQueueSize);
        var port = Define("--port", ["-port"], "port",
            "TCP port to listen on; 0 picks a free one", Parsers.IntBetween(0, 65535), server.Port);
        var host = Define("--host", ["-host"], "ip",
            "address to bind, or localhost; 0.0.0.0 = every interface, as in Go", Parsers.Host, server.Host);
        var shutdownTimeout = Define("--shutdown-timeout", [], "duration",
            $"on Ctrl+C or SIGTERM, how long running jobs may take, at most {Parsers.Short(MaxShutdownTimeout)}",
            Parsers.Duration(allowZero: true, MaxShutdownTimeout), server.ShutdownTimeout);
        var quiet = new Option<bool>("--quiet") { Description = "no per-job console lines" };
        var history = Define("--history", [], "n",
            "finished jobs kept for lookup", Parsers.IntAtLeast(1), server.History);
        var token = Define("--token", [], "token",
            $"require Authorization: Bearer <token> on every request but GET / [default: ${BearerToken.Variable}]",
            Parsers.Token, Environment.GetEnvironmentVariable(BearerToken.Variable) is { Length: > 0 } fromEnvironment ? fromEnvironment : null);
        var maxConnections = Define("--max-connections", [], "n",
            $"client connections open at once [default: the open-file limit less {OpenFileLimit.Headroom}]",
            Parsers.OptionalIntAtLeast(1), server.MaxConnections);

        var postgres = Postgres();
        var node = Define("--node", ["-node"], "name",
            "shared queue: this node's name, shown in GET /work/{id} and /debug/vars (default host-pid)", Parsers.NodeName, server.Node);
        var rescueAfter = Define("--rescue-after", ["-rescue_after", "--rescue_after"], "duration",
            "shared queue: a node silent this long is dead; its running jobs go back to the queue", Parsers.Duration(allowZero: false), server.RescueAfter);
        var maxAttempts = Define("--max-attempts", ["-max_attempts", "--max_attempts"], "n",
            "shared queue: a job whose node died this many times ends failed", Parsers.IntAtLeast(1), server.MaxAttempts);
        var retention = Define("--retention", ["-retention"], "duration",
            "shared queue: how long finished jobs are kept", Parsers.Duration(allowZero: false), server.Retention);

        var root = new RootCommand("Job queues in Go, ported to .NET: POST /work queues a job for a pool of workers.")
        {
            mode, maxWorkers, maxQueueSize, port, host, shutdownTimeout, quiet, history, maxConnections, token,
            postgres, node, rescueAfter, maxAttempts, retention,
            CreateStandalone(runStandalone),
            CreateMigrate(),
            CompareCommand.Create(runCompare ?? CompareRun.RunAsync),
        };
        root.SetAction((result, cancellationToken) => runServer(
            new ServerSettings(
                result.GetValue(mode), result.GetValue(maxWorkers), result.GetValue(maxQueueSize), result.GetValue(port),
                result.GetRequiredValue(host), result.GetValue(shutdownTimeout), result.GetValue(quiet), result.GetValue(history),
                result.GetValue(maxConnections), result.GetValue(token))
            {
                Postgres = PostgresConnection.Choose(result.GetValue(postgres), Environment.GetEnvironmentVariable),
                Node = result.GetRequiredValue(node),
                RescueAfter = result.GetValue(rescueAfter),
                MaxAttempts = result.GetValue(maxAttempts),
                Retention = result.GetValue(retention),
            },
            cancellationToken));

        var help = root.Options.OfType<HelpOption>().Single();
        help.Aliases.Add("-help"); // Go's flag package answers -help as well as -h
        help.Action = new HelpWithAliases();
        return root;
    }

    /// <summary>
    /// Parses and runs. A parse error is reported as one line on <paramref name="error"/> and
    /// exits <see cref="UsageExitCode"/> without running anything; a run that fails is reported as
    /// one line "error: ..." and exits <see cref="FailureExitCode"/>.
    /// </summary>
    public static async Task<int> InvokeAsync(
        string[] args,
        Func<ServerSettings, CancellationToken, Task<int>> runServer,
        Func<StandaloneSettings, CancellationToken, Task<int>> runStandalone,
        TextWriter? output = null,
        TextWriter? error = null,
        CancellationToken cancellationToken = default,
        Func<CompareSettings, CancellationToken, Task<int>>? runCompare = null)
    {
        error ??= Console.Error;
        var parser = new ParserConfiguration
        {
            // No option is one letter long, and bundling would turn a mistyped "-max_worker" into
            // "-m -a -x ..." before reporting it.
            EnablePosixBundling = false,
            // Go has no "@file" arguments; without this, "--host @x" would try to read a file.
            ResponseFileTokenReplacer = null,
        };
        var parseResult = Create(runServer, runStandalone, runCompare).Parse(args, parser);

        // The default ParseErrorAction prints every error followed by the whole help text. The first
        // error alone says what to fix; --help is one command away.
        if (parseResult.Errors.Count > 0)
        {
            error.WriteLine(OneLine(FirstError(parseResult)));
            return UsageExitCode;
        }

        var invocation = new InvocationConfiguration
        {
            Output = output ?? Console.Out,
            Error = error,
            // The default (2 s) kills the process on SIGTERM while the host is still draining
            // jobs; the host handles Ctrl+C and SIGTERM itself.
            ProcessTerminationTimeout = null,
            // Failures are caught below instead, so that none reaches the user as a stack trace.
            EnableDefaultExceptionHandler = false,
        };
        try
        {
            return await parseResult.InvokeAsync(invocation, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception failure)
        {
            error.WriteLine(OneLine($"error: {failure.Message}"));
            return FailureExitCode;
        }
    }

    // An unknown token's error quotes it: that one also gets the nearest option and a pointer to --help.
    private static string FirstError(ParseResult parseResult)
    {
        var message = parseResult.Errors[0].Message;
        var unknown = parseResult.UnmatchedTokens.FirstOrDefault(t => message.EndsWith($"'{t}'.", StringComparison.Ordinal));
        return unknown is null ? message : UnknownToken.Describe(message, unknown, parseResult);
    }

    private static Command CreateStandalone(Func<StandaloneSettings, CancellationToken, Task<int>> runStandalone)
    {
        var defaults = StandaloneSettings.Default;
        var jobs = Define("--jobs", [], "n", "number of jobs to run", Parsers.IntAtLeast(1), defaults.Jobs);
        var maxWorkers = MaxWorkers(defaults.MaxWorkers);
        var maxDuration = Define("--max-duration", [], "duration",
            "each job lasts a random time in [0, max)", Parsers.Duration(allowZero: false), defaults.MaxDuration);
        var seed = Define<int?>("--seed", [], "n", "random seed, for a repeatable run", Parsers.OptionalInt, defaults.Seed);

        var standalone = new Command("standalone",
            "worker_standalone.go: random-length jobs on a worker pool, no HTTP; exits when all are done")
        {
            jobs, maxWorkers, maxDuration, seed,
        };
        standalone.SetAction((result, cancellationToken) => runStandalone(
            new StandaloneSettings(result.GetValue(jobs), result.GetValue(maxWorkers), result.GetValue(maxDuration), result.GetValue(seed)),
            cancellationToken));
        return standalone;
    }

    /// <summary><c>migrate --postgres ...</c>: the shared queue's schema changes alone, for operators who apply them apart from a deploy.</summary>
    private static Command CreateMigrate()
    {
        var postgres = Postgres();
        var migrate = new Command("migrate", "applies the shared queue's schema migrations to PostgreSQL and exits") { postgres };
        migrate.SetAction((result, cancellationToken) =>
            MigrateCommand.RunAsync(PostgresConnection.Choose(result.GetValue(postgres), Environment.GetEnvironmentVariable), Console.Error, cancellationToken));
        return migrate;
    }

    private static Option<string?> Postgres() =>
        Define<string?>("--postgres", ["-postgres"], "connection",
            $"the shared queue: an Npgsql connection string or postgres://user:pass@host:port/db; {PostgresConnection.EnvironmentVariable} when absent, PG* variables fill the gaps; without it the queue lives in memory",
            Parsers.Postgres, null);

    private static Option<int> MaxWorkers(int defaultValue) =>
        Define("--max-workers", ["-max_workers", "--max_workers"], "n",
            $"number of workers, 1 to {MaxWorkersLimit}", Parsers.IntBetween(1, MaxWorkersLimit), defaultValue);

    internal static Option<T> Define<T>(
        string name, string[] aliases, string helpName, string description, Func<ArgumentResult, T> parser, T defaultValue) =>
        new(name, aliases)
        {
            Description = description,
            HelpName = helpName,
            CustomParser = parser,
            DefaultValueFactory = _ => defaultValue,
            // Each occurrence still takes one value ("--port 1 2" is an error), but a repeated flag
            // is accepted and the parser keeps the last, as Go's flag package does.
            Arity = ArgumentArity.OneOrMore,
        };

    // Option values reach the message verbatim: keep a newline or an escape sequence in one from
    // breaking the single line or driving the terminal.
    private static string OneLine(string message)
    {
        if (!message.Any(char.IsControl))
        {
            return message;
        }

        var line = new StringBuilder(message.Length + 8);
        foreach (var c in message)
        {
            line.Append(char.IsControl(c) ? $"\\x{(int)c:x2}" : c);
        }

        return line.ToString();
    }
}
