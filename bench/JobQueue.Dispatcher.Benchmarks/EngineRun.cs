using JobQueue.Engine;
using JobQueue.Hosting;
using JobQueue.Output;
using JobQueue.Refactored;

namespace JobQueue.Benchmarks;

/// <summary>
/// One engine as the server runs it: the same tracker, store and counters, jobs submitted the way
/// POST /work does (NewJob, then TryAccept into the engine's queue), only the console is quiet.
/// </summary>
internal sealed class EngineRun
{
    private const string Name = "bench";

    private readonly JobConsole _console;
    private readonly JobTracker _tracker;
    private readonly IJobEngine _engine;
    private readonly Func<Job, bool> _enqueue;
    private readonly Job?[] _recent;
    private long _submitted;

    private EngineRun(JobConsole console, JobTracker tracker, IJobEngine engine, int queueSize)
    {
        _console = console;
        _tracker = tracker;
        _engine = engine;

        // Cached: a method group converted on every call would allocate a delegate per job.
        _enqueue = engine.TryEnqueue;
        _recent = new Job?[Math.Max(1, queueSize / 2)];
        engine.Start();
    }

    public static EngineRun Original(int workers, int queueSize)
    {
        var (console, tracker) = Tracker(StartedLine.Original);
        return new EngineRun(console, tracker, new Original.Dispatcher(tracker, workers, queueSize), queueSize);
    }

    public static EngineRun Refactored(int workers, int queueSize)
    {
        var (console, tracker) = Tracker(StartedLine.Refactored);
        return new EngineRun(console, tracker, new WorkerPool(tracker, workers, queueSize), queueSize);
    }

    /// <summary>
    /// Submits <paramref name="jobs"/> zero-length jobs and returns once all have completed. A full
    /// queue refuses a job (the server would answer 503). Like Go's blocked send, the producer then
    /// gives its core to the workers instead of spinning: it awaits the job it submitted half a queue
    /// ago, so it sleeps until half the queue has drained and then refills it in one burst. That is one
    /// TaskCompletionSource per half queue, not per job.
    /// </summary>
    public async Task SubmitAndWaitAsync(int jobs)
    {
        Job? last = null;
        for (var i = 0; i < jobs; i++)
        {
            var slot = i % _recent.Length;

            // A refused job is done with: the retry is a new job, as a client's next POST would be.
            while (!_tracker.TryAccept(last = _tracker.NewJob(Name, delayNanoseconds: 0), _enqueue))
            {
                if (_recent[slot] is { IsFinished: false } halfAQueueAgo)
                {
                    await halfAQueueAgo.Finished.ConfigureAwait(false);
                }
                else
                {
                    // The queue is still full a moment after that job ended: the workers are about to take more.
                    Thread.Yield();
                }
            }

            _recent[slot] = last;
        }

        _submitted += jobs;

        // Jobs taken before the last one by other workers may still be finishing: the counter says when they all have.
        await last!.Finished.ConfigureAwait(false);
        var wait = new SpinWait();
        while (_tracker.Counts().Completed < _submitted)
        {
            wait.SpinOnce(sleep1Threshold: -1);
        }
    }

    public async Task StopAsync()
    {
        var counts = _tracker.Counts();

        // Each refusal is one more TryAccept the producer paid for; BenchmarkDotNet keeps this line in its log.
        Console.WriteLine($"// {_engine.Mode} engine, {_engine.Workers} workers: {counts.Completed} jobs completed, " +
            $"{(double)counts.Rejected / Math.Max(1, counts.Completed):F2} refusals (full queue) per job");
        _tracker.BeginDraining();
        _engine.StopAccepting();
        await _tracker.WhenDrained().ConfigureAwait(false);
        await _engine.StopAsync().ConfigureAwait(false);
        await _console.DisposeAsync().ConfigureAwait(false);
    }

    private static (JobConsole Console, JobTracker Tracker) Tracker(StartedLine startedLine)
    {
        var console = new JobConsole(TextWriter.Null, quiet: true);
        var tracker = new JobTracker(TimeProvider.System, console, startedLine, ServerSettings.Default.History);
        return (console, tracker);
    }
}
