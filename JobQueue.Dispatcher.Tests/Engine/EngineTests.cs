using System.Text.RegularExpressions;
using JobQueue.Queue;
using JobQueue.Tests.Support;

namespace JobQueue.Tests.Engine;

/// <summary>What both designs promise, on a fake clock: every job once, at most N at a time, in order.</summary>
[TestFixture("original")]
[TestFixture("refactored")]
public sealed partial class EngineTests(string mode)
{
    [Test]
    public async Task Every_job_runs_exactly_once()
    {
        await using var engine = new EngineHarness(mode, workers: 3, queue: 100);
        for (var i = 1; i <= 25; i++)
        {
            Assert.That(engine.Submit($"job{i}"), Is.Not.Null);
        }

        await engine.RunAllAsync();

        var lines = engine.Output.Lines;
        for (var i = 1; i <= 25; i++)
        {
            Assert.That(lines.Count(l => StartedName(l) == $"job{i}"), Is.EqualTo(1), $"job{i} started");
            Assert.That(lines.Count(l => l.EndsWith($": completed job{i}!", StringComparison.Ordinal)), Is.EqualTo(1), $"job{i} completed");
        }

        Assert.That(engine.Accepted.Select(j => j.Status), Is.All.EqualTo(JobStatus.Completed));
        Assert.That(engine.Counters.Read(), Is.EqualTo(new JobCounts(25, 0, 25, 25, 0, 0, 0, 0, 0)));
    }

    [Test]
    public async Task Never_more_than_max_workers_run_at_once()
    {
        await using var engine = new EngineHarness(mode, workers: 4, queue: 100);
        for (var i = 1; i <= 30; i++)
        {
            engine.Submit($"job{i}");
        }

        await engine.RunAllAsync();

        Assert.That(engine.MaxRunningAtOnce(), Is.EqualTo(4));
        Assert.That(engine.Accepted.Select(j => j.Snapshot().Worker).Distinct().Order(), Is.EqualTo(new[] { 1, 2, 3, 4 }));
    }

    [TestCase(1)]
    [TestCase(3)]
    public async Task When_all_workers_are_busy_jobs_start_in_submission_order(int workers)
    {
        await using var engine = new EngineHarness(mode, workers, queue: 100);
        for (var i = 1; i <= 12; i++)
        {
            engine.Submit($"job{i}");
        }

        await engine.RunAllAsync();

        // On the fake clock, jobs that start together share a start time; no job starts before an earlier one.
        var startedAt = engine.Accepted.Select(j => j.Snapshot().StartedAt!.Value).ToList();
        Assert.That(startedAt, Is.Ordered);
        Assert.That(startedAt.Distinct().Count(), Is.EqualTo(12 / workers), "one round of starts per second");
        if (workers == 1)
        {
            var started = engine.Output.Lines.Select(StartedName).OfType<string>().ToList();
            Assert.That(started, Is.EqualTo(Enumerable.Range(1, 12).Select(i => $"job{i}")));
        }
    }

    [TestCase(1, 1)]
    [TestCase(1, 3)]
    [TestCase(2, 2)]
    public async Task The_queue_holds_exactly_max_queue_size_jobs_beyond_the_running_ones(int workers, int queue)
    {
        await using var engine = new EngineHarness(mode, workers, queue);
        for (var i = 1; i <= workers; i++)
        {
            Assert.That(engine.Submit($"running{i}", 10), Is.Not.Null);
        }

        await engine.Time.WhenTimersCreated(workers);

        // Every worker is busy: exactly --max-queue-size more are accepted, and the next is refused.
        for (var i = 1; i <= queue; i++)
        {
            Assert.That(engine.Submit($"queued{i}", 10), Is.Not.Null, $"queued{i}");
        }

        Assert.That(engine.Submit("refused", 10), Is.Null);

        var counts = engine.Counters.Read();
        Assert.That((counts.Accepted, counts.Rejected, counts.Busy, counts.Queued), Is.EqualTo((workers + queue, 1, workers, queue)));
        Assert.That(await engine.Queue.FindAsync(workers + queue + 1, CancellationToken.None), Is.Null, "the refused job has no id");
        Assert.That(await engine.Queue.ListAsync(JobStatus.Queued, 100, CancellationToken.None), Has.Count.EqualTo(queue));

        await engine.RunAllAsync();
        Assert.That(engine.Output.Lines.Count(l => StartedName(l) is not null), Is.EqualTo(workers + queue));
        Assert.That(engine.Output.Lines.Any(l => l.Contains("refused", StringComparison.Ordinal)), Is.False);
    }

