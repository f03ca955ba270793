using System.Runtime.InteropServices;

namespace JobQueue.Hosting;

/// <summary>
/// The process's limit on open files (RLIMIT_NOFILE), which every connection counts against. Past
/// it, the runtime can no longer open an assembly, a pipe or a thread's resources, and the server
/// fails in ways it cannot recover from; so Kestrel takes connections only up to the limit less
/// <see cref="Headroom"/>.
/// </summary>
internal static partial class OpenFileLimit
{
    /// <summary>What the server itself keeps open (assemblies, pipes, the listener, its log), and some to spare.</summary>
    public const int Headroom = 256;

    private const int NoFile = 7; // RLIMIT_NOFILE on Linux

    /// <summary>
    /// Raises the soft limit to the hard one, as Go's runtime does at start, and returns the soft
    /// limit now in force; null where there is none to read.
    /// </summary>
    public static long? Raise()
    {
        if (!OperatingSystem.IsLinux() || GetRLimit(NoFile, out var limit) != 0)
        {
            return null;
        }

        if (limit.Current < limit.Max)
        {
            var raised = limit with { Current = limit.Max };
            if (SetRLimit(NoFile, in raised) == 0)
            {
                limit = raised;
            }
        }

        return limit.Current > long.MaxValue ? long.MaxValue : (long)limit.Current;
    }

    /// <summary>
    /// The most connections Kestrel may hold: <paramref name="requested"/> (--max-connections) if
    /// given, else the open-file limit less <see cref="Headroom"/> (half the limit when it is small);
    /// null, no limit, where the open-file limit is unknown.
    /// </summary>
    public static long? MaxConnections(int? requested)
    {
        var files = Raise();
        if (requested is not null)
        {
            return requested;
        }

        return files is { } limit ? Math.Max(1, limit > 2 * Headroom ? limit - Headroom : limit / 2) : null;
    }

    [StructLayout(LayoutKind.Sequential)]
    private readonly record struct RLimit(ulong Current, ulong Max);

    [LibraryImport("libc", EntryPoint = "getrlimit", SetLastError = true)]
    private static partial int GetRLimit(int resource, out RLimit limit);

    [LibraryImport("libc", EntryPoint = "setrlimit", SetLastError = true)]
    private static partial int SetRLimit(int resource, in RLimit limit);
}
