using System.Threading.Channels;
using JobQueue.Engine;
using JobQueue.Output;

namespace JobQueue.Original;

/// <summary>
/// worker_original.go's <c>Dispatcher</c>: it owns <c>workerPool</c>, a channel of the workers'
/// private job channels, pulls each job from the global <c>jobQueue</c> and hands it to an idle
/// worker's channel.
/// </summary>
/// <remarks>
/// Unlike Go's <c>dispatch()</c>, which starts a goroutine per job and so lets every pending job pile
/// up in memory, this loop holds one job at a time: it takes the next job only after the previous one
/// is in a worker's hands, so <c>--max-queue-size</c> really bounds what is waiting.
/// </remarks>
internal sealed class Dispatcher : IJobEngine
{
    private readonly Channel<Job> _jobQueue;
    private readonly Channel<JobChannel> _workerPool;
    private readonly JobTracker _tracker;
    private readonly Worker[] _workers;
    private readonly CancellationTokenSource _stop = new();
    private Task _dispatching = Task.CompletedTask;
    private Job? _held;

    public Dispatcher(JobTracker tracker, int maxWorkers, int maxQueueSize)
    {
        _tracker = tracker;
        _jobQueue = Channel.CreateBounded<Job>(new BoundedChannelOptions(maxQueueSize)
        {
            // Full means 503 at once (TryWrite), never a request parked until there is room.
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
        });
        _workerPool = Channel.CreateBounded<JobChannel>(new BoundedChannelOptions(maxWorkers)
        {
            SingleReader = true,
        });
        _workers = new Worker[maxWorkers];
        for (var i = 0; i < maxWorkers; i++)
        {
            _workers[i] = new Worker(i + 1, _workerPool.Writer, tracker);
        }
    }

    public EngineMode Mode => EngineMode.Original;

    public int Workers => _workers.Length;

    /// <summary>Go's <c>dispatcher.run()</c>: start every worker, then the dispatch loop.</summary>
    public void Start()
    {
        foreach (var worker in _workers)
        {
            worker.Start();
        }

        _dispatching = Task.Run(DispatchAsync);
    }

    public bool TryEnqueue(Job job) => _jobQueue.Writer.TryWrite(job);

    public void StopAccepting() => _jobQueue.Writer.TryComplete();

    public async Task StopAsync()
    {
        StopAccepting();
        await _stop.CancelAsync().ConfigureAwait(false);
        await _dispatching.ConfigureAwait(false);

        // The job the Dispatcher held while it waited for a worker, then whatever is still queued.
        if (_held is { } held)
        {
            _tracker.TryCancelQueued(held, atShutdown: true);
        }

        while (_jobQueue.Reader.TryRead(out var job))
        {
            _tracker.TryCancelQueued(job, atShutdown: true);
        }

        _tracker.CutOff();

        // Go's w.stop() for every worker, which the gist never calls. Each worker is told as it comes
        // back into the pool idle, so a quit never races a job handed to the same worker.
        for (var i = 0; i < _workers.Length; i++)
        {
            (await _workerPool.Reader.ReadAsync().ConfigureAwait(false)).Quit();
        }

        await Task.WhenAll(_workers.Select(w => w.Stopped)).ConfigureAwait(false);
    }

    private async Task DispatchAsync()
    {
        var token = _stop.Token;
        try
        {
            while (await _jobQueue.Reader.WaitToReadAsync(token).ConfigureAwait(false))
            {
                while (!token.IsCancellationRequested && _jobQueue.Reader.TryRead(out var job))
                {
                    if (job.Status != JobStatus.Queued)
                    {
                        continue; // canceled while queued: no worker needed
                    }

                    _held = job;
                    _tracker.Console.WriteLine(job, GoLines.Fetching);
                    var workerJobQueue = await _workerPool.Reader.ReadAsync(token).ConfigureAwait(false);
                    _tracker.Console.WriteLine(job, GoLines.Adding);
                    _held = null;
                    workerJobQueue.Send(job);
                }
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // Shutdown ran out of time: StopAsync accounts for the held job and the rest of the queue.
        }
    }
}
