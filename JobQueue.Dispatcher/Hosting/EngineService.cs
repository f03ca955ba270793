using JobQueue.Engine;
using JobQueue.GoFormat;
using JobQueue.Output;
using JobQueue.Queue;

namespace JobQueue.Hosting;

/// <summary>
/// Starts the engine with the host and stops it gracefully, which Go's gist never does: no new job; the
/// queue keeps draining until nothing is left or --shutdown-timeout passes; then what never started is
/// settled, running jobs are cut short, the workers stop, and one summary line accounts for every job.
/// </summary>
internal sealed partial class EngineService(
    IJobEngine engine,
    IJobQueue jobQueue,
    JobCounters counters,
    JobConsole console,
    ShutdownSummary summary,
    ServerSettings settings,
    TimeProvider time,
    ILogger<EngineService> logger) : IHostedLifecycleService
{
    // Work that must be done before the server answers belongs here, not in a BackgroundService.
    public Task StartAsync(CancellationToken cancellationToken)
    {
        engine.Start();
        return Task.CompletedTask;
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Stopping, not Stop: the host calls it before any service stops, so Kestrel still serves while the
    /// queue drains: a new job gets a 503 that says why, and clients can still follow their jobs.
    /// </summary>
    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        jobQueue.StopAccepting();
        var counts = counters.Read();
        var timeout = GoDuration.Format(settings.ShutdownTimeout.Ticks * 100);
        if (counts.Queued + counts.Busy == 0)
        {
            LogNothingToDrain(logger);
        }
        else
        {
            LogDraining(logger, Jobs(counts.Queued, "queued"), Jobs(counts.Busy, "running"), timeout);
        }

        try
        {
            await jobQueue.WhenDrained().WaitAsync(settings.ShutdownTimeout, time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            LogTimedOut(logger, timeout);
        }
        catch (OperationCanceledException)
        {
            // The host's own limit passed first: stop now.
        }

        await CutOffAsync(jobQueue, engine, counters, console).ConfigureAwait(false);
        await console.FlushAsync().ConfigureAwait(false);
        await summary.WriteAsync().ConfigureAwait(false);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// The end of the drain: the queue hands out nothing more and settles what never started, then the
    /// engine cuts running jobs short and stops its workers.
    /// </summary>
    public static async Task CutOffAsync(IJobQueue jobQueue, IJobEngine engine, JobCounters counters, JobConsole console)
    {
        foreach (var job in await jobQueue.StopTakingAsync().ConfigureAwait(false))
        {
            counters.NeverStarted();
            console.WriteLine(job, GoLines.NeverStarted);
        }

        await engine.StopAsync().ConfigureAwait(false);
    }

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static string Jobs(long count, string state) => count == 1 ? $"1 {state} job" : $"{count} {state} jobs";

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "shutting down: {Queued} and {Running} get up to {Timeout} to finish")]
    private static partial void LogDraining(ILogger logger, string queued, string running, string timeout);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "shutting down: no job is queued or running")]
    private static partial void LogNothingToDrain(ILogger logger);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "shutdown timeout of {Timeout} reached: cancelling running jobs")]
    private static partial void LogTimedOut(ILogger logger, string timeout);
}
