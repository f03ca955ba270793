using JobQueue.GoFormat;

namespace JobQueue.Hosting;

/// <summary>
/// The server's few log lines (shutdown progress, warnings), one plain line each on standard error,
/// written at once: the message, after <c>warning:</c> or <c>error:</c> where the level matters, with
/// no category or event id. The framework's console logger would add both, with a queue, a thread and
/// three formatters, all set up before the server can answer its first request.
/// </summary>
/// <remarks>
/// Standard error is reachable by clients: a framework message can quote what a request sent. So every
/// line has its control characters escaped and is cut to <see cref="MaxLineLength"/>, and the
/// framework's lines are rate-limited (<see cref="LogRateLimit"/>). The program's own lines are few and
/// never dropped.
/// </remarks>
internal sealed class StandardErrorLoggerProvider(TextWriter error, TimeProvider? time = null) : ILoggerProvider
{
    /// <summary>Enough for any line of the program's own; a longer one is cut and ends with "...".</summary>
    public const int MaxLineLength = 300;

    // The host logs a start that failed and then throws. The program reports that failure itself, in
    // one line that names its cause (WorkServer.RunAsync for the port, the command line for the rest),
    // so the host's line would be a second one.
    private const string HostCategory = "Microsoft.Extensions.Hosting.Internal.Host";
    private const int HostFailedToStart = 11;

    private readonly Lock _gate = new();
    private readonly LogRateLimit _frameworkLines = new(time ?? TimeProvider.System);

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private void Write(string category, LogLevel level, string text)
    {
        var line = OneShortLine(Level(level) + text);
        lock (_gate)
        {
            if (!IsProgram(category))
            {
                if (!_frameworkLines.TryTake(out var dropped))
                {
                    return;
                }

                if (dropped > 0)
                {
                    WriteLocked(LogRateLimit.Notice(dropped));
                }
            }

            WriteLocked(line);
        }
    }

    private void WriteLocked(string line)
    {
        error.Write(line + "\n");
        error.Flush();
    }

    private static bool IsProgram(string category) => category.StartsWith("JobQueue", StringComparison.Ordinal);

    // The framework's words are kept; only what makes a line more than one short line is changed.
    private static string OneShortLine(string text)
    {
        var line = ConsoleEscape.Escape(text);
        if (line.Length <= MaxLineLength)
        {
            return line;
        }

        var cut = MaxLineLength - 3;
        if (char.IsHighSurrogate(line[cut - 1]))
        {
            cut--;
        }

        return string.Concat(line.AsSpan(0, cut), "...");
    }

    private static string Level(LogLevel level) => level switch
    {
        LogLevel.Information => "",
        LogLevel.Warning => "warning: ",
        LogLevel.Error or LogLevel.Critical => "error: ",
        _ => "debug: ",
    };

    private sealed class Logger(StandardErrorLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (eventId.Id == HostFailedToStart && category == HostCategory)
            {
                return;
            }

            var reason = exception is null ? "" : $" ({exception.GetType().Name}: {exception.Message})";
            provider.Write(category, logLevel, formatter(state, exception) + reason);
        }
    }
}
