using JobQueue.Dashboard;
using JobQueue.Tests.Support;

namespace JobQueue.Tests.Dashboard;

/// <summary>
/// The feed behind GET /work/events: one reading for every viewer, at most ten a second, none while
/// nobody watches, and a slow viewer gets the latest reading rather than a backlog.
/// </summary>
public sealed class DashboardFeedTests
{
    [Test]
    public async Task Nothing_is_read_while_nobody_watches()
    {
        var (feed, source, time) = Start();
        await using var _ = feed;
        time.Advance(TimeSpan.FromSeconds(5));

        // The first viewer's first update is the first reading ever made.
        using var viewer = feed.Watch();
        var first = await feed.NextAsync(0, CancellationToken.None);

        Assert.That(first.Json, Does.Contain("\"accepted\":1,"));
    }

    [Test]
    public async Task A_slow_viewer_gets_the_latest_reading_not_a_backlog()
    {
        var (feed, source, time) = Start();
        await using var _ = feed;
        using var viewer = feed.Watch();
        var first = await feed.NextAsync(0, CancellationToken.None);

        // Three more readings, each different, while this viewer does not ask.
        for (var read = 2; read <= 4; read++)
        {
            await time.WhenTimersCreated(read - 1); // the feed waits for its next turn
            time.Advance(DashboardFeed.Interval);
            await source.WhenReadAsync(read);
        }

        var next = await feed.NextAsync(first.Sequence, CancellationToken.None);

        Assert.That(first.Sequence, Is.EqualTo(1));
        Assert.That(next.Sequence, Is.EqualTo(4), "the latest, skipping 2 and 3");
        Assert.That(next.Json, Does.Contain("\"accepted\":4"));
    }

    [Test]
    public async Task A_hundred_viewers_get_two_readings_a_second_as_twenty_would_get_ten()
    {
        var (feed, source, time) = Start();
        await using var _ = feed;
        var viewers = Enumerable.Range(0, 100).Select(_ => feed.Watch()).ToArray();
        await source.WhenReadAsync(1);
        await time.WhenTimersCreated(1);

        time.Advance(TimeSpan.FromMilliseconds(499));
        Assert.That(source.Reads, Is.EqualTo(1), "not before half a second");
        time.Advance(TimeSpan.FromMilliseconds(1));
        await source.WhenReadAsync(2);

        foreach (var viewer in viewers)
        {
            viewer.Dispose();
        }
    }

    [Test]
    public async Task Once_the_last_viewer_leaves_the_reading_stops()
    {
        var (feed, source, time) = Start();
        await using var _ = feed;
        var viewer = feed.Watch();
        var first = await feed.NextAsync(0, CancellationToken.None);

        viewer.Dispose();
        Assert.That(feed.Viewers, Is.Zero);
        await time.WhenTimersCreated(1);
        time.Advance(TimeSpan.FromSeconds(5));

        // The next viewer gets a fresh reading, the second ever: none was made while nobody watched.
        using var next = feed.Watch();
        var fresh = await feed.NextAsync(first.Sequence, CancellationToken.None);

        Assert.That(fresh.Json, Does.Contain("\"accepted\":2,"));
        Assert.That(source.Reads, Is.EqualTo(2));
    }

    private static (DashboardFeed Feed, CountingSource Source, ObservedTimeProvider Time) Start()
    {
        var time = new ObservedTimeProvider();
        var source = new CountingSource(time);
        var feed = new DashboardFeed(source, time);
        feed.Start();
        return (feed, source, time);
    }

    /// <summary>A source whose every reading differs (accepted = the number of the reading), and says when it was read.</summary>
    private sealed class CountingSource(TimeProvider time) : IDashboardSource
    {
        private readonly Lock _gate = new();
        private readonly List<(int Count, TaskCompletionSource Reached)> _waiters = [];
        private int _reads;

        public int Reads
        {
            get
            {
                lock (_gate)
                {
                    return _reads;
                }
            }
        }

        public ValueTask<DashboardState> ReadAsync(DashboardLimits shown, CancellationToken cancellationToken)
        {
            int reads;
            lock (_gate)
            {
                reads = ++_reads;
                foreach (var waiter in _waiters.Where(w => w.Count <= reads).ToList())
                {
                    waiter.Reached.TrySetResult();
                    _waiters.Remove(waiter);
                }
            }

            var none = new JobTotals(0, 0, 0, 0);
            var zero = new LatencyView(0, 0, 0, 0);
            return ValueTask.FromResult(new DashboardState(
                time.GetUtcNow(), "original", 1, [], [], 0, new JobTotals(reads, 0, 0, 0), none, zero, zero, []));
        }

        public Task WhenReadAsync(int count)
        {
            lock (_gate)
            {
                if (_reads >= count)
                {
                    return Task.CompletedTask;
                }

                var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _waiters.Add((count, reached));
                return reached.Task.WaitAsync(TimeSpan.FromSeconds(10));
            }
        }
    }
}
