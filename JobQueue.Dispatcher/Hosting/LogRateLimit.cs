namespace JobQueue.Hosting;

/// <summary>
/// At most <see cref="LinesPerWindow"/> framework log lines per <see cref="Window"/>; the rest are
/// counted and reported in one notice before the next line written. A client that makes the framework log on every request then
/// costs a few short lines of standard error, however fast it sends. Not thread-safe: the logger
/// calls it under its lock.
/// </summary>
internal sealed class LogRateLimit(TimeProvider time)
{
    public const int LinesPerWindow = 5;

    public static readonly TimeSpan Window = TimeSpan.FromSeconds(10);

    private long _windowStart = long.MinValue;
    private int _taken;
    private long _dropped;

    /// <summary>
    /// True when a line may be written now; <paramref name="dropped"/> is then how many were refused
    /// since the last line written, to be reported first.
    /// </summary>
    public bool TryTake(out long dropped)
    {
        var now = time.GetTimestamp();
        if (_windowStart == long.MinValue || time.GetElapsedTime(_windowStart, now) >= Window)
        {
            _windowStart = now;
            _taken = 0;
        }

        if (_taken >= LinesPerWindow)
        {
            _dropped++;
            dropped = 0;
            return false;
        }

        _taken++;
        dropped = _dropped;
        _dropped = 0;
        return true;
    }

    public static string Notice(long dropped) =>
        $"warning: {dropped} more log lines like the ones above were dropped (at most {LinesPerWindow} every {Window.TotalSeconds:0}s)";
}
