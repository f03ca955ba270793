using JobQueue.Queue;

namespace JobQueue.Engine;

/// <summary>
/// One of the gist's two designs, behind which the HTTP front and the host need not know which runs:
/// the Dispatcher with its pool of worker channels (<c>--mode original</c>) or the plain worker pool
/// (<c>--mode refactored</c>). Both pull from the same <see cref="IJobQueue"/>.
/// </summary>
internal interface IJobEngine
{
    EngineMode Mode { get; }

    int Workers { get; }

    /// <summary>Starts the workers (and the Dispatcher): Go's <c>dispatcher.run()</c>.</summary>
    void Start();

    /// <summary>
    /// What the request handler prints as it puts a job on the queue, before any worker can start it:
    /// the refactored program's "added:" line; the original prints nothing until the Dispatcher fetches it.
    /// </summary>
    void Added(Job job);

    /// <summary>
    /// Shutdown ran out of time: running jobs are cut short and every worker stops (Go's <c>w.stop()</c>,
    /// which the gist never calls). Call it after the queue stopped handing out jobs.
    /// </summary>
    Task StopAsync();
}
