using System.Threading.Channels;
using JobQueue.Engine;
using JobQueue.Output;

namespace JobQueue.Original;

/// <summary>
/// worker_original.go's <c>Worker</c>: a private <c>jobQueue</c> that it puts back into the shared
/// <c>workerPool</c> each time it is idle, and its quit signal.
/// </summary>
internal sealed class Worker(int id, ChannelWriter<JobChannel> workerPool, JobRunner runner, JobConsole console)
{
    private readonly JobChannel _jobQueue = new(id);
    private Task _running = Task.CompletedTask;

    public int Id { get; } = id;

    /// <summary>Completes when the worker has stopped.</summary>
    public Task Stopped => _running;

    /// <summary>
    /// Go's <c>w.start()</c>. The loop runs inline until its first await, which comes at once (an idle
    /// worker waits on its channel), so starting a worker costs no thread-pool item.
    /// </summary>
    public void Start() => _running = LoopAsync();

    /// <summary>
    /// Go's <c>w.stop()</c>: the quit signal, sent on the worker's own channel. Only the Dispatcher calls
    /// it, once it holds this worker's channel, so no job can be sent on it at the same time.
    /// </summary>
    public void Stop() => _jobQueue.Quit();

    private async Task LoopAsync()
    {
        while (true)
        {
            // Add my jobQueue to the worker pool. The pool has a slot for every worker, so this never waits.
            workerPool.TryWrite(_jobQueue);

            if (await _jobQueue.ReceiveAsync().ConfigureAwait(false) is not { } job)
            {
                // We have been asked to stop.
                console.WriteLine(Id, GoLines.Stopping);
                return;
            }

            // Dispatcher has added a job to my jobQueue.
            await runner.RunAsync(Id, job).ConfigureAwait(false);
        }
    }
}
