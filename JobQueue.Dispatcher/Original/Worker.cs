using System.Threading.Channels;
using JobQueue.Engine;
using JobQueue.Output;

namespace JobQueue.Original;

/// <summary>
/// worker_original.go's <c>Worker</c>: a private <c>jobQueue</c> that it puts back into the shared
/// <c>workerPool</c> each time it is idle, and that also carries the quit signal.
/// </summary>
internal sealed class Worker
{
    private readonly ChannelWriter<JobChannel> _workerPool;
    private readonly JobTracker _tracker;
    private readonly JobChannel _jobQueue = new();
    private Task _running = Task.CompletedTask;

    public Worker(int id, ChannelWriter<JobChannel> workerPool, JobTracker tracker)
    {
        Id = id;
        _workerPool = workerPool;
        _tracker = tracker;
    }

    public int Id { get; }

    /// <summary>
    /// Go's <c>w.start()</c>. The loop runs inline until its first await, which comes at once (an idle
    /// worker waits on its channel), so no thread-pool item is spent per worker.
    /// </summary>
    public void Start() => _running = LoopAsync();

    /// <summary>Completes when the worker has stopped, after the Dispatcher told it to quit (Go's <c>w.stop()</c>).</summary>
    public Task Stopped => _running;

    private async Task LoopAsync()
    {
        while (true)
        {
            // Add my jobQueue to the worker pool. The pool holds one slot per worker, so this never waits.
            _workerPool.TryWrite(_jobQueue);

            if (await _jobQueue.ReceiveAsync().ConfigureAwait(false) is not { } job)
            {
                // We have been asked to stop.
                _tracker.Console.WriteLine(Id, GoLines.Stopping);
                return;
            }

            // Dispatcher has added a job to my jobQueue.
            await JobRunner.RunAsync(_tracker, Id, job).ConfigureAwait(false);
        }
    }
}
