using JobQueue.Engine;
using JobQueue.GoFormat;

namespace JobQueue.Hosting;

/// <summary>
/// Starts the engine with the host and stops it gracefully, which Go's gist never does: no new job,
/// the queue keeps draining until it is empty or --shutdown-timeout passes, then running jobs are
/// cancelled, the workers stop, and one summary line accounts for every job.
/// </summary>
internal sealed partial class EngineService(
    IJobEngine engine,
    JobTracker tracker,
    ShutdownSummary summary,
    ServerSettings settings,
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
        tracker.BeginDraining();
        engine.StopAccepting();
        var drained = tracker.WhenDrained();
        var counts = tracker.Counts();
        LogDraining(logger, counts.Queued, counts.Busy, GoDuration.Format(settings.ShutdownTimeout.Ticks * 100));
        try
        {
            await drained.WaitAsync(settings.ShutdownTimeout, tracker.Time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            LogTimedOut(logger, GoDuration.Format(settings.ShutdownTimeout.Ticks * 100));
        }
        catch (OperationCanceledException)
        {
            // The host's own limit passed first: stop now.
        }

        await engine.StopAsync().ConfigureAwait(false);
        await tracker.Console.FlushAsync().ConfigureAwait(false);
        summary.Write();
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "shutting down: {Queued} queued and {Busy} running jobs get up to {Timeout} to finish")]
    private static partial void LogDraining(ILogger logger, long queued, long busy, string timeout);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "shutdown timeout of {Timeout} reached: cancelling running jobs")]
    private static partial void LogTimedOut(ILogger logger, string timeout);
}
