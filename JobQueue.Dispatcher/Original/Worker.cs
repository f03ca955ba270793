using System.Threading.Channels;
using JobQueue.Dispatcher.Engine;
using JobQueue.Dispatcher.Output;

namespace JobQueue.Dispatcher.Original;

/// <summary>
/// worker_original.go's <c>Worker</c>: a private <c>jobQueue</c> that it puts back into the shared
/// <c>workerPool</c> each time it is idle, and a quit signal (Go's <c>quitChan</c>).
/// </summary>
internal sealed class Worker
{
    private readonly ChannelWriter<ChannelWriter<Job>> _workerPool;
    private readonly JobTracker _tracker;
    private readonly CancellationToken _quit;

    // Go's jobQueue is unbuffered; one slot is as tight here, since the Dispatcher writes only to a
    // channel it took from the pool, and a worker is in the pool only while its channel is empty.
    // Bounded(1) is also the smallest channel .NET has, which matters with 100000 idle workers.
    private readonly Channel<Job> _jobQueue = Channel.CreateBounded<Job>(
        new BoundedChannelOptions(1) { SingleReader = true, SingleWriter = true });

    private Task _running = Task.CompletedTask;

    /// <param name="quit">
    /// Go's <c>quitChan</c>. All workers are told to quit at once, so they share one token: a source
    /// per worker would cost memory for nothing when there are 100000 of them.
    /// </param>
    public Worker(int id, ChannelWriter<ChannelWriter<Job>> workerPool, JobTracker tracker, CancellationToken quit)
    {
        Id = id;
        _quit = quit;
        _workerPool = workerPool;
        _tracker = tracker;
    }

    public int Id { get; }

    /// <summary>
    /// Go's <c>w.start()</c>. The loop runs inline until its first await, which comes at once (an idle
    /// worker waits on its channel), so no thread-pool item is spent per worker.
    /// </summary>
    public void Start() => _running = LoopAsync();

    /// <summary>Completes when the worker has stopped, after the Dispatcher signalled quit (Go's <c>w.stop()</c>).</summary>
    public Task Stopped => _running;

    private async Task LoopAsync()
    {
        while (true)
        {
            // Add my jobQueue to the worker pool. The pool holds one slot per worker, so this never waits.
            _workerPool.TryWrite(_jobQueue.Writer);

            Job job;
            try
            {
                job = await _jobQueue.Reader.ReadAsync(_quit).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // We have been asked to stop.
                _tracker.Console.WriteLine(GoLines.Stopping(Id));
                return;
            }

            // Dispatcher has added a job to my jobQueue.
            await JobRunner.RunAsync(_tracker, Id, job).ConfigureAwait(false);
        }
    }
}
