using JobQueue.Hosting;
using JobQueue.Queue;

namespace JobQueue.Tests.Lifecycle;

/// <summary>
/// The --postgres summary line: jobs left waiting stay queued in PostgreSQL and are said to, never
/// "never started"; the jobs this node accepted and the runs it ran each add up.
/// </summary>
public sealed class SharedQueueSummaryTests
{
    [Test]
    public void A_node_whose_jobs_other_nodes_took_says_how_many_still_wait_and_what_its_own_runs_became()
    {
        // 10 accepted here; 7 runs here (some of them other nodes' jobs): 5 completed, 1 canceled, 1 returned.
        var counts = new JobCounts(10, 2, 7, 5, 1, 0, 1, 0, 0);

        Assert.That(ShutdownSummary.FormatShared(counts, stillQueued: 3), Is.EqualTo(
            "shutdown: 10 accepted: 3 still queued in PostgreSQL (durable, for the next node), 7 taken or canceled; 7 run here: 5 completed, 1 canceled, 1 returned to the queue"));
    }

    [Test]
    public void A_forced_exit_that_does_not_wait_for_the_database_says_where_the_jobs_are_and_which_runs_another_node_rescues()
    {
        // 4 accepted; 3 runs here: 1 completed, 2 still running when the process ends.
        var counts = new JobCounts(4, 0, 3, 1, 0, 0, 0, 0, 2);

        Assert.That(ShutdownSummary.FormatShared(counts, stillQueued: null), Is.EqualTo(
            "shutdown: 4 accepted, kept in PostgreSQL until a node takes them (durable); 3 run here: 1 completed, 0 canceled, 0 returned to the queue, 2 still running (another node rescues them)"));
    }

    [Test]
    public void The_in_memory_line_is_unchanged()
    {
        Assert.That(ShutdownSummary.Format(new JobCounts(6, 0, 2, 0, 0, 0, 0, 4, 2)), Is.EqualTo(
            "shutdown: 6 accepted, 0 completed, 2 canceled, 4 never started"));
    }
}
