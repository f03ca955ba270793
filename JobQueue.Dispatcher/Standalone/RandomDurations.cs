namespace JobQueue.Standalone;

/// <summary>
/// worker_standalone.go's <c>time.Duration(rand.Intn(1000)) * time.Millisecond</c>, for any
/// <c>--max-duration</c>: each job lasts a random time in [0, max). With <c>--seed</c> the sequence
/// repeats from run to run (it is .NET's sequence, not Go's).
/// </summary>
internal sealed class RandomDurations
{
    private const long NanosecondsPerMillisecond = 1_000_000;

    private readonly Random _random;
    private readonly long _unit;
    private readonly long _units;

    public RandomDurations(TimeSpan max, int? seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, TimeSpan.Zero);
        _random = seed is { } s ? new Random(s) : Random.Shared;

        // Go draws whole milliseconds, and so does the port whenever max is a whole number of them,
        // so that the lines read as Go's do ("81ms", and "0s" for every job of --max-duration 1ms).
        // Any other max (1.5ms, 250us) is drawn in ticks of 100 ns, the finest step a TimeSpan can
        // take, so that every length below max can be drawn and printed. The sleep itself counts whole
        // milliseconds (Task.Delay's unit): a job printed as 1.5ms sleeps 1ms, one under 1ms not at all.
        // A max under one tick (--max-duration 50ns) is zero after parsing, and every job lasts 0s.
        var maxNanoseconds = max.Ticks * TimeSpan.NanosecondsPerTick;
        _unit = maxNanoseconds > 0 && maxNanoseconds % NanosecondsPerMillisecond == 0
            ? NanosecondsPerMillisecond
            : TimeSpan.NanosecondsPerTick;
        _units = maxNanoseconds / _unit;
    }

    /// <summary>The next job's length as a Go <c>time.Duration</c>, in nanoseconds.</summary>
    public long NextNanoseconds() => _random.NextInt64(_units) * _unit;
}
