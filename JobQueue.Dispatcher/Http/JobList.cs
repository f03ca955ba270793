using System.Globalization;
using JobQueue.Queue;

namespace JobQueue.Http;

/// <summary>
/// GET /work?status=queued|running|completed|canceled&amp;limit=N: jobs as GET /work/{id} shows each,
/// newest first, as far back as --history keeps them.
/// </summary>
internal static class JobList
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 10000;

    public static async Task HandleAsync(HttpContext context, IJobQueue jobQueue)
    {
        var query = context.Request.Query;
        JobStatus? status = null;
        if (query["status"] is { Count: > 0 } statusValues)
        {
            if (Status(statusValues[0]) is not { } parsed)
            {
                await GoHttp.Error(context, "Bad status value: must be queued, running, completed, canceled or failed", StatusCodes.Status400BadRequest);
                return;
            }

            status = parsed;
        }

        var limit = DefaultLimit;
        if (query["limit"] is { Count: > 0 } limitValues
            && !(int.TryParse(limitValues[0], NumberStyles.None, CultureInfo.InvariantCulture, out limit) && limit is >= 1 and <= MaxLimit))
        {
            await GoHttp.Error(context, $"Bad limit value: must be an integer from 1 to {MaxLimit}", StatusCodes.Status400BadRequest);
            return;
        }

        var jobs = await jobQueue.ListAsync(status, limit, context.RequestAborted);
        await JsonResponse.WriteAsync(context, StatusCodes.Status200OK, jobs.Select(JobState.From).ToArray(), JobJsonContext.Default.JobStateArray);
    }

    private static JobStatus? Status(string? text) => text switch
    {
        "queued" => JobStatus.Queued,
        "running" => JobStatus.Running,
        "completed" => JobStatus.Completed,
        "canceled" => JobStatus.Canceled,
        "failed" => JobStatus.Failed,
        _ => null,
    };
}
