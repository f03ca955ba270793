using System.Globalization;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using JobQueue.Http;

namespace JobQueue.Dashboard;

/// <summary>
/// GET /work/events: the dashboard's live feed as Server-Sent Events, public so that scripts can follow
/// the jobs too. Each event is <c>event: state</c>, <c>id: n</c> and <c>data:</c> one JSON
/// <see cref="DashboardState"/>, at most ten a second.
/// </summary>
internal static class DashboardEvents
{
    public static async Task HandleAsync(HttpContext context, DashboardFeed feed, CancellationToken stopping)
    {
        if (!HttpMethods.IsGet(context.Request.Method))
        {
            await GoHttp.MethodNotAllowed(context, "GET");
            return;
        }

        if (stopping.IsCancellationRequested)
        {
            // A viewer reconnecting while the server stops is told so once, instead of retrying.
            await GoHttp.Error(context, "The server is shutting down.", StatusCodes.Status503ServiceUnavailable);
            return;
        }

        context.Response.Headers.CacheControl = "no-store";
        await TypedResults.ServerSentEvents(StreamAsync(feed, context.RequestAborted, stopping)).ExecuteAsync(context);
    }

    // The stream ends when the viewer leaves or the server begins to stop: an open page must not hold
    // the server's shutdown open.
    private static async IAsyncEnumerable<SseItem<string>> StreamAsync(
        DashboardFeed feed, CancellationToken aborted, CancellationToken stopping, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var end = CancellationTokenSource.CreateLinkedTokenSource(aborted, stopping, cancellationToken);
        using var viewer = feed.Watch();
        var seen = 0L;
        while (true)
        {
            DashboardFeed.Update update;
            try
            {
                update = await feed.NextAsync(seen, end.Token);
            }
            catch (OperationCanceledException)
            {
                yield break;
            }

            seen = update.Sequence;
            yield return new SseItem<string>(update.Json, "state") { EventId = update.Sequence.ToString(CultureInfo.InvariantCulture) };
        }
    }
}
