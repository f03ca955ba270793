namespace JobQueue.Compare;

/// <summary>Everything compare.md and compare.html say, computed once from the run.</summary>
/// <param name="Invocation">The command as typed, so that the run can be repeated.</param>
internal sealed record Report(
    CompareSettings Settings,
    IReadOnlyList<RunFigures> Runs,
    CompareTable Table,
    IReadOnlyList<string> Sentences,
    string Invocation,
    DateTimeOffset When)
{
    public static Report Of(IReadOnlyList<ContenderResult> results, CompareSettings settings, string invocation, DateTimeOffset when)
    {
        var runs = results.Select(r => RunFigures.Of(r, settings.Workers)).ToArray();
        return new Report(settings, runs, CompareTable.Of(runs, settings), Findings.Of(runs, settings), invocation, when);
    }

    public string Title => $"JobQueue.Dispatcher: {Units.List(Runs.Select(r => r.Run.Name).ToArray())}";

    public string Load
    {
        get
        {
            var s = Settings;
            var delay = s.Delay is { } d ? $"delay {Units.ShortSeconds(d)}" : "the gist's delays (i % 9 + 1 s)";
            var pace = s.Rate > 0 ? $" at {s.Rate.ToString(System.Globalization.CultureInfo.InvariantCulture)} POSTs/s" : "";
            var order = s.Concurrent ? "every server at once" : "one server after the other";
            return $"{s.Jobs} jobs, {delay}, {s.Senders} sender(s){pace}, {s.Workers} workers, queue {s.QueueSize}, {order}";
        }
    }
}
