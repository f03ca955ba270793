using System.Net;
using System.Text.Json.Nodes;
using JobQueue.Dispatcher.Diagnostics;
using JobQueue.Dispatcher.Hosting;
using JobQueue.Dispatcher.Output;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace JobQueue.Dispatcher.Tests.Diagnostics;

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

    private readonly JobConsole _console;

    private DiagnosticsServer(WebApplication app, JobClock clock, JobConsole console, ServerSettings settings)
    {
        App = app;
        Clock = clock;
        _console = console;
        Settings = settings;
        Client = new HttpClient { BaseAddress = new Uri(WorkServer.Address(app)), Timeout = TimeSpan.FromSeconds(10) };
    }

    public WebApplication App { get; }

    public JobClock Clock { get; }

    public HttpClient Client { get; }

    public ServerSettings Settings { get; }

    /// <summary>Location of every 201, in the order posted.</summary>
    public List<string> Created { get; } = [];

    public int Rejected { get; private set; }

    public JobQueueMeter Meter => App.Services.GetRequiredService<JobQueueMeter>();

    public static async Task<DiagnosticsServer> StartAsync(EngineMode mode)
    {
        var settings = ServerSettings.Default with
        {
            Mode = mode,
            Port = 0,
            MaxWorkers = Workers,
            MaxQueueSize = QueueSize,
            ShutdownTimeout = TimeSpan.FromSeconds(1),
            Quiet = true,
        };
        var clock = new JobClock(JobDelay);
        var console = new JobConsole(new StringWriter(), quiet: true);
        var app = WorkServer.Build(settings, console, new StringWriter(), clock);
        await app.StartAsync();
        return new DiagnosticsServer(app, clock, console, settings);
    }

    /// <summary>
    /// Posts two jobs and waits until both run, then six more: the queue takes three, or four in
    /// original mode when the Dispatcher already holds one while it waits for a worker.
    /// </summary>
    public async Task LoadAsync()
    {
        await PostJobAsync("j1");
        await PostJobAsync("j2");
        await Clock.WaitForArmedDelaysAsync(Workers);
        for (var i = 3; i <= JobsPosted; i++)
        {
            await PostJobAsync("j" + i);
        }
    }

    /// <summary>Moves the clock past the running jobs' delay, and waits for both workers to start the next ones.</summary>
    public async Task FinishRunningJobsAsync()
    {
        Clock.Advance(JobDelay);

        // A worker arms its next job's delay only after it has finished the one before.
        await Clock.WaitForArmedDelaysAsync(2 * Workers);
    }

    public async Task<JsonObject> ReadVarsAsync()
    {
        using var response = await Client.GetAsync("/debug/vars");
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    public async ValueTask DisposeAsync()
    {
        // Jobs on a fake clock never end by themselves: move it until the drain times out and the
        // engine cancels what is left. The token bounds the whole stop whatever happens.
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        var stopping = App.StopAsync(limit.Token);
        while (!stopping.IsCompleted)
        {
            Clock.Advance(Settings.ShutdownTimeout);
            await Task.WhenAny(stopping, Task.Delay(10));
        }

        await stopping;
        await App.DisposeAsync();
        await _console.DisposeAsync();
        Client.Dispose();
    }

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
