using System.Text.Json;
using System.Text.Json.Serialization;
using JobQueue.GoFormat;
using JobQueue.Queue;

namespace JobQueue.Http;

/// <summary>The 201 of POST /work: what a client needs to follow its job.</summary>
internal sealed record AcceptedJob(long Id, string Name, string Delay, string Status);

/// <summary>GET and DELETE /work/{id}: a job's state, times in ISO 8601 UTC.</summary>
internal sealed record JobState(
    long Id,
    string Name,
    string Delay,
    string Status,
    int? Worker,
    DateTime EnqueuedAt,
    DateTime? StartedAt,
    DateTime? FinishedAt,
    string? Node,
    int? Attempt)
{
    public static JobState From(JobSnapshot job) => new(
        job.Id,
        job.Name,
        GoDuration.Format(job.DelayNanoseconds),
        StatusText(job.Status),
        job.StartedAt is null ? null : job.Worker,
        job.EnqueuedAt.UtcDateTime,
        job.StartedAt?.UtcDateTime,
        job.FinishedAt?.UtcDateTime,
        job.Node,

        // Only a shared queue has nodes and reruns; in memory every job runs once, on this node.
        job.Node is null ? null : job.Attempt);

    public static string StatusText(JobStatus status) => status switch
    {
        JobStatus.Queued => "queued",
        JobStatus.Running => "running",
        JobStatus.Completed => "completed",
        JobStatus.Failed => "failed",
        _ => "canceled",
    };
}

/// <summary>Source-generated, so the Native AOT build serializes without reflection.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(AcceptedJob))]
[JsonSerializable(typeof(JobState))]
[JsonSerializable(typeof(JobState[]))]
internal sealed partial class JobJsonContext : JsonSerializerContext;
