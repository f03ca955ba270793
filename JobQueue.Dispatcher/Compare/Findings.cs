namespace JobQueue.Compare;

/// <summary>
/// A few plain sentences on what differed, each computed from the run: who accepted more under pressure,
/// who held more than its workers and queue have room for, how the work spread, how long it all took.
/// </summary>
internal static class Findings
{
    private static readonly TimeSpan CloseEnough = TimeSpan.FromSeconds(0.1);

    public static IReadOnlyList<string> Of(IReadOnlyList<RunFigures> runs, CompareSettings settings)
    {
        List<string> sentences = [Acceptance(runs, settings), Holding(runs, settings), Spread(runs)];
        if (Timing(runs) is { } timing)
        {
            sentences.Add(timing);
        }

        if (Waiting(runs) is { } waiting)
        {
            sentences.Add(waiting);
        }

        return sentences;
    }

    private static string Acceptance(IReadOnlyList<RunFigures> runs, CompareSettings settings)
    {
        var sent = settings.Jobs;
        if (runs.All(r => r.Run.Accepted == sent))
        {
            return $"Every server accepted all {sent} jobs: the load never filled a queue of {settings.QueueSize}, so it put no pressure on them; send more jobs (-n) or shrink the queue (--queue) to see them refuse.";
        }

        var counts = string.Join(", ", runs.Select(r => $"{r.Run.Name} accepted {r.Run.Accepted} and refused {r.Run.Refused} with 503"));
        var most = runs.Max(r => r.Run.Accepted);
        var leaders = runs.Where(r => r.Run.Accepted == most).Select(r => r.Run.Name).ToArray();
        var verdict = leaders.Length == runs.Count
            ? "all accepted the same number"
            : $"{Units.List(leaders)} accepted the most, {most - runs.Where(r => r.Run.Accepted < most).Max(r => r.Run.Accepted)} more than the next";
        return $"Under pressure ({Units.Count(sent, "job")} for {Units.Count(settings.Workers, "worker")} and a queue of {settings.QueueSize}), {counts}; {verdict}.";
    }

    private static string Holding(IReadOnlyList<RunFigures> runs, CompareSettings settings)
    {
        var room = settings.Workers + settings.QueueSize;
        var peaks = Units.List(runs.Select(r => $"{r.PeakHeld} in {r.Run.Name}").ToArray());
        var sentence = $"At most {peaks} were waiting or running at once; {Units.Count(settings.Workers, "worker")} and a queue of {settings.QueueSize} have room for {room}.";
        var over = runs.Where(r => r.PeakHeld > room).ToArray();
        if (over.Length > 0)
        {
            var extras = Units.List(over.Select(r => $"{r.PeakHeld - room} in {r.Run.Name}").ToArray());
            sentence += $" The jobs beyond that ({extras}) were accepted and held neither in the queue nor by a worker.";
        }

        return sentence;
    }

    private static string Spread(IReadOnlyList<RunFigures> runs)
    {
        var parts = runs.Select(r =>
        {
            var busy = r.PerWorker.Select(w => w.Busy).ToArray();
            var idle = r.PerWorker.Count(w => w.Jobs == 0);
            var (least, most) = (Units.ShortSeconds(busy.Min()), Units.ShortSeconds(busy.Max()));
            var range = least == most ? $", busy {most} each" : $", busy {least} to {most} each";
            var unused = idle == 0 ? "" : $", {idle} never used";
            return $"{r.Run.Name} ran {CompareTable.Spread(r)} jobs on its {Units.Count(r.PerWorker.Count, "worker")}{range}{unused}";
        }).ToArray();
        var same = runs.Select(CompareTable.Spread).Distinct().Count() == 1;
        return $"The work spread {(same ? "the same way" : "differently")}: {string.Join("; ", parts)}.";
    }

    private static string? Timing(IReadOnlyList<RunFigures> runs)
    {
        var ended = runs.Where(r => r.Makespan is not null).ToArray();
        if (ended.Length == 0)
        {
            return null;
        }

        var makespans = Units.List(ended.Select(r => $"{Units.ShortSeconds(r.Makespan!.Value)} in {r.Run.Name} (ideal {Units.ShortSeconds(r.IdealAtArrivals)})").ToArray());
        var overs = ended.Select(r => r.Makespan!.Value - r.IdealAtArrivals).ToArray();
        var closest = ended[Array.IndexOf(overs, overs.Min())];

        // A gap smaller than the clocks' and the scheduler's jitter names no winner.
        var verdict = overs.Max() - overs.Min() < CloseEnough
            ? $"; every server came within {Units.Wait(overs.Max())} of a perfect first-come-first-served dispatcher for the jobs it accepted"
            : $"; {closest.Run.Name} came closest to a perfect first-come-first-served dispatcher for the jobs it accepted";
        return $"The last job ended {makespans} after the first POST{verdict}.";
    }

    private static string? Waiting(IReadOnlyList<RunFigures> runs)
    {
        var waited = runs.Where(r => r.QueueWaitP50 is not null).ToArray();
        if (waited.Length == 0)
        {
            return null;
        }

        var medians = string.Join(", ", waited.Select(r => $"{Units.Wait(r.QueueWaitP50!.Value)} or less in {r.Run.Name}"));
        var longest = Units.List(waited.Select(r => Units.Wait(r.QueueWaitMax!.Value)).ToArray());
        return $"Half the jobs waited in the queue {medians}; the longest waits were {longest}.";
    }
}
