using Microsoft.Extensions.Time.Testing;

namespace JobQueue.Dispatcher.Tests.Diagnostics;

/// <summary>
/// A fake clock that also tells when a job's delay is armed. A worker counts a job as started just
/// before it sets its delay timer, so waiting for "busy" and then advancing could move the clock
/// before the timer exists; waiting for the timer itself cannot.
/// </summary>
internal sealed class JobClock(TimeSpan jobDelay) : FakeTimeProvider
{
    private int _armed;

    /// <summary>How many timers of exactly the jobs' delay were created so far.</summary>
    public int ArmedDelays => Volatile.Read(ref _armed);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        if (dueTime == jobDelay)
        {
            Interlocked.Increment(ref _armed);
        }

        return timer;
    }

    /// <summary>Waits (in real time, a few seconds at most) until <paramref name="count"/> job delays are armed.</summary>
    public async Task WaitForArmedDelaysAsync(int count)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        while (ArmedDelays < count)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{ArmedDelays} job delays armed, expected {count}");
            }

            await Task.Delay(5);
        }
    }
}