    [Test]
    public async Task A_canceled_queued_job_frees_its_place_at_once_and_never_starts()
    {
        await using var engine = new EngineHarness(mode, workers: 1, queue: 1);
        engine.Submit("running", 10);
        await engine.Time.WhenTimersCreated(1);
        var queued = engine.Submit("queued", 1)!;
        Assert.That(engine.Submit("refused", 1), Is.Null);

        var cancel = await engine.Front.CancelAsync(queued.Id, CancellationToken.None);

        Assert.That(cancel.Outcome, Is.EqualTo(CancelOutcome.CanceledQueued));
        Assert.That(engine.Submit("instead", 1), Is.Not.Null, "the canceled job's place is free");
        await engine.RunAllAsync();
        Assert.That(engine.Output.Lines, Does.Contain("canceled queued before it started"));
        Assert.That(engine.Output.Lines.Where(l => StartedName(l) is not null).Select(StartedName), Is.EqualTo(new[] { "running", "instead" }));
        Assert.That(engine.Counters.Read(), Is.EqualTo(new JobCounts(3, 1, 2, 2, 1, 0, 0, 0, 0)));
    }

    [Test]
    public async Task A_canceled_running_job_ends_canceled_on_its_worker_and_the_worker_goes_on()
    {
        await using var engine = new EngineHarness(mode, workers: 1, queue: 10);
        var running = engine.Submit("running", 10)!;
        var next = engine.Submit("next", 1)!;
        await engine.Time.WhenTimersCreated(1);

        var cancel = await engine.Front.CancelAsync(running.Id, CancellationToken.None);

        Assert.That(cancel.Outcome, Is.EqualTo(CancelOutcome.CanceledRunning));
        Assert.That(cancel.Job!.Status, Is.EqualTo(JobStatus.Canceled));
        await engine.RunAllAsync();
        Assert.That(next.Status, Is.EqualTo(JobStatus.Completed));
        Assert.That(engine.Output.Lines, Does.Contain("worker1: canceled running!"));
        Assert.That(await engine.Front.CancelAsync(next.Id, CancellationToken.None), Has.Property("Outcome").EqualTo(CancelOutcome.AlreadyEnded));
    }

    [Test]
    public async Task A_cut_off_ends_running_jobs_canceled_and_queued_ones_never_started()
    {
        var engine = new EngineHarness(mode, workers: 1, queue: 10);
        engine.Submit("running", 10);
        engine.Submit("waiting", 10);
        await engine.Time.WhenTimersCreated(1);

        await engine.DisposeAsync();

        Assert.That(engine.Output.Lines, Does.Contain("worker1: canceled running!"));
        Assert.That(engine.Output.Lines, Does.Contain("waiting never started: the shutdown timeout passed"));
        Assert.That(engine.Output.Lines.Count(l => StartedName(l) == "waiting"), Is.Zero);
        var counts = engine.Counters.Read();
        Assert.That((counts.Accepted, counts.Completed, counts.Canceled, counts.NeverStarted, counts.Queued, counts.Busy), Is.EqualTo((2, 0, 1, 1, 0, 0)));
    }

