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
    // In the static constructor: it runs after the static initializers of every part, the generated
    // one's Default included, whose order among the parts is not defined.
    static DashboardJsonContext() => Answers = new(JsonResponse.Options(Default));

    /// <summary>The list's context for GET /work, with <see cref="JsonResponse"/>'s escaping.</summary>
    public static DashboardJsonContext Answers { get; }
}
