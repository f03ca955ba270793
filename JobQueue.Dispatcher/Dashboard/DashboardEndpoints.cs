using JobQueue.Engine;
using JobQueue.Http;
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

        app.Map("/", Exactly("/", DashboardPage.HandleAsync));
        app.Map("/work/events", Exactly("/work/events", context => DashboardEvents.HandleAsync(context, feed, lifetime.ApplicationStopping)));

        // Before POST /work's own endpoint, which answers every other method with the gist's 405.
        app.MapGet("/work", Exactly("/work", context => JobList.HandleAsync(context, jobQueue))).WithOrder(-1);
        return app;
    }

    // ASP.NET routing ignores case and forgives a trailing slash; Go's ServeMux matches exactly and
    // answers "/WORK/EVENTS" or "/work/events/" with its 404.
    private static RequestDelegate Exactly(string path, RequestDelegate handler) =>
        context => string.Equals(context.Request.Path.Value, path, StringComparison.Ordinal) ? handler(context) : GoHttp.NotFound(context);
}
