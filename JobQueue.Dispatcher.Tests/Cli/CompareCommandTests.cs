using JobQueue.Cli;
using JobQueue.Compare;

namespace JobQueue.Tests.Cli;

/// <summary>The compare subcommand's flags: run-load.sh --compare's spellings, and one line for a bad value.</summary>
internal sealed class CompareCommandTests
{
    [Test]
    public async Task Compare_alone_runs_the_default_load()
    {
        var (exitCode, settings, error) = await Run("compare");

        Assert.That(exitCode, Is.Zero, error);
        Assert.That(settings!.ToArguments(), Is.EqualTo(CompareSettings.Default.ToArguments()));
        Assert.That(settings.Out, Is.EqualTo("compare.md"));
        Assert.That(settings.HtmlOut, Is.EqualTo("compare.html"));
    }

    [Test]
    public async Task Every_option_reaches_the_settings_with_the_go_spellings_too()
    {
        var (exitCode, settings, error) = await Run(
            "compare", "-n", "12", "--parallel", "3", "--rate", "2.5", "--delay", "gist", "-max_workers", "2", "-max_queue_size", "7",
            "--quiet", "--shutdown-timeout", "5s", "--concurrent", "--out", "out/x.md", "--with-go", "--go-source", "/go", "--time-limit", "90",
            "--", "--history", "50");

        Assert.That(exitCode, Is.Zero, error);
        Assert.That(settings, Is.Not.Null);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(settings!.Jobs, Is.EqualTo(12));
            Assert.That(settings.Senders, Is.EqualTo(3));
            Assert.That(settings.Rate, Is.EqualTo(2.5));
            Assert.That(settings.Delay, Is.Null, "gist: i % 9 + 1 seconds");
            Assert.That(settings.DelayOf(8), Is.EqualTo(TimeSpan.FromSeconds(9)));
            Assert.That(settings.Workers, Is.EqualTo(2));
            Assert.That(settings.QueueSize, Is.EqualTo(7));
            Assert.That(settings.Quiet, Is.True);
            Assert.That(settings.ShutdownTimeout, Is.EqualTo(TimeSpan.FromSeconds(5)));
            Assert.That(settings.Concurrent, Is.True);
            Assert.That(settings.HtmlOut, Is.EqualTo(Path.Combine("out", "x.html")));
            Assert.That(settings.WithGo, Is.True);
            Assert.That(settings.GoSource, Is.EqualTo("/go"));
            Assert.That(settings.TimeLimit, Is.EqualTo(TimeSpan.FromSeconds(90)));
            Assert.That(settings.ServerArgs, Is.EqualTo(new[] { "--history", "50" }));
        }
    }

    [TestCase("-n", "0", "-n: must be an integer from 1 to 10000, got '0'")]
    [TestCase("--parallel", "65", "--parallel: must be an integer from 1 to 64, got '65'")]
    [TestCase("--rate", "fast", "--rate: must be a number from 0 to 100000, got 'fast'")]
    [TestCase("--delay", "11s", "--delay: must be a duration from 1s to 10s, as POST /work takes it, got '11s'")]
    [TestCase("--delay", "5", "--delay: must be a duration from 1s to 10s, as POST /work takes it, got '5' (time: missing unit in duration \"5\")")]
    [TestCase("--workers", "abc", "--workers: must be an integer from 1 to 10000, got 'abc'")]
    [TestCase("-max_queue_size", "0", "-max_queue_size: must be an integer from 1 to 1000000, got '0'")]
    [TestCase("--time-limit", "0", "--time-limit: must be an integer from 1 to 86400, got '0'")]
    public async Task A_bad_value_is_one_line_naming_the_flag_and_runs_nothing(string flag, string value, string line)
    {
        var (exitCode, settings, error) = await Run("compare", flag, value);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(exitCode, Is.EqualTo(CommandLine.UsageExitCode));
            Assert.That(error, Is.EqualTo(line + Environment.NewLine));
            Assert.That(settings, Is.Null);
        }
    }

    [Test]
    public async Task A_running_server_flag_is_refused_for_compare()
    {
        var (exitCode, settings, error) = await Run("compare", "--port", "8080");

        Assert.That(exitCode, Is.EqualTo(CommandLine.UsageExitCode));
        Assert.That(error, Is.EqualTo("Unrecognized command or argument '--port'." + Environment.NewLine));
        Assert.That(settings, Is.Null);
    }

    private static async Task<(int ExitCode, CompareSettings? Settings, string Error)> Run(params string[] args)
    {
        CompareSettings? settings = null;
        using StringWriter error = new();
        var exitCode = await CommandLine.InvokeAsync(
            args,
            (_, _) => Task.FromResult(0),
            (_, _) => Task.FromResult(0),
            TextWriter.Null,
            error,
            runCompare: (s, _) =>
            {
                settings = s;
                return Task.FromResult(0);
            });
        return (exitCode, settings, error.ToString());
    }
}
