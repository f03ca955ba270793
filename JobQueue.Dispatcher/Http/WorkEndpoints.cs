using JobQueue.GoFormat;
using JobQueue.Queue;

namespace JobQueue.Http;

/// <summary>
/// POST /work: the gist's <c>requestHandler</c>, with its checks in its order and its exact answers.
/// GET /work lists jobs, and GET and DELETE /work/{id} follow and cancel one: what the gist could not do.
/// </summary>
internal static class WorkEndpoints
{
    private const string JobPaths = "/work/";

    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(60);

    public static ServeMux MapWork(this ServeMux mux, IServiceProvider services)
    {
        // Resolved once, not per request: Go's handler closes over jobQueue the same way.
        var queue = services.GetRequiredService<JobQueueFront>();

        // Shutdown answers every client waiting on a job at once rather than hold the server open.
        var stopping = services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;

        // http.HandleFunc("/work", requestHandler); every method reaches the handler, which answers 405 itself.
        mux.HandleFunc("/work", context => HttpMethods.IsGet(context.Request.Method)
            ? JobList.HandleAsync(context, queue.JobQueue)
            : SubmitAsync(context, queue));
        mux.HandleFunc(JobPaths, context => JobAsync(context, queue, stopping));
        return mux;
    }

    private static async Task SubmitAsync(HttpContext context, JobQueueFront queue)
    {
        // Make sure we can only be called with an HTTP POST request (or a GET, which lists jobs):
        // the gist's 405, its Allow naming both, as the methods this path answers.
        if (!HttpMethods.IsPost(context.Request.Method))
        {
            await GoHttp.MethodNotAllowed(context, "GET, POST");
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
        var result = await queue.SubmitAsync(name, delay, context.RequestAborted);
        switch (result.Refusal)
        {
            case EnqueueRefusal.Full:
                context.Response.Headers.RetryAfter = "1";
                await GoHttp.Error(context, "The job queue is full; retry later.", StatusCodes.Status503ServiceUnavailable);
                return;
            case EnqueueRefusal.ShuttingDown:
                await GoHttp.Error(context, "The server is shutting down and accepts no new jobs.", StatusCodes.Status503ServiceUnavailable);
                return;
            case EnqueueRefusal.Unavailable:
                context.Response.Headers.RetryAfter = "1";
                await GoHttp.Error(context, "The job queue is unavailable: " + result.Reason, StatusCodes.Status503ServiceUnavailable);
                return;
        }

        var job = result.Job!;
        context.Response.Headers.Location = $"/work/{job.Id}";
        await JsonResponse.WriteAsync(context, StatusCodes.Status201Created,
            new AcceptedJob(job.Id, job.Name, GoDuration.Format(job.DelayNanoseconds), JobState.StatusText(JobStatus.Queued)), JobJsonContext.Default.AcceptedJob);
    }

    /// <summary>/work/{id}: one segment below /work/, no more and no less ("/work/" and "/work/1/" are Go's 404).</summary>
    private static async Task JobAsync(HttpContext context, JobQueueFront queue, CancellationToken stopping)
    {
        var id = context.Request.Path.Value![JobPaths.Length..];
        if (id.Length == 0 || id.Contains('/'))
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

        if (!long.TryParse(id, System.Globalization.NumberStyles.None, null, out var jobId))
        {
            await NoSuchJob(context, id);
            return;
        }

        if (HttpMethods.IsDelete(method))
        {
            await CancelAsync(context, queue, jobId);
        }
        else
        {
            await GetAsync(context, queue, jobId, stopping);
        }
    }

    /// <summary>GET /work/{id}[?wait=5s]: the state now, or once the job ends or the wait passes.</summary>
    private static async Task GetAsync(HttpContext context, JobQueueFront queue, long id, CancellationToken stopping)
    {
        JobSnapshot? job;
        if (context.Request.Query["wait"] is { Count: > 0 } waitValues)
        {
            if (!GoDuration.TryParse(waitValues[0] ?? "", out var waitNanoseconds, out var error) || waitNanoseconds < 0)
            {
                await GoHttp.Error(context, "Bad wait value: " + (error ?? "must not be negative"), StatusCodes.Status400BadRequest);
                return;
            }

            var wait = TimeSpan.FromTicks(waitNanoseconds / 100);

            using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
            try
            {
                job = await queue.JobQueue.WaitAsync(id, wait < MaxWait ? wait : MaxWait, stop.Token);
            }
            catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
            {
                return; // the client left: its wait is freed, nobody reads an answer
            }
            catch (OperationCanceledException)
            {
                job = await queue.JobQueue.FindAsync(id, context.RequestAborted);
            }
        }
        else
        {
            job = await queue.JobQueue.FindAsync(id, context.RequestAborted);
        }

        if (job is null)
        {
            await NoSuchJob(context, id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            return;
        }

        await WriteStateAsync(context, StatusCodes.Status200OK, job);
    }

    /// <summary>
    /// DELETE /work/{id}: a queued job never starts (even one already taken for a worker); a running
    /// one has its delay cut short. Either way it ends canceled. A job that had already ended is a 409.
    /// </summary>
    private static async Task CancelAsync(HttpContext context, JobQueueFront queue, long id)
    {
        var result = await queue.CancelAsync(id, context.RequestAborted);
        var status = result.Outcome switch
        {
            CancelOutcome.CanceledQueued or CancelOutcome.CanceledRunning => StatusCodes.Status200OK,
            CancelOutcome.AlreadyEnded => StatusCodes.Status409Conflict,

            // The node that runs it has been asked and has not confirmed yet: the cancel is under way.
            CancelOutcome.Unconfirmed => StatusCodes.Status202Accepted,
            _ => StatusCodes.Status404NotFound,
        };

        if (result.Job is null)
        {
            await NoSuchJob(context, id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            return;
        }

        await WriteStateAsync(context, status, result.Job);
    }

    private static Task NoSuchJob(HttpContext context, string id) =>
        GoHttp.Error(context, $"No job with id {id}.", StatusCodes.Status404NotFound);

    private static Task WriteStateAsync(HttpContext context, int status, JobSnapshot job) =>
        JsonResponse.WriteAsync(context, status, JobState.From(job), JobJsonContext.Default.JobState);
}
