using JobQueue.Tests.Support;

namespace JobQueue.Tests.Compare;

/// <summary>
/// A real comparison: both modes as child processes of this program, the load over HTTP, every job
/// followed to its end. What it reports must add up with what the servers answered and printed.
/// </summary>
internal sealed class CompareRunTests
{
    private static readonly TimeSpan ClockSlack = TimeSpan.FromMilliseconds(10);

    [Test]
    public async Task Both_modes_run_every_accepted_job_once_and_stop_cleanly()
    {
        var run = await ShortCompare.ResultAsync();

        Assert.That(run.ExitCode, Is.Zero, run.Error);
        Assert.That(run.Report.Runs.Select(r => r.Run.Name), Is.EqualTo(new[] { "original", "refactored" }));
        foreach (var result in run.Report.Runs.Select(r => r.Run))
        {
            var accepted = result.Answers.Where(a => a.Accepted).Select(a => a.Name).ToArray();
            using (Assert.EnterMultipleScope())
            {
                Assert.That(result.Answers.Select(a => a.Status), Is.All.AnyOf(201, 503), result.Name);
                Assert.That(result.Refused, Is.Positive, $"{result.Name}: the queue of 1 must have refused");
                Assert.That(result.Jobs.Select(j => j.Name), Is.EquivalentTo(accepted), $"{result.Name}: one timeline per accepted job");
                Assert.That(result.Jobs.Select(j => j.Status), Is.All.EqualTo("completed"), result.Name);
                Assert.That(result.Jobs.Select(j => j.Worker), Is.All.EqualTo(1), result.Name);
                Assert.That(result.CompletedLines, Is.EqualTo(accepted.Length), $"{result.Name}: one 'completed' line per job");
                Assert.That(result.ExitCode, Is.Zero, result.Name);
                Assert.That(result.Summary, Is.EqualTo($"{accepted.Length}/{accepted.Length}/0/0"), $"{result.Name}: the shutdown line");
            }

            // One worker runs one job at a time, each after it was queued, for its whole delay. The delay
            // runs on the monotonic timer and the times are read off the wall clock: they may differ by
            // a few milliseconds.
            var runs = result.Jobs.OrderBy(j => j.Started).ToArray();
            for (var i = 0; i < runs.Length; i++)
            {
                Assert.That(runs[i].Started!.Value, Is.GreaterThanOrEqualTo(runs[i].Queued), runs[i].Name);
                Assert.That(runs[i].Finished!.Value - runs[i].Started!.Value, Is.GreaterThanOrEqualTo(runs[i].Delay - ClockSlack), runs[i].Name);
                if (i > 0)
                {
                    Assert.That(runs[i].Started!.Value, Is.GreaterThanOrEqualTo(runs[i - 1].Finished!.Value), $"{runs[i].Name} overlaps {runs[i - 1].Name} on worker1");
                }
            }
        }
    }

    [Test]
    public async Task Compare_md_has_the_sentences_the_table_and_a_link_to_the_picture()
    {
        var run = await ShortCompare.ResultAsync();

        var markdown = await File.ReadAllTextAsync(run.Settings.Out);
        var original = run.Report.Runs[0].Run;
        var refactored = run.Report.Runs[1].Run;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(markdown, Does.Contain("[compare.html](compare.html)"));
            Assert.That(File.Exists(run.Settings.HtmlOut), Is.True);
            Assert.That(markdown, Does.Contain($"original accepted {original.Accepted} and refused {original.Refused} with 503, refactored accepted {refactored.Accepted} and refused {refactored.Refused} with 503"));
            Assert.That(markdown, Does.Match($@"\| accepted \(201\) +\| {original.Accepted} +\| {refactored.Accepted} +\|"));
            Assert.That(markdown, Does.Not.Contain("first/last"), "curl's start-up is not measured");
            Assert.That(run.Output, Does.Contain(run.Report.Table.ToMarkdown()), "the same table on standard output");
        }
    }
}
