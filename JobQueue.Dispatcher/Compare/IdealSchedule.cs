namespace JobQueue.Compare;

/// <summary>
/// The makespan no queue can beat without knowing the future: each job, in the order it was accepted,
/// starts on the first worker free once it has arrived. It is what a perfect dispatcher would reach.
/// </summary>
internal static class IdealSchedule
{
    /// <param name="atArrivals">True: each job arrives when it was queued; false: every job is there at time zero.</param>
    public static TimeSpan Makespan(IReadOnlyList<TimedJob> jobs, int workers, bool atArrivals)
    {
        var free = new TimeSpan[workers];
        var end = TimeSpan.Zero;
        foreach (var job in jobs.OrderBy(j => j.Queued))
        {
            var best = 0;
            for (var w = 1; w < workers; w++)
            {
                if (free[w] < free[best])
                {
                    best = w;
                }
            }

            var start = atArrivals && job.Queued > free[best] ? job.Queued : free[best];
            free[best] = start + job.Delay;
            end = free[best] > end ? free[best] : end;
        }

        return end;
    }
}
