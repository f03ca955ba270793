using System.Net;
using System.Text.Json.Nodes;
using JobQueue.Diagnostics;
using JobQueue.Engine;
using JobQueue.Hosting;
using JobQueue.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace JobQueue.Tests.Diagnostics;

/// <summary>
/// The real host on port 0 with 2 workers, a queue of 3 and a fake clock, plus the one load both
/// diagnostics fixtures measure: two jobs running, then as many more as the queue takes.
/// </summary>
internal sealed class DiagnosticsServer : IAsyncDisposable
{
    public const int Workers = 2;
    public const int QueueSize = 3;
    public const int JobsPosted = 8;
    public static readonly TimeSpan JobDelay = TimeSpan.FromSeconds(2);

    private readonly TestServer _server;

    private DiagnosticsServer(TestServer server) => _server = server;

    public WebApplication App => _server.App;

    public HttpClient Client => _server.Client;

    /// <summary>Location of every 201, in the order posted.</summary>
    public List<string> Created { get; } = [];

    public int Rejected { get; private set; }

    public JobQueueMeter Meter => App.Services.GetRequiredService<JobQueueMeter>();

    public static async Task<DiagnosticsServer> StartAsync(EngineMode mode) =>
        new(await TestServer.StartAsync(ServerSettings.Default with
        {
            Mode = mode,
            MaxWorkers = Workers,
            MaxQueueSize = QueueSize,
            ShutdownTimeout = TimeSpan.FromSeconds(1),
            Quiet = true,
        }));

    /// <summary>
    /// Posts two jobs and waits until both run, then six more: the queue takes three, or four in
    /// original mode when the Dispatcher already holds one while it waits for a worker.
    /// </summary>
    public async Task LoadAsync()
    {
        await PostJobAsync("j1");
        await PostJobAsync("j2");
        await _server.Time.WhenTimersCreated(Workers); // each running job's delay
        for (var i = 3; i <= JobsPosted; i++)
        {
            await PostJobAsync("j" + i);
        }
    }

    /// <summary>Moves the clock past the running jobs' delay, and waits for both workers to start the next ones.</summary>
    public async Task FinishRunningJobsAsync()
    {
        _server.Time.Advance(JobDelay);

        // A worker sets its next job's delay timer only after it has finished the one before.
        await _server.Time.WhenTimersCreated(2 * Workers);
    }

    public async Task<JsonObject> ReadVarsAsync()
    {
        using var response = await Client.GetAsync("/debug/vars");
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private async Task PostJobAsync(string name)
    {
        using var form = new FormUrlEncodedContent([new("name", name), new("delay", "2s")]);
        using var response = await Client.PostAsync("/work", form);
        switch (response.StatusCode)
        {
            case HttpStatusCode.Created:
                Created.Add(response.Headers.Location!.OriginalString);
                break;
            case HttpStatusCode.ServiceUnavailable:
                Rejected++;
                break;
            default:
                throw new InvalidOperationException($"POST /work {name}: {(int)response.StatusCode}");
        }
    }
}
