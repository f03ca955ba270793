using JobQueue.Output;
using JobQueue.Queue;

namespace JobQueue.Engine;

/// <summary>
/// What a worker does with one job in both HTTP programs of the gist: print "started", sleep for the
/// delay, print "completed". Here the sleep runs on the injected clock and can be cut short, by a
/// DELETE or by a shutdown that ran out of time, and the queue records each step.
/// </summary>
internal sealed class JobRunner(IJobQueue jobQueue, JobCounters counters, JobConsole console, TimeProvider time, StartedLine startedLine)
{
    private readonly CancellationTokenSource _cutOff = new();

    /// <summary>Shutdown ran out of time: every running job's delay ends now, and a job started from now on ends at once.</summary>
    public void CutOff() => _cutOff.Cancel();

    public async Task RunAsync(int worker, Job job)
    {
        var started = time.GetUtcNow();
        if (!await jobQueue.StartAsync(job, worker, started).ConfigureAwait(false))
        {
            return; // canceled after it was taken: it never starts
        }

        counters.Started(started - job.EnqueuedAt);
        console.WriteLine((startedLine, worker, job), static s => GoLines.Started(s.startedLine, s.worker, s.job));

        var outcome = JobOutcome.Completed;
        try
        {
            // Go's time.Sleep pauses for at least the duration. A .NET timer counts coarse milliseconds
            // and may fire a little early by the clock the job's times are read from: sleep the rest.
            CancellationToken? run = null;
            for (var left = job.Delay; left > TimeSpan.Zero; left = job.Delay - (time.GetUtcNow() - started))
            {
                // Made when there is a delay to wait, not before: a job with nothing to wait has nothing to cut short.
                run ??= job.BeginRun(_cutOff.Token);
                await Task.Delay(left, time, run.Value).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            outcome = job.CancelRequested ? JobOutcome.Canceled : JobOutcome.CutOff;
        }

        var ended = time.GetUtcNow();
        var status = await jobQueue.FinishAsync(job, outcome, ended).ConfigureAwait(false);
        counters.Ended(status, ended - started);
        console.WriteLine((status, worker, job), static s => GoLines.Ended(s.status, s.worker, s.job));
    }
}
