using System.Text.Json;
using System.Text.Json.Serialization;

namespace JobQueue.Dashboard;

/// <summary>Source-generated, so the Native AOT build serializes the dashboard's JSON without reflection.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(DashboardState))]
internal sealed partial class DashboardJsonContext : JsonSerializerContext;
