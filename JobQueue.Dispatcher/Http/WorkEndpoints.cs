using JobQueue.Engine;
using JobQueue.GoFormat;

namespace JobQueue.Http;

/// <summary>
/// POST /work: the gist's <c>requestHandler</c>, with its checks in its order and its exact answers.
/// GET and DELETE /work/{id}: what the gist could not do, follow and cancel a job.
/// </summary>
internal static class WorkEndpoints
{
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(60);

    public static IEndpointRouteBuilder MapWork(this IEndpointRouteBuilder routes)
    {
        // Resolved once, not per request: Go's handler closes over jobQueue the same way.
        var queue = routes.ServiceProvider.GetRequiredService<JobQueueFront>();

        // Map, not MapPost: every other method gets the gist's own 405, not the router's.
        routes.Map("/work", context => SubmitAsync(context, queue));
        routes.Map("/work/{id}", context => JobAsync(context, queue));
        return routes;
    }

    private static async Task SubmitAsync(HttpContext context, JobQueueFront queue)
    {
        if (HasTrailingSlash(context))
        {
            await GoHttp.NotFound(context);
            return;
        }

        // Make sure we can only be called with an HTTP POST request.
        if (!HttpMethods.IsPost(context.Request.Method))
        {
            await GoHttp.MethodNotAllowed(context, "POST");
            return;
        }

        var form = await WorkForm.ReadAsync(context.Request, context.RequestAborted);
        if (form.Values is null)
        {
            await GoHttp.Error(context, form.Problem!, form.Status);
            return;
        }

        // Parse the delay.
        if (!GoDuration.TryParseUtf8(form.Values.First("delay"), out var delay, out var error))
        {
            await GoHttp.Error(context, "Bad delay value: " + error, StatusCodes.Status400BadRequest);
            return;
        }

        // Validate delay is in range 1 to 10 seconds (Go compares the float seconds).
        var seconds = GoDuration.Seconds(delay);
        if (seconds < 1 || seconds > 10)
        {
            await GoHttp.Error(context, "The delay must be between 1 and 10 seconds, inclusively.", StatusCodes.Status400BadRequest);
            return;
        }

        // Set name and validate value.
        var name = form.Values.FirstText("name");
        if (name.Length == 0)
        {
            await GoHttp.Error(context, "You must specify a name.", StatusCodes.Status400BadRequest);
            return;
        }

        if (JobName.IsTooLong(form.Values.First("name")))
        {
            await GoHttp.Error(context, JobName.TooLong, StatusCodes.Status400BadRequest);
            return;
        }

        // Create Job and push the work onto the jobQueue; unlike Go, a full queue says so instead of blocking.
        var job = queue.Tracker.NewJob(name, delay);
        if (!queue.Tracker.TryAccept(job, queue.Engine.TryEnqueue))
        {
            if (queue.Tracker.IsDraining)
            {
                await GoHttp.Error(context, "The server is shutting down and accepts no new jobs.", StatusCodes.Status503ServiceUnavailable);
                return;
            }

            context.Response.Headers.RetryAfter = "1";
            await GoHttp.Error(context, "The job queue is full; retry later.", StatusCodes.Status503ServiceUnavailable);
            return;
        }

        context.Response.Headers.Location = $"/work/{job.Id}";
        await JsonResponse.WriteAsync(context, StatusCodes.Status201Created,
            new AcceptedJob(job.Id, job.Name, job.DelayText, JobState.StatusText(JobStatus.Queued)), JobJsonContext.Default.AcceptedJob);
    }

    private static async Task JobAsync(HttpContext context, JobQueueFront queue)
    {
        if (HasTrailingSlash(context))
        {
            await GoHttp.NotFound(context);
            return;
        }

        var method = context.Request.Method;
        if (!HttpMethods.IsGet(method) && !HttpMethods.IsDelete(method))
        {
            await GoHttp.MethodNotAllowed(context, "GET, DELETE");
            return;
        }

        var id = (string?)context.Request.RouteValues["id"];
        if (!long.TryParse(id, System.Globalization.NumberStyles.None, null, out var jobId) || !queue.Tracker.Store.TryGet(jobId, out var job))
        {
            await GoHttp.Error(context, $"No job with id {id}.", StatusCodes.Status404NotFound);
            return;
        }

        if (HttpMethods.IsDelete(method))
        {
            await CancelAsync(context, queue, job);
        }
        else
        {
            await GetAsync(context, queue, job);
        }
    }

    /// <summary>GET /work/{id}[?wait=5s]: the state now, or once the job ends or the wait passes.</summary>
    private static async Task GetAsync(HttpContext context, JobQueueFront queue, Job job)
    {
        if (context.Request.Query["wait"] is { Count: > 0 } waitValues)
        {
            if (!GoDuration.TryParse(waitValues[0] ?? "", out var waitNanoseconds, out var error) || waitNanoseconds < 0)
            {
                await GoHttp.Error(context, "Bad wait value: " + (error ?? "must not be negative"), StatusCodes.Status400BadRequest);
                return;
            }

            var wait = TimeSpan.FromTicks(waitNanoseconds / 100);
            await WaitAsync(job, wait < MaxWait ? wait : MaxWait, queue, context.RequestAborted);
            if (context.RequestAborted.IsCancellationRequested)
            {
                return; // the client left: its wait is freed, nobody reads an answer
            }
        }

        await WriteStateAsync(context, StatusCodes.Status200OK, job);
    }

    /// <summary>
    /// DELETE /work/{id}: a queued job never starts (even one the Dispatcher already holds); a running
    /// one has its delay cut short. Either way it ends canceled. A job that had already ended is a 409.
    /// </summary>
    private static async Task CancelAsync(HttpContext context, JobQueueFront queue, Job job)
    {
        var status = StatusCodes.Status409Conflict;
        if (queue.Tracker.TryCancelQueued(job))
        {
            status = StatusCodes.Status200OK;
        }
        else if (job.RequestCancel())
        {
            // The worker ends the job as soon as its delay is cancelled; answer with that final state.
            // If the delay ran out first, the job completed and there was nothing left to cancel.
            await job.Finished.WaitAsync(context.RequestAborted);
            status = job.Status == JobStatus.Canceled ? StatusCodes.Status200OK : StatusCodes.Status409Conflict;
        }

        await WriteStateAsync(context, status, job);
    }

    private static async Task WaitAsync(Job job, TimeSpan wait, JobQueueFront queue, CancellationToken aborted)
    {
        // Shutdown answers every waiting client at once rather than hold the server open.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(aborted, queue.Stopping);
        try
        {
            await job.Finished.WaitAsync(wait, queue.Tracker.Time, stop.Token).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
        }
        catch (OperationCanceledException)
        {
        }
    }

    // ASP.NET routing forgives a trailing slash; Go's ServeMux answers "/work/" with its 404.
    private static bool HasTrailingSlash(HttpContext context) => context.Request.Path.Value!.EndsWith('/');

    private static Task WriteStateAsync(HttpContext context, int status, Job job) =>
        JsonResponse.WriteAsync(context, status, JobState.From(job.Snapshot()), JobJsonContext.Default.JobState);
}
