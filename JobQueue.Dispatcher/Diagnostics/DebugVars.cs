using System.Text.Json;
using System.Text.Json.Serialization;
using JobQueue.Postgres;

namespace JobQueue.Diagnostics;

/// <summary>
/// The page of GET /debug/vars. Go's expvar writes its variables sorted by name, so the job queue's
/// own object sits between <c>cmdline</c> and <c>memstats</c>, as a Go program's would.
/// </summary>
internal sealed record DebugVars(
    [property: JsonPropertyName("cmdline")] string[] Cmdline,
    [property: JsonPropertyName("jobqueue")] JobQueueVars JobQueue,
    [property: JsonPropertyName("memstats")] MemStats MemStats,
    [property: JsonPropertyName("sharedqueue"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] SharedQueueVars? SharedQueue = null);

/// <summary>Source-generated, so the Native AOT build serializes without reflection.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(DebugVars))]
internal sealed partial class DebugVarsJsonContext : JsonSerializerContext;
