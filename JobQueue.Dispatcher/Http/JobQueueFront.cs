using JobQueue.Engine;
using JobQueue.Output;
using JobQueue.Queue;

namespace JobQueue.Http;

/// <summary>
/// What the HTTP front does with the queue, whichever engine and backend run: Go's handler only had
/// <c>jobQueue &lt;- work</c>. It prints the lines and bumps the counters of what it sees happen.
/// </summary>
internal sealed class JobQueueFront
{
    private readonly IJobEngine _engine;
    private readonly JobCounters _counters;
    private readonly JobConsole _console;

    // Made once: a method group passed on every POST would be a new delegate each time.
    private readonly Action<Job> _accepted;

    public JobQueueFront(IJobQueue jobQueue, IJobEngine engine, JobCounters counters, JobConsole console)
    {
        JobQueue = jobQueue;
        _engine = engine;
        _counters = counters;
        _console = console;
        _accepted = Accepted;
    }

    public IJobQueue JobQueue { get; }

    /// <summary>Push the work onto the queue; unlike Go, a full queue says so instead of blocking.</summary>
    public async ValueTask<EnqueueResult> SubmitAsync(string name, long delayNanoseconds, CancellationToken cancellationToken)
    {
        var result = await JobQueue.EnqueueAsync(name, delayNanoseconds, _accepted, cancellationToken).ConfigureAwait(false);
        if (result.Job is null)
        {
            _counters.Rejected();
        }

        return result;
    }

    /// <summary>DELETE /work/{id}: a queued job never starts, a running one has its delay cut short.</summary>
    public async ValueTask<CancelResult> CancelAsync(long id, CancellationToken cancellationToken)
    {
        var result = await JobQueue.CancelAsync(id, cancellationToken).ConfigureAwait(false);
        if (result.Outcome == CancelOutcome.CanceledQueued)
        {
            // A running job's worker prints its own line; a queued one has no worker to do it.
            _counters.CanceledQueued();
            _console.WriteLine(result.Job!.Name, GoLines.CanceledQueued);
        }

        return result;
    }

    // Counted before any worker can start it, so started never runs ahead of accepted.
    private void Accepted(Job job)
    {
        _counters.Accepted();
        _engine.Added(job);
    }
}
