using System.Text.Json;

namespace JobQueue.Compare;

/// <summary>How many garbage collections a server ran, from its /debug/vars: this program's memstats.gcCount, Go's memstats.NumGC.</summary>
internal static class GcCount
{
    public static async Task<long?> ReadAsync(Uri server, CancellationToken cancellationToken)
    {
        try
        {
            using HttpClient client = new() { BaseAddress = server, Timeout = TimeSpan.FromSeconds(5) };
            await using var body = await client.GetStreamAsync("/debug/vars", cancellationToken);
            using var vars = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken);
            if (!vars.RootElement.TryGetProperty("memstats", out var memstats))
            {
                return null;
            }

            foreach (var name in (string[])["gcCount", "NumGC"])
            {
                if (memstats.TryGetProperty(name, out var count) && count.TryGetInt64(out var value))
                {
                    return value;
                }
            }

            return null;
        }
        catch (Exception e) when (e is HttpRequestException or JsonException or TaskCanceledException)
        {
            return null;
        }
    }
}
