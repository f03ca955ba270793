namespace JobQueue.Compare;

/// <summary>What one server did with the load: every answer, every accepted job's times, what its process used.</summary>
/// <param name="Drained">Every accepted job had ended within the time limit.</param>
/// <param name="CompletedLines">"workerN: completed jobN!" lines it printed.</param>
/// <param name="ExitCode">After SIGTERM: 0 for this program's graceful stop; a Go original dies of the signal.</param>
/// <param name="Summary">This program's "shutdown: ..." line on standard error.</param>
internal sealed record ContenderResult(
    string Name,
    bool IsGo,
    IReadOnlyList<Answer> Answers,
    IReadOnlyList<TimedJob> Jobs,
    bool Drained,
    int? PeakThreads,
    long? PeakResidentBytes,
    long? GcCount,
    int CompletedLines = 0,
    int? ExitCode = null,
    string? Summary = null)
{
    public int Accepted => Answers.Count(a => a.Accepted);

    public int Refused => Answers.Count(a => a.Refused);

    public int OtherAnswers => Answers.Count(a => !a.Accepted && !a.Refused);

    /// <summary>Time zero of this server's jobs and refusals.</summary>
    public static DateTimeOffset FirstPost(IReadOnlyList<Answer> answers) => answers.Min(a => a.SentAt);

    /// <summary>Where each 503 happened, in time since the first POST.</summary>
    public IEnumerable<(string Name, TimeSpan At)> Refusals
    {
        get
        {
            var firstPost = FirstPost(Answers);
            return Answers.Where(a => a.Refused).Select(a => (a.Name, a.AnsweredAt - firstPost));
        }
    }
}
