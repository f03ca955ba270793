using JobQueue.Engine;
using JobQueue.Hosting;
using JobQueue.Http;
using JobQueue.Output;
using JobQueue.Queue;

namespace JobQueue.Benchmarks;

/// <summary>
/// One engine as the server runs it, built by the program's own factory over the in-memory queue with
/// the server's default history: jobs go in through the same front as POST /work, and every job's
/// record, counters and latencies are kept. Only the console is quiet.
/// </summary>
internal sealed class EngineRun
{
    private const string Name = "bench";

    private readonly JobConsole _console = new(TextWriter.Null, quiet: true);
    private readonly JobCounters _counters = new();
    private readonly MemoryJobQueue _queue;
    private readonly IJobEngine _engine;
    private readonly JobQueueFront _front;
    private readonly Job?[] _recent;
    private long _submitted;

    public EngineRun(EngineMode mode, int workers, int queueSize)
    {
        _queue = new MemoryJobQueue(queueSize, ServerSettings.Default.History, TimeProvider.System);
        _engine = EngineFactory.Create(mode, workers, _queue, _counters, _console, TimeProvider.System);
        _front = new JobQueueFront(_queue, _engine, _counters, _console);
        _recent = new Job?[Math.Max(1, queueSize / 2)];
        _engine.Start();
    }

    /// <summary>
    /// Submits <paramref name="jobs"/> zero-length jobs and returns once all have completed. A full
    /// queue refuses a job (the server would answer 503). Like Go's blocked send, the producer then
    /// gives its core to the workers instead of spinning: it awaits the job it submitted half a queue
    /// ago, so it sleeps until half the queue has drained and then refills it in one burst.
    /// </summary>
    public async Task SubmitAndWaitAsync(int jobs)
    {
        for (var i = 0; i < jobs; i++)
        {
            var slot = i % _recent.Length;

            // A refused job is done with: the retry is a new job, as a client's next POST would be.
            EnqueueResult result;
            while ((result = await _front.SubmitAsync(Name, 0, CancellationToken.None).ConfigureAwait(false)).Job is null)
            {
                if (_recent[slot] is { Finished.IsCompleted: false } halfAQueueAgo)
                {
                    await halfAQueueAgo.Finished.ConfigureAwait(false);
                }
                else
                {
                    // The queue is still full a moment after that job ended: the workers are about to take more.
                    Thread.Yield();
                }
            }

            _recent[slot] = result.Job;
        }

        _submitted += jobs;

        // Jobs taken by other workers may still be finishing: the counter says when they all have.
        var wait = new SpinWait();
        while (_counters.Read().Completed < _submitted)
        {
            wait.SpinOnce(sleep1Threshold: -1);
        }
    }

    public async Task StopAsync()
    {
        var counts = _counters.Read();

        // Each refusal is one more submit the producer paid for; BenchmarkDotNet keeps this line in its log.
        Console.WriteLine($"// {_engine.Mode} engine, {_engine.Workers} workers: {counts.Completed} jobs completed, " +
            $"{(double)counts.Rejected / Math.Max(1, counts.Completed):F2} refusals (full queue) per job");
        _queue.StopAccepting();
        await _queue.WhenDrained().ConfigureAwait(false);
        await EngineService.CutOffAsync(_queue, _engine, _counters, _console).ConfigureAwait(false);
        await _console.DisposeAsync().ConfigureAwait(false);
    }
}
