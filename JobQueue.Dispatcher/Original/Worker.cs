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
    private readonly CancellationTokenSource _quit = new();

    // Go's jobQueue is unbuffered. Unbounded is just as tight here: the Dispatcher writes only to a
    // channel it took from the pool, and a worker is in the pool only while its channel is empty.
    private readonly Channel<Job> _jobQueue = Channel.CreateUnbounded<Job>(
        new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });

    private Task _running = Task.CompletedTask;

    public Worker(int id, ChannelWriter<ChannelWriter<Job>> workerPool, JobTracker tracker)
    {
        Id = id;
        _workerPool = workerPool;
        _tracker = tracker;
    }

    public int Id { get; }

    /// <summary>Go's <c>w.start()</c>: the loop runs on the thread pool, like the goroutine.</summary>
    public void Start() => _running = Task.Run(LoopAsync);

    /// <summary>Go's <c>w.stop()</c>, which the gist never calls; the port calls it at shutdown.</summary>
    public Task StopAsync()
    {
        _quit.Cancel();
        return _running;
    }

    private async Task LoopAsync()
    {
        while (true)
        {
            // Add my jobQueue to the worker pool. The pool holds one slot per worker, so this never waits.
            _workerPool.TryWrite(_jobQueue.Writer);

            Job job;
            try
            {
                job = await _jobQueue.Reader.ReadAsync(_quit.Token).ConfigureAwait(false);
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
