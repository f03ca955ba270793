using System.Text.RegularExpressions;
using JobQueue.Engine;
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
        Assert.That(engine.Tracker.Counts(), Is.EqualTo(new JobCounts(25, 0, 25, 25, 0, 0, 0, 0)));
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
        Assert.That(engine.Accepted.Select(j => j.Worker).Distinct().Order(), Is.EqualTo(new[] { 1, 2, 3, 4 }));
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
        var startedAt = engine.Accepted.Select(j => j.StartedAt!.Value).ToList();
        Assert.That(startedAt, Is.Ordered);
        Assert.That(startedAt.Distinct().Count(), Is.EqualTo(12 / workers), "one round of starts per second");
        if (workers == 1)
        {
            var started = engine.Output.Lines.Select(StartedName).OfType<string>().ToList();
            Assert.That(started, Is.EqualTo(Enumerable.Range(1, 12).Select(i => $"job{i}")));
        }
    }

    [Test]
    public async Task A_full_queue_refuses_a_job_and_queues_nothing()
    {
        await using var engine = new EngineHarness(mode, workers: 1, queue: 2);
        engine.Submit("running");
        await engine.Time.WhenTimersCreated(1);

        // One job runs; the queue holds two (the original Dispatcher may hold one more while it waits for a worker).
        var accepted = 1;
        while (engine.Submit($"queued{accepted}") is not null)
        {
            accepted++;
            Assert.That(accepted, Is.LessThanOrEqualTo(4));
        }

        var counts = engine.Tracker.Counts();
        Assert.That(counts.Accepted, Is.EqualTo(accepted));
        Assert.That(counts.Rejected, Is.EqualTo(1));
        Assert.That(engine.Tracker.Store.TryGet(accepted + 1, out _), Is.False, "the refused job is not stored");

        await engine.RunAllAsync();
        Assert.That(engine.Output.Lines.Count(l => StartedName(l) is not null), Is.EqualTo(accepted));
        Assert.That(engine.Output.Lines.Any(l => l.Contains($"queued{accepted}", StringComparison.Ordinal)), Is.False);
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
        // the senders retry a refused job as a client would after a 503.
        const int Senders = 4, PerSender = 2_500, Workers = 3;
        await using var engine = new EngineHarness(mode, Workers, queue: 50);
        var accepted = new System.Collections.Concurrent.ConcurrentBag<Job>();
        await Task.WhenAll(Enumerable.Range(0, Senders).Select(s => Task.Run(() =>
        {
            for (var i = 1; i <= PerSender; i++)
            {
                // A refused job is done with: the retry is a new job, as a client's next POST would be.
                Job job;
                var wait = new SpinWait();
                while (!engine.Tracker.TryAccept(job = engine.Tracker.NewJob($"s{s}j{i}", delayNanoseconds: 0), engine.Engine.TryEnqueue))
                {
                    wait.SpinOnce();
                }

                accepted.Add(job);
            }
        }))).WaitAsync(TimeSpan.FromSeconds(60));
        await engine.Tracker.WhenDrained().WaitAsync(TimeSpan.FromSeconds(60));
        await engine.Console.FlushAsync();

        const int Total = Senders * PerSender;
        Assert.That(accepted.Select(j => j.Status), Is.All.EqualTo(JobStatus.Completed));
        Assert.That(accepted.Select(j => j.Worker), Is.All.InRange(1, Workers));
        var counts = engine.Tracker.Counts();
        Assert.That((counts.Accepted, counts.Started, counts.Completed, counts.Queued, counts.Busy), Is.EqualTo((Total, Total, Total, 0, 0)));
        var started = engine.Output.Lines.Select(StartedName).OfType<string>().ToList();
        Assert.That(started, Has.Count.EqualTo(Total));
        Assert.That(started.Distinct().Count(), Is.EqualTo(Total), "a job started twice");
        Assert.That(engine.MaxRunningAtOnce(), Is.LessThanOrEqualTo(Workers));
    }

    private static string? StartedName(string line) => StartedLine().Match(line) is { Success: true } m ? m.Groups[1].Value : null;

    [GeneratedRegex(@"^worker\d+: started (\S+), ")]
    private static partial Regex StartedLine();
}
