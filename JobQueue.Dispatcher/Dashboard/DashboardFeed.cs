using System.Text.Json;
using JobQueue.Threading;

namespace JobQueue.Dashboard;

/// <summary>
/// One reading for every viewer: while anyone watches, the source is read at most ten times a second,
/// serialized once, and kept as the latest. Each viewer takes the latest whenever it is ready for
/// more, so a slow viewer skips readings instead of queueing them, and a vanished one holds nothing.
/// </summary>
internal sealed class DashboardFeed : IAsyncDisposable
{
    /// <summary>At most ten updates a second, per viewer.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Reading takes at most a fiftieth of the time: when readings take 20 ms, the next waits a second,
    /// so that when reading is slow (a shared queue counting a million waiting rows, 100 000 busy
    /// workers) the dashboard slows down instead of the server. The fastest of the last few readings
    /// counts, so that one slow one (the first, compiled just in time, or one that a garbage
    /// collection paused) does not stall the page.
    /// </summary>
    private const int ReadingShare = 50;

    /// <summary>
    /// Events sent a second, to all viewers together: up to this many viewers each gets ten a second,
    /// beyond it each gets fewer, so that a hundred open pages cost the server what twenty do.
    /// </summary>
    private const int ViewersAtFullRate = 20;

    /// <summary>An unchanged reading is sent again this often, so a viewer knows the server is there.</summary>
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(10);

    /// <summary>
    /// What one reading lists: as many lanes as the page draws with every worker shown, and the head of
    /// the queue that fits its box. Each reading goes to every viewer, so a smaller one is cheaper a hundredfold.
    /// </summary>
    public static readonly DashboardLimits Shown = new(Lanes: 64, Waiting: 20);

    private readonly IDashboardSource _source;
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Rates _rates = new();
    private TaskCompletionSource _published = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _watched = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Update? _latest;
    private int _viewers;
    private Task _reading = Task.CompletedTask;

    public DashboardFeed(IDashboardSource source, TimeProvider time)
    {
        _source = source;
        _time = time;
    }

    /// <summary>One serialized reading and its place in the sequence.</summary>
    internal sealed record Update(long Sequence, string Json);

    public int Viewers
    {
        get
        {
            lock (_lock)
            {
                return _viewers;
            }
        }
    }

    public void Start() => _reading = ReadAsync();

    /// <summary>A viewer: the feed reads the source only while at least one exists.</summary>
    public Viewer Watch()
    {
        lock (_lock)
        {
            if (_viewers++ == 0)
            {
                _watched.TrySetResult();
            }
        }

        return new Viewer(this);
    }

    /// <summary>The latest reading after <paramref name="seen"/>, as soon as there is one.</summary>
    public async Task<Update> NextAsync(long seen, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task published;
            lock (_lock)
            {
                if (_latest is { } latest && latest.Sequence > seen)
                {
                    return latest;
                }

                published = _published.Task;
            }

            await published.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _reading.ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task ReadAsync()
    {
        var token = _stop.Token;
        var sequence = 0L;
        var readings = new TimeSpan[3];
        var read = 0;
        var sentAt = DateTimeOffset.MinValue;
        string? last = null;
        try
        {
            while (true)
            {
                Task watched;
                lock (_lock)
                {
                    watched = _watched.Task;
                }

                await watched.WaitAsync(token).ConfigureAwait(false);
                var started = _time.GetTimestamp();
                var state = await _source.ReadAsync(Shown, token).ConfigureAwait(false);
                state = state with { PerSecond = _rates.Add(state.At, state.Totals) };

                // The reading's time always moves; only a change elsewhere, or the heartbeat, is news.
                var json = JsonSerializer.Serialize(state, DashboardJsonContext.Default.DashboardState);
                var news = JsonSerializer.Serialize(state with { At = default }, DashboardJsonContext.Default.DashboardState);
                if (news != last || state.At - sentAt >= Heartbeat || Latest is null)
                {
                    last = news;
                    sentAt = state.At;
                    Publish(new Update(++sequence, json));
                }

                readings[read++ % readings.Length] = _time.GetElapsedTime(started);
                var pause = Max(
                    Interval,
                    Interval * Math.Max(1.0, (double)Viewers / ViewersAtFullRate),
                    (read < readings.Length ? TimeSpan.Zero : readings.Min()) * ReadingShare);
                await Task.Delay(pause, _time, token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
        }
    }

    private static TimeSpan Max(params ReadOnlySpan<TimeSpan> values)
    {
        var max = TimeSpan.Zero;
        foreach (var value in values)
        {
            max = value > max ? value : max;
        }

        return max;
    }

    private Update? Latest
    {
        get
        {
            lock (_lock)
            {
                return _latest;
            }
        }
    }

    private void Publish(Update update)
    {
        TaskCompletionSource published;
        lock (_lock)
        {
            _latest = update;
            published = _published;
            _published = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        published.TrySetResult();
    }

    private void Unwatch()
    {
        lock (_lock)
        {
            if (--_viewers == 0)
            {
                // The next viewer gets a fresh reading, not one from before it came.
                _watched = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _latest = null;
            }
        }
    }

    /// <summary>Held for as long as one viewer's stream is open.</summary>
    internal sealed class Viewer(DashboardFeed feed) : IDisposable
    {
        private readonly Once _disposed = new();

        public void Dispose()
        {
            // A viewer disposed twice leaves once.
            if (_disposed.First())
            {
                feed.Unwatch();
            }
        }
    }
}
