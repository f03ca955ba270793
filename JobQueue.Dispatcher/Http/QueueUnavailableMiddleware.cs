using JobQueue.Queue;

namespace JobQueue.Http;

/// <summary>
/// GET, DELETE and the list while the shared queue's database is down: a 503 with one line and
/// Retry-After, as a refused POST gets, instead of a 500.
/// </summary>
internal static class QueueUnavailableMiddleware
{
    public static IApplicationBuilder UseQueueUnavailable(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            try
            {
                await next(context);
            }
            catch (QueueUnavailableException e) when (!context.Response.HasStarted)
            {
                context.Response.Clear();
                context.Response.Headers.RetryAfter = "1";
                await GoHttp.Error(context, "The job queue is unavailable: " + e.Message, StatusCodes.Status503ServiceUnavailable);
            }
        });
}
