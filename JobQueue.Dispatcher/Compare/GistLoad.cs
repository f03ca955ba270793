using System.Net;
using System.Text.Json;
using JobQueue.GoFormat;

namespace JobQueue.Compare;

/// <summary>
/// The gist's curl loop over real HTTP: <c>curl localhost:8080/work -d name=job$i -d delay=$(expr $i % 9 + 1)s</c>,
/// split between senders. Sender k POSTs jobs k, k + C, k + 2C ... one after the other over one connection.
/// </summary>
internal static class GistLoad
{
    private static readonly TimeSpan AnswerLimit = TimeSpan.FromSeconds(15);

    public static async Task<IReadOnlyList<Answer>> SendAsync(
        Uri server, CompareSettings settings, TimeProvider time, Action<Answer> answered, CancellationToken cancellationToken)
    {
        var answers = new Answer[settings.Jobs];
        var senders = Math.Min(settings.Senders, settings.Jobs);

        // One connection per sender, as one curl process with several URLs keeps one. Each is opened and
        // the POST path warmed (a POST with no name is a 400 and queues nothing) before the clock starts,
        // so that time zero is the first job's POST, not a connection's or a JIT compiler's start-up.
        var clients = Enumerable.Range(0, senders).Select(_ => Client(server)).ToArray();
        try
        {
            await Task.WhenAll(clients.Select(c => WarmAsync(c, cancellationToken)));
            var start = time.GetTimestamp();
            await Task.WhenAll(Enumerable.Range(1, senders).Select(first => SendShareAsync(clients[first - 1], first, start)));
            return answers;
        }
        finally
        {
            foreach (var client in clients)
            {
                client.Dispose();
            }
        }

        async Task SendShareAsync(HttpClient client, int first, long start)
        {
            for (var i = first; i <= settings.Jobs; i += senders)
            {
                // --rate: job i goes out (i - 1) / rate seconds after the first, or later when its sender is still busy.
                if (settings.Rate > 0 && TimeSpan.FromSeconds((i - 1) / settings.Rate) - time.GetElapsedTime(start) is { Ticks: > 0 } early)
                {
                    await Task.Delay(early, time, cancellationToken);
                }

                var answer = await PostAsync(client, i, settings.DelayOf(i), time, cancellationToken);
                answers[i - 1] = answer;
                answered(answer);
            }
        }
    }

    private static HttpClient Client(Uri server) =>
        new(new SocketsHttpHandler { MaxConnectionsPerServer = 1, UseProxy = false }) { BaseAddress = server, Timeout = AnswerLimit };

    private static async Task WarmAsync(HttpClient client, CancellationToken cancellationToken)
    {
        using var response = await client.PostAsync("/work", new FormUrlEncodedContent([new("delay", "1s")]), cancellationToken);
        await response.Content.ReadAsStringAsync(cancellationToken);
    }

    private static async Task<Answer> PostAsync(HttpClient client, int i, TimeSpan delay, TimeProvider time, CancellationToken cancellationToken)
    {
        var form = new FormUrlEncodedContent([new("name", $"job{i}"), new("delay", GoDuration.Format(delay.Ticks * 100))]);
        var sentAt = time.GetUtcNow();
        try
        {
            using var response = await client.PostAsync("/work", form, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            var answeredAt = time.GetUtcNow();
            return response.StatusCode == HttpStatusCode.Created
                ? new Answer(i, 201, IdOf(body), sentAt, answeredAt, null)
                : new Answer(i, (int)response.StatusCode, null, sentAt, answeredAt, FirstLine(body));
        }
        catch (HttpRequestException e)
        {
            return new Answer(i, 0, null, sentAt, time.GetUtcNow(), $"no answer: {e.Message}");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new Answer(i, 0, null, sentAt, time.GetUtcNow(), $"no answer within {AnswerLimit.TotalSeconds:0} s");
        }
    }

    // This program answers {"id":1,...}; a Go original answers with no body at all.
    private static long? IdOf(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.TryGetProperty("id", out var id) && id.TryGetInt64(out var value) ? value : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string FirstLine(string body)
    {
        var line = body.Split('\n', 2)[0].Trim();
        return line.Length <= 120 ? line : line[..120];
    }
}
