using System.Text.Json.Serialization;

namespace JobQueue.Postgres;

/// <summary>The shared queue in /debug/vars: this node, the jobs of every node by state, and the live nodes.</summary>
internal sealed record SharedQueueVars(
    string Node,
    [property: JsonPropertyName("jobs")] IReadOnlyDictionary<string, long> Jobs,
    [property: JsonPropertyName("nodes")] IReadOnlyList<NodeVars> Nodes,
    string? Error = null);

/// <summary>A node whose heartbeat is younger than --rescue-after.</summary>
internal sealed record NodeVars(string Name, int Workers, double HeartbeatAgeMs);
