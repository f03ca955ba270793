namespace JobQueue.Dashboard;

/// <summary>
/// Per-second rates from totals read over time: the change since the newest reading at least a second
/// old, so a rate moves smoothly at ten readings a second and falls to zero a second after the load stops.
/// </summary>
internal sealed class Rates
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(1);
    private readonly Queue<(DateTimeOffset At, JobTotals Totals)> _readings = new();

    public JobTotals Add(DateTimeOffset at, JobTotals totals)
    {
        // Keep the newest reading that is at least a window old, and everything after it.
        while (_readings.Count > 1 && at - _readings.ElementAt(1).At >= Window)
        {
            _readings.Dequeue();
        }

        _readings.Enqueue((at, totals));
        var (then, old) = _readings.Peek();
        var seconds = (at - then).TotalSeconds;
        if (seconds <= 0)
        {
            return new JobTotals(0, 0, 0, 0);
        }

        return new JobTotals(
            Per(totals.Accepted - old.Accepted),
            Per(totals.Rejected - old.Rejected),
            Per(totals.Completed - old.Completed),
            Per(totals.Canceled - old.Canceled));

        // A tenth is all a rate over a second of readings can tell.
        double Per(double change) => Math.Round(change / seconds, 1);
    }
}
