using System.Text.Json;

namespace JobQueue.Tests.Support;

/// <summary>Follows GET /work/events as a script would: each event's data is one JSON state.</summary>
internal static class EventStream
{
    /// <summary>
    /// The first state that matches. On the real clock the feed sends a new state whenever something
    /// changed, so a state that is only on its way arrives within a few events.
    /// </summary>
    public static async Task<JsonElement> StateWhereAsync(HttpClient client, Func<JsonElement, bool> match)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        using var response = await client.GetAsync("/work/events", HttpCompletionOption.ResponseHeadersRead, limit.Token);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(limit.Token));
        JsonElement? last = null;
        try
        {
            while (await reader.ReadLineAsync(limit.Token) is { } line)
            {
                if (line.StartsWith("data: ", StringComparison.Ordinal))
                {
                    var state = JsonDocument.Parse(line["data: ".Length..]).RootElement.Clone();
                    if (match(state))
                    {
                        return state;
                    }

                    last = state;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }

        throw new AssertionException($"no state matched within 15 s; the last was {last}");
    }
}
