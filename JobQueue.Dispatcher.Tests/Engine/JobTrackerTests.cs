using JobQueue.Engine;
using JobQueue.Output;
using JobQueue.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace JobQueue.Tests.Engine;

/// <summary>The accounting every job goes through: accepted or refused, canceled once, drained at shutdown.</summary>
public sealed class JobTrackerTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Test]
    public void A_refused_job_counts_as_rejected_only_and_cannot_be_found()
    {
        var tracker = NewTracker();
        var job = tracker.NewJob("job1", 1_000_000_000);

        Assert.That(tracker.TryAccept(job, static _ => false), Is.False);

        Assert.That(tracker.Counts(), Is.EqualTo(new JobCounts(0, 1, 0, 0, 0, 0, 0, 0)));
        Assert.That(tracker.Store.TryGet(job.Id, out _), Is.False);
        Assert.That(tracker.TryCancelQueued(job), Is.False, "a DELETE that comes late finds nothing to cancel");
    }

    [Test]
    public async Task A_delete_in_the_moment_before_a_refusal_makes_the_job_accepted_and_canceled_not_both_refused_and_canceled()
    {
        // Ids are sequential, so a client can DELETE a job while its POST is still being refused.
        var tracker = NewTracker();
        var job = tracker.NewJob("job1", 1_000_000_000);

        var accepted = tracker.TryAccept(job, j =>
        {
            Assert.That(tracker.Store.TryGet(j.Id, out var found) && tracker.TryCancelQueued(found), Is.True, "the DELETE");
            return false; // then the queue refuses it
        });

        Assert.That(accepted, Is.True, "the job was accepted, then canceled: the POST answers 201, not 503");
        Assert.That(job.Status, Is.EqualTo(JobStatus.Canceled));
        Assert.That(tracker.Counts(), Is.EqualTo(new JobCounts(1, 0, 0, 0, 1, 0, 0, 0)));
        await tracker.WhenDrained().WaitAsync(Patience);
    }

    [TestCase("original")]
    [TestCase("refactored")]
    public async Task A_job_accepted_after_shutdown_began_but_before_the_engine_closed_is_waited_for(string mode)
    {
        await using var engine = new EngineHarness(mode, workers: 1, queue: 10);
        engine.Tracker.BeginDraining();
        var late = engine.Submit("late", 1);
        Assert.That(late, Is.Not.Null, "the engine still accepts until it is told to stop");

        engine.Engine.StopAccepting();
        var drained = engine.Tracker.WhenDrained();
        Assert.That(engine.Submit("later"), Is.Null, "closed now");
        Assert.That(drained.IsCompleted, Is.False, "the late job is still to run");

        await engine.RunAllAsync();
        await drained.WaitAsync(Patience);
        Assert.That(late!.Status, Is.EqualTo(JobStatus.Completed));
    }

    private static JobTracker NewTracker() =>
        new(new FakeTimeProvider(), new JobConsole(TextWriter.Null, quiet: true), StartedLine.Refactored, history: 100);
}
