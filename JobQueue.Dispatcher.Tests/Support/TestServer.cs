using JobQueue.Engine;
using JobQueue.Hosting;
using JobQueue.Output;
using JobQueue.Queue;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace JobQueue.Tests.Support;

/// <summary>
/// The real host, Kestrel on 127.0.0.1 port 0, built by the same factory as the program, with a fake
/// clock and the console captured. Nothing of the server is mocked.
/// </summary>
internal sealed class TestServer : IAsyncDisposable
{
    private TestServer(WebApplication app, ObservedTimeProvider time, LineRecorder output, LineRecorder error, JobConsole console)
    {
        App = app;
        Time = time;
        Output = output;
        Error = error;
        Console = console;
        Client = new HttpClient { BaseAddress = new Uri(WorkServer.Address(app)), Timeout = TimeSpan.FromSeconds(30) };
    }

    public WebApplication App { get; }

    public ObservedTimeProvider Time { get; }

    /// <summary>Standard output: the per-job lines.</summary>
    public LineRecorder Output { get; }

    /// <summary>Standard error: the summary and everything else.</summary>
    public LineRecorder Error { get; }

    public JobConsole Console { get; }

    public HttpClient Client { get; }

    public JobCounters Counters => App.Services.GetRequiredService<JobCounters>();

    public static async Task<TestServer> StartAsync(ServerSettings? settings = null)
    {
        var time = new ObservedTimeProvider();
        var output = new LineRecorder();
        var error = new LineRecorder();
        var console = new JobConsole(output);
        var app = WorkServer.Build((settings ?? ServerSettings.Default) with { Port = 0 }, console, error, time);
        await app.StartAsync();
        return new TestServer(app, time, output, error, console);
    }

    public static ServerSettings Settings(string mode, int workers = 2, int queue = 100) =>
        ServerSettings.Default with { Mode = Enum.Parse<EngineMode>(mode, ignoreCase: true), MaxWorkers = workers, MaxQueueSize = queue, ShutdownTimeout = TimeSpan.FromSeconds(5) };

    public Task<HttpResponseMessage> PostAsync(string name, string delay) =>
        Client.PostAsync("/work", new FormUrlEncodedContent([new("name", name), new("delay", delay)]));

    /// <summary>Stops the host the way Ctrl+C does; the engine drains, then the summary is written.</summary>
    public async Task StopAsync()
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await App.StopAsync(limit.Token);
        await Console.FlushAsync();
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.DisposeAsync();
        await Console.DisposeAsync();
    }
}
