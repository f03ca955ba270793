using JobQueue.Engine;
using JobQueue.Output;
using JobQueue.Refactored;

namespace JobQueue.Tests.Support;

/// <summary>An engine of either design with a fake clock and a captured console, driven without HTTP.</summary>
internal sealed class EngineHarness : IAsyncDisposable
{
    public EngineHarness(string mode, int workers, int queue)
    {
        Workers = workers;
        Console = new JobConsole(Output);
        var engineMode = Enum.Parse<EngineMode>(mode, ignoreCase: true);
        Tracker = new JobTracker(Time, Console, engineMode == EngineMode.Original ? StartedLine.Original : StartedLine.Refactored, history: 100_000);
        Engine = engineMode == EngineMode.Original
            ? new Original.Dispatcher(Tracker, workers, queue)
            : new WorkerPool(Tracker, workers, queue);
        Engine.Start();
    }

    public int Workers { get; }

    public ObservedTimeProvider Time { get; } = new();

    public LineRecorder Output { get; } = new();

    public JobConsole Console { get; }

    public JobTracker Tracker { get; }

    public IJobEngine Engine { get; }

    public List<Job> Accepted { get; } = [];

    /// <summary>Submits as POST /work does; null when the queue refused the job.</summary>
    public Job? Submit(string name, double seconds = 1)
    {
        var job = Tracker.NewJob(name, (long)(seconds * 1e9));
        if (!Tracker.TryAccept(job, Engine.TryEnqueue))
        {
            return null;
        }

        Accepted.Add(job);
        return job;
    }

    /// <summary>
    /// Runs every accepted 1 s job to its end: each round waits until every job that should be running
    /// has started its delay (a timer on the fake clock), then moves the clock one second.
    /// </summary>
    public async Task RunAllAsync()
    {
        for (var round = 0; round < 100_000; round++)
        {
            var finished = Accepted.Count(j => j.IsFinished);
            if (finished == Accepted.Count)
            {
                await Console.FlushAsync();
                return;
            }

            await Time.WhenTimersCreated(Math.Min(Accepted.Count, finished + Workers));
            var running = Accepted.Where(j => j.Status == JobStatus.Running).ToList();
            Time.Advance(TimeSpan.FromSeconds(1));
            await Task.WhenAll(running.Select(j => j.Finished)).WaitAsync(TimeSpan.FromSeconds(30));
        }

        Assert.Fail("jobs did not finish");
    }

    /// <summary>Submits one job, moves the clock past its delay once its timer is set, and waits for its end.</summary>
    public async Task RunOneAsync(string name, double seconds)
    {
        var timers = Time.TimersCreated; // read before the worker can set the job's timer
        var job = Submit(name, seconds) ?? throw new InvalidOperationException("the queue refused the job");
        await Time.WhenTimersCreated(timers + 1);
        Time.Advance(TimeSpan.FromSeconds(seconds));
        await job.Finished.WaitAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>Jobs running at once, from the order of the started and completed lines.</summary>
    public int MaxRunningAtOnce()
    {
        int running = 0, max = 0;
        foreach (var line in Output.Lines)
        {
            running += line.Contains(": started ", StringComparison.Ordinal) ? 1 : line.Contains(": completed ", StringComparison.Ordinal) ? -1 : 0;
            max = Math.Max(max, running);
        }

        return max;
    }

    public async ValueTask DisposeAsync()
    {
        Tracker.CutOff();
        await Engine.StopAsync();
        await Console.DisposeAsync();
    }
}
