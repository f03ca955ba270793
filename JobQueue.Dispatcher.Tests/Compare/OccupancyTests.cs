using JobQueue.Compare;

namespace JobQueue.Tests.Compare;

/// <summary>The queue depth drawn in compare.html and the "most jobs held" figure, swept from the jobs' times.</summary>
internal sealed class OccupancyTests
{
    private static TimedJob Job(double queued, double started, double finished) =>
        new("job", TimeSpan.FromSeconds(finished - started), 1, S(queued), S(started), S(finished), "completed");

    private static TimeSpan S(double seconds) => TimeSpan.FromSeconds(seconds);

    [Test]
    public void Queue_depth_rises_when_a_job_is_queued_and_falls_when_a_worker_takes_it()
    {
        TimedJob[] jobs = [Job(0, 0, 1), Job(0, 1, 2), Job(0.5, 2, 3)];

        Assert.That(Occupancy.QueueDepth(jobs), Is.EqualTo(new[] { (S(0), 1), (S(0.5), 2), (S(1), 1), (S(2), 0) }));
    }

    [Test]
    public void Jobs_held_counts_queued_and_running_together()
    {
        TimedJob[] jobs = [Job(0, 0, 1), Job(0, 1, 2), Job(0.5, 2, 3)];

        Assert.That(Occupancy.PeakHeld(jobs), Is.EqualTo(3));
    }

    [Test]
    public void A_job_handed_on_at_the_instant_another_ends_is_not_counted_twice()
    {
        TimedJob[] jobs = [Job(0, 0, 1), Job(1, 1, 2)];

        Assert.That(Occupancy.PeakHeld(jobs), Is.EqualTo(1));
    }

    [Test]
    public void The_ideal_schedule_puts_each_job_on_the_first_free_worker_once_it_has_arrived()
    {
        TimedJob[] jobs = [Job(0, 0, 3), Job(0, 0, 1), Job(0, 1, 2), Job(5, 5, 6)];

        using (Assert.EnterMultipleScope())
        {
            Assert.That(IdealSchedule.Makespan(jobs, workers: 2, atArrivals: false), Is.EqualTo(S(3)));
            Assert.That(IdealSchedule.Makespan(jobs, workers: 2, atArrivals: true), Is.EqualTo(S(6)));
        }
    }
}
