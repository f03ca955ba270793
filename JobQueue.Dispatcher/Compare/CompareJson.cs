using System.Text.Json;
using System.Text.Json.Serialization;

namespace JobQueue.Compare;

/// <summary>What <c>compare</c> reads of GET /work/{id}, as any client of the public API would.</summary>
internal sealed record WorkState(
    long Id,
    string Name,
    string Status,
    int? Worker,
    DateTimeOffset EnqueuedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt);

/// <summary>Source-generated, so the Native AOT build reads it without reflection.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(WorkState))]
internal sealed partial class CompareJsonContext : JsonSerializerContext;
