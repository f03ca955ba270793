using JobQueue.Engine;
using JobQueue.Output;
using JobQueue.Queue;

namespace JobQueue.Dashboard;

/// <summary>
/// The dashboard on the same port as /work: the page at GET /, its live feed at GET /work/events, and
/// the job list at GET /work. One call maps them all, so that the host needs one line for it.
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

        // Before POST /work's own endpoint, which answers every other method with the gist's 405.
        app.MapGet("/work", context => JobList.HandleAsync(context, jobQueue)).WithOrder(-1);
        return app;
    }
}
