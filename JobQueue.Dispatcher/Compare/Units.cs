using System.Globalization;

namespace JobQueue.Compare;

/// <summary>How times and sizes read in the table, the sentences and the picture: invariant, no more digits than the clocks give.</summary>
internal static class Units
{
    /// <summary>Seconds to the millisecond, e.g. 12.345.</summary>
    public static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture);

    /// <summary>Seconds to the tenth, for sentences: 12.3 s.</summary>
    public static string ShortSeconds(TimeSpan t) => t.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s";

    /// <summary>Milliseconds to the tenth, e.g. 1002.5.</summary>
    public static string Milliseconds(TimeSpan t) => t.TotalMilliseconds.ToString("0.0", CultureInfo.InvariantCulture);

    /// <summary>A wait for a sentence: milliseconds under a second, else seconds.</summary>
    public static string Wait(TimeSpan t) =>
        t < TimeSpan.FromSeconds(1) ? t.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture) + " ms" : ShortSeconds(t);

    public static string Mebibytes(long bytes) => (bytes / 1048576.0).ToString("0.0", CultureInfo.InvariantCulture);

    public static string Number(long n) => n.ToString(CultureInfo.InvariantCulture);

    /// <summary>"1 worker", "4 workers".</summary>
    public static string Count(long n, string noun) => $"{Number(n)} {noun}{(n == 1 ? "" : "s")}";

    /// <summary>"a, b and c".</summary>
    public static string List(IReadOnlyList<string> items) =>
        items.Count <= 1 ? string.Concat(items) : string.Join(", ", items.Take(items.Count - 1)) + " and " + items[^1];
}
