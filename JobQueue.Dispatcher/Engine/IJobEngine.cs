
namespace JobQueue.Engine;

/// <summary>
/// What the HTTP front and the host need from either of the gist's designs: the Dispatcher with its
/// pool of worker channels (<c>--mode original</c>) or the plain worker pool (<c>--mode refactored</c>).
/// </summary>
internal interface IJobEngine
{
    EngineMode Mode { get; }

    int Workers { get; }

    /// <summary>Starts the workers (and the Dispatcher): Go's <c>dispatcher.run()</c>.</summary>
    void Start();

    /// <summary>Puts an accepted job on the bounded queue; false when the queue is full or the engine is stopping.</summary>
    bool TryEnqueue(Job job);

    /// <summary>No job is accepted from now on; queued jobs keep being dispatched.</summary>
    void StopAccepting();

    /// <summary>
    /// Stops taking jobs from the queue, reports each job still queued as never started, cancels the
    /// running ones and waits for every worker to end.
    /// </summary>
    Task StopAsync();
}
