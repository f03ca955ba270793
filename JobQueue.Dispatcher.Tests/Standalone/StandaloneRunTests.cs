using System.Globalization;
using System.Text.RegularExpressions;
using JobQueue.Cli;
using JobQueue.GoFormat;
using JobQueue.Output;
using JobQueue.Queue;
using JobQueue.Standalone;
using JobQueue.Tests.Support;

namespace JobQueue.Tests.Standalone;

// The runs use a fake clock that the test moves from one job's end to the next, once every running
// job has set its timer (JobClock), so 100 jobs of up to a second take no real time.
public sealed partial class StandaloneRunTests
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(60);

    [Test]
    public async Task The_defaults_complete_every_job_exactly_once()
    {
        var run = await Run.StartAsync(StandaloneSettings.Default);

        AssertEveryJobRanOnce(run, StandaloneSettings.Default);
    }

    [Test]
    public async Task Many_jobs_on_few_workers_complete_exactly_once()
    {
        var settings = new StandaloneSettings(Jobs: 1000, MaxWorkers: 3, MaxDuration: TimeSpan.FromMilliseconds(20), Seed: 7);

        var run = await Run.StartAsync(settings);

        AssertEveryJobRanOnce(run, settings);
    }

    [Test]
    public async Task A_max_duration_of_1ms_makes_every_job_last_0s()
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
    public async Task A_max_duration_of_no_whole_milliseconds_draws_ticks_below_it()
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
    public async Task A_seed_makes_the_run_repeatable()
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
    public async Task Without_a_seed_each_run_draws_other_durations()
    {
        var first = await Run.StartAsync(StandaloneSettings.Default);
        var second = await Run.StartAsync(StandaloneSettings.Default);

        // 100 draws from 1000 values: equal sequences would mean a fixed seed.
        Assert.That(second.AddedLines, Is.Not.EqualTo(first.AddedLines));
    }

    [Test]
    public async Task Adding_waits_for_a_free_worker()
    {
        var settings = new StandaloneSettings(Jobs: 200, MaxWorkers: 3, MaxDuration: TimeSpan.FromMilliseconds(50), Seed: 1);

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
    public async Task A_canceled_run_stops_without_waiting_for_its_jobs()
    {
        var settings = StandaloneSettings.Default with { Seed = 5 };
        var time = new ObservedTimeProvider();
        var output = new LineRecorder();
        using var cancel = new CancellationTokenSource();
        JobCounts counts;

        var console = new JobConsole(output);
        await using (console)
        {
            var running = StandaloneRun.RunAsync(settings, console, time, cancel.Token);
            var clock = new JobClock(settings, time, output);
            while (clock.Ended.Count < 20)
            {
                Assert.That(await clock.MoveToNextEndAsync(), Is.True, "the run ended before 20 jobs did");
            }

            foreach (var job in clock.Ended)
            {
                await output.WhenLine(l => l.EndsWith($": completed {job}!", StringComparison.Ordinal));
            }

            await cancel.CancelAsync();

            // The clock stands still from here: only cut-short sleeps can let the run end.
            counts = await running.WaitAsync(Guard);
        }

        var lines = Parse(output.Lines);
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
    public async Task The_command_line_runs_standalone_with_its_flags()
    {
        var output = new LineRecorder();
        var error = new StringWriter();
        StandaloneSettings? received = null;
        JobCounts? counts = null;

        var console = new JobConsole(output);
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

        var expected = new StandaloneSettings(Jobs: 5, MaxWorkers: 2, MaxDuration: TimeSpan.FromMilliseconds(1), Seed: 1);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(exitCode, Is.Zero);
            Assert.That(error.ToString(), Is.Empty);
            Assert.That(received, Is.EqualTo(expected));
            Assert.That(counts?.Completed, Is.EqualTo(5));
        }

        AssertEveryJobRanOnce(new Run(counts!, output), expected);
    }

    [Test]
    public void The_exit_code_is_0_only_when_every_job_completed()
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

    private static Line[] Parse(IEnumerable<string> lines) => [.. lines.Select(Line.Parse)];

    private sealed class Run(JobCounts counts, LineRecorder output)
    {
        public JobCounts Counts { get; } = counts;

        public string Text { get; } = output.Text;

        public IReadOnlyList<Line> Lines { get; } = Parse(output.Lines);

        public IReadOnlyList<Added> AddedLines => [.. Lines.OfType<Added>()];

        public IReadOnlyList<Started> StartedLines => [.. Lines.OfType<Started>()];

        /// <summary>Runs to the end, the clock moved from one job's end to the next.</summary>
        public static async Task<Run> StartAsync(StandaloneSettings settings)
        {
            var time = new ObservedTimeProvider();
            var output = new LineRecorder();
            JobCounts counts;

            var console = new JobConsole(output);
            await using (console)
            {
                var running = StandaloneRun.RunAsync(settings, console, time, CancellationToken.None);
                var clock = new JobClock(settings, time, output);
                while (await clock.MoveToNextEndAsync())
                {
                }

                counts = await running.WaitAsync(Guard);
            }

            return new Run(counts, output);
        }
    }

    /// <summary>
    /// Moves the fake clock of a standalone run as the run itself sees time pass. The workers take the
    /// jobs in the order they were added, each as soon as it is free, and each sleeps for its length in
    /// whole milliseconds (Task.Delay's unit; under 1ms it sets no timer at all). So from the "adding"
    /// lines the clock knows when each job starts and ends. It moves to the next end only once every job
    /// started by then has set its timer, and so never waits on real time.
    /// </summary>
    private sealed class JobClock
    {
        private readonly StandaloneSettings _settings;
        private readonly ObservedTimeProvider _time;
        private readonly LineRecorder _output;
        private readonly long _start;
        private readonly PriorityQueue<int, long> _freeWorkers = new();
        private readonly PriorityQueue<string, long> _running = new();
        private readonly List<string> _ended = [];
        private int _nextJob;
        private int _timers;

        public JobClock(StandaloneSettings settings, ObservedTimeProvider time, LineRecorder output)
        {
            _settings = settings;
            _time = time;
            _output = output;
            _start = time.GetUtcNow().UtcTicks;
            for (var worker = 0; worker < settings.MaxWorkers; worker++)
            {
                _freeWorkers.Enqueue(worker, 0);
            }
        }

        /// <summary>The jobs that have ended by now, in the order they ended.</summary>
        public IReadOnlyList<string> Ended => _ended;

        private long Now => _time.GetUtcNow().UtcTicks - _start;

        /// <summary>Moves the clock to the next end of a job; false when no job is left to end.</summary>
        public async Task<bool> MoveToNextEndAsync()
        {
            while (_nextJob < _settings.Jobs && _freeWorkers.TryPeek(out _, out var freeAt) && freeAt <= Now)
            {
                var worker = _freeWorkers.Dequeue();
                var job = $"job-{_nextJob++}";
                var length = await LengthOfAsync(job);
                _freeWorkers.Enqueue(worker, Now + length);
                if (length > 0)
                {
                    _timers++;
                    _running.Enqueue(job, Now + length);
                }
                else
                {
                    _ended.Add(job);
                }
            }

            await _time.WhenTimersCreated(_timers);
            if (!_running.TryPeek(out _, out var nextEnd))
            {
                return false;
            }

            _time.Advance(TimeSpan.FromTicks(nextEnd - Now));
            while (_running.TryPeek(out _, out var end) && end <= Now)
            {
                _ended.Add(_running.Dequeue());
            }

            return true;
        }

        // How long the job sleeps, in ticks, from its "adding" line: printed before the job is sent, so
        // it is there by the time a worker could have taken the job.
        private async Task<long> LengthOfAsync(string job)
        {
            var prefix = $"adding: {job} ";
            await _output.WhenLine(l => l.StartsWith(prefix, StringComparison.Ordinal));
            var added = (Added)Line.Parse(_output.Lines.First(l => l.StartsWith(prefix, StringComparison.Ordinal)));
            var wholeMilliseconds = Nanoseconds(added.Duration) / 1_000_000;
            return wholeMilliseconds * TimeSpan.TicksPerMillisecond;
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
