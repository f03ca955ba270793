namespace JobQueue.Compare;

/// <summary>
/// The load on one server: the POSTs, then each accepted job followed to its end, within the time limit.
/// </summary>
internal static class LoadRun
{
    public static async Task<ContenderResult> MeasureAsync(
        Server server, CompareSettings settings, TimeProvider time, Progress.Counts progress, CancellationToken cancellationToken)
    {
        if (server.Contender.IsGo)
        {
            server.Lines.Completed += progress.Ended;
        }

        var answers = await GistLoad.SendAsync(server.Address, settings, time, progress.Answered, cancellationToken);
        var firstPost = ContenderResult.FirstPost(answers);
        var deadline = firstPost + settings.EffectiveTimeLimit;
        var accepted = answers.Count(a => a.Accepted);

        IReadOnlyList<TimedJob> jobs;
        if (server.Contender.IsGo)
        {
            // A Go original's record of a job is the lines it prints; wait for the last "completed" line.
            await WaitAsync(() => server.Lines.CompletedCount >= accepted, deadline, time, cancellationToken);
            jobs = server.Lines.Timed(answers, settings, firstPost);
        }
        else
        {
            jobs = await JobTimes.CollectAsync(server.Address, answers, settings, firstPost, deadline, time, _ => progress.Ended(), cancellationToken);
        }

        server.Watch.Sample();
        return new ContenderResult(
            server.Contender.Name,
            server.Contender.IsGo,
            answers,
            jobs,
            Drained: jobs.All(j => j.Finished is not null),
            server.Watch.PeakThreads,
            server.Watch.PeakResidentBytes,
            await GcCount.ReadAsync(server.Address, cancellationToken));
    }

    private static async Task WaitAsync(Func<bool> done, DateTimeOffset deadline, TimeProvider time, CancellationToken cancellationToken)
    {
        while (!done() && time.GetUtcNow() < deadline)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(50), time, cancellationToken);
        }
    }
}
