using JobQueue.Threading;
using Microsoft.Extensions.Time.Testing;

namespace JobQueue.Tests.Support;

/// <summary>
/// A FakeTimeProvider that also tells when a timer is created, so a test can advance the clock right
/// after a worker starts its delay instead of sleeping and hoping it has; and when one is disposed,
/// so a test can see a wait freed without moving the clock.
/// </summary>
internal sealed class ObservedTimeProvider : FakeTimeProvider
{
    private readonly Lock _gate = new();
    private readonly List<(int Count, TaskCompletionSource Reached)> _createWaiters = [];
    private readonly List<(int Count, TaskCompletionSource Reached)> _disposeWaiters = [];
    private int _created;
    private int _disposed;

    public ObservedTimeProvider()
        : base(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero))
    {
    }

    public int TimersCreated
    {
        get
        {
            lock (_gate)
            {
                return _created;
            }
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        lock (_gate)
        {
            _created++;
            Release(_createWaiters, _created);
        }

        return new ObservedTimer(timer, this);
    }

    /// <summary>Completes once <paramref name="count"/> timers have been disposed since the start.</summary>
    public Task WhenTimersDisposed(int count) => WhenReached(_disposeWaiters, () => _disposed, count);

    private void OnDisposed()
    {
        lock (_gate)
        {
            _disposed++;
            Release(_disposeWaiters, _disposed);
        }
    }

    private static void Release(List<(int Count, TaskCompletionSource Reached)> waiters, int value)
    {
        foreach (var waiter in waiters.Where(w => w.Count <= value).ToList())
        {
            waiter.Reached.TrySetResult();
            waiters.Remove(waiter);
        }
    }

    private Task WhenReached(List<(int Count, TaskCompletionSource Reached)> waiters, Func<int> value, int count)
    {
        lock (_gate)
        {
            if (value() >= count)
            {
                return Task.CompletedTask;
            }

            var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            waiters.Add((count, reached));
            return reached.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }
    }

    private sealed class ObservedTimer(ITimer inner, ObservedTimeProvider owner) : ITimer
    {
        private readonly Once _disposed = new();

        public bool Change(TimeSpan dueTime, TimeSpan period) => inner.Change(dueTime, period);

        public void Dispose()
        {
            inner.Dispose();
            if (_disposed.First())
            {
                owner.OnDisposed();
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }

    /// <summary>Completes once <paramref name="count"/> timers have been created since the start.</summary>
    public Task WhenTimersCreated(int count) => WhenReached(_createWaiters, () => _created, count);
}
