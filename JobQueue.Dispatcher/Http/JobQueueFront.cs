using JobQueue.Engine;

namespace JobQueue.Http;

/// <summary>What the HTTP front needs, whichever engine runs: Go's handler only had <c>jobQueue chan Job</c>.</summary>
internal sealed class JobQueueFront(IJobEngine engine, JobTracker tracker, IHostApplicationLifetime lifetime)
{
    public IJobEngine Engine { get; } = engine;

    public JobTracker Tracker { get; } = tracker;

    /// <summary>Fires when shutdown begins, to answer clients that wait on a job.</summary>
    public CancellationToken Stopping => lifetime.ApplicationStopping;
}
