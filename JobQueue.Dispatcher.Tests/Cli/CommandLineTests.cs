using System.Net;
using JobQueue.Cli;
using JobQueue.Engine;
using JobQueue.Hosting;
using JobQueue.Standalone;

namespace JobQueue.Tests.Cli;

internal sealed class CommandLineTests
{
    [Test]
    public async Task No_arguments_run_the_server_with_its_defaults()
    {
        var run = await Run.With();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(run.ExitCode, Is.Zero);
            Assert.That(run.Server, Is.EqualTo(ServerSettings.Default));
            Assert.That(run.Standalone, Is.Null);
            Assert.That(run.Error, Is.Empty);
        }
    }

    [TestCase("-max_workers", "7")]
    [TestCase("-max_workers=7")]
    [TestCase("--max_workers", "7")]
    [TestCase("--max_workers=7")]
    [TestCase("--max-workers", "7")]
    [TestCase("--max-workers=7")]
    [TestCase("-max_workers:7")]
    public async Task Every_spelling_of_max_workers_is_read(params string[] args)
    {
        var run = await Run.With(args);

        Assert.That(run.Server, Is.EqualTo(ServerSettings.Default with { MaxWorkers = 7 }));
    }

    [TestCase("-max_queue_size", "3")]
    [TestCase("-max_queue_size=3")]
    [TestCase("--max_queue_size", "3")]
    [TestCase("--max-queue-size", "3")]
    public async Task Every_spelling_of_max_queue_size_is_read(params string[] args)
    {
        var run = await Run.With(args);

        Assert.That(run.Server, Is.EqualTo(ServerSettings.Default with { MaxQueueSize = 3 }));
    }

    [TestCase("-port", "9090")]
    [TestCase("-port=9090")]
    [TestCase("--port", "9090")]
    [TestCase("--port=9090")]
    public async Task Every_spelling_of_port_is_read(params string[] args)
    {
        var run = await Run.With(args);

        Assert.That(run.Server, Is.EqualTo(ServerSettings.Default with { Port = 9090 }));
    }

    [TestCase("0", 0)]
    [TestCase("65535", 65535)]
    public async Task The_ports_bounds_are_accepted(string value, int expected)
    {
        var run = await Run.With("--port", value);

        Assert.That(run.Server?.Port, Is.EqualTo(expected));
    }

    [TestCase("refactored", EngineMode.Refactored)]
    [TestCase("original", EngineMode.Original)]
    [TestCase("Refactored", EngineMode.Refactored)]
    public async Task The_mode_is_read_in_either_spelling(string value, EngineMode expected)
    {
        var dash = await Run.With("-mode", value);
        var kebab = await Run.With($"--mode={value}");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(dash.Server?.Mode, Is.EqualTo(expected));
            Assert.That(kebab.Server?.Mode, Is.EqualTo(expected));
        }
    }

    [TestCase("0.0.0.0", "0.0.0.0")]
    [TestCase("192.168.1.20", "192.168.1.20")]
    [TestCase("::1", "::1")]
    [TestCase("::", "::")]
    [TestCase("localhost", "127.0.0.1")]
    [TestCase("[::1]", "::1")]
    public async Task The_host_is_an_ip_address_or_localhost(string value, string expected)
    {
        var dash = await Run.With("-host", value);
        var kebab = await Run.With($"--host={value}");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(dash.Server?.Host, Is.EqualTo(IPAddress.Parse(expected)));
            Assert.That(kebab.Server?.Host, Is.EqualTo(IPAddress.Parse(expected)));
        }
    }

    [TestCase("0s", 0)]
    [TestCase("5s", 5_000)]
    [TestCase("1m30s", 90_000)]
    [TestCase("1.5s", 1_500)]
    public async Task The_shutdown_timeout_is_a_go_duration(string value, int milliseconds)
    {
        var run = await Run.With("--shutdown-timeout", value);

        Assert.That(run.Server?.ShutdownTimeout, Is.EqualTo(TimeSpan.FromMilliseconds(milliseconds)));
    }

    [TestCase("--quiet=false", false)]
    [TestCase("--quiet=true", true)]
    [TestCase("--quiet", true)]
    public async Task Quiet_takes_gos_boolean_form(string arg, bool expected)
    {
        var run = await Run.With(arg);

        Assert.That(run.Server?.Quiet, Is.EqualTo(expected));
    }

    [Test]
    public async Task A_bad_boolean_for_quiet_gets_one_line()
    {
        var run = await Run.With("--quiet=maybe");

        // A flag only takes true or false; anything else is left over as an unknown argument.
        run.AssertRejected("Unrecognized command or argument 'maybe'. See --help.");
    }

    [Test]
    public async Task A_repeated_flag_keeps_the_last_value_as_in_go()
    {
        var run = await Run.With("-max_workers", "2", "--max-workers=9");

        Assert.That(run.Server?.MaxWorkers, Is.EqualTo(9));
    }

    [Test]
    public async Task Every_server_flag_is_read_in_its_go_spelling()
    {
        var run = await Run.With(
            "-mode=refactored", "-max_workers=3", "-max_queue_size=4", "-port=0", "-host=0.0.0.0",
            "--shutdown-timeout=2s", "--quiet", "--history", "7");

        Assert.That(run.Server, Is.EqualTo(new ServerSettings(
            EngineMode.Refactored, 3, 4, 0, IPAddress.Any, TimeSpan.FromSeconds(2), Quiet: true, History: 7)));
    }

    [TestCase("--max-workers", "abc", "--max-workers: must be an integer from 1 to 100000, got 'abc'")]
    [TestCase("-max_workers", "0", "-max_workers: must be an integer from 1 to 100000, got '0'")]
    [TestCase("--max_workers", "-3", "--max_workers: must be an integer from 1 to 100000, got '-3'")]
    [TestCase("--max-workers", "1.5", "--max-workers: must be an integer from 1 to 100000, got '1.5'")]
    [TestCase("--max-workers", "100001", "--max-workers: must be an integer from 1 to 100000, got '100001'")]
    [TestCase("-max_workers", "10000000", "-max_workers: must be an integer from 1 to 100000, got '10000000'")]
    [TestCase("--max-workers", "99999999999", "--max-workers: must be an integer from 1 to 100000, got '99999999999'")]
    [TestCase("-max_queue_size", "x", "-max_queue_size: must be an integer >= 1, got 'x'")]
    [TestCase("--max-queue-size", "0", "--max-queue-size: must be an integer >= 1, got '0'")]
    [TestCase("--port", "-1", "--port: must be an integer from 0 to 65535, got '-1'")]
    [TestCase("-port", "65536", "-port: must be an integer from 0 to 65535, got '65536'")]
    [TestCase("--port", ":8080", "--port: must be an integer from 0 to 65535, got ':8080'")]
    [TestCase("--mode", "fast", "--mode: must be original or refactored, got 'fast'")]
    [TestCase("-host", "example.com", "-host: must be an IP address such as 127.0.0.1, 0.0.0.0 or ::1, got 'example.com'")]
    [TestCase("--host", "8080", "--host: must be an IP address such as 127.0.0.1, 0.0.0.0 or ::1, got '8080'")]
    [TestCase("--host", "127.1", "--host: must be an IP address such as 127.0.0.1, 0.0.0.0 or ::1, got '127.1'")]
    [TestCase("--shutdown-timeout", "-1s", "--shutdown-timeout: must be a duration from 0 to 24h such as 30s or 1m30s, got '-1s'")]
    [TestCase("--shutdown-timeout", "24h0m0.001s", "--shutdown-timeout: must be a duration from 0 to 24h such as 30s or 1m30s, got '24h0m0.001s'")]
    [TestCase("--shutdown-timeout", "1200h", "--shutdown-timeout: must be a duration from 0 to 24h such as 30s or 1m30s, got '1200h'")]
    [TestCase("--history", "0", "--history: must be an integer >= 1, got '0'")]
    [TestCase("--max-connections", "0", "--max-connections: must be an integer >= 1, got '0'")]
    [TestCase("--token", "", "--token: must be a token that is not empty, got ''")]
    public async Task A_bad_value_gets_one_line_naming_the_flag_and_the_rule(string flag, string value, string expected)
    {
        var run = await Run.With(flag, value);

        run.AssertRejected(expected);
    }

    [TestCase("30", "time: missing unit in duration \"30\"")]
    [TestCase("abc", "time: invalid duration \"abc\"")]
    [TestCase("5x", "time: unknown unit \"x\" in duration \"5x\"")]
    public async Task A_bad_duration_quotes_gos_reason(string value, string goError)
    {
        var run = await Run.With("--shutdown-timeout", value);

        run.AssertRejected($"--shutdown-timeout: must be a duration from 0 to 24h such as 30s or 1m30s, got '{value}' ({goError})");
    }

    [TestCase("--bogus", new[] { "--bogus" })]
    [TestCase("extra", new[] { "extra" })]
    [TestCase("2", new[] { "--port", "1", "2" })]
    public async Task An_unknown_option_or_argument_gets_one_line(string unknown, string[] args)
    {
        var run = await Run.With(args);

        run.AssertRejected($"Unrecognized command or argument '{unknown}'. See --help.");
    }

    [TestCase("--max-worker", "--max-workers")]
    [TestCase("-max_worker=5", "--max-workers")]
    [TestCase("--maxworkers", "--max-workers")]
    [TestCase("-max-queue_sze", "--max-queue-size")]
    [TestCase("--shutdown_timeout", "--shutdown-timeout")]
    [TestCase("-prot", "--port")]
    [TestCase("--Quiet", "--quiet")]
    [TestCase("standalon", "standalone")]
    public async Task A_mistyped_flag_names_the_nearest_option(string typed, string nearest)
    {
        var run = await Run.With(typed, "3");

        run.AssertRejected($"Unrecognized command or argument '{typed}'. Did you mean {nearest}? See --help.");
    }

    [Test]
    public async Task A_missing_value_gets_one_line()
    {
        var run = await Run.With("--max-workers");

        run.AssertRejected("Required argument missing for option: '--max-workers'.");
    }

    [Test]
    public async Task Of_several_errors_only_one_line_is_printed()
    {
        var run = await Run.With("--port", "x", "--max-workers", "0");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(run.ExitCode, Is.EqualTo(CommandLine.UsageExitCode));
            // Which one comes first is System.CommandLine's order (options as declared), not ours to pin.
            Assert.That(run.Error, Does.Match(@"^(--port|--max-workers): must be [^\n]*\n$"));
            Assert.That(run.Server, Is.Null);
        }
    }

    [Test]
    public async Task Control_characters_in_a_value_stay_on_one_line()
    {
        var run = await Run.With("--mode", "a\nb\u001b[2J");

        run.AssertRejected(@"--mode: must be original or refactored, got 'a\x0ab\x1b[2J'");
    }

    [TestCase("--help")]
    [TestCase("-h")]
    [TestCase("-help")]
    [TestCase("--max-workers", "abc", "--help")]
    public async Task Help_lists_every_option_with_its_go_alias_and_runs_nothing(params string[] args)
    {
        var run = await Run.With(args);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(run.ExitCode, Is.Zero);
            Assert.That(run.Server, Is.Null);
            Assert.That(run.Error, Is.Empty);
            Assert.That(run.Output, Does.Contain("--mode, -mode <original|refactored>"));
            Assert.That(run.Output, Does.Contain("--max-workers, -max_workers, --max_workers <n>"));
            Assert.That(run.Output, Does.Contain("--max-queue-size, -max_queue_size, --max_queue_size <n>"));
            Assert.That(run.Output, Does.Contain("--port, -port <port>"));
            Assert.That(run.Output, Does.Contain("--host, -host <ip>"));
            Assert.That(run.Output, Does.Contain("--shutdown-timeout <duration>"));
            Assert.That(run.Output, Does.Contain("--quiet"));
            Assert.That(run.Output, Does.Contain("--history <n>"));
            Assert.That(run.Output, Does.Contain("standalone"));
        }
    }

    [Test]
    public async Task A_token_is_taken_as_given_and_never_shown_in_help()
    {
        var given = await Run.With("--token", "s3cret");
        var help = await Run.With("--token", "s3cret", "--help");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(given.Server, Is.EqualTo(ServerSettings.Default with { Token = "s3cret" }));
            Assert.That(help.Output, Does.Contain("--token <token>"));
            Assert.That(help.Output, Does.Contain("require Authorization: Bearer <token> on every request but GET / [default: $JOBQUEUE_TOKEN]"));
            Assert.That(help.Output, Does.Not.Contain("s3cret"));
        }
    }

    [Test]
    public async Task Max_connections_are_taken_as_given_and_otherwise_left_to_the_open_file_limit()
    {
        var given = await Run.With("--max-connections", "50");
        var help = await Run.With("--help");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(given.Server, Is.EqualTo(ServerSettings.Default with { MaxConnections = 50 }));
            Assert.That(ServerSettings.Default.MaxConnections, Is.Null);
            Assert.That(help.Output, Does.Contain("--max-connections <n>"));
            Assert.That(help.Output, Does.Contain("client connections open at once [default: the open-file limit less 256]"));
        }
    }

    [Test]
    public async Task The_largest_values_allowed_are_accepted_and_stated_in_help()
    {
        var run = await Run.With("--max-workers", "100000", "--shutdown-timeout", "24h");
        var help = await Run.With("--help");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(run.Server, Is.EqualTo(ServerSettings.Default with { MaxWorkers = 100_000, ShutdownTimeout = TimeSpan.FromHours(24) }));
            Assert.That(help.Output, Does.Contain("number of workers, 1 to 100000 [default: 5]"));
            Assert.That(help.Output, Does.Contain("how long running jobs may take, at most 24h [default: 30s]"));
        }
    }

    [Test]
    public async Task Help_shows_the_defaults_as_they_are_typed()
    {
        var run = await Run.With("--help");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(run.Output, Does.Contain("[default: original]"));
            Assert.That(run.Output, Does.Contain("[default: 127.0.0.1]"));
            Assert.That(run.Output, Does.Contain("[default: 30s]"));
            Assert.That(run.Output, Does.Contain("[default: 8080]"));
        }
    }

    [Test]
    public async Task Standalone_help_lists_its_own_options()
    {
        var run = await Run.With("standalone", "--help");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(run.ExitCode, Is.Zero);
            Assert.That(run.Standalone, Is.Null);
            Assert.That(run.Output, Does.Contain("--jobs <n>"));
            Assert.That(run.Output, Does.Contain("--max-workers, -max_workers, --max_workers <n>"));
            Assert.That(run.Output, Does.Contain("--max-duration <duration>"));
            Assert.That(run.Output, Does.Contain("--seed <n>"));
            Assert.That(run.Output, Does.Contain("[default: 1s]"));
            Assert.That(run.Output, Does.Not.Contain("--port"));
        }
    }

    [Test]
    public async Task Standalone_alone_runs_with_its_defaults()
    {
        var run = await Run.With("standalone");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(run.ExitCode, Is.Zero);
            Assert.That(run.Standalone, Is.EqualTo(StandaloneSettings.Default));
            Assert.That(run.Server, Is.Null);
        }
    }

    [TestCase("-max_workers", "3")]
    [TestCase("-max_workers=3")]
    [TestCase("--max_workers", "3")]
    [TestCase("--max-workers", "3")]
    public async Task Standalone_reads_every_spelling_of_max_workers(params string[] args)
    {
        var run = await Run.With(["standalone", .. args]);

        Assert.That(run.Standalone, Is.EqualTo(StandaloneSettings.Default with { MaxWorkers = 3 }));
    }

    [TestCase("-7", -7)]
    [TestCase("0", 0)]
    public async Task A_standalone_seed_may_be_any_integer(string value, int expected)
    {
        var run = await Run.With("standalone", $"--seed={value}");

        Assert.That(run.Standalone?.Seed, Is.EqualTo(expected));
    }

    [TestCase("--jobs", "0", "--jobs: must be an integer >= 1, got '0'")]
    [TestCase("--jobs", "many", "--jobs: must be an integer >= 1, got 'many'")]
    [TestCase("-max_workers", "0", "-max_workers: must be an integer from 1 to 100000, got '0'")]
    [TestCase("--max-duration", "0s", "--max-duration: must be a duration > 0 such as 1s or 250ms, got '0s'")]
    [TestCase("--max-duration", "-1s", "--max-duration: must be a duration > 0 such as 1s or 250ms, got '-1s'")]
    [TestCase("--seed", "x", "--seed: must be an integer, got 'x'")]
    public async Task A_bad_standalone_value_gets_one_line(string flag, string value, string expected)
    {
        var run = await Run.With("standalone", flag, value);

        run.AssertRejected(expected);
    }

    [Test]
    public async Task Standalone_refuses_the_servers_flags()
    {
        var run = await Run.With("standalone", "--port", "80");

        run.AssertRejected("Unrecognized command or argument '--port'. See standalone --help.");
    }

    [Test]
    public async Task A_mistyped_standalone_flag_names_its_nearest_option()
    {
        var run = await Run.With("standalone", "--job", "5");

        run.AssertRejected("Unrecognized command or argument '--job'. Did you mean --jobs? See standalone --help.");
    }

    [Test]
    public async Task Cancellation_reaches_the_runner()
    {
        using var source = new CancellationTokenSource();
        var cancelled = false;

        // System.CommandLine hands the action a token linked to ours, not ours itself.
        await CommandLine.InvokeAsync(
            [],
            async (_, token) =>
            {
                await source.CancelAsync();
                cancelled = token.IsCancellationRequested;
                return 0;
            },
            (_, _) => Task.FromResult(0),
            TextWriter.Null,
            TextWriter.Null,
            source.Token);

        Assert.That(cancelled, Is.True);
    }

    [Test]
    public async Task The_runners_exit_code_is_the_process_exit_code()
    {
        var exitCode = await CommandLine.InvokeAsync(
            ["standalone"], (_, _) => Task.FromResult(0), (_, _) => Task.FromResult(3), TextWriter.Null, TextWriter.Null);

        Assert.That(exitCode, Is.EqualTo(3));
    }

    /// <summary>One invocation with fake runners that only record what they were given.</summary>
    private sealed record Run(int ExitCode, ServerSettings? Server, StandaloneSettings? Standalone, string Output, string Error)
    {
        public static async Task<Run> With(params string[] args)
        {
            ServerSettings? server = null;
            StandaloneSettings? standalone = null;
            using var output = new StringWriter();
            using var error = new StringWriter();

            var exitCode = await CommandLine.InvokeAsync(
                args,
                (settings, _) => { server = settings; return Task.FromResult(0); },
                (settings, _) => { standalone = settings; return Task.FromResult(0); },
                output,
                error);

            return new Run(exitCode, server, standalone, output.ToString(), error.ToString());
        }

        public void AssertRejected(string expectedLine)
        {
            using (Assert.EnterMultipleScope())
            {
                Assert.That(ExitCode, Is.EqualTo(CommandLine.UsageExitCode));
                Assert.That(Error, Is.EqualTo(expectedLine + Environment.NewLine), "exactly one line");
                Assert.That(Output, Is.Empty);
                Assert.That(Server, Is.Null, "server runner must not run");
                Assert.That(Standalone, Is.Null, "standalone runner must not run");
            }
        }
    }
}
