using System.Text;

namespace JobQueue.Compare;

/// <summary>One row per figure, one column per server: the table of compare.md, the terminal and compare.html.</summary>
internal sealed class CompareTable
{
    private CompareTable(IReadOnlyList<string> columns, IReadOnlyList<(string Label, string[] Values)> rows)
    {
        Columns = columns;
        Rows = rows;
    }

    public IReadOnlyList<string> Columns { get; }

    public IReadOnlyList<(string Label, string[] Values)> Rows { get; }

    public static CompareTable Of(IReadOnlyList<RunFigures> runs, CompareSettings settings)
    {
        List<(string, string[])> rows = [];
        void Row(string label, Func<RunFigures, string?> value) =>
            rows.Add((label, runs.Select(r => value(r) ?? "-").ToArray()));

        Row("accepted (201)", r => Units.Number(r.Run.Accepted));
        Row("rejected (503)", r => Units.Number(r.Run.Refused));
        Row("other answers", r => Units.Number(r.Run.OtherAnswers));
        Row($"most jobs waiting or running at once ({Units.Count(settings.Workers, "worker")} + queue {settings.QueueSize} = {settings.Workers + settings.QueueSize})",
            r => Units.Number(r.PeakHeld));
        Row("makespan: first POST to last job's end (s)", r => r.Makespan is { } m ? Units.Seconds(m) : "not all ended");
        Row("ideal FCFS, every job posted at once (s) (makespan over it)", r => Ideal(r, r.IdealAllAtOnce));
        Row("ideal FCFS, the jobs' own arrivals (s) (makespan over it)", r => Ideal(r, r.IdealAtArrivals));
        Row("queue wait p50 / p99 / max (ms)", r => r.QueueWaitP50 is null
            ? null
            : $"{Units.Milliseconds(r.QueueWaitP50.Value)} / {Units.Milliseconds(r.QueueWaitP99!.Value)} / {Units.Milliseconds(r.QueueWaitMax!.Value)}");
        Row("jobs per worker", r => Spread(r));
        Row("peak resident memory, VmHWM (MiB)", r => r.Run.PeakResidentBytes is { } b ? Units.Mebibytes(b) : null);
        Row("garbage collections", r => r.Run.GcCount is { } n ? Units.Number(n) : null);
        Row("threads (peak seen)", r => r.Run.PeakThreads is { } n ? Units.Number(n) : null);
        Row("'completed' lines on stdout", r => Units.Number(r.Run.CompletedLines));
        Row("exit code after SIGTERM", r => r.Run.ExitCode is { } code ? Units.Number(code) : null);
        Row("shutdown: accepted/completed/canceled/never started", r => r.Run.Summary);
        return new CompareTable(runs.Select(r => r.Run.Name).ToArray(), rows);
    }

    /// <summary>"3 3 3 3" for a few workers; the least and the most for many.</summary>
    public static string Spread(RunFigures run) =>
        run.PerWorker.Count <= 8
            ? string.Join(' ', run.PerWorker.Select(w => Units.Number(w.Jobs)))
            : $"{Units.Number(run.PerWorker.Min(w => w.Jobs))} to {Units.Number(run.PerWorker.Max(w => w.Jobs))}";

    public string ToMarkdown()
    {
        string[] header = ["metric", .. Columns];
        var cells = Rows.Select(r => (string[])[r.Label, .. r.Values]).Prepend(header).ToArray();
        var widths = Enumerable.Range(0, header.Length).Select(c => cells.Max(row => row[c].Length)).ToArray();
        var text = new StringBuilder();
        for (var r = 0; r < cells.Length; r++)
        {
            text.Append('|');
            for (var c = 0; c < widths.Length; c++)
            {
                text.Append(' ').Append(cells[r][c].PadRight(widths[c])).Append(" |");
            }

            text.Append('\n');
            if (r == 0)
            {
                text.Append('|');
                foreach (var width in widths)
                {
                    text.Append(' ').Append('-', width).Append(" |");
                }

                text.Append('\n');
            }
        }

        return text.ToString();
    }

    private static string? Ideal(RunFigures run, TimeSpan ideal)
    {
        if (run.Run.Jobs.Count == 0)
        {
            return null;
        }

        var over = run.Makespan is { } makespan ? $" ({(makespan >= ideal ? "+" : "-")}{Units.Seconds((makespan - ideal).Duration())})" : "";
        return Units.Seconds(ideal) + over;
    }
}
