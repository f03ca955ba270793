using System.Threading.Channels;
using JobQueue.Dispatcher.Engine;
using JobQueue.Dispatcher.Hosting;
using JobQueue.Dispatcher.Output;

namespace JobQueue.Dispatcher.Refactored;

/// <summary>
/// worker_refactored.go: no Dispatcher, just <c>jobs</c>, one bounded channel, and N workers that
/// each run <c>for j := range jobs { doWork(i, j) }</c>.
/// </summary>
internal sealed class WorkerPool : IJobEngine
{
    private readonly Channel<Job> _jobs;
    private readonly JobTracker _tracker;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task[] _workers;

    public WorkerPool(JobTracker tracker, int maxWorkers, int maxQueueSize)
    {
        _tracker = tracker;
        _jobs = Channel.CreateBounded<Job>(new BoundedChannelOptions(maxQueueSize)
        {
            // Full means 503 at once (TryWrite); Go's handler instead parks a goroutine per job.
            FullMode = BoundedChannelFullMode.Wait,
        });
        _workers = new Task[maxWorkers];
    }

    public EngineMode Mode => EngineMode.Refactored;

    public int Workers => _workers.Length;

    public void Start()
    {
        for (var i = 0; i < _workers.Length; i++)
        {
            var id = i + 1;
            _workers[i] = Task.Run(() => WorkAsync(id));
        }
    }

    public bool TryEnqueue(Job job)
    {
        if (!_jobs.Writer.TryWrite(job))
        {
            return false;
        }

        // Go prints "added" in the goroutine that sends the job; here the send cannot block, so it follows it.
        _tracker.Console.WriteLine(job, GoLines.Added);
        return true;
    }

    public void StopAccepting() => _jobs.Writer.TryComplete();

    public async Task StopAsync()
    {
        StopAccepting();
        await _stop.CancelAsync().ConfigureAwait(false);
        _tracker.CutOff();
        await Task.WhenAll(_workers).ConfigureAwait(false);
        while (_jobs.Reader.TryRead(out var job))
        {
            _tracker.TryCancelQueued(job, atShutdown: true);
        }
    }

    private async Task WorkAsync(int id)
    {
        var token = _stop.Token;
        try
        {
            while (await _jobs.Reader.WaitToReadAsync(token).ConfigureAwait(false))
            {
                while (!token.IsCancellationRequested && _jobs.Reader.TryRead(out var job))
                {
                    await JobRunner.RunAsync(_tracker, id, job).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // Shutdown: what is still queued is accounted for by StopAsync.
        }
    }
}
