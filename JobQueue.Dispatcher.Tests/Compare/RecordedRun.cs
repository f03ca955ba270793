using JobQueue.Compare;

namespace JobQueue.Tests.Compare;

/// <summary>A server's run written down by hand: which jobs it accepted, when each waited and ran, which it refused.</summary>
internal static class RecordedRun
{
    public static readonly DateTimeOffset FirstPost = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>One accepted job: queued, started and finished in seconds since the first POST, on a worker.</summary>
    public static (string Name, double Queued, int Worker, double Started, double Finished) Job(string name, double queued, int worker, double started, double finished) =>
        (name, queued, worker, started, finished);

    /// <summary>
    /// A run of this program's <paramref name="name"/> mode: the jobs in the order POSTed, then
    /// <paramref name="refusedAt"/>, one 503 each at that many seconds.
    /// </summary>
    public static ContenderResult Of(string name, double[] refusedAt, params (string Name, double Queued, int Worker, double Started, double Finished)[] jobs)
    {
        var answers = jobs.Select((j, i) => new Answer(i + 1, 201, i + 1, At(j.Queued), At(j.Queued), null))
            .Concat(refusedAt.Select((t, k) => new Answer(jobs.Length + k + 1, 503, null, At(t), At(t), "The job queue is full; retry later.")))
            .ToArray();
        var timed = jobs.Select(j => new TimedJob(
            j.Name,
            TimeSpan.FromSeconds(j.Finished - j.Started),
            j.Worker,
            TimeSpan.FromSeconds(j.Queued),
            TimeSpan.FromSeconds(j.Started),
            TimeSpan.FromSeconds(j.Finished),
            "completed")).ToArray();
        return new ContenderResult(name, IsGo: false, answers, timed, Drained: true, PeakThreads: 12, PeakResidentBytes: 64 << 20, GcCount: 0, CompletedLines: jobs.Length, ExitCode: 0);
    }

    private static DateTimeOffset At(double seconds) => FirstPost + TimeSpan.FromSeconds(seconds);
}
