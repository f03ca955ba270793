using JobQueue.Hosting;
using JobQueue.Tests.Support;
using Microsoft.Extensions.Logging;

namespace JobQueue.Tests.Hosting;

/// <summary>
/// Standard error gets one plain, short line per log message: no category prefix, no control
/// characters, and the framework's lines (which can quote what a client sent) rate-limited.
/// </summary>
public sealed class StandardErrorLoggerTests
{
    private LineRecorder _error = null!;
    private ObservedTimeProvider _time = null!;
    private StandardErrorLoggerProvider _provider = null!;

    [SetUp]
    public void Create()
    {
        _error = new LineRecorder();
        _time = new ObservedTimeProvider();
        _provider = new StandardErrorLoggerProvider(_error, _time);
    }

    [TearDown]
    public void Dispose()
    {
        _provider.Dispose();
        _error.Dispose();
    }

    [Test]
    public void A_line_is_the_message_with_the_level_as_a_word_only_for_warnings_and_errors()
    {
        var logger = _provider.CreateLogger("JobQueue.Hosting.EngineService");

        logger.LogInformation(new EventId(1), "shutting down: {Queued} queued", 3);
        logger.LogWarning(new EventId(2), "shutdown timeout of {Timeout} reached", "30s");
        logger.LogError(new EventId(3), new IOException("disk gone"), "could not write");

        Assert.That(_error.Lines, Is.EqualTo(new[]
        {
            "shutting down: 3 queued",
            "warning: shutdown timeout of 30s reached",
            "error: could not write (IOException: disk gone)",
        }));
    }

    [Test]
    public void Control_characters_are_escaped_and_a_long_line_is_cut()
    {
        var logger = _provider.CreateLogger("Microsoft.AspNetCore.Server.Kestrel");
        var boundary = "\u001b[2J\u001b]0;owned\u0007\r\nfail: forged line" + new string('\u001b', 30_000);

        logger.LogError(new EventId(13), new ArgumentOutOfRangeException("bufferSize", "the boundary: " + boundary), "An unhandled exception was thrown by the application.");

        Assert.That(_error.Lines, Has.Count.EqualTo(1));
        var line = _error.Lines[0];
        Assert.That(line, Does.StartWith("error: An unhandled exception was thrown by the application. (ArgumentOutOfRangeException: the boundary: \\x1b[2J\\x1b]0;owned\\a\\r\\nfail: forged line\\x1b"));
        Assert.That(line, Has.Length.EqualTo(StandardErrorLoggerProvider.MaxLineLength).And.EndWith("..."));
        Assert.That(line.Any(char.IsControl), Is.False);
    }

    [Test]
    public void Startup_failures_the_caller_reports_itself_are_not_logged_twice()
    {
        var logger = _provider.CreateLogger("Microsoft.Extensions.Hosting.Internal.Host");

        logger.LogError(new EventId(11, "HostedServiceStartupFaulted"), new IOException("address already in use"), "Hosting failed to start");

        Assert.That(_error.Text, Is.Empty);
    }

    [Test]
    public void A_flood_of_framework_lines_writes_a_few_then_one_notice_of_what_was_dropped()
    {
        var kestrel = _provider.CreateLogger("Microsoft.AspNetCore.Server.Kestrel");
        for (var i = 1; i <= 1000; i++)
        {
            kestrel.LogWarning("bad request {N}", i);
        }

        _time.Advance(LogRateLimit.Window);
        kestrel.LogWarning("bad request {N}", 1001);

        Assert.That(_error.Lines, Is.EqualTo(new[]
        {
            "warning: bad request 1",
            "warning: bad request 2",
            "warning: bad request 3",
            "warning: bad request 4",
            "warning: bad request 5",
            "warning: 995 more log lines like the ones above were dropped (at most 5 every 10s)",
            "warning: bad request 1001",
        }));
    }

    [Test]
    public void The_programs_own_lines_are_never_dropped()
    {
        var kestrel = _provider.CreateLogger("Microsoft.AspNetCore.Server.Kestrel");
        var program = _provider.CreateLogger("JobQueue.Hosting.EngineService");
        for (var i = 1; i <= 100; i++)
        {
            kestrel.LogWarning("noise {N}", i);
        }

        for (var i = 1; i <= 100; i++)
        {
            program.LogInformation("line {N}", i);
        }

        Assert.That(_error.Lines.Count(l => l.StartsWith("line ", StringComparison.Ordinal)), Is.EqualTo(100));
    }
}
