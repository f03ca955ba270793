namespace JobQueue.Engine;

/// <summary>
/// Percentiles of queue wait and run time without keeping every sample: log-linear buckets (eight per
/// power of two, so a reading is within 12.5% of the truth) counted per processor, plus the exact max.
/// Memory is fixed however many jobs pass through.
/// </summary>
internal sealed class LatencyHistogram
{
    private const int SubBuckets = 8;
    private const int Buckets = 64 * SubBuckets;
    private readonly StripedCounters _counts = new(Buckets);
    private long _maxTicks;

    public void Record(TimeSpan elapsed)
    {
        var ticks = Math.Max(0, elapsed.Ticks);
        _counts.Increment(Bucket(ticks));

        // Read first: the shared max is written only when a sample beats it, so workers do not contend on it.
        var max = Volatile.Read(ref _maxTicks);
        while (ticks > max)
        {
            var seen = Interlocked.CompareExchange(ref _maxTicks, ticks, max);
            if (seen == max)
            {
                break;
            }

            max = seen;
        }
    }

    public TimeSpan Max => TimeSpan.FromTicks(Volatile.Read(ref _maxTicks));

    /// <summary>The upper bound of the bucket holding the q-th sample (0 &lt; q &lt;= 1), capped at the max seen.</summary>
    public TimeSpan Percentile(double q)
    {
        long total = 0;
        for (var i = 0; i < Buckets; i++)
        {
            total += _counts.Read(i);
        }

        if (total == 0)
        {
            return TimeSpan.Zero;
        }

        var rank = (long)Math.Ceiling(q * total);
        long seen = 0;
        for (var i = 0; i < Buckets; i++)
        {
            seen += _counts.Read(i);
            if (seen >= rank)
            {
                return TimeSpan.FromTicks(Math.Min(UpperBound(i), Volatile.Read(ref _maxTicks)));
            }
        }

        return Max;
    }

    private static int Bucket(long ticks)
    {
        if (ticks < SubBuckets)
        {
            return (int)ticks;
        }

        var exponent = 63 - (int)long.LeadingZeroCount(ticks);        // >= 3
        var mantissa = (int)(ticks >> (exponent - 3)) & (SubBuckets - 1);
        return ((exponent - 2) * SubBuckets) + mantissa;
    }

    private static long UpperBound(int bucket)
    {
        if (bucket < SubBuckets)
        {
            return bucket;
        }

        var exponent = (bucket / SubBuckets) + 2;
        var mantissa = bucket % SubBuckets;
        return ((long)(SubBuckets + mantissa + 1) << (exponent - 3)) - 1;
    }
}
