using JobQueue.Compare;
using static JobQueue.Tests.Compare.RecordedRun;

namespace JobQueue.Tests.Compare;

/// <summary>What compare.md says in words is computed from the run, and says what the numbers show.</summary>
internal sealed class FindingsTests
{
    private static readonly CompareSettings OneWorkerQueueOne = CompareSettings.Default with { Jobs = 4, Workers = 1, QueueSize = 1, Delay = TimeSpan.FromSeconds(1) };

    // 1 worker, a queue of 1, 4 quick POSTs: original holds one job more than refactored and refuses one fewer.
    private static readonly ContenderResult Original = Of("original", [0.02],
        Job("job1", 0.00, 1, 0.00, 1.00), Job("job2", 0.01, 1, 1.00, 2.00), Job("job3", 0.01, 1, 2.00, 3.00));

    private static readonly ContenderResult Refactored = Of("refactored", [0.02, 0.03],
        Job("job1", 0.00, 1, 0.00, 1.00), Job("job2", 0.01, 1, 1.00, 2.00));

    [Test]
    public void Under_pressure_it_says_who_accepted_more_and_that_the_difference_was_held_outside_queue_and_workers()
    {
        var sentences = Report.Of([Original, Refactored], OneWorkerQueueOne, "compare", FirstPost).Sentences;

        Assert.That(sentences[0], Is.EqualTo(
            "Under pressure (4 jobs for 1 worker and a queue of 1), original accepted 3 and refused 1 with 503, "
            + "refactored accepted 2 and refused 2 with 503; original accepted the most, 1 more than the next."));
        Assert.That(sentences[1], Is.EqualTo(
            "At most 3 in original and 2 in refactored were waiting or running at once; 1 worker and a queue of 1 have room for 2. "
            + "The jobs beyond that (1 in original) were accepted and held neither in the queue nor by a worker."));
    }

    [Test]
    public void It_says_how_the_work_spread_and_how_close_each_came_to_the_ideal_schedule()
    {
        var settings = CompareSettings.Default with { Jobs = 4, Workers = 2, QueueSize = 2 };
        var even = Of("original", [],
            Job("job1", 0, 1, 0, 1), Job("job2", 0, 2, 0, 1), Job("job3", 0, 1, 1, 2), Job("job4", 0, 2, 1, 2));
        var uneven = Of("refactored", [],
            Job("job1", 0, 1, 0, 1), Job("job2", 0, 1, 1, 2), Job("job3", 0, 1, 2, 3), Job("job4", 0, 2, 0, 1));

        var sentences = Report.Of([even, uneven], settings, "compare", FirstPost).Sentences;

        Assert.That(sentences[0], Is.EqualTo(
            "Every server accepted all 4 jobs: the load never filled a queue of 2, so it put no pressure on them; send more jobs (-n) or shrink the queue (--queue) to see them refuse."));
        Assert.That(sentences[2], Is.EqualTo(
            "The work spread differently: original ran 2 2 jobs on its 2 workers, busy 2.0 s each; refactored ran 3 1 jobs on its 2 workers, busy 1.0 s to 3.0 s each."));
        Assert.That(sentences[3], Is.EqualTo(
            "The last job ended 2.0 s in original (ideal 2.0 s) and 3.0 s in refactored (ideal 2.0 s) after the first POST; original came closest to a perfect first-come-first-served dispatcher for the jobs it accepted."));
    }

    [Test]
    public void The_table_has_the_figures_of_each_server_in_its_column()
    {
        var table = Report.Of([Original, Refactored], OneWorkerQueueOne, "compare", FirstPost).Table;

        string[] Row(string label) => table.Rows.Single(r => r.Label.StartsWith(label, StringComparison.Ordinal)).Values;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(table.Columns, Is.EqualTo(new[] { "original", "refactored" }));
            Assert.That(Row("accepted (201)"), Is.EqualTo(new[] { "3", "2" }));
            Assert.That(Row("rejected (503)"), Is.EqualTo(new[] { "1", "2" }));
            Assert.That(Row("most jobs waiting or running at once (1 worker + queue 1 = 2)"), Is.EqualTo(new[] { "3", "2" }));
            Assert.That(Row("makespan"), Is.EqualTo(new[] { "3.000", "2.000" }));
            Assert.That(Row("queue wait p50 / p99 / max (ms)"), Is.EqualTo(new[] { "990.0 / 1990.0 / 1990.0", "0.0 / 990.0 / 990.0" }));
            Assert.That(Row("jobs per worker"), Is.EqualTo(new[] { "3", "2" }));
        }

        Assert.That(table.ToMarkdown().Split('\n')[0], Does.StartWith("| metric "));
    }
}
