using JobQueue.Engine;
using JobQueue.Output;
using JobQueue.Queue;

namespace JobQueue.Dashboard;

/// <summary>
/// The dashboard on the same port as /work: the page at GET / and its live feed at GET /work/events
/// (the job list, GET /work, shares its path with POST and is mapped with it). One call maps them both,
/// so that the host needs one line for it.
/// </summary>
internal static class DashboardEndpoints
{
    public static WebApplication MapDashboard(this WebApplication app)
    {
        var services = app.Services;
        var jobQueue = services.GetRequiredService<IJobQueue>();
        var time = services.GetRequiredService<TimeProvider>();
        var source = new MemoryDashboardSource(
            jobQueue, services.GetRequiredService<IJobEngine>(), services.GetRequiredService<JobCounters>(), services.GetRequiredService<JobConsole>(), time);
        var feed = new DashboardFeed(source, time);
        var lifetime = services.GetRequiredService<IHostApplicationLifetime>();
        lifetime.ApplicationStarted.Register(feed.Start);
        lifetime.ApplicationStopped.Register(() => feed.DisposeAsync().AsTask().GetAwaiter().GetResult());

        // Paths match exactly, as Go's ServeMux does: UseExactPaths answers "/WORK/EVENTS" with its 404.
        app.Map("/", DashboardPage.HandleAsync);
        app.Map("/work/events", context => DashboardEvents.HandleAsync(context, feed, lifetime.ApplicationStopping));
        return app;
    }
}
