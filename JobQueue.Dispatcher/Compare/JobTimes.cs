namespace JobQueue.Compare;

/// <summary>
/// Each accepted job's times from this program's own record of it: <c>GET /work/{id}?wait=...</c> answers
/// once the job has ended, with its worker, enqueuedAt, startedAt and finishedAt.
/// </summary>
internal static class JobTimes
{
    // Enough waits in flight that a slow job does not hold up the jobs after it, few enough to cost the server nothing.
    private const int WaitsInFlight = 8;
    private static readonly TimeSpan LongestWait = TimeSpan.FromSeconds(60);

    public static async Task<IReadOnlyList<TimedJob>> CollectAsync(
        Uri server,
        IReadOnlyList<Answer> answers,
        CompareSettings settings,
        DateTimeOffset firstPost,
        DateTimeOffset deadline,
        TimeProvider time,
        Action<TimedJob> ended,
        CancellationToken cancellationToken)
    {
        var accepted = answers.Where(a => a.Accepted && a.Id is not null).ToArray();
        var jobs = new TimedJob[accepted.Length];
        using HttpClient client = new() { BaseAddress = server, Timeout = LongestWait + TimeSpan.FromSeconds(10) };
        await Parallel.ForEachAsync(
            Enumerable.Range(0, accepted.Length),
            new ParallelOptions { MaxDegreeOfParallelism = WaitsInFlight, CancellationToken = cancellationToken },
            async (k, ct) =>
            {
                var answer = accepted[k];
                var state = await WaitEndedAsync(client, answer.Id!.Value, deadline, time, ct);
                var job = Timed(state, settings.DelayOf(answer.Index), firstPost);
                jobs[k] = job;
                if (job.Finished is not null)
                {
                    ended(job);
                }
            });
        return jobs;
    }

    private static async Task<WorkState> WaitEndedAsync(HttpClient client, long id, DateTimeOffset deadline, TimeProvider time, CancellationToken cancellationToken)
    {
        while (true)
        {
            var left = deadline - time.GetUtcNow();
            var wait = left < LongestWait ? left : LongestWait;
            var ms = Math.Max(0, (long)wait.TotalMilliseconds);
            var state = await client.GetFromJsonAsync($"/work/{id}?wait={ms}ms", CompareJsonContext.Default.WorkState, cancellationToken)
                ?? throw new InvalidOperationException($"GET /work/{id} answered null");
            if (state.FinishedAt is not null || ms == 0)
            {
                return state;
            }
        }
    }

    private static TimedJob Timed(WorkState state, TimeSpan delay, DateTimeOffset firstPost) => new(
        state.Name,
        delay,
        state.Worker ?? 0,
        state.EnqueuedAt - firstPost,
        state.StartedAt - firstPost,
        state.FinishedAt - firstPost,
        state.Status);
}
