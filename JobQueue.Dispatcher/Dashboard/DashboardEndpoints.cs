using JobQueue.Engine;
using JobQueue.Http;
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
    public static ServeMux MapDashboard(this ServeMux mux, IServiceProvider services)
    {
        var jobQueue = services.GetRequiredService<IJobQueue>();
        var time = services.GetRequiredService<TimeProvider>();
        var source = new MemoryDashboardSource(
            jobQueue, services.GetRequiredService<IJobEngine>(), services.GetRequiredService<JobCounters>(), services.GetRequiredService<JobConsole>(), time);
        var feed = new DashboardFeed(source, time);
        var lifetime = services.GetRequiredService<IHostApplicationLifetime>();
        lifetime.ApplicationStarted.Register(feed.Start);
        lifetime.ApplicationStopped.Register(() => feed.DisposeAsync().AsTask().GetAwaiter().GetResult());

        // Exact paths, as Go's ServeMux matches them: "/WORK/EVENTS" and "/index.html" are its 404.
        mux.HandleFunc("/", DashboardPage.HandleAsync);
        mux.HandleFunc("/work/events", context => DashboardEvents.HandleAsync(context, feed, lifetime.ApplicationStopping));
        return mux;
    }
}
