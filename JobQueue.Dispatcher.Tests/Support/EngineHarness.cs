using JobQueue.Engine;
using JobQueue.Hosting;
using JobQueue.Http;
using JobQueue.Output;
using JobQueue.Queue;

namespace JobQueue.Tests.Support;

/// <summary>
/// An engine of either design over the in-memory queue, built by the program's own factory, with a fake
/// clock and a captured console, driven without HTTP through the same front as POST /work.
/// </summary>
internal sealed class EngineHarness : IAsyncDisposable
{
    public EngineHarness(string mode, int workers, int queue)
    {
        Workers = workers;
        Console = new JobConsole(Output);
        Queue = new MemoryJobQueue(queue, history: 100_000, Time);
        Engine = EngineFactory.Create(Enum.Parse<EngineMode>(mode, ignoreCase: true), workers, Queue, Counters, Console, Time);
        Front = new JobQueueFront(Queue, Engine, Counters, Console);
        Engine.Start();
    }

    public int Workers { get; }

    public ObservedTimeProvider Time { get; } = new();

    public LineRecorder Output { get; } = new();

    public JobConsole Console { get; }

    public MemoryJobQueue Queue { get; }

    public JobCounters Counters { get; } = new();

    public IJobEngine Engine { get; }

    public JobQueueFront Front { get; }

    public List<Job> Accepted { get; } = [];

    /// <summary>Submits as POST /work does; null when the queue refused the job.</summary>
    public Job? Submit(string name, double seconds = 1)
    {
        var result = Front.SubmitAsync(name, (long)(seconds * 1e9), CancellationToken.None);
        Assert.That(result.IsCompleted, "the in-memory queue answers at once");
        if (result.Result.Job is not { } job)
        {
            return null;
        }

        Accepted.Add(job);
        return job;
    }

    /// <summary>
    /// Runs every accepted job to its end: each round waits until every job that should be running has
    /// started its delay (a timer on the fake clock), then moves the clock to the next end of a delay.
    /// </summary>
    public async Task RunAllAsync()
    {
        for (var round = 0; round < 100_000; round++)
        {
            var states = Accepted.Select(j => j.Snapshot()).ToList();
            var pending = states.Count(j => !j.IsFinished);
            if (pending == 0)
            {
                await Console.FlushAsync();
                return;
            }

            // One timer per run: the jobs that ran and ended, and one for each busy worker.
            var ran = states.Count(j => j.IsFinished && j.StartedAt is not null);
            await Time.WhenTimersCreated(ran + Math.Min(pending, Workers));
            var running = Accepted.Select(j => (Job: j, State: j.Snapshot())).Where(j => j.State.Status == JobStatus.Running).ToList();
            var next = running.Min(j => j.State.StartedAt!.Value + j.Job.Delay);
            Time.Advance(next - Time.GetUtcNow());
            var due = running.Where(j => j.State.StartedAt!.Value + j.Job.Delay <= next).Select(j => j.Job.Finished);
            await Task.WhenAll(due).WaitAsync(TimeSpan.FromSeconds(30));
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

    /// <summary>Jobs running at once, from the order of the started and ended lines.</summary>
    public int MaxRunningAtOnce()
    {
        int running = 0, max = 0;
        foreach (var line in Output.Lines)
        {
            running += line.Contains(": started ", StringComparison.Ordinal) ? 1
                : line.Contains(": completed ", StringComparison.Ordinal) || line.Contains(": canceled ", StringComparison.Ordinal) ? -1
                : 0;
            max = Math.Max(max, running);
        }

        return max;
    }

    /// <summary>Stops as a shutdown that ran out of time does: what never started is settled, running jobs are cut short.</summary>
    public async ValueTask DisposeAsync()
    {
        Queue.StopAccepting();
        await EngineService.CutOffAsync(Queue, Engine, Counters, Console);
        await Console.DisposeAsync();
    }
}