    [Test]
    public async Task Fifty_thousand_idle_workers_stop_within_seconds_once_the_queue_hands_out_no_more()
    {
        // A stop wakes every idle worker. Each wake-up must cost what the first did: one that grew with
        // each worker already woken kept 100 000 idle workers from stopping for ten minutes.
        var engine = new EngineHarness(mode, workers: 50_000, queue: 10);

        // On another thread: the stop wakes the workers on the thread that stops, before it returns a task.
        await Task.Run(() => engine.DisposeAsync().AsTask()).WaitAsync(TimeSpan.FromSeconds(20));

        // Go's original worker says it stops; the refactored one just leaves its range.
        Assert.That(engine.Output.Lines.Count(l => l.EndsWith(" stopping", StringComparison.Ordinal)), Is.EqualTo(mode == "original" ? 50_000 : 0));
    }

    [Test]
    public async Task A_job_is_started_on_a_worker_numbered_from_one_with_gos_line()
    {
        await using var engine = new EngineHarness(mode, workers: 1, queue: 10);
        await engine.RunOneAsync("job1", 2.5);
        await engine.Console.FlushAsync();

        var verb = mode == "original" ? "blocking for 2.500000 seconds" : "working for 2.500000 seconds";
        Assert.That(engine.Output.Lines, Does.Contain($"worker1: started job1, {verb}"));
        Assert.That(engine.Output.Lines, Does.Contain("worker1: completed job1!"));
    }

    [Test]
    public async Task Jobs_sent_from_many_threads_at_once_each_run_exactly_once_on_at_most_max_workers()
    {
        // Zero-length jobs, so workers take jobs as fast as they come and park and wake all the time;
        // the senders retry a refused job as a client would after a 503. Few enough that all their
        // lines fit the console's buffer even if its writer never got a core: none can be dropped.
        const int Senders = 4, PerSender = 1_000, Workers = 3;
        await using var engine = new EngineHarness(mode, Workers, queue: 50);
        var accepted = new System.Collections.Concurrent.ConcurrentBag<Job>();
        await Task.WhenAll(Enumerable.Range(0, Senders).Select(s => Task.Run(async () =>
        {
            Job? last = null;
            for (var i = 1; i <= PerSender; i++)
            {
                // A refused job is done with: the retry is a new job, as a client's next POST would be.
                // While the queue is full, the sender waits for its own last job to end.
                EnqueueResult result;
                while ((result = await engine.Front.SubmitAsync($"s{s}j{i}", 0, CancellationToken.None)).Job is null)
                {
                    if (last is { Finished.IsCompleted: false })
                    {
                        await last.Finished;
                    }
                    else
                    {
                        await Task.Yield();
                    }
                }

                last = result.Job;
                accepted.Add(result.Job);
            }
        }))).WaitAsync(TimeSpan.FromSeconds(60));
        engine.Queue.StopAccepting();
        await engine.Queue.WhenDrained().WaitAsync(TimeSpan.FromSeconds(60));
        await engine.Console.FlushAsync();

        const int Total = Senders * PerSender;
        Assert.That(accepted.Select(j => j.Status), Is.All.EqualTo(JobStatus.Completed));
        Assert.That(accepted.Select(j => j.Snapshot().Worker), Is.All.InRange(1, Workers));
        var counts = engine.Counters.Read();
        Assert.That((counts.Accepted, counts.Started, counts.Completed, counts.Queued, counts.Busy), Is.EqualTo((Total, Total, Total, 0, 0)));
        Assert.That(engine.Console.DroppedLines, Is.Zero);
        var started = engine.Output.Lines.Select(StartedName).OfType<string>().ToList();
        Assert.That(started, Has.Count.EqualTo(Total));
        Assert.That(started.Distinct().Count(), Is.EqualTo(Total), "a job started twice");
        Assert.That(engine.MaxRunningAtOnce(), Is.LessThanOrEqualTo(Workers));
    }

    private static string? StartedName(string line) => StartedLine().Match(line) is { Success: true } m ? m.Groups[1].Value : null;

    [GeneratedRegex(@"^worker\d+: started (\S+), ")]
    private static partial Regex StartedLine();
}
