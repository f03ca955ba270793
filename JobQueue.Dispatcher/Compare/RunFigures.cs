namespace JobQueue.Compare;

/// <summary>What the table and the sentences say about one server, computed from its jobs' times.</summary>
/// <param name="PeakHeld">The most jobs waiting or running at once.</param>
/// <param name="Makespan">First POST to the last job's end; null when not every job ended.</param>
/// <param name="PerWorker">Jobs started and time busy, for worker 1..N in order.</param>
internal sealed record RunFigures(
    ContenderResult Run,
    int PeakHeld,
    TimeSpan? Makespan,
    TimeSpan IdealAllAtOnce,
    TimeSpan IdealAtArrivals,
    TimeSpan? QueueWaitP50,
    TimeSpan? QueueWaitP99,
    TimeSpan? QueueWaitMax,
    IReadOnlyList<(int Jobs, TimeSpan Busy)> PerWorker)
{
    public static RunFigures Of(ContenderResult run, int workers)
    {
        var jobs = run.Jobs;
        var waits = jobs.Where(j => j.QueueWait is not null).Select(j => j.QueueWait!.Value).Order().ToArray();
        var perWorker = Enumerable.Range(1, workers)
            .Select(w => jobs.Where(j => j.Worker == w && j.Started is not null).ToArray())
            .Select(ran => (ran.Length, Busy: ran.Aggregate(TimeSpan.Zero, (sum, j) => sum + ((j.Finished ?? j.Started!.Value) - j.Started!.Value))))
            .ToArray();
        return new RunFigures(
            run,
            Occupancy.PeakHeld(jobs),
            run.Drained && jobs.Count > 0 ? jobs.Max(j => j.Finished!.Value) : null,
            IdealSchedule.Makespan(jobs, workers, atArrivals: false),
            IdealSchedule.Makespan(jobs, workers, atArrivals: true),
            Percentile(waits, 0.50),
            Percentile(waits, 0.99),
            waits.Length == 0 ? null : waits[^1],
            perWorker);
    }

    /// <summary>Nearest rank over every sample: exact, as the client saw each job.</summary>
    private static TimeSpan? Percentile(TimeSpan[] sorted, double q) =>
        sorted.Length == 0 ? null : sorted[Math.Max(0, (int)Math.Ceiling(q * sorted.Length) - 1)];
}
