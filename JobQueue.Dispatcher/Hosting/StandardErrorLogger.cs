namespace JobQueue.Hosting;

/// <summary>
/// The server's few log lines (shutdown progress, warnings), one line each on standard error, written
/// at once. The framework's console logger would do the same with a queue, a thread and three
/// formatters, all set up before the server can answer its first request.
/// </summary>
internal sealed class StandardErrorLoggerProvider(TextWriter error) : ILoggerProvider
{
    // The host logs a start that failed and then throws. The program reports that failure itself, in
    // one line that names its cause (WorkServer.RunAsync for the port, the command line for the rest),
    // so the host's line would be a second one.
    private const string HostCategory = "Microsoft.Extensions.Hosting.Internal.Host";
    private const int HostFailedToStart = 11;

    private readonly Lock _gate = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private void Write(string line)
    {
        lock (_gate)
        {
            error.WriteLine(line);
            error.Flush();
        }
    }

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

            // The same shape as the console logger's single-line format: "info: Category[1] message".
            var message = formatter(state, exception);
            var reason = exception is null ? "" : $" ({exception.GetType().Name}: {exception.Message})";
            provider.Write($"{Level(logLevel)}: {category}[{eventId.Id}] {message}{reason}".ReplaceLineEndings(" "));
        }

        private static string Level(LogLevel level) => level switch
        {
            LogLevel.Trace => "trce",
            LogLevel.Debug => "dbug",
            LogLevel.Information => "info",
            LogLevel.Warning => "warn",
            LogLevel.Error => "fail",
            _ => "crit",
        };
    }
}
