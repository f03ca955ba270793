namespace JobQueue.Queue;

/// <summary>
/// Percentiles of a latency without keeping every sample: log-linear buckets, 64 per power of two, so a
/// reported value is within 1.6% of the true one (reported as the bucket's middle, so within 0.8%).
/// Memory is fixed however many jobs pass through.
/// </summary>
internal sealed class LatencyHistogram
{
    private const int SubBucketBits = 6;
    private const int SubBuckets = 1 << SubBucketBits;

    // Counters, one per bucket: recording a latency is one Interlocked increment.
    private readonly long[] _counts = new long[(64 - SubBucketBits + 1) * SubBuckets];
    private readonly Lock _lock = new();
    private long _maxTicks;

    public void Record(TimeSpan elapsed)
    {
        var ticks = Math.Max(0, elapsed.Ticks);
        Interlocked.Increment(ref _counts[Bucket(ticks)]);

        // The longest rarely moves once jobs flow, so its lock is taken only when it might.
        if (ticks > Interlocked.Read(ref _maxTicks))
        {
            lock (_lock)
            {
                _maxTicks = Math.Max(_maxTicks, ticks);
            }
        }
    }

    public TimeSpan Max => TimeSpan.FromTicks(Interlocked.Read(ref _maxTicks));

    /// <summary>The q-th quantile (0 &lt; q &lt;= 1): the middle of the bucket holding that sample, never above the max seen.</summary>
    public TimeSpan Percentile(double q)
    {
        long total = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            total += Interlocked.Read(ref _counts[i]);
        }

        if (total == 0)
        {
            return TimeSpan.Zero;
        }

        // Counts only grow while latencies keep arriving, so this search always reaches the rank.
        var rank = Math.Max(1, (long)Math.Ceiling(q * total));
        long seen = 0;
        var bucket = 0;
        while ((seen += Interlocked.Read(ref _counts[bucket])) < rank)
        {
            bucket++;
        }

        var (low, high) = Bounds(bucket);
        return TimeSpan.FromTicks(Math.Min(low + ((high - low) / 2), Interlocked.Read(ref _maxTicks)));
    }

    /// <summary>
    /// The q-th quantile in milliseconds, to three significant digits: the buckets know no more than that,
    /// and printing more would claim a precision that is not there.
    /// </summary>
    public double PercentileMilliseconds(double q)
    {
        var ms = Percentile(q).TotalMilliseconds;
        if (ms == 0)
        {
            return 0;
        }

        var scale = Math.Pow(10, 2 - (int)Math.Floor(Math.Log10(ms)));
        return Math.Round(ms * scale) / scale;
    }

    private static int Bucket(long ticks)
    {
        if (ticks < SubBuckets)
        {
            return (int)ticks;
        }

        var exponent = 63 - (int)long.LeadingZeroCount(ticks); // >= SubBucketBits
        var mantissa = (int)(ticks >> (exponent - SubBucketBits)) & (SubBuckets - 1);
        return ((exponent - SubBucketBits + 1) * SubBuckets) + mantissa;
    }

    /// <summary>The smallest and largest tick counts that fall in <paramref name="bucket"/>.</summary>
    private static (long Low, long High) Bounds(int bucket)
    {
        if (bucket < SubBuckets)
        {
            return (bucket, bucket);
        }

        var shift = (bucket / SubBuckets) - 1;
        var low = (long)(SubBuckets + (bucket % SubBuckets)) << shift;
        return (low, low + (1L << shift) - 1);
    }
}
