using System.Diagnostics;
using System.Threading.Channels;
using JobQueue.Engine;
using JobQueue.Output;
using JobQueue.Queue;

namespace JobQueue.Original;

/// <summary>
/// worker_original.go's <c>Dispatcher</c>: it owns <c>workerPool</c>, a channel of the workers'
/// private job channels, pulls each job from the global <c>jobQueue</c> and hands it to an idle
/// worker's channel.
/// </summary>
/// <remarks>
/// Unlike Go's <c>dispatch()</c>, which takes every job at once and parks a goroutine per job until a
/// worker is free, this loop takes an idle worker's channel first and only then the next job: a job
/// never leaves the queue without a worker to run it, so <c>--max-queue-size</c> bounds exactly what
/// waits, and a shared queue never has a job claimed by a node that cannot run it.
/// </remarks>
internal sealed class Dispatcher : IJobEngine
{
    private readonly IJobQueue _jobQueue;
    private readonly Channel<JobChannel> _workerPool;
    private readonly Worker[] _workers;
    private readonly JobRunner _runner;
    private readonly JobConsole _console;
    private Task _dispatching = Task.CompletedTask;

    // The channel the Dispatcher holds while the queue has no job for it. Read by the dashboard only,
    // which may see it a moment late: no fence for a picture.
    private JobChannel? _holding;

    public Dispatcher(IJobQueue jobQueue, int maxWorkers, JobRunner runner, JobConsole console)
    {
        _jobQueue = jobQueue;
        _runner = runner;
        _console = console;

        // One slot per worker: a worker putting its channel back never waits.
        _workerPool = Channel.CreateBounded<JobChannel>(new BoundedChannelOptions(maxWorkers) { SingleReader = true });
        _workers = new Worker[maxWorkers];
        for (var i = 0; i < maxWorkers; i++)
        {
            _workers[i] = new Worker(i + 1, _workerPool.Writer, runner, console);
        }
    }

    public EngineMode Mode => EngineMode.Original;

    public int Workers => _workers.Length;

    /// <summary>
    /// The workerPool as the dashboard shows it, read while the Dispatcher runs: how many idle workers'
    /// channels wait in it, and whose channel the Dispatcher holds while it waits for a job.
    /// </summary>
    public WorkerPoolSnapshot WorkerPool => new(_workerPool.Reader.Count, _holding?.Worker);

    /// <summary>
    /// Go's <c>dispatcher.run()</c>: start every worker, then the dispatch loop. The loop runs inline up
    /// to its first wait, so once this returns it is already waiting for a job with an idle worker in hand.
    /// </summary>
    public void Start()
    {
        foreach (var worker in _workers)
        {
            worker.Start();
        }

        _dispatching = DispatchAsync();
    }

    public void Added(Job job)
    {
        // worker_original.go's handler prints nothing: its lines come from dispatch().
    }

    public async Task StopAsync()
    {
        // The queue hands out no more, so the loop ends with the next idle worker; running jobs are cut short.
        _runner.CutOff();
        await _dispatching.ConfigureAwait(false);

        // Each worker puts its channel back once its job is cut short. With every channel out of the
        // pool, no job can reach a worker any more, so each can be told to quit.
        for (var i = 0; i < _workers.Length; i++)
        {
            await _workerPool.Reader.ReadAsync().ConfigureAwait(false);
        }

        foreach (var worker in _workers)
        {
            worker.Stop();
        }

        await Task.WhenAll(_workers.Select(w => w.Stopped)).ConfigureAwait(false);
    }

    private async Task DispatchAsync()
    {
        var jobs = new Job[_workers.Length];
        while (true)
        {
            // Try to obtain a worker job channel that is available. This will block until a worker is idle.
            var workerJobQueue = await _workerPool.Reader.ReadAsync().ConfigureAwait(false);

            // A job request has been received: one for each idle worker, so that a shared queue claims
            // them in one round trip. The others stay in the pool until a job is theirs. While the queue
            // is empty, the dashboard shows the channel in hand as held by the Dispatcher.
            _holding = workerJobQueue;
            var taken = await _jobQueue.TakeAsync(jobs.AsMemory(0, 1 + _workerPool.Reader.Count), CancellationToken.None).ConfigureAwait(false);
            _holding = null;
            if (taken == 0)
            {
                // The queue hands out no more (shutdown): the worker goes back into the pool, where StopAsync finds it.
                _workerPool.Writer.TryWrite(workerJobQueue);
                return;
            }

            for (var i = 0; i < taken; i++)
            {
                // Counted above, and only this loop reads the pool: the worker is there.
                if (i > 0 && !_workerPool.Reader.TryRead(out workerJobQueue))
                {
                    throw new UnreachableException("an idle worker left the pool");
                }

                var job = jobs[i];
                jobs[i] = null!;
                _console.WriteLine(job, GoLines.Fetching);

                // Dispatch the job to the worker job channel.
                _console.WriteLine(job, GoLines.Adding);
                workerJobQueue.Send(job);
            }
        }
    }
}
