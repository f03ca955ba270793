namespace JobQueue.Postgres;

/// <summary>How long to wait before trying the database again: doubling from 100 ms up to 5 s.</summary>
internal static class Backoff
{
    public static TimeSpan First { get; } = TimeSpan.FromMilliseconds(100);

    private static TimeSpan Max { get; } = TimeSpan.FromSeconds(5);

    public static TimeSpan Next(TimeSpan current) => current * 2 < Max ? current * 2 : Max;
}
