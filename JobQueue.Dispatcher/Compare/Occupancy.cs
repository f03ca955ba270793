namespace JobQueue.Compare;

/// <summary>How many jobs a server held over time, swept from each job's times.</summary>
internal static class Occupancy
{
    /// <summary>The queue depth as a step function: (time, jobs waiting from then on), starting at zero.</summary>
    public static IReadOnlyList<(TimeSpan At, int Depth)> QueueDepth(IEnumerable<TimedJob> jobs) =>
        Steps(jobs.Select(j => (j.Queued, j.LeftQueue)));

    /// <summary>The most jobs waiting or running at the same time: what the server had accepted and not yet finished.</summary>
    public static int PeakHeld(IEnumerable<TimedJob> jobs) =>
        Steps(jobs.Select(j => (j.Queued, j.Finished))).Select(s => s.Depth).DefaultIfEmpty(0).Max();

    // +1 where an interval opens, -1 where it closes (an open end never closes); a close before an open
    // at the same instant, so that a job handed straight on is not counted twice.
    private static List<(TimeSpan At, int Depth)> Steps(IEnumerable<(TimeSpan From, TimeSpan? To)> intervals)
    {
        var events = new List<(TimeSpan At, int Change)>();
        foreach (var (from, to) in intervals)
        {
            events.Add((from, +1));
            if (to is { } end)
            {
                events.Add((end, -1));
            }
        }

        events.Sort((a, b) => a.At != b.At ? a.At.CompareTo(b.At) : a.Change.CompareTo(b.Change));
        var steps = new List<(TimeSpan At, int Depth)> { (TimeSpan.Zero, 0) };
        var depth = 0;
        foreach (var (at, change) in events)
        {
            depth += change;
            if (steps[^1].At == at)
            {
                steps[^1] = (at, depth);
            }
            else
            {
                steps.Add((at, depth));
            }
        }

        return steps;
    }
}
