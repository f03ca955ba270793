using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using JobQueue.Cli;
using JobQueue.GoFormat;
using JobQueue.Output;
using JobQueue.Queue;
using JobQueue.Standalone;
using Microsoft.Extensions.Time.Testing;

namespace JobQueue.Tests.Standalone;

// The runs use a FakeTimeProvider advanced by the test, so 100 jobs of up to a second cost no real time.
[TestFixture]
internal sealed partial class StandaloneRunTests
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(60);

    [Test]
    public async Task Defaults_CompleteEveryJobExactlyOnce()
    {
        var run = await Run.StartAsync(StandaloneSettings.Default);

        AssertEveryJobRanOnce(run, StandaloneSettings.Default);
    }

    [Test]
    public async Task ManyJobsFewWorkers_CompleteEveryJobExactlyOnce()
    {
        StandaloneSettings settings = new(Jobs: 1000, MaxWorkers: 3, MaxDuration: TimeSpan.FromMilliseconds(20), Seed: 7);

        var run = await Run.StartAsync(settings);

        AssertEveryJobRanOnce(run, settings);
    }

    [Test]
    public async Task MaxDurationOneMillisecond_EveryJobLastsZero()
    {
        var settings = StandaloneSettings.Default with { MaxDuration = TimeSpan.FromMilliseconds(1) };

        var run = await Run.StartAsync(settings);

        AssertEveryJobRanOnce(run, settings);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(run.AddedLines.Select(a => a.Duration), Is.All.EqualTo("0s"));
            Assert.That(run.StartedLines.Select(s => s.Seconds), Is.All.EqualTo("0.000000"));
        }
    }

    [Test]
    public async Task SubMillisecondMaxDuration_DrawsTicksBelowMax()
    {
        var settings = StandaloneSettings.Default with { MaxDuration = TimeSpan.FromMicroseconds(1500), Seed = 3 };

        var run = await Run.StartAsync(settings);

        AssertEveryJobRanOnce(run, settings);
        long[] nanoseconds = [.. run.AddedLines.Select(a => Nanoseconds(a.Duration))];
        using (Assert.EnterMultipleScope())
        {
            Assert.That(nanoseconds, Is.All.InRange(0L, 1_499_900L));
            Assert.That(nanoseconds, Has.Some.Matches<long>(n => n % 1_000_000 != 0), "not only whole milliseconds");
        }
    }

    [Test]
    public async Task Seed_MakesTheRunRepeatable()
    {
        var settings = StandaloneSettings.Default with { Seed = 42 };

        var first = await Run.StartAsync(settings);
        var second = await Run.StartAsync(settings);
        var other = await Run.StartAsync(settings with { Seed = 43 });

        using (Assert.EnterMultipleScope())
        {
            Assert.That(second.AddedLines, Is.EqualTo(first.AddedLines));
            Assert.That(other.AddedLines, Is.Not.EqualTo(first.AddedLines));
            Assert.That(first.AddedLines.Select(a => Nanoseconds(a.Duration)), Is.All.InRange(0L, 999_000_000L));
        }
    }

    [Test]
    public async Task NoSeed_DrawsDifferentDurations()
    {
        var first = await Run.StartAsync(StandaloneSettings.Default);
        var second = await Run.StartAsync(StandaloneSettings.Default);

        // 100 draws from 1000 values: equal sequences would mean a fixed seed.
        Assert.That(second.AddedLines, Is.Not.EqualTo(first.AddedLines));
    }

    [Test]
    public async Task Adding_WaitsForAFreeWorker()
    {
        StandaloneSettings settings = new(Jobs: 200, MaxWorkers: 3, MaxDuration: TimeSpan.FromMilliseconds(50), Seed: 1);

        var run = await Run.StartAsync(settings);

        // A job added but not started is the one being sent, the one in the channel's single slot, or
        // one that a worker has taken but not yet announced. An unbounded channel would add all 200 at once.
        var waiting = 0;
        var mostWaiting = 0;
        foreach (var line in run.Lines)
        {
            waiting += line switch { Added => 1, Started => -1, _ => 0 };
            mostWaiting = Math.Max(mostWaiting, waiting);
        }

        Assert.That(mostWaiting, Is.LessThanOrEqualTo(settings.MaxWorkers + 2));
    }

    [Test]
    public async Task Canceled_StopsWithoutWaitingForTheJobs()
    {
        var settings = StandaloneSettings.Default with { Seed = 5 };
        FakeTimeProvider time = new();
        SharedWriter output = new();
        using CancellationTokenSource cancel = new();
        JobCounts counts;

        JobConsole console = new(output);
        await using (console)
        {
            var running = StandaloneRun.RunAsync(settings, console, time, cancel.Token);
            var guard = Stopwatch.StartNew();
            while (CompletedCount(output.ToString()) < 20)
            {
                Assert.That(guard.Elapsed, Is.LessThan(Guard), "20 jobs did not complete in time");
                time.Advance(TimeSpan.FromMilliseconds(1));
                await Task.Yield();
            }

            await cancel.CancelAsync();

            // The clock stands still from here: only cut-short sleeps can let the run end.
            counts = await running.WaitAsync(Guard);
        }

        var lines = Parse(output.ToString());
        string[] added = [.. lines.OfType<Added>().Select(a => a.Job)];
        string[] ended = [.. lines.Select(l => l switch
        {
            Completed c => c.Job,
            Canceled c => c.Job,
            CanceledQueued c => c.Job,
            _ => null,
        }).OfType<string>()];
        using (Assert.EnterMultipleScope())
        {
            Assert.That(counts.Completed, Is.InRange(20, settings.Jobs - 1));
            Assert.That(counts.Accepted, Is.EqualTo(counts.Completed + counts.Canceled + counts.NeverStarted));
            Assert.That(counts.Queued + counts.Busy, Is.Zero);
            Assert.That(ended, Is.EquivalentTo(added), "every added job ends exactly once");
            Assert.That(lines.OfType<Canceled>(), Is.Not.Empty, "running jobs were cut short");
            Assert.That(StandaloneRun.ExitCode(settings, counts), Is.EqualTo(StandaloneRun.InterruptedExitCode));
        }
    }

    [Test]
    public async Task CommandLine_RunsStandaloneWithItsFlags()
    {
        StringWriter output = new();
        StringWriter error = new();
        StandaloneSettings? received = null;
        JobCounts? counts = null;

        JobConsole console = new(output);
        int exitCode;
        await using (console)
        {
            exitCode = await CommandLine.InvokeAsync(
                ["standalone", "--jobs", "5", "--max-duration", "1ms", "--seed", "1", "-max_workers", "2"],
                (_, _) => Task.FromResult(-1),
                async (settings, cancellationToken) =>
                {
                    received = settings;
                    counts = await StandaloneRun.RunAsync(settings, console, TimeProvider.System, cancellationToken);
                    return StandaloneRun.ExitCode(settings, counts);
                },
                output: TextWriter.Null,
                error: error);
        }

        StandaloneSettings expected = new(Jobs: 5, MaxWorkers: 2, MaxDuration: TimeSpan.FromMilliseconds(1), Seed: 1);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(exitCode, Is.Zero);
            Assert.That(error.ToString(), Is.Empty);
            Assert.That(received, Is.EqualTo(expected));
            Assert.That(counts?.Completed, Is.EqualTo(5));
        }

        AssertEveryJobRanOnce(new Run(counts!, output.ToString()), expected);
    }

    [Test]
    public void ExitCode_ZeroOnlyWhenEveryJobCompleted()
    {
        var settings = StandaloneSettings.Default with { Jobs = 3 };

        using (Assert.EnterMultipleScope())
        {
            Assert.That(StandaloneRun.ExitCode(settings, new JobCounts(3, 0, 3, 3, 0, 0, 0, 0, 0)), Is.Zero);
            Assert.That(StandaloneRun.ExitCode(settings, new JobCounts(3, 0, 3, 2, 1, 0, 0, 0, 0)), Is.EqualTo(130));
        }
    }

    private static void AssertEveryJobRanOnce(Run run, StandaloneSettings settings)
    {
        string[] names = [.. Enumerable.Range(0, settings.Jobs).Select(i => $"job-{i}")];
        using (Assert.EnterMultipleScope())
        {
            Assert.That(run.Text, Does.Not.Contain("\r"), "Go ends lines with \\n only");
            Assert.That(run.Lines.OfType<Unknown>().Select(u => u.Text), Is.Empty, "every line has a Go shape");
            Assert.That(run.AddedLines.Select(a => a.Job), Is.EqualTo(names), "added once each, in order");
            Assert.That(run.StartedLines.Select(s => s.Job), Is.EquivalentTo(names), "started once each");
            Assert.That(run.Lines.OfType<Completed>().Select(c => c.Job), Is.EquivalentTo(names), "completed once each");
            Assert.That(run.Counts.Accepted, Is.EqualTo(settings.Jobs));
            Assert.That(run.Counts.Completed, Is.EqualTo(settings.Jobs));
            Assert.That(run.Counts.Started, Is.EqualTo(settings.Jobs));
            Assert.That(run.Counts.Canceled + run.Counts.Rejected + run.Counts.Queued + run.Counts.Busy, Is.Zero);
        }

        Dictionary<string, int> position = [];
        Dictionary<string, string> duration = [];
        Dictionary<string, int> worker = [];
        var running = 0;
        var mostRunning = 0;
        for (var i = 0; i < run.Lines.Count; i++)
        {
            switch (run.Lines[i])
            {
                case Added a:
                    position[a.Job] = i;
                    duration[a.Job] = a.Duration;
                    break;
                case Started s:
                    Assert.That(position.ContainsKey(s.Job), $"{s.Job} started before it was added");
                    Assert.That(s.Worker, Is.InRange(1, settings.MaxWorkers));
                    Assert.That(s.Seconds, Is.EqualTo(GoPercentF(Nanoseconds(duration[s.Job]))), $"{s.Job} works for its added length");
                    worker[s.Job] = s.Worker;
                    mostRunning = Math.Max(mostRunning, ++running);
                    break;
                case Completed c:
                    Assert.That(worker.TryGetValue(c.Job, out var startedOn), $"{c.Job} completed before it started");
                    Assert.That(c.Worker, Is.EqualTo(startedOn), $"{c.Job} completed by the worker that started it");
                    running--;
                    break;
            }
        }

        Assert.That(mostRunning, Is.InRange(1, settings.MaxWorkers));
    }

    private static long Nanoseconds(string goDuration)
    {
        Assert.That(GoDuration.TryParse(goDuration, out var nanoseconds, out var error), Is.True, error);
        return nanoseconds;
    }

    // Go's %f of Duration.Seconds(): six decimals; durations here are under 1 s, so a double is exact enough.
    private static string GoPercentF(long nanoseconds) =>
        (nanoseconds / 1e9).ToString("F6", CultureInfo.InvariantCulture);

    private static int CompletedCount(string text) => Parse(text).OfType<Completed>().Count();

    private static Line[] Parse(string text) =>
        [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(Line.Parse)];

    private sealed class Run(JobCounts counts, string text)
    {
        public JobCounts Counts { get; } = counts;

        public string Text { get; } = text;

        public IReadOnlyList<Line> Lines { get; } = Parse(text);

        public IReadOnlyList<Added> AddedLines => [.. Lines.OfType<Added>()];

        public IReadOnlyList<Started> StartedLines => [.. Lines.OfType<Started>()];

        /// <summary>Runs to the end, advancing the fake clock a millisecond at a time while it is in flight.</summary>
        public static async Task<Run> StartAsync(StandaloneSettings settings)
        {
            FakeTimeProvider time = new();
            StringWriter output = new();
            JobCounts counts;

            JobConsole console = new(output);
            await using (console)
            {
                var running = StandaloneRun.RunAsync(settings, console, time, CancellationToken.None);
                var guard = Stopwatch.StartNew();
                while (!running.IsCompleted)
                {
                    if (guard.Elapsed > Guard)
                    {
                        Assert.Fail($"the run did not end within {Guard} of real time");
                    }

                    time.Advance(TimeSpan.FromMilliseconds(1));
                    await Task.Yield();
                }

                counts = await running;
            }

            return new Run(counts, output.ToString());
        }
    }

    /// <summary>A StringWriter that the test may read while the console's pump writes to it.</summary>
    private sealed class SharedWriter : StringWriter
    {
        private readonly Lock _gate = new();

        public override void Write(char value)
        {
            lock (_gate)
            {
                base.Write(value);
            }
        }

        public override void Write(string? value)
        {
            lock (_gate)
            {
                base.Write(value);
            }
        }

        public override string ToString()
        {
            lock (_gate)
            {
                return base.ToString();
            }
        }
    }

    private abstract record Line
    {
        public static Line Parse(string text)
        {
            if (AddingPattern().Match(text) is { Success: true } a)
            {
                return new Added(a.Groups[1].Value, a.Groups[2].Value);
            }

            if (StartedPattern().Match(text) is { Success: true } s)
            {
                return new Started(int.Parse(s.Groups[1].Value, CultureInfo.InvariantCulture), s.Groups[2].Value, s.Groups[3].Value);
            }

            if (CompletedPattern().Match(text) is { Success: true } c)
            {
                return new Completed(int.Parse(c.Groups[1].Value, CultureInfo.InvariantCulture), c.Groups[2].Value);
            }

            if (CanceledPattern().Match(text) is { Success: true } x)
            {
                return new Canceled(x.Groups[1].Value);
            }

            return CanceledQueuedPattern().Match(text) is { Success: true } q ? new CanceledQueued(q.Groups[1].Value) : new Unknown(text);
        }
    }

    private sealed record Added(string Job, string Duration) : Line;

    private sealed record Started(int Worker, string Job, string Seconds) : Line;

    private sealed record Completed(int Worker, string Job) : Line;

    private sealed record Canceled(string Job) : Line;

    private sealed record CanceledQueued(string Job) : Line;

    private sealed record Unknown(string Text) : Line;

    // worker_standalone.go: "adding: %s %s\n", "worker%d: started %s, working for %fs\n", "worker%d: completed %s!\n"
    [GeneratedRegex(@"^adding: (job-\d+) ((?:\d+(?:\.\d+)?(?:ms|µs|ns|s))|0s)$")]
    private static partial Regex AddingPattern();

    [GeneratedRegex(@"^worker(\d+): started (job-\d+), working for (\d+\.\d{6})s$")]
    private static partial Regex StartedPattern();

    [GeneratedRegex(@"^worker(\d+): completed (job-\d+)!$")]
    private static partial Regex CompletedPattern();

    // Not in Go: how a job cut short by Ctrl+C ends.
    [GeneratedRegex(@"^worker\d+: canceled (job-\d+)!$")]
    private static partial Regex CanceledPattern();

    [GeneratedRegex(@"^(job-\d+) never started: the shutdown timeout passed$")]
    private static partial Regex CanceledQueuedPattern();
}
