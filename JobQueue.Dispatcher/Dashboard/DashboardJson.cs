using System.Text.Json;
using System.Text.Json.Serialization;
using JobQueue.Http;

namespace JobQueue.Dashboard;

/// <summary>Source-generated, so the Native AOT build serializes the dashboard's JSON without reflection.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(DashboardState))]
[JsonSerializable(typeof(JobState[]))]
internal sealed partial class DashboardJsonContext : JsonSerializerContext
{
    /// <summary>The list's context for GET /work, with <see cref="JsonResponse"/>'s escaping.</summary>
    /// <remarks>Made on first use: the generated part sets <c>Default</c> in a static initializer that may run after one here.</remarks>
    public static DashboardJsonContext Answers => field ??= new(JsonResponse.Options(Default));
}
