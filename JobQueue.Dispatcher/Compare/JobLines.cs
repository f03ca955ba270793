using System.Text.RegularExpressions;

namespace JobQueue.Compare;

/// <summary>
/// The per-job lines a server prints, read as they arrive: "worker3: started job1, blocking for ..."
/// and "worker3: completed job1!". They are the only record a Go original keeps, so its jobs are timed
/// from the moment each line was read.
/// </summary>
internal sealed partial class JobLines
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (int Worker, DateTimeOffset At)> _started = [];
    private readonly Dictionary<string, DateTimeOffset> _completed = [];

    /// <summary>Called with each completed line, for the progress report.</summary>
    public event Action? Completed;

    public int CompletedCount
    {
        get
        {
            lock (_gate)
            {
                return _completed.Count;
            }
        }
    }

    public void Read(string line, DateTimeOffset at)
    {
        if (StartedLine().Match(line) is { Success: true } started)
        {
            lock (_gate)
            {
                _started[started.Groups[2].Value] = (int.Parse(started.Groups[1].ValueSpan, provider: System.Globalization.CultureInfo.InvariantCulture), at);
            }
        }
        else if (CompletedLine().Match(line) is { Success: true } completed)
        {
            lock (_gate)
            {
                _completed[completed.Groups[2].Value] = at;
            }

            Completed?.Invoke();
        }
    }

    /// <summary>
    /// Each accepted job's times: queued from the moment its POST was sent (a Go original puts the job on
    /// its channel before it answers), started and completed when its lines were read.
    /// </summary>
    public IReadOnlyList<TimedJob> Timed(IReadOnlyList<Answer> answers, CompareSettings settings, DateTimeOffset firstPost)
    {
        lock (_gate)
        {
            return answers.Where(a => a.Accepted).Select(a =>
            {
                var started = _started.TryGetValue(a.Name, out var s) ? s.At - firstPost : (TimeSpan?)null;
                TimeSpan? finished = _completed.TryGetValue(a.Name, out var c) ? c - firstPost : null;
                var queued = a.SentAt - firstPost;
                return new TimedJob(
                    a.Name,
                    settings.DelayOf(a.Index),
                    s.Worker,
                    started is { } at && at < queued ? at : queued,
                    started,
                    finished,
                    finished is not null ? "completed" : started is not null ? "running" : "queued");
            }).ToArray();
        }
    }

    [GeneratedRegex(@"^worker(\d+): started (.+), (?:blocking|working) for ")]
    private static partial Regex StartedLine();

    [GeneratedRegex(@"^worker(\d+): completed (.+)!$")]
    private static partial Regex CompletedLine();
}
