using JobQueue.Tests.Support;

namespace JobQueue.Tests.Engine;

/// <summary>The console lines of each design, byte for byte as the Go programs print them.</summary>
public sealed class ConsoleLinesTests
{
    [Test]
    public async Task Original_mode_prints_gos_four_lines_per_job_and_stopping_once_per_worker()
    {
        var engine = new EngineHarness("original", workers: 2, queue: 10);
        await engine.RunOneAsync("job1", 2);
        await engine.DisposeAsync();

        var lines = engine.Output.Lines;
        var worker = engine.Accepted[0].Snapshot().Worker;
        Assert.That(lines.Take(4), Is.EqualTo(new[]
        {
            "fetching workerJobQueue for: job1",
            "adding job1 to workerJobQueue",
            $"worker{worker}: started job1, blocking for 2.000000 seconds",
            $"worker{worker}: completed job1!",
        }));
        Assert.That(lines.Skip(4).Order(), Is.EqualTo(new[] { "worker1 stopping", "worker2 stopping" }));
    }

    [Test]
    public async Task Refactored_mode_prints_gos_added_started_completed()
    {
        var engine = new EngineHarness("refactored", workers: 1, queue: 10);
        await engine.RunOneAsync("job1", 1.5);
        await engine.DisposeAsync();

        Assert.That(engine.Output.Lines, Is.EqualTo(new[]
        {
            "added: job1 1.5s",
            "worker1: started job1, working for 1.500000 seconds",
            "worker1: completed job1!",
        }));
    }

    // Named: a raw control character in a test name makes `dotnet test --filter` skip the case.
    [TestCase("evil\nworker1: completed forged!", @"evil\nworker1: completed forged!", TestName = "Newline in a name")]
    [TestCase("cr\rlf", @"cr\rlf", TestName = "Carriage return in a name")]
    [TestCase("esc\u001b[31mred", @"esc\x1b[31mred", TestName = "Escape sequence in a name")]
    [TestCase("plain é ü", "plain é ü")]
    public async Task A_control_character_in_a_name_is_escaped_so_no_line_can_be_forged(string name, string printed)
    {
        var engine = new EngineHarness("refactored", workers: 1, queue: 10);
        await engine.RunOneAsync(name, 1);
        await engine.DisposeAsync();

        Assert.That(engine.Output.Lines, Is.EqualTo(new[]
        {
            $"added: {printed} 1s",
            $"worker1: started {printed}, working for 1.000000 seconds",
            $"worker1: completed {printed}!",
        }));
    }
}
