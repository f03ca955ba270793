namespace JobQueue.Engine;

/// <summary>
/// What a worker does with one job in every program of the gist: print "started", sleep for the
/// delay, print "completed". Here the sleep runs on the injected TimeProvider and can be cut short.
/// </summary>
internal static class JobRunner
{
    public static async ValueTask RunAsync(JobTracker tracker, int worker, Job job)
    {
        if (!tracker.TryStart(worker, job))
        {
            return; // canceled while it waited in a queue: it never starts
        }

        var canceled = false;
        if (job.DelayNanoseconds > 0)
        {
            try
            {
                await Task.Delay(job.Delay, tracker.Time, job.RunToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                canceled = true;
            }
        }

        tracker.Finish(worker, job, canceled);
    }
}
